package org.avmam.clips;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;

/** One clip. A clip follows its asset's access: of a record the caller may not see, no clip exists for them. */
@Path("/api/v1/clips/{id}")
@Produces("application/json")
public class ClipResource {

    private final ClipService clips;
    private final AccessPolicy policy;

    public ClipResource(ClipService clips, AccessPolicy policy) {
        this.clips = clips;
        this.policy = policy;
    }

    /** The clip's asset, if the caller may see it; otherwise the clip does not exist for them. */
    private Asset assetOf(UUID id) {
        Clip c = clips.find(id);
        if (c == null) {
            throw notFound(id);
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Asset a = AssetService.require(c.assetId);
            if (!policy.maySee(policy.caller(), a)) {
                policy.hidden(a.id);
                throw notFound(id);
            }
            return a;
        });
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no clip with id {0}", id);
    }

    @GET
    public ClipService.ClipView get(@PathParam("id") UUID id) {
        assetOf(id);
        return clips.view(id);
    }

    @PATCH
    @Consumes({"application/json", "application/merge-patch+json"})
    @Requires(Permission.CLIP)
    public ClipService.ClipView update(@PathParam("id") UUID id, JsonNode body) {
        Asset a = assetOf(id);
        return clips.update(id, a, body, policy.caller().username());
    }

    @DELETE
    @Requires(Permission.CLIP)
    public Response delete(@PathParam("id") UUID id) {
        assetOf(id);
        clips.delete(id, policy.caller().username());
        return Response.noContent().build();
    }
}
