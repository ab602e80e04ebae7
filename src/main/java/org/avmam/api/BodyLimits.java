package org.avmam.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.avmam.config.AvmamConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Body limits per kind of endpoint. {@code quarkus.http.limits.max-body-size} is lifted so that
 * uploads can stream gigabytes (they enforce avmam.upload.max-bytes themselves); every other
 * endpoint gets avmam.api.max-body-size here. A declared Content-Length over it is refused before
 * the body reaches the application: a little of it is read and dropped so the client, still
 * sending, gets to read the 413, then the connection is closed. A chunked body is counted as it
 * is read.
 */
@ApplicationScoped
public class BodyLimits {

    /** How much of a refused body is read and dropped at most before the connection is closed on the client. */
    private static final long DRAIN_AT_MOST = 64L << 20;

    private static final String TOO_LARGE = "the request body is larger than the {0} bytes this endpoint takes (avmam.api.max-body-size);"
            + " files go to POST /api/v1/assets or /api/v1/uploads";

    private final long maxBody;
    private final long maxImageQuery;
    private final ProblemTexts texts;

    public BodyLimits(AvmamConfig config, ProblemTexts texts) {
        this.texts = texts;
        this.maxBody = config.api().maxBodySize().asLongValue();
        this.maxImageQuery = config.api().maxImageQuerySize().asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::declared);
    }

    private void declared(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        String length = req.getHeader("Content-Length");
        if (length == null || isUpload(req.method().name(), path)) {
            ctx.next();
            return;
        }
        long limit = limitFor(path);
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            ctx.next(); // Vert.x itself refuses a malformed Content-Length
            return;
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        String language = Languages.choose(req);
        String body = Problem.json(413, texts.title(language, "Content Too Large"), texts.detail(language, TOO_LARGE, limit));
        Runnable answer = () -> {
            if (!req.response().ended()) {
                req.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(body);
            }
        };
        if (declared > DRAIN_AT_MOST) {
            answer.run();
            return;
        }
        req.handler(ignored -> { }).endHandler(v -> answer.run()).exceptionHandler(e -> answer.run());
        req.resume();
    }

    /** Chunked bodies, which declare no length: counted as the application reads them. */
    @ServerRequestFilter(preMatching = true)
    public void counted(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (request.getHeaderString("Content-Length") != null || isUpload(request.getMethod(), path) || !request.hasEntity()) {
            return;
        }
        request.setEntityStream(new Counting(request.getEntityStream(), limitFor(path)));
    }

    private long limitFor(String path) {
        return path.startsWith("/api/v1/search/similar") ? maxImageQuery : maxBody;
    }

    /** Multipart uploads and tus: their bodies are files, limited by avmam.upload.max-bytes. */
    static boolean isUpload(String method, String path) {
        return (method.equals("POST") && (path.equals("/api/v1/assets") || path.equals("/api/v1/assets/")))
                || path.startsWith("/api/v1/uploads");
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
                throw new ApiException(413, "Content Too Large", TOO_LARGE, limit);
            }
        }
    }
}
