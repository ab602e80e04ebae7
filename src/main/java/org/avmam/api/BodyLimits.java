package org.avmam.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.avmam.config.AvmamConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Body limits per kind of endpoint. {@code quarkus.http.limits.max-body-size} is lifted so that
 * uploads can stream gigabytes (they enforce avmam.upload.max-bytes themselves); every other
 * endpoint gets avmam.api.max-body-size here: refused on its Content-Length before it is read,
 * and counted as it is read when it comes chunked.
 */
public class BodyLimits {

    private final long maxBody;
    private final long maxImageQuery;

    public BodyLimits(AvmamConfig config) {
        this.maxBody = config.api().maxBodySize().asLongValue();
        this.maxImageQuery = config.api().maxImageQuerySize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isUpload(request.getMethod(), path)) {
            return;
        }
        long limit = path.startsWith("/api/v1/search/similar") ? maxImageQuery : maxBody;
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length '" + length + "' is not a number");
            }
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Counting(request.getEntityStream(), limit));
        }
    }

    /** Multipart uploads and tus: their bodies are files, limited by avmam.upload.max-bytes. */
    static boolean isUpload(String method, String path) {
        return (method.equals("POST") && (path.equals("/api/v1/assets") || path.equals("/api/v1/assets/")))
                || path.startsWith("/api/v1/uploads");
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "Content Too Large", "the request body is larger than the " + limit
                + " bytes this endpoint takes (avmam.api.max-body-size); files go to POST /api/v1/assets or /api/v1/uploads");
    }

    private static final class Counting extends FilterInputStream {
        private final long limit;
        private long read;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
