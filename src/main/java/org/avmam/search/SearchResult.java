package org.avmam.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What GET /api/v1/search answers. */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Hit(String id, String url, String mediaType, String originalFilename, String title, double score,
            Map<String, List<String>> highlights, List<Moment> moments) {}

    /** Where in a recording the words were found: a transcript segment, its times in seconds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moment(int segment, double start, double end, String text, String highlight) {}
}
