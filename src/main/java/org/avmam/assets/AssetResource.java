package org.avmam.assets;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.review.ReviewService;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetEvents;
import org.avmam.asset.AssetRecords;
import org.avmam.asset.AssetService;
import org.avmam.asset.AssetState;
import org.avmam.transcode.FileDelivery;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assets")
@Produces("application/json")
public class AssetResource {

    private final AssetRecords records;
    private final AssetService assets;
    private final AssetViews views;
    private final AssetEvents events;
    private final org.avmam.storage.BlobStore blobs;
    private final org.avmam.storage.BlobIntegrity integrity;
    private final org.avmam.disposal.DisposalService disposals;
    private final AccessPolicy policy;
    private final ReviewService review;

    public AssetResource(AssetService assets, AssetViews views, AssetEvents events, org.avmam.storage.BlobStore blobs,
            AssetRecords records, AccessPolicy policy, ReviewService review, org.avmam.storage.BlobIntegrity integrity,
            org.avmam.disposal.DisposalService disposals) {
        this.disposals = disposals;
        this.integrity = integrity;
        this.records = records;
        this.policy = policy;
        this.review = review;
        this.views = views;
        this.assets = assets;
        this.events = events;
        this.blobs = blobs;
    }

    @GET
    @Operation(summary = "Assets, newest first", description = "Filter by sha256 (is this file already held?), batch or state.")
    public java.util.List<AssetService.Summary> list(@QueryParam("sha256") String sha256, @QueryParam("batch") UUID batch,
            @QueryParam("state") AssetState state, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        org.avmam.access.Caller caller = policy.caller();
        AccessPolicy.Filter f = policy.filter(caller);
        return assets.list(sha256, batch, state, page, size, f.jpql(), f.params(), a -> policy.seesWhole(caller, a));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An asset: state, technical metadata, renditions")
    public AssetView get(@PathParam("id") UUID id) {
        return views.view(id);
    }

    @Requires(Permission.OPERATE)
    @jakarta.ws.rs.DELETE
    @Path("{id}")
    @Operation(summary = "Delete an upload made by mistake", description = "Only before the record is coded (a coded record leaves by "
            + "disposal); ?reason= is required and kept. The record reads as missing at once; a DISPOSE job destroys its renditions, "
            + "clips and index entries, and the original's bytes unless another record holds the same bytes. Answers 202 with the "
            + "disposal that records it.")
    public Response delete(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        org.avmam.disposal.Disposal d = disposals.deleteUpload(id, reason, policy.caller());
        return Response.accepted(disposals.view(d)).location(java.net.URI.create("/api/v1/disposals/" + d.id)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/merge-patch+json", "application/json"})
    @Requires({})
    @Operation(summary = "Set record fields", description = "JSON merge patch of title (describe), fonds, securityClassification "
            + "and retentionPeriod (Y, D30, D10...; code), and openStatus (OPEN, PARTLY_OPEN, CLOSED) with reason, reasonText, "
            + "openParts and reReviewOn (review: the change is an open-review decision); null clears.")
    public AssetView update(@PathParam("id") UUID id, com.fasterxml.jackson.databind.JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("the body is a JSON object (a merge patch)");
        }
        com.fasterxml.jackson.databind.node.ObjectNode fields = patch.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode decision = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ReviewService.FIELDS.forEach(f -> {
            if (fields.has(f)) {
                decision.set(f, fields.remove(f));
            }
        });
        Asset a = policy.visible(id);
        if (!decision.isEmpty()) {
            policy.require(Permission.REVIEW, a);
            if (!decision.has("openStatus") && !decision.has("decision")) {
                throw ApiException.badRequest("reason, reasonText, openParts and reReviewOn go with an openStatus decision");
            }
        }
        for (String f : java.util.List.of("fonds", "securityClassification", "retentionPeriod")) {
            if (fields.has(f)) {
                policy.require(Permission.CODE, a);
            }
        }
        if (fields.has("title") || decision.isEmpty() && !fields.isEmpty()) {
            policy.require(Permission.DESCRIBE, a);
        }
        ReviewService.Request r = decision.isEmpty() ? null : ReviewService.parse(decision);
        if (!fields.isEmpty()) {
            records.update(id, fields, null);
        }
        if (r != null) {
            review.decide(java.util.List.of(id), r, policy.caller().username());
        }
        return views.view(id);
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
            throw org.avmam.api.ApiException.notFound("asset {0} has no raw probe output (not probed yet, or unreadable)", id);
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
        integrity.requireSound(a.sha256, a.id);
        String saveAs = download ? name : null;
        return blobs.localFile(a.sha256)
                .map(file -> FileDelivery.serve(file, a.mimeType, request, range, saveAs))
                .orElseGet(() -> FileDelivery.serveStream(a.sizeBytes, a.sha256, a.createdAt, a.mimeType, request, range, saveAs,
                        (offset, length) -> blobs.open(a.sha256, offset, length)));
    }
}
