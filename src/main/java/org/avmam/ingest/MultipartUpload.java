package org.avmam.ingest;

import io.netty.buffer.ByteBuf;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload.ParameterParser;
import org.avmam.api.ApiException;

/**
 * A multipart/form-data upload of one file plus text fields, parsed on the event loop as it arrives
 * ({@link MultipartParser}); the file part's bytes go into an {@link UploadPipe}, hashed on the way,
 * for a worker to write. The worker waits for the file part ({@link #awaitFile()}), writes it, then
 * waits for the rest of the body ({@link #awaitFields()}): fields may come before or after the file,
 * and a body cut off after the file part is still a truncated upload.
 */
public final class MultipartUpload implements MultipartParser.Handler {

    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 64;

    private final String fileField;
    private final UploadPipe pipe;
    private final MultipartParser parser;
    private final Map<String, String> fields = new HashMap<>();
    /** The text field being read, or null while in the file part (event loop only). */
    private String fieldName;
    private ByteArrayOutputStream fieldValue;
    private boolean inFile;
    private int parts;
    // Shared with the worker; guarded by this.
    private String filename;
    private boolean ended;
    private Exception error;
    private volatile boolean discarding;

    private MultipartUpload(String boundary, String fileField, UploadPipe.FlowControl flow) {
        this.fileField = fileField;
        this.pipe = new UploadPipe(flow, sha256());
        this.parser = new MultipartParser(boundary, this);
    }

    /**
     * Hooks a request's body up; call on its event loop before any of the body has been read.
     *
     * @throws ApiException 415 if the body is not multipart/form-data, 400 if its boundary is unusable
     */
    public static MultipartUpload attach(HttpServerRequest request, String contentType, String fileField) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(415, "Unsupported Media Type", "send the file as multipart/form-data");
        }
        String boundary;
        try {
            boundary = MultipartParser.boundary(contentType);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        MultipartUpload upload = new MultipartUpload(boundary, fileField, UploadPipe.flowOf(request));
        request.handler(b -> upload.arrived(b.getByteBuf().retain()));
        request.endHandler(v -> upload.bodyEnded());
        request.exceptionHandler(upload::broke);
        UploadPipe.startBody(request);
        return upload;
    }

    /** Feeds the parser directly (tests, and the event-loop handlers above). */
    void arrived(ByteBuf buf) {
        if (discarding || failed()) {
            buf.release();
            return;
        }
        try {
            parser.feed(buf);
        } catch (MultipartParser.MalformedException e) {
            fail(ApiException.badRequest("the multipart body is malformed: {0}", e.getMessage()));
        } catch (ApiException e) {
            fail(e);
        }
    }

    void bodyEnded() {
        if (!failed()) {
            try {
                parser.finish();
            } catch (MultipartParser.MalformedException e) {
                fail(ApiException.badRequest("the multipart body is malformed or truncated: {0}", e.getMessage()));
                return;
            }
        }
        pipe.end();
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    private void broke(Throwable t) {
        fail(new IOException("the connection broke: " + t.getMessage(), t));
    }

    private synchronized boolean failed() {
        return error != null;
    }

    private void fail(Exception e) {
        synchronized (this) {
            if (error == null) {
                error = e;
            }
            notifyAll();
        }
        pipe.fail(e);
    }

    @Override
    public void partBegin(Map<String, String> headers) {
        if (++parts > MAX_PARTS) {
            throw ApiException.badRequest("the form has more than {0} parts", MAX_PARTS);
        }
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw ApiException.badRequest("a part has no 'Content-Disposition: form-data' header");
        }
        ParameterParser pp = new ParameterParser();
        pp.setLowerCaseNames(true);
        Map<String, String> params = pp.parse(disposition, ';');
        String name = params.get("name");
        if (name == null) {
            throw ApiException.badRequest("a part's Content-Disposition has no name");
        }
        String file = params.containsKey("filename*") ? extValue(params.get("filename*")) : params.get("filename");
        if (file == null) {
            fieldName = name;
            fieldValue = new ByteArrayOutputStream();
            return;
        }
        if (!fileField.equals(name)) {
            throw ApiException.badRequest("unexpected file field '{0}'; the file goes in the field '{1}'", name, fileField);
        }
        synchronized (this) {
            if (filename != null) {
                throw ApiException.badRequest("send one file per request in the field '{0}'", fileField);
            }
            filename = file;
            notifyAll();
        }
        inFile = true;
    }

    /** RFC 5987/8187 {@code charset'lang'percent-encoded}; RFC 7578 advises against it, but some clients send it. */
    private static String extValue(String v) {
        int a = v.indexOf('\'');
        int b = a < 0 ? -1 : v.indexOf('\'', a + 1);
        if (b < 0) {
            return v;
        }
        try {
            return URLDecoder.decode(v.substring(b + 1).replace("+", "%2B"), v.substring(0, a).isEmpty()
                    ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(v.substring(0, a)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the part's filename* is not RFC 8187 encoded: '{0}'", v);
        }
    }

    @Override
    public void content(ByteBuf content) {
        if (inFile) {
            pipe.offer(content);
            return;
        }
        try {
            if (fieldValue.size() + content.readableBytes() > MAX_FIELD_BYTES) {
                throw ApiException.badRequest("the form field '{0}' is too long (over {1} bytes)", fieldName, MAX_FIELD_BYTES);
            }
            content.readBytes(fieldValue, content.readableBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            content.release();
        }
    }

    @Override
    public void partEnd() {
        if (inFile) {
            inFile = false;
            pipe.end();
        } else {
            synchronized (this) {
                fields.put(fieldName, fieldValue.toString(StandardCharsets.UTF_8)); // the worker may be reading fieldsSoFar
            }
            fieldName = null;
            fieldValue = null;
        }
    }

    // ---- worker side ----

    /** The client's name of the file, once its part has begun. */
    public String awaitFile() throws IOException {
        synchronized (this) {
            while (filename == null && !ended && error == null) {
                waitHere();
            }
            if (filename != null) {
                return filename;
            }
            UploadPipe.rethrow(error);
            throw ApiException.badRequest("no file: send it in the multipart field '{0}'", fileField);
        }
    }

    /** The text fields that arrived before the file part. */
    public synchronized Map<String, String> fieldsSoFar() {
        return Map.copyOf(fields);
    }

    /** The file part's bytes. */
    public UploadPipe pipe() {
        return pipe;
    }

    /** Every text field, once the whole body has arrived intact. */
    public Map<String, String> awaitFields() throws IOException {
        synchronized (this) {
            while (!ended && error == null) {
                waitHere();
            }
            UploadPipe.rethrow(error);
            return Map.copyOf(fields);
        }
    }

    /** The worker is done: drop whatever else arrives, so the client can read the answer. */
    public void close() {
        discarding = true;
        pipe.close();
    }

    private void waitHere() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upload");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
