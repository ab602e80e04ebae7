package org.avmam.asset;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.ingest.IngestService;
import org.avmam.ingest.MultipartUpload;
import org.avmam.transcode.FileDelivery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

@Path("/api/v1/assets")
@Produces("application/json")
public class AssetResource {

    private final AssetRecords records;
    private final IngestService ingest;
    private final AssetService assets;
    private final AssetEvents events;
    private final org.avmam.storage.BlobStore blobs;

    public AssetResource(IngestService ingest, AssetService assets, AssetEvents events, org.avmam.storage.BlobStore blobs,
            AssetRecords records) {
        this.records = records;
        this.ingest = ingest;
        this.assets = assets;
        this.events = events;
        this.blobs = blobs;
    }

    /**
     * Hooks the body up on the event loop, where it is parsed and hashed as it arrives
     * ({@link MultipartUpload}); a worker writes the file part and records the asset.
     */
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
        return Uni.createFrom().item(() -> {
            try {
                Asset a = ingest.ingestMultipart(body);
                return Response.created(URI.create("/api/v1/assets/" + a.id)).entity(assets.view(a.id)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                body.close();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Operation(summary = "Assets, newest first", description = "Filter by sha256 (is this file already held?), batch or state.")
    public java.util.List<AssetService.Summary> list(@QueryParam("sha256") String sha256, @QueryParam("batch") UUID batch,
            @QueryParam("state") AssetState state, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return assets.list(sha256, batch, state, page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An asset: state, technical metadata, renditions")
    public AssetView get(@PathParam("id") UUID id) {
        return assets.view(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/merge-patch+json", "application/json"})
    @Operation(summary = "Set record fields", description = "JSON merge patch of title, fonds, openStatus (UNREVIEWED, OPEN, "
            + "PARTLY_OPEN, DEFERRED, RESTRICTED), securityClassification and retentionPeriod (Y, D30, D10...); null clears.")
    public AssetView update(@PathParam("id") UUID id, com.fasterxml.jackson.databind.JsonNode patch) {
        records.update(id, patch, null);
        return assets.view(id);
    }

    @GET
    @Path("{id}/events")
    @Produces(jakarta.ws.rs.core.MediaType.SERVER_SENT_EVENTS)
    @org.jboss.resteasy.reactive.RestStreamElementType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Server-sent events: the asset's state and its jobs' progress as they change, until it is done")
    public io.smallrye.mutiny.Multi<AssetEvents.Progress> events(@PathParam("id") UUID id) {
        assets.get(id);
        return events.stream(id);
    }

    @GET
    @Path("{id}/technical/raw")
    @Operation(summary = "The probe tool's own output for this file (ffprobe JSON, or metadata-extractor's directories and tags), "
            + "as it was when the asset was probed: the audit trail of the normalised technical metadata")
    public Response technicalRaw(@PathParam("id") UUID id) {
        Asset a = assets.get(id);
        if (a.technicalRaw == null) {
            throw org.avmam.api.ApiException.notFound("asset " + id + " has no raw probe output (not probed yet, or unreadable)");
        }
        return Response.ok(a.technicalRaw, "application/json").build();
    }

    @GET
    @Path("{id}/original")
    @Produces("*/*")
    @Operation(summary = "The original file, byte for byte, with HTTP Range, ETag and its original name for saving")
    public Response original(@PathParam("id") UUID id, Request request, @HeaderParam("Range") String range,
            @QueryParam("download") @DefaultValue("false") boolean download) {
        Asset a = assets.get(id);
        String name = a.originalFilename == null ? a.id.toString() : a.originalFilename;
        return FileDelivery.serve(blobs.path(a.sha256), a.mimeType, request, range, download ? name : null);
    }
}
