package org.avmam.collections;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.transcode.RenditionService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Collections (pull lists) for exhibitions and programmes. */
@Path("/api/v1/collections")
@Produces("application/json")
public class CollectionResource {

    private final CollectionService collections;
    private final AccessPolicy policy;
    private final RenditionService renditions;
    private final Packages packages;

    public CollectionResource(CollectionService collections, AccessPolicy policy, RenditionService renditions, Packages packages) {
        this.packages = packages;
        this.collections = collections;
        this.policy = policy;
        this.renditions = renditions;
    }

    @POST
    @Consumes("application/json")
    @Requires(Permission.COLLECT)
    @Operation(summary = "Start a collection", description = "{\"title\", \"description\", \"purpose\", \"due\": date}")
    public Response create(JsonNode body) {
        CollectionService.CollectionView v = collections.create(body, policy.caller());
        return Response.created(URI.create("/api/v1/collections/" + v.id())).entity(v).build();
    }

    @GET
    @Operation(summary = "The collections the caller owns or that are shared with them or their role")
    public List<CollectionService.CollectionView> list() {
        return collections.list(policy.caller());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A collection: its items in order (those the caller may see), each cleared for the purpose or not, and why")
    public CollectionService.CollectionView get(@PathParam("id") UUID id) {
        return collections.get(id, policy.caller());
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/json", "application/merge-patch+json"})
    @Requires(Permission.COLLECT)
    public CollectionService.CollectionView update(@PathParam("id") UUID id, JsonNode body) {
        return collections.update(id, body, policy.caller());
    }

    @POST
    @Path("{id}/items")
    @Consumes("application/json")
    @Requires(Permission.COLLECT)
    @Operation(summary = "Add a record or a clip", description = "{\"asset\": id} or {\"clip\": id}, optional \"rendition\" (a profile) and \"note\"")
    public Response add(@PathParam("id") UUID id, JsonNode body) {
        CollectionService.ItemView v = collections.add(id, body, policy.caller());
        return Response.created(URI.create("/api/v1/collections/" + id + "/items/" + v.id())).entity(v).build();
    }

    @PATCH
    @Path("{id}/items/{item}")
    @Consumes({"application/json", "application/merge-patch+json"})
    @Requires(Permission.COLLECT)
    @Operation(summary = "Annotate, choose the rendition, or move an item", description = "{\"note\", \"rendition\", \"position\": 1-based}")
    public CollectionService.CollectionView updateItem(@PathParam("id") UUID id, @PathParam("item") UUID item, JsonNode body) {
        return collections.updateItem(id, item, body, policy.caller());
    }

    @DELETE
    @Path("{id}/items/{item}")
    @Requires(Permission.COLLECT)
    public Response remove(@PathParam("id") UUID id, @PathParam("item") UUID item) {
        collections.removeItem(id, item, policy.caller());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/shares")
    @Consumes("application/json")
    @Requires(Permission.COLLECT)
    @Operation(summary = "Share with a user or a role", description = "{\"user\": name} or {\"role\": ROLE}, \"rights\": VIEW or EDIT. "
            + "Only the owner shares; members see only the items the record policy lets them see.")
    public CollectionService.CollectionView share(@PathParam("id") UUID id, JsonNode body) {
        return collections.share(id, body, policy.caller());
    }

    @POST
    @Path("{id}/renditions")
    @Consumes("application/json")
    @Requires(Permission.EXPORT)
    @Operation(summary = "Request a rendition of every item", description = "{\"profile\": e.g. video-exhibition-master}: queued for each "
            + "record it applies to; follow with GET on the same path.")
    public Map<String, Object> requestRenditions(@PathParam("id") UUID id, JsonNode body) {
        String profile = body == null ? null : body.path("profile").asText(null);
        if (profile == null) {
            throw ApiException.badRequest("the body names the profile: {\"profile\": \"video-exhibition-master\"}");
        }
        renditions.renditionProfile(profile);
        int queued = 0;
        Map<String, String> skipped = new LinkedHashMap<>();
        for (UUID asset : collections.assets(id, policy.caller())) {
            try {
                renditions.request(asset, profile);
                queued++;
            } catch (ApiException e) {
                skipped.put(asset.toString(), e.getMessage());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(progress(id, profile));
        out.put("queued", queued);
        out.put("skipped", skipped);
        return out;
    }

    @GET
    @Path("{id}/renditions")
    @Operation(summary = "How far the collection's renditions of a profile are: ready, failed, waiting")
    public Map<String, Object> progress(@PathParam("id") UUID id, @QueryParam("profile") String profile) {
        if (profile == null) {
            throw ApiException.badRequest("profile is required (?profile=video-exhibition-master)");
        }
        renditions.renditionProfile(profile);
        List<UUID> assets = collections.assets(id, policy.caller());
        long ready = assets.stream().filter(a -> collections.ready(a, profile)).count();
        long failed = assets.stream().filter(a -> collections.failed(a, profile)).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", profile);
        out.put("records", assets.size());
        out.put("ready", ready);
        out.put("failed", failed);
        out.put("done", ready + failed == assets.size());
        return out;
    }

    @POST
    @Path("{id}/package")
    @Consumes("application/json")
    @Requires(Permission.EXPORT)
    @Operation(summary = "Build a BagIt package of the collection", description = "{\"content\": \"originals\" | \"renditions:<profile>\"}: "
            + "answers 202 with the package's job; GET on the same path follows it, then gives the zip. Refused before a byte is "
            + "written when it would be over avmam.packages.max-bytes. Every record in it is entered in the use register.")
    public Response pack(@PathParam("id") UUID id, JsonNode body, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest http) {
        BagPackage p = packages.request(id, body, policy.caller(), http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return Response.accepted(Map.of("package", p.id, "state", p.state, "payloadBytes", p.payloadBytes, "job", "/api/v1/jobs/" + p.jobId))
                .location(URI.create("/api/v1/collections/" + id + "/package")).build();
    }

    @GET
    @Path("{id}/package")
    @Produces({"application/zip", "application/json"})
    @Operation(summary = "The collection's latest package: 202 with its progress while it is built, then 200 with the zip")
    public Response packaged(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.Request request,
            @jakarta.ws.rs.HeaderParam("Range") String range) {
        BagPackage p = packages.latest(id, policy.caller());
        if (p == null) {
            throw ApiException.notFound("collection {0} has no package; ask for one with POST", id);
        }
        return deliver(packages, p, request, range, "avmam-" + id.toString().substring(0, 8) + "-bag.zip");
    }

    /** A ready package's zip, or 202 with its progress, or the reason it failed. */
    static Response deliver(Packages packages, BagPackage p, jakarta.ws.rs.core.Request request, String range, String downloadName) {
        if (p.state == BagPackage.State.READY) {
            return org.avmam.transcode.FileDelivery.serve(packages.zip(p.id), "application/zip", request, range, downloadName);
        }
        org.avmam.jobs.Job job = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> org.avmam.jobs.Job.findById(p.jobId));
        if (job != null && job.state == org.avmam.jobs.Job.State.FAILED) {
            throw new ApiException(500, "Package failed", "the package could not be built: {0}; ask for it again", job.lastError);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("package", p.id);
        out.put("state", p.state);
        out.put("progress", job == null || job.progress == null ? 0.0 : job.progress);
        out.put("payloadBytes", p.payloadBytes);
        return Response.accepted(out).type("application/json").build();
    }
}
