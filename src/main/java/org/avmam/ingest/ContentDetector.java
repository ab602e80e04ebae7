package org.avmam.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.tika.Tika;
import org.avmam.asset.MediaType;

/**
 * Decides what a file is from its bytes (Apache Tika's magic), never from its name or the
 * client's Content-Type.
 */
@ApplicationScoped
public class ContentDetector {

    private final Tika tika = new Tika();

    public record Detected(String mimeType, Optional<MediaType> mediaType) {}

    /**
     * Sniffs a stream that supports mark/reset; the stream is left where it was, so the same
     * bytes can go on to the blob store.
     */
    public Detected detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detection needs a stream with mark/reset");
        }
        // Only the bytes: passing the name would let the extension decide.
        String mime = tika.detect(in);
        return new Detected(mime, mediaTypeOf(mime));
    }

    static Optional<MediaType> mediaTypeOf(String mime) {
        if (mime.startsWith("image/")) {
            return Optional.of(MediaType.IMAGE);
        }
        if (mime.startsWith("video/") || mime.equals("application/mxf")) {
            return Optional.of(MediaType.VIDEO);
        }
        if (mime.startsWith("audio/")) {
            return Optional.of(MediaType.AUDIO);
        }
        return Optional.empty();
    }
}
