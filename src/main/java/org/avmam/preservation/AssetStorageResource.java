package org.avmam.preservation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assets/{id}/storage")
@Produces("application/json")
public class AssetStorageResource {

    private final CopyLedger ledger;
    private final AccessPolicy policy;

    public AssetStorageResource(CopyLedger ledger, AccessPolicy policy) {
        this.ledger = ledger;
        this.policy = policy;
    }

    public record AssetCopies(UUID asset, String sha256, Instant damagedAt, List<CopyLedger.Copy> copies) {}

    @Requires(Permission.OPERATE)
    @GET
    @Operation(summary = "Where an asset's original is kept", description = "Each store's copy: its state (PENDING until replicated, "
            + "OK, DAMAGED, MISSING), when it was last checked and the last error.")
    public AssetCopies copies(@PathParam("id") UUID id) {
        var a = policy.visible(id);
        return new AssetCopies(a.id, a.sha256, ledger.damagedAt(a.sha256), ledger.copies(a.sha256));
    }

}
