package org.avmam.vocabulary;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/vocabularies/{vocabulary}/terms")
@Produces("application/json")
public class VocabularyResource {

    private final Vocabularies vocabularies;

    public VocabularyResource(Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
    }

    @GET
    @Operation(summary = "Terms of a vocabulary (persons, places, events, keywords)", description = "prefix matches the label or "
            + "an alternative label (pinyin, English), case and accents ignored: the autocomplete of cataloguing forms.")
    public List<Vocabularies.TermView> list(@PathParam("vocabulary") String vocabulary, @QueryParam("prefix") String prefix,
            @QueryParam("status") String status, @QueryParam("limit") String limit) {
        return vocabularies.list(Vocabularies.vocabulary(vocabulary), prefix, status(status),
                org.avmam.api.QueryValues.integer(limit, "limit", 50, 1, 500));
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Consumes("application/json")
    @Operation(summary = "Add a term", description = "label (Chinese preferred), altLabels, status ACCEPTED (default) or PROPOSED, note.")
    public Response create(@PathParam("vocabulary") String vocabulary, Vocabularies.NewTerm term) {
        if (term == null) {
            throw ApiException.badRequest("the body is a term: {\"label\": ..., \"altLabels\": [...]}");
        }
        Vocabularies.TermView v = vocabularies.create(Vocabularies.vocabulary(vocabulary), term);
        return Response.created(URI.create("/api/v1/vocabularies/" + vocabulary + "/terms/" + v.id())).entity(v).build();
    }

    @GET
    @Path("{id}")
    public Vocabularies.TermView get(@PathParam("id") UUID id) {
        return vocabularies.view(id);
    }

    @Requires(Permission.DESCRIBE)
    @PATCH
    @Path("{id}")
    @Consumes({"application/json", "application/merge-patch+json"})
    public Vocabularies.TermView update(@PathParam("id") UUID id, Vocabularies.NewTerm term) {
        if (term == null) {
            throw ApiException.badRequest("the body names what changes: {\"label\": ..., \"altLabels\": [...], \"note\": ...}");
        }
        return vocabularies.update(id, term);
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Path("{id}/accept")
    public Vocabularies.TermView accept(@PathParam("id") UUID id) {
        return vocabularies.accept(id);
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Path("{id}/merge")
    @Consumes("application/json")
    @Operation(summary = "Merge into another term", description = "{\"into\": id}: links move there, labels become its alternatives.")
    public Vocabularies.TermView merge(@PathParam("id") UUID id, JsonNode body) {
        String into = body == null ? null : body.path("into").asText(null);
        if (into == null) {
            throw ApiException.badRequest("the body names the surviving term: {\"into\": id}");
        }
        try {
            return vocabularies.merge(id, UUID.fromString(into));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'{0}' is not a term id", into);
        }
    }

    static Term.Status status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Term.Status.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status is PROPOSED, ACCEPTED or MERGED (got '{0}')", s);
        }
    }
}
