package org.avmam.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import org.avmam.asset.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/search")
@Produces("application/json")
public class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @Operation(summary = "Search assets", description = "Full text over file names, captions, keywords, camera make and model, and transcripts; facets by media type.")
    public SearchResult search(@QueryParam("q") String q, @QueryParam("mediaType") MediaType mediaType,
            @QueryParam("from") @DefaultValue("0") @Min(0) @Max(10_000) int from,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) throws IOException {
        return search.search(q, mediaType, from, size);
    }
}
