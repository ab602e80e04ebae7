package org.avmam.disposal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.api.QueryValues;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/disposals")
@Produces("application/json")
public class DisposalResource {

    private final DisposalService disposals;
    private final AccessPolicy policy;

    public DisposalResource(DisposalService disposals, AccessPolicy policy) {
        this.disposals = disposals;
        this.policy = policy;
    }

    @Requires(Permission.DISPOSE)
    @GET
    @Path("due")
    @Operation(summary = "The disposal list", description = "Records whose retention period (D10, D30, …) has ended, counted from the "
            + "year after the record's year; with any legal hold and any disposal under way.")
    public List<DisposalService.DueItem> due(@QueryParam("page") String page, @QueryParam("size") String size) {
        return disposals.due(QueryValues.integer(page, "page", 0, 0, 100_000), QueryValues.integer(size, "size", 100, 1, 1000));
    }

    @Requires(Permission.DISPOSE)
    @GET
    public List<DisposalService.View> list(@QueryParam("state") String state, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Disposal.State s = null;
        if (state != null) {
            try {
                s = Disposal.State.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state is one of {0}", List.of(Disposal.State.values()));
            }
        }
        return disposals.list(s, QueryValues.integer(page, "page", 0, 0, 100_000), QueryValues.integer(size, "size", 100, 1, 1000));
    }

    @Requires(Permission.DISPOSE)
    @POST
    @Operation(summary = "Propose a disposal", description = "{\"asset\": id, \"reason\": text}. Refused (409) while the retention runs, "
            + "for a permanent record, under a legal hold, or when a disposal of it is already under way.")
    public Response propose(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("asset").isTextual()) {
            throw ApiException.badRequest("the body is {\"asset\": \"<asset id>\", \"reason\": \"why it is disposed of\"}");
        }
        UUID asset;
        try {
            asset = UUID.fromString(body.path("asset").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("asset: '{0}' is not an asset id", body.path("asset").asText());
        }
        Disposal d = disposals.propose(asset, body.path("reason").asText(null), policy.caller());
        return Response.created(URI.create("/api/v1/disposals/" + d.id)).entity(disposals.view(d)).build();
    }

    @Requires(Permission.DISPOSE)
    @GET
    @Path("{id}")
    @Operation(summary = "A disposal", description = "With its approvals and, once carried out, its tombstone: the description, the code, "
            + "the decision and who took it, and the SHA-256 of every file destroyed.")
    public DisposalService.View get(@PathParam("id") long id) {
        return disposals.get(id);
    }

    @Requires(Permission.DISPOSE)
    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a disposal", description = "Two different people must approve; the second approval queues the DISPOSE job.")
    public DisposalService.View approve(@PathParam("id") long id) {
        return disposals.view(disposals.approve(id, policy.caller()));
    }

    @Requires(Permission.DISPOSE)
    @POST
    @Path("{id}/reject")
    public DisposalService.View reject(@PathParam("id") long id, JsonNode body) {
        return disposals.view(disposals.reject(id, body == null ? null : body.path("reason").asText(null), policy.caller()));
    }
}
