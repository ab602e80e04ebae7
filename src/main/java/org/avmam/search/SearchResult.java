package org.avmam.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What GET /api/v1/search answers. {@code next} is the cursor of the following page (absent on the
 * last); facets map each facet to its values and counts, largest first (years newest first).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets, String next) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Hit(String id, String url, String mediaType, String originalFilename, String title, String date,
            Double durationSeconds, String event, String place, List<String> persons, String fonds, String archivalCode,
            String openStatus,
            Double score, Map<String, List<String>> highlights, List<Moment> moments, Clip clip, Location location) {}

    /** Where a geotagged record was made, in degrees (WGS 84). */
    public record Location(double lat, double lon) {}

    /** On a clip's hit: the clip, its record, and its range in the record, in seconds. */
    public record Clip(String id, String asset, double in, double out, String url) {}

    /** Where in a recording the words were found: a transcript segment, its times in seconds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moment(int segment, double start, double end, String text, String highlight) {}

    /** An autocomplete answer: a value as written and how many records carry it. */
    public record Suggestion(String value, long count) {}
}
