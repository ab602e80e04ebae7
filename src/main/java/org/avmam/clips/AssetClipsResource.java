package org.avmam.clips;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.asset.Asset;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/clips")
@Produces("application/json")
public class AssetClipsResource {

    private final ClipService clips;
    private final AccessPolicy policy;

    public AssetClipsResource(ClipService clips, AccessPolicy policy) {
        this.clips = clips;
        this.policy = policy;
    }

    @POST
    @Consumes("application/json")
    @Requires(Permission.CLIP)
    @Operation(summary = "Mark a clip", description = "{\"title\", \"in\", \"out\", \"notes\", \"keywords\", \"persons\", \"places\"}: "
            + "in and out as seconds (12.5), as timecode against the source's own (HH:MM:SS:FF, HH:MM:SS;FF drop-frame) or as "
            + "{\"frame\": n}; each snapped to the nearest frame; out is the first frame after the clip.")
    public Response create(@PathParam("id") UUID id, JsonNode body) {
        Asset a = QuarkusTransaction.joiningExisting().call(() -> policy.visible(id));
        ClipService.ClipView v = clips.create(a, body, policy.caller().username());
        return Response.created(URI.create("/api/v1/clips/" + v.id())).entity(v).build();
    }

    @GET
    @Operation(summary = "The asset's clips, in order of their in points")
    public List<ClipService.ClipView> list(@PathParam("id") UUID id) {
        return clips.ofAsset(QuarkusTransaction.joiningExisting().call(() -> policy.visible(id)));
    }
}
