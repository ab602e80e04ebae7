package org.avmam.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.asset.MediaType;
import org.avmam.config.AvmamConfig;
import org.avmam.storage.BlobStore;
import org.avmam.storage.DirectFileWriter;

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
    private final BatchService batches;
    private final AvmamConfig config;

    public IngestService(BlobStore blobs, ContentDetector detector, AssetService assets, BatchService batches, AvmamConfig config) {
        this.blobs = blobs;
        this.detector = detector;
        this.assets = assets;
        this.batches = batches;
        this.config = config;
    }

    /** A file received and stored, before it becomes an asset. */
    public record Received(String filename, BlobStore.StoredBlob blob, String mimeType, MediaType mediaType) {}

    /** What the client said about the file: the form fields of a multipart upload, or tus Upload-Metadata. */
    public record Description(Supplied supplied, String language, String batch, String uploadedBy) {

        public Description(Supplied supplied, String language, String batch) {
            this(supplied, language, batch, null);
        }

        /** The client's fields; who uploaded is never one of them, but the signed-in user ({@link #by}). */
        public static Description of(Map<String, String> fields) {
            return new Description(Supplied.of(fields), fields.get("language"), fields.get("batch"), null);
        }

        public Description by(String user) {
            return new Description(supplied, language, batch, user);
        }
    }

    /**
     * A multipart upload: the file part is sniffed from its first bytes, hashed and written to the
     * store's staging area as it arrives, and moved into the store
     * only once the whole body arrived intact, so a body cut off after the file is no asset.
     */
    public Asset ingestMultipart(MultipartUpload upload, String uploadedBy) throws IOException {
        long max = config.upload().maxBytes();
        String filename = FileNames.sanitise(upload.awaitFile());
        validate(Description.of(upload.fieldsSoFar())); // fields sent before the file: refused before its bytes are taken
        UploadPipe pipe = upload.pipe();
        ContentDetector.Detected detected = sniff(filename, new java.io.ByteArrayInputStream(pipe.head()));
        Path staging = blobs.stagingFile();
        try {
            try (DirectFileWriter out = DirectFileWriter.open(staging, 0, config.upload().directIo())) {
                pipe.drainTo(out, max, null);
                pipe.throwIfBroken();
                out.finish();
            } catch (BlobStore.TooLargeException e) {
                throw tooLarge(max);
            }
            Map<String, String> fields = upload.awaitFields();
            validate(Description.of(fields)); // before the blob exists: the staging file goes in finally
            Received r = new Received(filename, blobs.putFile(staging, pipe.sha256()), detected.mimeType(),
                    detected.mediaType().get());
            return create(r, Description.of(fields).by(uploadedBy), "multipart upload");
        } finally {
            java.nio.file.Files.deleteIfExists(staging);
        }
    }

    /**
     * Refuses a multipart body whose declared length alone is over the limit (413), before any of
     * it is read: called on the event loop, so the client gets the answer instead of a 100 Continue.
     */
    public void checkDeclaredLength(Long contentLength) {
        if (contentLength != null && contentLength > config.upload().maxBytes() + SNIFF_BYTES) {
            throw tooLarge(config.upload().maxBytes());
        }
    }

    public Received receive(String clientFilename, InputStream content) throws IOException {
        String filename = FileNames.sanitise(clientFilename);
        BufferedInputStream in = new BufferedInputStream(content, SNIFF_BYTES * 2);
        ContentDetector.Detected detected = sniff(filename, in);
        BlobStore.StoredBlob blob;
        try {
            blob = blobs.put(in, config.upload().maxBytes());
        } catch (BlobStore.TooLargeException e) {
            throw tooLarge(config.upload().maxBytes());
        }
        return new Received(filename, blob, detected.mimeType(), detected.mediaType().get());
    }

    /** A complete file already on local disk (a finished tus upload): moved into the blob store, not copied. */
    public Received receiveFile(String clientFilename, Path file) throws IOException {
        return receiveFile(clientFilename, file, null);
    }

    /** {@code sha256}: the file's digest when the caller computed it while writing (else null: read again). */
    public Received receiveFile(String clientFilename, Path file, String sha256) throws IOException {
        String filename = FileNames.sanitise(clientFilename);
        ContentDetector.Detected detected;
        try (BufferedInputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), SNIFF_BYTES * 2)) {
            detected = sniff(filename, in);
        }
        return new Received(filename, sha256 == null ? blobs.putFile(file) : blobs.putFile(file, sha256), detected.mimeType(),
                detected.mediaType().get());
    }

    /** Type from the first bytes; an empty or unsupported file is refused before anything is stored. */
    private ContentDetector.Detected sniff(String filename, InputStream in) throws IOException {
        in.mark(SNIFF_BYTES * 2);
        int first = in.read();
        if (first == -1) {
            throw new ApiException(400, "Empty file", "the file '{0}' is empty (0 bytes)", filename);
        }
        in.reset();
        ContentDetector.Detected detected = detector.detect(in);
        if (detected.refusal() != null) {
            throw new ApiException(415, "Unsupported Media Type", "'{0}' is refused: {1}", filename, detected.refusal());
        }
        if (detected.mediaType().isEmpty()) {
            throw new ApiException(415, "Unsupported Media Type", "the content of '{0}' is {1}, which is not an image, video or audio file", filename, detected.mimeType());
        }
        return detected;
    }

    public Asset create(Received r, Description d, String via) {
        return create(r, d, via, asset -> { });
    }

    /**
     * As above; {@code alongside} runs in the asset's own transaction, so what it records (a
     * finished upload) commits with the asset or not at all.
     */
    public Asset create(Received r, Description d, String via, java.util.function.Consumer<Asset> alongside) {
        Batch batch = batchOf(d);
        String language = d.language() != null && !d.language().isBlank() ? language(d.language())
                : batch != null && batch.language != null ? batch.language : config.speech().defaultLanguage();
        List<String> warnings = new ArrayList<>();
        extensionMismatch(r.filename(), r.mimeType()).ifPresent(warnings::add);
        Supplied supplied = d.supplied() == null ? Supplied.NONE : d.supplied();
        AssetService.NewAsset n = new AssetService.NewAsset(r.blob().sha256(), r.blob().size(), r.mediaType(), r.mimeType(),
                r.filename(), supplied.title(), language, batch == null ? null : batch.id, warnings, via,
                supplied.isEmpty() ? null : org.avmam.common.Json.write(supplied), d.uploadedBy());
        try {
            return createWith(n, alongside);
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // An identical upload became the original a moment before: this one is its duplicate.
            return createWith(n, alongside);
        }
    }

    private Asset createWith(AssetService.NewAsset n, java.util.function.Consumer<Asset> alongside) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Asset a = assets.create(n);
            alongside.accept(a);
            return a;
        });
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks what the client said (batch, language) before anything is stored, so a bad field
     * never leaves an orphan blob behind a multi-gigabyte upload.
     *
     * @throws ApiException 400 naming the field, 404 for a batch that does not exist
     */
    public void validate(Description d) {
        batchOf(d);
        if (d.language() != null && !d.language().isBlank()) {
            language(d.language());
        }
    }

    private Batch batchOf(Description d) {
        if (d.batch() == null || d.batch().isBlank()) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(d.batch().strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("batch '{0}' is not a batch id", d.batch());
        }
        return batches.get(id);
    }

    /** The detected type wins; a name that says otherwise is kept as a warning. */
    static java.util.Optional<String> extensionMismatch(String filename, String mimeType) {
        int dot = filename.lastIndexOf('.');
        if (dot < 0 || dot == filename.length() - 1) {
            return java.util.Optional.empty();
        }
        String ext = filename.substring(dot).toLowerCase(Locale.ROOT);
        try {
            List<String> known = MimeTypes.getDefaultMimeTypes().forName(mimeType).getExtensions();
            if (known.isEmpty() || known.contains(ext) || sameFamily(ext, mimeType)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("the file is named '" + filename + "' but its content is " + mimeType
                    + " (usually " + String.join(", ", known) + ")");
        } catch (MimeTypeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Extensions cameras use for these types that Tika does not list. */
    private static boolean sameFamily(String ext, String mimeType) {
        return switch (mimeType) {
            case "video/mp2t" -> List.of(".mts", ".m2ts", ".ts").contains(ext);
            case "video/mp4" -> List.of(".mp4", ".m4v", ".mov").contains(ext);
            case "video/quicktime" -> List.of(".mov", ".qt", ".mp4").contains(ext);
            case "image/jpeg" -> List.of(".jpg", ".jpeg", ".jpe", ".jfif").contains(ext);
            default -> false;
        };
    }

    /** A BCP 47 tag, normalised ("zh-hans-cn" → "zh-Hans-CN"). */
    public String language(String tag) {
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (l.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language subtag");
            }
            return l.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw ApiException.badRequest("language '{0}' is not a BCP 47 language tag (e.g. en, zh-CN)", tag);
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(413, "Content Too Large", "the file is larger than the limit of {0} bytes (avmam.upload.max-bytes)", max);
    }
}
