package org.avmam.vocabulary;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/terms")
@Produces("application/json")
public class AssetTermResource {

    private final Vocabularies vocabularies;

    public AssetTermResource(Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
    }

    @GET
    public List<Vocabularies.TermView> list(@PathParam("id") UUID id) {
        return vocabularies.ofAsset(id);
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Consumes("application/json")
    @Operation(summary = "Link a term", description = "{\"vocabulary\": \"person\", \"label\": \"张伟\"} or {\"termId\": id}. A label the "
            + "vocabulary lacks (as label or alternative) is proposed as a new term.")
    public Response link(@PathParam("id") UUID id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body is {\"vocabulary\": ..., \"label\": ...} or {\"termId\": ...}");
        }
        UUID termId = null;
        if (body.hasNonNull("termId")) {
            try {
                termId = UUID.fromString(body.path("termId").asText());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("termId is not a term id");
            }
        } else if (!body.hasNonNull("vocabulary") || !body.hasNonNull("label")) {
            throw ApiException.badRequest("name the vocabulary and the label, or the termId");
        }
        Term.Vocabulary vocabulary = termId == null ? Vocabularies.vocabulary(body.path("vocabulary").asText()) : null;
        Vocabularies.TermView t = vocabularies.link(id, vocabulary, body.path("label").asText(null), termId, null);
        return Response.ok(t).build();
    }

    @Requires(Permission.DESCRIBE)
    @DELETE
    @Path("{termId}")
    public Response unlink(@PathParam("id") UUID id, @PathParam("termId") UUID termId) {
        vocabularies.unlink(id, termId);
        return Response.noContent().build();
    }
}
