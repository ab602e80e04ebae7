package org.avmam.review;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.UUID;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/review")
@Produces("application/json")
@Requires(Permission.REVIEW)
public class AssetReviewResource {

    private final ReviewService review;

    public AssetReviewResource(ReviewService review) {
        this.review = review;
    }

    @GET
    @Operation(summary = "The record's review decisions, oldest first")
    public List<ReviewService.DecisionView> history(@PathParam("id") UUID id) {
        return review.decisions(id, null);
    }
}
