package org.avmam.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.asset.MediaType;
import org.avmam.config.AvmamConfig;
import org.avmam.storage.BlobStore;

/**
 * Turns an upload into an asset: the type is sniffed from the first bytes, then the stream goes
 * into the blob store (hashed on the way), then the asset and its first job are recorded.
 */
@ApplicationScoped
public class IngestService {

    /** Enough for Tika's magic of every supported format. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private final BlobStore blobs;
    private final ContentDetector detector;
    private final AssetService assets;
    private final AvmamConfig config;

    public IngestService(BlobStore blobs, ContentDetector detector, AssetService assets, AvmamConfig config) {
        this.blobs = blobs;
        this.detector = detector;
        this.assets = assets;
        this.config = config;
    }

    /** A file received and stored, before it becomes an asset. */
    public record Received(String filename, BlobStore.StoredBlob blob, String mimeType, MediaType mediaType) {}

    public Asset ingestMultipart(String contentType, long contentLength, InputStream body) throws IOException {
        long max = config.upload().maxBytes();
        if (contentLength > max + SNIFF_BYTES) {
            throw tooLarge(max);
        }
        MultipartReader.Parts<Received> parts = MultipartReader.read(contentType, contentLength, body, "file", this::receive);
        Map<String, String> fields = parts.fields();
        return create(parts.file(), fields.get("title"), fields.get("language"));
    }

    public Received receive(String clientFilename, InputStream content) throws IOException {
        String filename = FileNames.sanitise(clientFilename);
        BufferedInputStream in = new BufferedInputStream(content, SNIFF_BYTES * 2);
        in.mark(SNIFF_BYTES * 2);
        int first = in.read();
        if (first == -1) {
            throw new ApiException(400, "Empty file", "the file '" + filename + "' is empty (0 bytes)");
        }
        in.reset();
        ContentDetector.Detected detected = detector.detect(in);
        if (detected.mediaType().isEmpty()) {
            throw new ApiException(415, "Unsupported Media Type", "the content of '" + filename + "' is "
                    + detected.mimeType() + ", which is not an image, video or audio file");
        }
        BlobStore.StoredBlob blob;
        try {
            blob = blobs.put(in, config.upload().maxBytes());
        } catch (BlobStore.TooLargeException e) {
            throw tooLarge(config.upload().maxBytes());
        }
        return new Received(filename, blob, detected.mimeType(), detected.mediaType().get());
    }

    public Asset create(Received r, String title, String language) {
        return assets.create(new AssetService.NewAsset(r.blob().sha256(), r.blob().size(), r.mediaType(), r.mimeType(),
                r.filename(), blankToNull(title), language(language)));
    }

    /** A BCP 47 tag, normalised ("zh-hans-cn" → "zh-Hans-CN"); the configured default when absent. */
    String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return config.speech().defaultLanguage();
        }
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (l.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language subtag");
            }
            return l.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw ApiException.badRequest("language '" + tag + "' is not a BCP 47 language tag (e.g. en, zh-CN)");
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(413, "Content Too Large", "the file is larger than the limit of " + max
                + " bytes (avmam.upload.max-bytes)");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
