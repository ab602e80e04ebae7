package org.avmam.assets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.asset.AssetService;
import org.avmam.provenance.Provenance;
import org.avmam.provenance.ProvenanceEvent;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assets/{id}/provenance")
@Produces("application/json")
public class ProvenanceResource {

    private final Provenance provenance;
    private final AssetService assets;

    public ProvenanceResource(Provenance provenance, AssetService assets) {
        this.provenance = provenance;
        this.assets = assets;
    }

    public record EventView(String type, Instant time, String agent, String user, String outcome, String detail) {}

    @GET
    @Operation(summary = "What happened to the asset, in order (PREMIS events)")
    public List<EventView> list(@PathParam("id") UUID id) {
        return provenance.of(id).stream().map(e -> new EventView(e.type, e.occurredAt, e.agent, e.actor, e.outcome, e.detail)).toList();
    }
}
