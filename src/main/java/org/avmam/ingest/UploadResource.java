package org.avmam.ingest;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import org.avmam.asset.Asset;
import org.avmam.assets.AssetViews;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** {@code POST /api/v1/assets}: a multipart upload becomes an asset. */
@Path("/api/v1/assets")
@Produces("application/json")
public class UploadResource {

    private final IngestService ingest;
    private final AssetViews views;
    private final org.avmam.access.AccessPolicy policy;

    public UploadResource(IngestService ingest, AssetViews views, org.avmam.access.AccessPolicy policy) {
        this.ingest = ingest;
        this.views = views;
        this.policy = policy;
    }

    /**
     * Hooks the body up on the event loop, where it is parsed and hashed as it arrives
     * ({@link MultipartUpload}); a worker writes the file part and records the asset.
     */
    @Requires(Permission.UPLOAD)
    @POST
    @NonBlocking
    @Consumes("multipart/form-data")
    @Operation(summary = "Upload a file", description = "multipart/form-data with the field 'file' and optional 'title' "
            + "and 'language' (BCP 47, default en). Answers 201 with the asset; processing runs in the background.")
    @RequestBody(description = "multipart form: file, title, language")
    public Uni<Response> upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @Context HttpServerRequest request) {
        ingest.checkDeclaredLength(contentLength);
        MultipartUpload body = MultipartUpload.attach(request, contentType, "file");
        String uploader = policy.caller().username();
        return Uni.createFrom().item(() -> {
            try {
                Asset a = ingest.ingestMultipart(body, uploader);
                return Response.created(URI.create("/api/v1/assets/" + a.id)).entity(views.view(a.id)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                body.close();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

}
