package org.avmam.speech;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.common.Json;

@Path("/api/v1/assets/{id}/transcript")
@Produces("application/json")
public class TranscriptResource {

    public record TranscriptView(UUID assetId, String language, String model, String text, JsonNode words, Instant createdAt) {}

    @GET
    @Transactional
    public TranscriptView get(@PathParam("id") UUID id) {
        TranscriptEntity t = TranscriptEntity.findById(id);
        if (t == null) {
            throw ApiException.notFound("asset " + id + " has no transcript (yet)");
        }
        return new TranscriptView(t.assetId, t.language, t.model, t.text, Json.read(t.words, JsonNode.class), t.createdAt);
    }
}
