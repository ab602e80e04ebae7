package org.avmam.search;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/search")
@Produces("application/json")
public class SearchResource {

    private final SearchService search;
    private final Reindexer reindexer;
    private final SearchOutbox outbox;
    private final AssetIndex index;

    public SearchResource(SearchService search, Reindexer reindexer, SearchOutbox outbox, AssetIndex index) {
        this.search = search;
        this.reindexer = reindexer;
        this.outbox = outbox;
        this.index = index;
    }

    @GET
    @Operation(summary = "Search assets", description = """
            q: words, "phrases", field:word or field:"a phrase" (fields: title, caption, person, place, event, camera, \
            keyword, creator, filename, transcript, code), -word to exclude; every part must match; Han text is matched as a phrase. \
            Filters: mediaType (repeatable), dateFrom/dateTo (yyyy, yyyy-MM, yyyy-MM-dd or ISO time), fonds (repeatable), \
            openStatus (repeatable), minDuration/maxDuration (seconds), hasTranscript, bbox=west,south,east,north. \
            sort=relevance|date|duration, order=asc|desc; size (at most 100), from (from+size at most 1000), \
            cursor (the 'next' of the previous page) to page further. Facets: mediaType, year, event, person, place, camera, \
            openStatus, fonds. Transcript hits come as moments with their start and end in seconds.""")
    public SearchResult search(@Context UriInfo uri) {
        return search.search(SearchParameters.parse(uri.getQueryParameters()));
    }

    @GET
    @Path("statistics")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Records and minutes per year and media type, over the records "
            + "the caller may see")
    public java.util.List<SearchService.YearCount> statistics() {
        return search.yearly();
    }

    @GET
    @Path("suggest")
    @Operation(summary = "Autocomplete", description = "Values of person, place, event or keyword that begin with prefix, most used first.")
    public List<SearchResult.Suggestion> suggest(@Context UriInfo uri) {
        var p = uri.getQueryParameters();
        SearchParameters.onlyKnown(p, List.of("field", "prefix", "size"));
        int size = org.avmam.api.QueryValues.integer(p.getFirst("size"), "size", 10, 1, 50);
        return search.suggest(p.getFirst("field"), p.getFirst("prefix"), size);
    }

    @Requires(Permission.OPERATE)
    @POST
    @Path("reindex")
    @Operation(summary = "Rebuild the index", description = "Copies every asset into a new index, then moves the alias (no downtime). "
            + "One reindex runs at a time: asking again answers the running one.")
    public Response reindex() {
        Reindexer.Started started = reindexer.start();
        URI status = URI.create("/api/v1/search/reindex/" + started.status().id());
        return Response.accepted(Map.of("reindex", started.status(), "alreadyRunning", started.alreadyRunning(),
                "statusUrl", status.toString())).location(status).build();
    }

    @Requires(Permission.OPERATE)
    @GET
    @Path("reindex/{id}")
    public Reindexer.Status reindexStatus(@PathParam("id") long id) {
        return reindexer.status(id).orElseThrow(() -> ApiException.notFound("no reindex {0}", id));
    }

    /** Whether the index is in step: updates waiting in the outbox, the oldest one's age, the reindex under way. */
    @Requires(Permission.OPERATE)
    @GET
    @Path("status")
    public Map<String, Object> status() throws java.io.IOException {
        SearchOutbox.Status s = outbox.status();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("alias", index.alias());
        m.put("indices", index.indicesOf(index.alias()));
        m.put("chineseAnalyzer", index.chineseAnalyzer());
        m.put("outbox", s);
        reindexer.active().ifPresent(r -> m.put("reindex", r));
        return m;
    }
}
