package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.api.ApiException;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * Search over captions, catalogue fields, camera data and transcripts. Every query goes through
 * the record policy first (org.avmam.access.AccessPolicy#searchFilter, for the caller); OpenSearch's own errors are logged, never shown to the client.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    /** Vocabulary fields autocomplete knows: name → index field (with its .raw keyword). */
    static final Map<String, String> SUGGEST_FIELDS = Map.of("person", "persons", "place", "place", "event", "event",
            "keyword", "keywords");

    private final AssetIndex index;
    private final org.avmam.access.AccessPolicy access;
    private final AvmamConfig.Search config;

    public SearchService(AssetIndex index, org.avmam.access.AccessPolicy access, AvmamConfig config) {
        this.index = index;
        this.access = access;
        this.config = config.search();
    }

    public SearchResult search(SearchRequest request) {
        return search(request, access.caller());
    }

    public SearchResult search(SearchRequest request, org.avmam.access.Caller caller) {
        if (request.size() > config.maxPageSize()) {
            throw ApiException.badRequest("size may be at most {0} (got {1})", config.maxPageSize(), request.size());
        }
        if (request.cursor() == null && request.from() + request.size() > config.maxOffsetWindow()) {
            throw ApiException.badRequest("from + size may reach {0} at most (got {1}); page further with the 'next' cursor each page returns", config.maxOffsetWindow(), (request.from() + request.size()));
        }
        if (request.cursor() != null && request.from() > 0) {
            throw ApiException.badRequest("from and cursor do not go together: the cursor says where the page starts");
        }
        if (request.cursor() != null && (request.cursor().sort() != request.sort() || request.cursor().ascending() != request.ascending())) {
            throw ApiException.badRequest("the cursor belongs to a search sorted by {0}; ask with the same sort and order, or start again without a cursor", request.cursor().sort().name().toLowerCase());
        }
        ObjectNode query = SearchQuery.build(request, access.searchFilter(caller), chineseSubFields());
        JsonNode reply = send(query);
        List<SearchResult.Hit> hits = new ArrayList<>();
        JsonNode last = null;
        for (JsonNode h : reply.path("hits").path("hits")) {
            hits.add(hit(h));
            last = h;
        }
        String next = null;
        long total = reply.path("hits").path("total").path("value").asLong();
        if (last != null && hits.size() == request.size() && last.path("sort") instanceof ArrayNode sortValues) {
            next = new Cursor(request.sort(), request.ascending(), sortValues).encode();
        }
        return new SearchResult(total, hits, facets(reply.path("aggregations")), next);
    }

    /** One year of the catalogue: records and minutes per media type. */
    public record YearCount(String year, Map<String, Long> records, Map<String, Double> minutes) {}

    /**
     * Photos, recordings and their minutes per year of the records' own date, counted over what the caller may
     * see (the same filter as a search), newest year first: the statistics page's charts.
     */
    public List<YearCount> yearly() {
        ObjectNode q = Json.mapper().createObjectNode();
        q.put("size", 0).put("track_total_hits", true);
        recordsVisible(q.putObject("query").putObject("bool"), access.searchFilter(access.caller()));
        ObjectNode years = q.putObject("aggs").putObject("years");
        years.putObject("date_histogram").put("field", "date").put("calendar_interval", "year").put("format", "yyyy")
                .put("min_doc_count", 1).putObject("order").put("_key", "desc");
        ObjectNode types = years.putObject("aggs").putObject("types");
        types.putObject("terms").put("field", "mediaType").put("size", 10);
        types.putObject("aggs").putObject("seconds").putObject("sum").put("field", "durationSeconds");
        JsonNode reply = send(q);
        List<YearCount> out = new ArrayList<>();
        for (JsonNode y : reply.path("aggregations").path("years").path("buckets")) {
            Map<String, Long> records = new LinkedHashMap<>();
            Map<String, Double> minutes = new LinkedHashMap<>();
            for (JsonNode t : y.path("types").path("buckets")) {
                records.put(t.path("key").asText(), t.path("doc_count").asLong());
                minutes.put(t.path("key").asText(), Math.round(t.path("seconds").path("value").asDouble() / 6.0) / 10.0);
            }
            out.add(new YearCount(y.path("key_as_string").asText(), records, minutes));
        }
        return out;
    }

    /** Values of a vocabulary field that begin with {@code prefix}, most used first. */
    public List<SearchResult.Suggestion> suggest(String field, String prefix, int size) {
        String target = SUGGEST_FIELDS.get(field);
        if (target == null) {
            throw ApiException.badRequest("autocomplete knows the fields {0} (got '{1}')", String.join(", ", SUGGEST_FIELDS.keySet().stream().sorted().toList()), field);
        }
        if (prefix == null || prefix.isBlank()) {
            throw ApiException.badRequest("prefix is required");
        }
        if (prefix.length() > 100) {
            throw ApiException.badRequest("prefix may be 100 characters at most");
        }
        ObjectNode q = suggestQuery(target, prefix.strip(), size, access.searchFilter(access.caller()));
        JsonNode reply = send(q);
        List<SearchResult.Suggestion> out = new ArrayList<>();
        for (JsonNode b : reply.path("aggregations").path("values").path("buckets")) {
            out.add(new SearchResult.Suggestion(b.path("key").asText(), b.path("doc_count").asLong()));
        }
        return out;
    }

    /**
     * The values as written that begin with the prefix, case ignored: the records are found by a
     * case-insensitive prefix query, and of their values (a record may name several people) the
     * aggregation keeps those that match a regular expression accepting either case of each letter.
     */
    static ObjectNode suggestQuery(String field, String prefix, int size, ObjectNode accessFilter) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("size", 0);
        ObjectNode bool = root.putObject("query").putObject("bool");
        bool.putArray("must").addObject().putObject("prefix").putObject(field + ".raw").put("value", prefix)
                .put("case_insensitive", true);
        recordsVisible(bool, accessFilter);
        root.putObject("aggs").putObject("values").putObject("terms").put("field", field + ".raw").put("size", size)
                .put("include", caseInsensitivePrefix(prefix));
        return root;
    }

    /** Records only (a clip's document repeats its record's values, so counts are of records), and those the caller may see. */
    static void recordsVisible(ObjectNode bool, ObjectNode accessFilter) {
        bool.putArray("must_not").addObject().putObject("term").put("kind", "clip");
        if (accessFilter != null) {
            bool.putArray("filter").add(accessFilter);
        }
    }

    /** "Ma" → "[mM][aA].*"; every other character escaped, as Lucene's regular expressions want. */
    static String caseInsensitivePrefix(String prefix) {
        StringBuilder b = new StringBuilder();
        prefix.codePoints().forEach(cp -> {
            int lower = Character.toLowerCase(cp);
            int upper = Character.toUpperCase(cp);
            if (lower != upper) {
                b.append('[').appendCodePoint(lower).appendCodePoint(upper).append(']');
            } else {
                if (!Character.isLetterOrDigit(cp)) {
                    b.append('\\');
                }
                b.appendCodePoint(cp);
            }
        });
        return b.append(".*").toString();
    }

    private JsonNode send(ObjectNode query) {
        try {
            return index.search(query);
        } catch (SearchUnavailable e) {
            LOG.warnf("Search failed: %s", e.getMessage());
            throw new ApiException(503, "Search is unavailable", "the search cluster cannot be reached just now; try again shortly");
        } catch (IOException e) {
            // Our query is built from parsed parts, so this is a fault of ours (or the cluster's): log it, do not leak it.
            LOG.errorf("OpenSearch refused a search: %s; query %s", e.getMessage(), query);
            throw new ApiException(502, "Search failed", "the search cluster could not answer this search; it has been logged");
        }
    }

    private boolean chineseSubFields() {
        try {
            return index.chineseAnalyzer() != IndexMapping.Chinese.NONE;
        } catch (IOException e) {
            return false;
        }
    }

    private static SearchResult.Hit hit(JsonNode h) {
        JsonNode src = h.path("_source");
        Map<String, List<String>> highlights = new LinkedHashMap<>();
        h.path("highlight").fields().forEachRemaining(e -> {
            List<String> fragments = new ArrayList<>();
            e.getValue().forEach(f -> fragments.add(f.asText()));
            highlights.put(e.getKey(), fragments);
        });
        List<SearchResult.Moment> moments = new ArrayList<>();
        for (JsonNode m : h.path("inner_hits").path("segments").path("hits").path("hits")) {
            JsonNode seg = m.path("_source");
            JsonNode hl = m.path("highlight").path("segments.text");
            moments.add(new SearchResult.Moment(seg.path("id").asInt(), seg.path("start").asDouble(), seg.path("end").asDouble(),
                    seg.path("text").asText(), hl.isArray() && !hl.isEmpty() ? hl.get(0).asText() : null));
        }
        moments.sort(Comparator.comparingDouble(SearchResult.Moment::start));
        List<String> persons = new ArrayList<>();
        src.path("persons").forEach(p -> persons.add(p.asText()));
        boolean clip = "clip".equals(src.path("kind").asText(null));
        String id = clip ? src.path("asset").asText() : src.path("id").asText();
        SearchResult.Clip clipOf = clip ? new SearchResult.Clip(src.path("clip").asText(), id, src.path("inSeconds").asDouble(),
                src.path("outSeconds").asDouble(), "/api/v1/clips/" + src.path("clip").asText()) : null;
        return new SearchResult.Hit(id, "/api/v1/assets/" + id, src.path("mediaType").asText(), src.path("originalFilename").asText(null),
                src.path("title").asText(null), src.path("date").asText(null),
                src.has("durationSeconds") ? src.path("durationSeconds").asDouble() : null, src.path("event").asText(null),
                src.path("place").asText(null), persons, src.path("fonds").asText(null), src.path("archivalCode").asText(null),
                src.path("openStatus").asText(null),
                h.path("_score").isNumber() ? h.path("_score").asDouble() : null, highlights, moments, clipOf,
                src.path("location").path("lat").isNumber() ? new SearchResult.Location(src.path("location").path("lat").asDouble(),
                        src.path("location").path("lon").asDouble()) : null);
    }

    private static Map<String, Map<String, Long>> facets(JsonNode aggs) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String name : SearchQuery.FACETS.keySet()) {
            facets.put(name, buckets(aggs.path(name)));
        }
        facets.put("year", buckets(aggs.path("year")));
        return facets;
    }

    private static Map<String, Long> buckets(JsonNode agg) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (JsonNode b : agg.path("buckets")) {
            values.put(b.has("key_as_string") ? b.path("key_as_string").asText() : b.path("key").asText(), b.path("doc_count").asLong());
        }
        return values;
    }
}
