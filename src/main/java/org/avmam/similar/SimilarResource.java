package org.avmam.similar;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/similar")
@Produces("application/json")
public class SimilarResource {

    private final SimilarService similar;
    private final org.avmam.access.AccessPolicy policy;

    public SimilarResource(SimilarService similar, org.avmam.access.AccessPolicy policy) {
        this.similar = similar;
        this.policy = policy;
    }

    /** Matches as the caller may see them: records hidden from them are left out, titles as they may read them. */
    static SimilarService.Shown shown(org.avmam.access.AccessPolicy policy) {
        org.avmam.access.Caller caller = policy.caller();
        return new SimilarService.Shown() {
            @Override
            public boolean visible(org.avmam.asset.Asset a) {
                return policy.maySee(caller, a);
            }

            @Override
            public String title(org.avmam.asset.Asset a) {
                org.avmam.access.OpenParts parts = policy.parts(caller, a);
                return parts == null || parts.element("title") ? a.title : null;
            }
        };
    }

    @GET
    @Operation(summary = "Near-duplicates", description = "Other photos and videos whose perceptual hashes differ from this "
            + "asset's by at most maxDistance bits of 64 (default 10), closest first; for video, where in each recording.")
    public List<SimilarService.Match> similar(@PathParam("id") UUID id,
            @QueryParam("maxDistance") String maxDistance, @QueryParam("limit") String limit) {
        return similar.similarTo(id, SimilarService.maxDistance(maxDistance), SimilarService.limit(limit), shown(policy));
    }
}
