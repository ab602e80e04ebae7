package org.avmam.disposal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.asset.Asset;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assets/{id}/legal-hold")
@Produces("application/json")
public class LegalHoldResource {

    private final DisposalService disposals;
    private final AccessPolicy policy;

    public LegalHoldResource(DisposalService disposals, AccessPolicy policy) {
        this.disposals = disposals;
        this.policy = policy;
    }

    public record Hold(UUID asset, boolean held, String reason, String placedBy, Instant placedAt) {
        static Hold of(Asset a) {
            return new Hold(a.id, a.legalHold != null, a.legalHold, a.legalHoldBy, a.legalHoldAt);
        }
    }

    @Requires(Permission.DISPOSE)
    @GET
    public Hold get(@PathParam("id") UUID id) {
        return Hold.of(disposals.holdOf(id));
    }

    @Requires(Permission.DISPOSE)
    @PUT
    @Operation(summary = "Place a legal hold", description = "{\"reason\": text}. The record cannot be disposed of until the hold is lifted.")
    public Hold place(@PathParam("id") UUID id, JsonNode body) {
        return Hold.of(disposals.hold(id, body == null ? null : body.path("reason").asText(null), policy.caller()));
    }

    @Requires(Permission.DISPOSE)
    @DELETE
    public Hold lift(@PathParam("id") UUID id) {
        return Hold.of(disposals.release(id));
    }
}
