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

    public SimilarResource(SimilarService similar) {
        this.similar = similar;
    }

    @GET
    @Operation(summary = "Near-duplicates", description = "Other photos and videos whose perceptual hashes differ from this "
            + "asset's by at most maxDistance bits of 64 (default 10), closest first; for video, where in each recording.")
    public List<SimilarService.Match> similar(@PathParam("id") UUID id,
            @QueryParam("maxDistance") String maxDistance, @QueryParam("limit") String limit) {
        return similar.similarTo(id, SimilarService.maxDistance(maxDistance), SimilarService.limit(limit));
    }
}
