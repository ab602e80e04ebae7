package org.avmam.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.Tika;
import org.avmam.asset.MediaType;

/**
 * Decides what a file is from its bytes (Apache Tika's magic), never from its name or the
 * client's Content-Type.
 *
 * <p>Tika's core magic calls every ISO-BMFF file with a non-QuickTime brand (MP4 from cameras and
 * phones) video/quicktime, and does not recognise MPEG transport streams (AVCHD .mts/.m2ts) or name
 * Matroska as video; those three are refined here from the same first bytes.
 */
@ApplicationScoped
public class ContentDetector {

    private static final int PEEK = 1024;
    private static final int TS_PACKET = 188;

    /** ISO-BMFF major brands (ftyp) → media type. */
    private static final Map<String, String> BRANDS = Map.ofEntries(
            Map.entry("qt  ", "video/quicktime"),
            Map.entry("M4A ", "audio/mp4"),
            Map.entry("M4B ", "audio/mp4"),
            Map.entry("M4V ", "video/x-m4v"),
            Map.entry("3gp4", "video/3gpp"),
            Map.entry("3gp5", "video/3gpp"),
            Map.entry("3gp6", "video/3gpp"),
            Map.entry("3g2a", "video/3gpp2"),
            Map.entry("heic", "image/heic"),
            Map.entry("heix", "image/heic"),
            Map.entry("mif1", "image/heif"),
            Map.entry("msf1", "image/heif-sequence"),
            Map.entry("avif", "image/avif"),
            Map.entry("crx ", "image/x-canon-cr3"));

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
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        // Only the bytes: passing the name would let the extension decide.
        String mime = refine(tika.detect(in), head);
        return new Detected(mime, mediaTypeOf(mime));
    }

    static String refine(String tikaType, byte[] head) {
        if (head.length >= 12 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            return BRANDS.getOrDefault(brand, tikaType.startsWith("audio/") ? tikaType : "video/mp4");
        }
        if (tikaType.equals("application/x-matroska")) {
            return "video/x-matroska";
        }
        if (tikaType.equals("application/octet-stream") && (isTransportStream(head, 0) || isTransportStream(head, 4))) {
            return "video/mp2t";
        }
        return tikaType;
    }

    /** MPEG-TS: a 0x47 sync byte every 188 bytes (BDAV/AVCHD .m2ts adds a 4-byte prefix to each packet). */
    private static boolean isTransportStream(byte[] head, int offset) {
        int stride = offset == 0 ? TS_PACKET : TS_PACKET + 4;
        int checked = 0;
        for (int i = offset; i < head.length; i += stride) {
            if (head[i] != 0x47) {
                return false;
            }
            checked++;
        }
        return checked >= 3;
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
