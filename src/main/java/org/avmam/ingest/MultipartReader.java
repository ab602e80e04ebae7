package org.avmam.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;
import org.apache.commons.fileupload.util.Streams;
import org.avmam.api.ApiException;

/**
 * Reads a multipart/form-data body as a stream (Apache Commons FileUpload's streaming API): the
 * file part goes straight to its consumer, never to a framework temp file, so a multi-GB upload is
 * read once and held in memory only a buffer at a time.
 */
public final class MultipartReader {

    /** Receives the one file part while the request is being read. */
    @FunctionalInterface
    public interface FilePartConsumer<T> {
        T accept(String filename, InputStream content) throws IOException;
    }

    /** The stored file part plus every text field, whichever order the client sent them in. */
    public record Parts<T>(T file, Map<String, String> fields) {}

    private static final int MAX_FIELD_CHARS = 64 * 1024;

    private MultipartReader() {}

    public static <T> Parts<T> read(String contentType, long contentLength, InputStream body, String fileField,
            FilePartConsumer<T> consumer) throws IOException {
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiException(415, "Unsupported Media Type", "send the file as multipart/form-data");
        }
        FileUpload upload = new FileUpload();
        upload.setFileCountMax(16);
        T file = null;
        Map<String, String> fields = new HashMap<>();
        try {
            FileItemIterator items = upload.getItemIterator(new Context(contentType, contentLength, body));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                try (InputStream in = item.openStream()) {
                    if (item.isFormField()) {
                        String value = Streams.asString(in, StandardCharsets.UTF_8.name());
                        if (value.length() > MAX_FIELD_CHARS) {
                            throw ApiException.badRequest("the form field '" + item.getFieldName() + "' is too long");
                        }
                        fields.put(item.getFieldName(), value);
                    } else if (fileField.equals(item.getFieldName())) {
                        if (file != null) {
                            throw ApiException.badRequest("send one file per request in the field '" + fileField + "'");
                        }
                        file = consumer.accept(item.getName(), in);
                    } else {
                        throw ApiException.badRequest("unexpected file field '" + item.getFieldName()
                                + "'; the file goes in the field '" + fileField + "'");
                    }
                }
            }
        } catch (FileUploadException e) {
            throw ApiException.badRequest("the multipart body is malformed or truncated: " + e.getMessage());
        }
        if (file == null) {
            throw ApiException.badRequest("no file: send it in the multipart field '" + fileField + "'");
        }
        return new Parts<>(file, fields);
    }

    private record Context(String contentType, long contentLength, InputStream body) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return (int) Math.min(Integer.MAX_VALUE, contentLength);
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }
    }
}
