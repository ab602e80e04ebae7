package org.avmam.ingest.tus;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import org.avmam.ingest.UploadPipe;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.api.ProblemMappers;
import org.avmam.api.ProblemTexts;
import org.avmam.config.AvmamConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Resumable uploads, tus 1.0.0 (tus.io/protocols/resumable-upload): core, creation,
 * creation-with-upload, termination, expiration and checksum. Every answer carries
 * Tus-Resumable; errors are problem+json as elsewhere.
 */
@Path("/api/v1/uploads")
public class TusResource {

    static final String VERSION = "1.0.0";
    static final String OCTETS = "application/offset+octet-stream";
    private static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration,checksum";

    private final TusService tus;
    private final AvmamConfig config;
    private final org.avmam.access.AccessPolicy policy;
    private final ProblemTexts texts;

    public TusResource(TusService tus, AvmamConfig config, org.avmam.access.AccessPolicy policy, ProblemTexts texts) {
        this.policy = policy;
        this.texts = texts;
        this.tus = tus;
        this.config = config;
    }

    @OPTIONS
    @Operation(summary = "tus capabilities")
    public Response options() {
        return Response.noContent()
                .header("Tus-Resumable", VERSION)
                .header("Tus-Version", VERSION)
                .header("Tus-Extension", EXTENSIONS)
                .header("Tus-Max-Size", config.upload().maxBytes())
                .header("Tus-Checksum-Algorithm", String.join(",", TusService.CHECKSUMS.keySet().stream().sorted().toList()))
                .build();
    }

    /** As {@link #patch}: the event loop hooks a body up, a worker creates the upload and writes the body. */
    @Requires(Permission.UPLOAD)
    @POST
    @NonBlocking
    @Operation(summary = "Create an upload (tus creation, creation-with-upload)", description = "Upload-Length is required; "
            + "Upload-Metadata may carry filename, title, language and batch.")
    public Uni<Response> create(@HeaderParam("Tus-Resumable") String resumable, @HeaderParam("Upload-Length") String length,
            @HeaderParam("Upload-Defer-Length") String defer, @HeaderParam("Upload-Metadata") String metadata,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam("Upload-Checksum") String checksum,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @Context HttpServerRequest request) {
        requireVersion(resumable);
        if (length == null) {
            throw ApiException.badRequest(defer != null ? "Upload-Defer-Length is not supported: send Upload-Length"
                    : "Upload-Length is required");
        }
        long total = parseLong(length, "Upload-Length");
        tus.checkLength(total);
        boolean withBody = contentLength != null && contentLength > 0 || isOctets(contentType);
        if (withBody && !isOctets(contentType)) {
            throw new ApiException(415, "Unsupported Media Type", "a creation request with a body must be {0}", OCTETS);
        }
        TusService.Hashing hashing = withBody ? tus.hashing(null) : null;
        UploadPipe body = withBody ? UploadPipe.ofBody(request, hashing.digest()) : null;
        String user = policy.caller().username();
        return onWorker(body, () -> {
            TusUpload u = body == null ? tus.create(total, metadata, user)
                    : tus.createWithBody(total, metadata, user, checksum, body, hashing);
            Response.ResponseBuilder r = Response.created(URI.create("/api/v1/uploads/" + u.id))
                    .header("Tus-Resumable", VERSION)
                    .header("Upload-Offset", u.offset)
                    .header("Upload-Expires", httpDate(u));
            if (u.assetId != null) {
                r.header("Asset-Location", "/api/v1/assets/" + u.assetId);
            }
            return r.build();
        });
    }

    @HEAD
    @Path("{id}")
    @Blocking
    @Operation(summary = "Where an upload stands (Upload-Offset); Asset-Location once it became an asset")
    public Response head(@HeaderParam("Tus-Resumable") String resumable, @PathParam("id") String id) {
        requireVersion(resumable);
        TusUpload u = tus.owned(uuid(id), policy.caller().username());
        if (u.state == TusUpload.State.FAILED) {
            throw new ApiException(422, "Upload refused", u.error);
        }
        Response.ResponseBuilder r = Response.ok()
                .header("Tus-Resumable", VERSION)
                .header("Upload-Offset", u.offset)
                .header("Upload-Length", u.length)
                .header("Cache-Control", "no-store");
        if (u.metadata != null) {
            r.header("Upload-Metadata", u.metadata);
        }
        if (u.state == TusUpload.State.RECEIVING) {
            r.header("Upload-Expires", httpDate(u));
        }
        if (u.assetId != null) {
            r.header("Asset-Location", "/api/v1/assets/" + u.assetId);
        }
        return r.build();
    }

    /**
     * Runs on the event loop only to hook the body up ({@link UploadPipe}); a worker thread hashes
     * and writes the bytes as they arrive.
     */
    @Requires(Permission.UPLOAD)
    @PATCH
    @Path("{id}")
    @NonBlocking
    @Operation(summary = "Send bytes at Upload-Offset (tus core, checksum)")
    public Uni<Response> patch(@HeaderParam("Tus-Resumable") String resumable, @PathParam("id") String id,
            @HeaderParam("Upload-Offset") String offset, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Upload-Checksum") String checksum, @Context HttpServerRequest request) {
        requireVersion(resumable);
        if (!isOctets(contentType)) {
            throw new ApiException(415, "Unsupported Media Type", "PATCH bodies must be {0}", OCTETS);
        }
        if (offset == null) {
            throw ApiException.badRequest("Upload-Offset is required");
        }
        UUID upload = uuid(id);
        long at = parseLong(offset, "Upload-Offset");
        TusService.Hashing hashing = tus.hashing(upload);
        UploadPipe body = UploadPipe.ofBody(request, hashing.digest());
        String user = policy.caller().username();
        return onWorker(body, () -> {
            tus.owned(upload, user);
            return appended(tus.append(upload, at, checksum, body, hashing));
        });
    }

    private interface Work {
        Response run() throws IOException;
    }

    /** Runs {@code work} on a worker thread; the body is closed after it, so a refused chunk is drained, not left hanging. */
    private static Uni<Response> onWorker(UploadPipe body, Work work) {
        return Uni.createFrom().item(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                if (body != null) {
                    body.close();
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response appended(TusUpload u) {
        Response.ResponseBuilder r = Response.noContent().header("Tus-Resumable", VERSION).header("Upload-Offset", u.offset);
        if (u.assetId != null) {
            r.header("Asset-Location", "/api/v1/assets/" + u.assetId);
        } else {
            r.header("Upload-Expires", httpDate(u));
        }
        return r.build();
    }

    @Requires(Permission.UPLOAD)
    @DELETE
    @Path("{id}")
    @Blocking
    @Operation(summary = "Abandon an upload (tus termination)")
    public Response delete(@HeaderParam("Tus-Resumable") String resumable, @PathParam("id") String id) throws IOException {
        requireVersion(resumable);
        tus.owned(uuid(id), policy.caller().username());
        tus.terminate(uuid(id));
        return Response.noContent().header("Tus-Resumable", VERSION).build();
    }

    /** tus answers a checksum mismatch with its own status, 460. */
    @ServerExceptionMapper
    public Response checksumMismatch(TusService.ChecksumMismatch e, UriInfo uri, HttpHeaders headers) {
        String language = ProblemMappers.language(headers);
        return withTus(ProblemMappers.problem(460, texts.title(language, "Checksum Mismatch"), texts.detail(language, e.getMessage()), uri,
                language));
    }

    @ServerExceptionMapper
    public Response refused(ApiException e, UriInfo uri, HttpHeaders headers) {
        String language = ProblemMappers.language(headers);
        Response r = ProblemMappers.problem(e.status(), texts.title(language, e.title()), e.detail(texts, language), uri, language);
        return e.status() == 412 ? Response.fromResponse(r).header("Tus-Version", VERSION).build() : withTus(r);
    }

    private static Response withTus(Response r) {
        return Response.fromResponse(r).header("Tus-Resumable", VERSION).build();
    }

    private static void requireVersion(String resumable) {
        if (!VERSION.equals(resumable)) {
            throw new ApiException(412, "Precondition Failed", "this server speaks tus {0}; send Tus-Resumable: {1}", VERSION, VERSION);
        }
    }

    private static boolean isOctets(String contentType) {
        return contentType != null && contentType.split(";")[0].strip().equalsIgnoreCase(OCTETS);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no upload {0}", id);
        }
    }

    private static long parseLong(String value, String header) {
        try {
            long v = Long.parseLong(value.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("{0} must be a non-negative integer, not '{1}'", header, value);
        }
    }

    private static String httpDate(TusUpload u) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(u.expiresAt.atOffset(ZoneOffset.UTC));
    }
}
