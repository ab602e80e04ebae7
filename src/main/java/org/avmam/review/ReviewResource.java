package org.avmam.review;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.api.AssetIds;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1")
@Produces("application/json")
@Requires(Permission.REVIEW)
public class ReviewResource {

    private final ReviewService review;
    private final AccessPolicy policy;

    public ReviewResource(ReviewService review, AccessPolicy policy) {
        this.review = review;
        this.policy = policy;
    }

    @GET
    @Path("review/due")
    @Operation(summary = "Records due for open review", description = "Unreviewed records dated at least avmam.review.due-after-years "
            + "ago, and closed records whose re-review date has come; by fonds, year or batch.")
    public List<ReviewService.DueItem> due(@QueryParam("fonds") String fonds, @QueryParam("year") Integer year,
            @QueryParam("batch") UUID batch, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return review.due(fonds, year, batch, page, size);
    }

    @POST
    @Path("review/decisions")
    @Consumes("application/json")
    @Operation(summary = "Decide on one or many records", description = "{\"assets\": [ids], \"decision\": OPEN | PARTLY_OPEN | CLOSED, "
            + "\"reason\": NO_RESTRICTION | STATE_SECRET | PERSONAL_PRIVACY | COMMERCIAL_SECRET | OTHER, \"reasonText\", "
            + "\"openParts\" (PARTLY_OPEN), \"reReviewOn\" (CLOSED)}. All or none.")
    public List<ReviewService.DecisionView> decide(JsonNode body) {
        List<UUID> ids = AssetIds.of(body, "{\"assets\": [ids...], \"decision\": ..., \"reason\": ...}");
        policy.visible(ids);
        return review.decide(ids, ReviewService.parse(body), policy.caller().username());
    }

    @GET
    @Path("review/decisions")
    @Operation(summary = "Decisions awaiting a second approval (state=PENDING), or of another state")
    public List<ReviewService.DecisionView> decisions(@QueryParam("state") ReviewDecision.State state) {
        return review.decisions(null, state);
    }

    @POST
    @Path("review/decisions/{id}/approve")
    @Operation(summary = "Second approval (four-eyes): by another reviewer than the decider")
    public ReviewService.DecisionView approve(@PathParam("id") UUID id) {
        return review.settle(id, policy.caller().username(), true);
    }

    @POST
    @Path("review/decisions/{id}/reject")
    public ReviewService.DecisionView reject(@PathParam("id") UUID id) {
        return review.settle(id, policy.caller().username(), false);
    }

    @GET
    @Path("review/statistics")
    @Operation(summary = "Open-rate statistics by fonds and year", description = "records, reviewed, opened (whole or in part), "
            + "closed, open rate = opened / reviewed.")
    public ReviewService.Statistics statistics(@QueryParam("fonds") String fonds) {
        return review.statistics(fonds);
    }
}
