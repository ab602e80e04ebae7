package org.avmam.preservation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.storage.ObjectStore;
import org.avmam.storage.Stores;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/storage")
@Produces("application/json")
public class StorageResource {

    private final Stores stores;
    private final CopyLedger ledger;
    private final FixityAudits audits;
    private final AccessPolicy policy;

    public StorageResource(Stores stores, CopyLedger ledger, FixityAudits audits, AccessPolicy policy) {
        this.stores = stores;
        this.ledger = ledger;
        this.audits = audits;
        this.policy = policy;
    }

    /** One store's figures, as the admin page and monitoring read them. */
    public record StoreStatus(String name, String role, String kind, long objects, long bytes, long pending, Instant oldestPending,
            long replicationLagSeconds, long damaged, long missing, long failedAttempts, String lastError) {}

    public record StorageStatus(List<StoreStatus> stores, long damagedBlobs) {}

    @Requires(Permission.OPERATE)
    @GET
    @Operation(summary = "The stores of originals", description = "Per store: verified copies and their bytes, the replication backlog "
            + "(pending copies, the oldest one's age in seconds), copies found damaged or missing and not yet repaired, failed attempts "
            + "and the last error; and how many originals have no sound copy left.")
    public StorageStatus status() {
        List<StoreStatus> out = new ArrayList<>();
        Instant now = Instant.now();
        for (ObjectStore s : stores.all()) {
            CopyLedger.StoreFigures f = ledger.figures(s.name());
            out.add(new StoreStatus(s.name(), s.name().equals(Stores.PRIMARY) ? "primary" : "replica",
                    s.kind(), f.objects(), f.bytes(),
                    f.pending(), f.oldestPending(), f.oldestPending() == null ? 0 : Duration.between(f.oldestPending(), now).toSeconds(),
                    f.damaged(), f.missing(), f.failedAttempts(), f.lastError()));
        }
        return new StorageStatus(out, ledger.damagedBlobs());
    }

    @Requires(Permission.OPERATE)
    @POST
    @Path("fixity")
    @Operation(summary = "Start a fixity audit now", description = "With no body, every original in every store; with "
            + "{\"assets\": [ids]}, those assets' originals. Checked by FIXITY jobs; the answer's statusUrl reports progress and findings.")
    @jakarta.ws.rs.Consumes("*/*")
    public Response fixity(String text) {
        // Any content type, or none: `avmam fixity --all` and curl -X POST send no body at all.
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = org.avmam.common.Json.mapper().readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiException.badRequest("the body is not JSON: {0}", e.getOriginalMessage());
            }
        }
        Set<UUID> named = null;
        if (body != null && !body.isNull() && !(body.isObject() && body.isEmpty())) {
            if (!body.isObject() || body.size() != 1 || !body.path("assets").isArray() || body.path("assets").isEmpty()) {
                throw ApiException.badRequest("the body is {\"assets\": [asset ids]} (a non-empty list), or none for a full audit");
            }
            named = new LinkedHashSet<>();
            for (JsonNode n : body.path("assets")) {
                try {
                    named.add(UUID.fromString(n.asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("assets: '{0}' is not an asset id", n.asText());
                }
            }
            for (UUID id : named) {
                policy.visible(id); // an asset the caller may not see reads as missing
            }
        }
        FixityAudits.Audit a = audits.start(named, policy.caller().username());
        URI status = URI.create("/api/v1/storage/fixity/" + a.id());
        return Response.accepted(new Started(a, status.toString())).location(status).build();
    }

    public record Started(FixityAudits.Audit audit, String statusUrl) {}

    @Requires(Permission.OPERATE)
    @GET
    @Path("fixity/{id}")
    public FixityAudits.Audit audit(@PathParam("id") long id) {
        return audits.get(id).orElseThrow(() -> ApiException.notFound("no fixity audit {0}", id));
    }
}
