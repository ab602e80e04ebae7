package org.avmam.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.avmam.common.Json;

/**
 * Turns a {@link SearchRequest} into the OpenSearch request. Pure: tests and the benchmark read
 * exactly what is sent. Queries are built from parsed terms (never query_string), so no user text
 * can reach OpenSearch as syntax.
 */
public final class SearchQuery {

    /** Free text searches these, with their boosts. */
    static final List<String> FREE_FIELDS = List.of("title^3", "caption^2", "keywords^2", "event^2", "persons^2", "place^2",
            "originalFilename^2", "batchName", "creator", "make", "model", "lens", "transcript", "personsAlt", "placeAlt", "eventAlt",
            "keywordsAlt", "notes");

    /** Facets: name → keyword field. "year" is a date histogram. */
    static final Map<String, String> FACETS = facets();

    static final int FACET_SIZE = 20;

    private SearchQuery() {}

    public static ObjectNode build(SearchRequest r, ObjectNode accessFilter, boolean chineseSubFields) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("size", r.size()).put("track_total_hits", true);
        if (r.cursor() == null) {
            root.put("from", r.from());
        }
        ObjectNode bool = root.putObject("query").putObject("bool");
        ArrayNode must = bool.putArray("must");
        ArrayNode should = bool.putArray("should");
        ArrayNode mustNot = bool.putArray("must_not");
        ArrayNode filter = bool.putArray("filter");

        List<QueryParser.Term> moments = r.terms().stream()
                .filter(t -> !t.negated() && (t.field() == null || "transcript".equals(t.field()))).toList();
        boolean transcriptField = moments.stream().anyMatch(t -> "transcript".equals(t.field()));
        for (QueryParser.Term t : r.terms()) {
            if ("transcript".equals(t.field()) && !t.negated()) {
                continue; // one nested clause below holds all of them, so the hit says which segment
            }
            ObjectNode clause = t.field() == null ? free(t) : fielded(t);
            (t.negated() ? mustNot : must).add(clause);
            ObjectNode zh = chineseSubFields && !t.negated() && QueryParser.hasHan(t.text()) ? chinese(t) : null;
            if (zh != null) {
                should.add(zh);
            }
        }
        if (!moments.isEmpty()) {
            ObjectNode nested = Json.mapper().createObjectNode();
            ObjectNode n = nested.putObject("nested");
            n.put("path", "segments").put("score_mode", "max");
            ArrayNode all = n.putObject("query").putObject("bool").putArray("must");
            moments.forEach(t -> all.add(match("segments.text", t)));
            ObjectNode inner = n.putObject("inner_hits");
            inner.put("name", "segments").put("size", 5);
            inner.putArray("_source").add("segments.id").add("segments.start").add("segments.end").add("segments.text");
            inner.putObject("highlight").putObject("fields").putObject("segments.text").put("number_of_fragments", 0);
            // Words asked of the transcript must be in one segment; free words may be anywhere, a segment holding them all ranks higher.
            (transcriptField ? must : should).add(nested);
        }
        if (must.isEmpty()) {
            must.addObject().putObject("match_all");
        }
        filters(r, filter);
        switch (r.kind()) {
            case RECORDS -> mustNot.addObject().putObject("term").put("kind", "clip");
            case CLIPS -> filter.addObject().putObject("term").put("kind", "clip");
            case ALL -> { }
        }
        if (accessFilter != null) {
            filter.add(accessFilter);
        }
        sort(r, root);
        aggregations(root.putObject("aggs"));
        ObjectNode hl = root.putObject("highlight");
        hl.put("require_field_match", false);
        ObjectNode hlFields = hl.putObject("fields");
        for (String f : List.of("title", "caption", "transcript", "keywords", "event", "place", "persons")) {
            hlFields.putObject(f).put("number_of_fragments", 2).put("fragment_size", 120);
        }
        root.putObject("_source").putArray("excludes").add("segments").add("transcript");
        return root;
    }

    private static ObjectNode free(QueryParser.Term t) {
        return multiMatch(t, FREE_FIELDS);
    }

    /** A phrase in any of the fields, or every word somewhere in them (cross_fields: "Canon EOS" may match make and model together). */
    private static ObjectNode multiMatch(QueryParser.Term t, List<String> fields) {
        ObjectNode mm = Json.mapper().createObjectNode();
        ObjectNode m = mm.putObject("multi_match");
        m.put("query", t.text());
        if (t.phrase()) {
            m.put("type", "phrase");
        } else {
            m.put("type", "cross_fields").put("operator", "and");
        }
        ArrayNode f = m.putArray("fields");
        fields.forEach(f::add);
        return mm;
    }

    private static ObjectNode fielded(QueryParser.Term t) {
        List<String> fields = QueryParser.FIELDS.get(t.field());
        if ("code".equals(t.field())) {
            // An archival code is an identifier: exact, or every code that begins with it (J019-ZP·2019).
            ObjectNode o = Json.mapper().createObjectNode();
            o.putObject("prefix").putObject("archivalCode").put("value", t.text());
            return o;
        }
        if ("transcript".equals(t.field())) {
            ObjectNode nested = Json.mapper().createObjectNode();
            nested.putObject("nested").put("path", "segments").set("query", match("segments.text", t));
            return nested;
        }
        return fields.size() == 1 ? match(fields.getFirst(), t) : multiMatch(t, fields);
    }

    private static ObjectNode match(String field, QueryParser.Term t) {
        ObjectNode o = Json.mapper().createObjectNode();
        if (t.phrase()) {
            o.putObject("match_phrase").put(field, t.text());
        } else {
            o.putObject("match").putObject(field).put("query", t.text()).put("operator", "and");
        }
        return o;
    }

    /** Fields with a zh sub-field (in asset-index.json), boosted as free text is. */
    private static final Map<String, String> ZH = Map.of("title", "title.zh^3", "caption", "caption.zh^2", "keywords",
            "keywords.zh^2", "event", "event.zh^2", "persons", "persons.zh^2", "place", "place.zh^2", "transcript", "transcript.zh",
            "notes", "notes.zh");

    /** Ranking help from the cluster's Chinese analyser: words (smartcn) or bigrams in the zh sub-fields; null if none apply. */
    private static ObjectNode chinese(QueryParser.Term t) {
        List<String> fields = (t.field() == null ? List.copyOf(ZH.keySet()) : QueryParser.FIELDS.get(t.field())).stream()
                .filter(ZH::containsKey).map(ZH::get).sorted().toList();
        if (fields.isEmpty()) {
            return null;
        }
        ObjectNode mm = Json.mapper().createObjectNode();
        ObjectNode m = mm.putObject("multi_match");
        m.put("query", t.text()).put("operator", "and");
        ArrayNode f = m.putArray("fields");
        fields.forEach(f::add);
        return mm;
    }

    private static void filters(SearchRequest r, ArrayNode filter) {
        if (r.mediaTypes() != null && !r.mediaTypes().isEmpty()) {
            ArrayNode t = filter.addObject().putObject("terms").putArray("mediaType");
            r.mediaTypes().forEach(m -> t.add(m.name()));
        }
        if (r.dateFrom() != null || r.dateTo() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("date");
            if (r.dateFrom() != null) {
                range.put("gte", r.dateFrom());
            }
            if (r.dateTo() != null) {
                range.put("lte", roundedUp(r.dateTo()));
            }
            range.put("format", "strict_date_optional_time||yyyy-MM-dd||yyyy-MM||yyyy");
        }
        if (r.fonds() != null && !r.fonds().isEmpty()) {
            ArrayNode t = filter.addObject().putObject("terms").putArray("fonds");
            r.fonds().forEach(t::add);
        }
        if (r.openStatus() != null && !r.openStatus().isEmpty()) {
            ArrayNode t = filter.addObject().putObject("terms").putArray("openStatus");
            r.openStatus().forEach(s -> t.add(s.name()));
        }
        if (r.minDuration() != null || r.maxDuration() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("durationSeconds");
            if (r.minDuration() != null) {
                range.put("gte", r.minDuration());
            }
            if (r.maxDuration() != null) {
                range.put("lte", r.maxDuration());
            }
        }
        if (r.hasTranscript() != null) {
            filter.addObject().putObject("term").put("hasTranscript", r.hasTranscript());
        }
        if (r.bbox() != null) {
            ObjectNode box = filter.addObject().putObject("geo_bounding_box").putObject("location");
            box.putObject("top_left").put("lat", r.bbox().north()).put("lon", r.bbox().west());
            box.putObject("bottom_right").put("lat", r.bbox().south()).put("lon", r.bbox().east());
        }
    }

    /**
     * A partial date as an upper bound means the whole period: dateTo=2023 includes all of 2023.
     * OpenSearch fills missing parts with their first value, so the period is named by date math
     * (2023||/y), which "lte" rounds up to the period's last millisecond.
     */
    static String roundedUp(String date) {
        return switch (date.length()) {
            case 4 -> date + "||/y";
            case 7 -> date + "||/M";
            case 10 -> date + "||/d";
            default -> date;
        };
    }

    /** Every sort ends on id, so search_after has a total order to resume from. */
    private static void sort(SearchRequest r, ObjectNode root) {
        ArrayNode sort = root.putArray("sort");
        String order = r.ascending() ? "asc" : "desc";
        switch (r.sort()) {
            case RELEVANCE -> sort.addObject().putObject("_score").put("order", "desc");
            case DATE -> sort.addObject().putObject("date").put("order", order).put("missing", "_last");
            case DURATION -> sort.addObject().putObject("durationSeconds").put("order", order).put("missing", "_last");
        }
        sort.addObject().putObject("id").put("order", "asc");
        if (r.cursor() != null) {
            root.set("search_after", r.cursor().after());
        }
    }

    private static void aggregations(ObjectNode aggs) {
        FACETS.forEach((name, field) -> aggs.putObject(name).putObject("terms").put("field", field).put("size", FACET_SIZE));
        aggs.putObject("year").putObject("date_histogram").put("field", "date").put("calendar_interval", "year")
                .put("format", "yyyy").put("min_doc_count", 1).putObject("order").put("_key", "desc");
    }

    private static Map<String, String> facets() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("mediaType", "mediaType");
        m.put("event", "event.raw");
        m.put("person", "persons.raw");
        m.put("place", "place.raw");
        m.put("camera", "camera");
        m.put("openStatus", "openStatus");
        m.put("fonds", "fonds");
        return java.util.Collections.unmodifiableMap(m);
    }
}
