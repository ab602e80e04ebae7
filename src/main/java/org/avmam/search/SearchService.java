package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.asset.MediaType;
import org.avmam.common.Json;

/** Full-text search over file names, embedded captions and keywords, camera fields and transcripts. */
@ApplicationScoped
public class SearchService {

    static final List<String> FIELDS = List.of("title^3", "caption^2", "keywords^2", "event^2", "originalFilename^2", "place",
            "batchName", "creator", "make", "model", "transcript");

    private final AssetIndex index;

    public SearchService(AssetIndex index) {
        this.index = index;
    }

    public SearchResult search(String q, MediaType mediaType, int from, int size) throws IOException {
        JsonNode reply = index.search(query(q, mediaType, from, size));
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (JsonNode h : reply.path("hits").path("hits")) {
            JsonNode src = h.path("_source");
            Map<String, List<String>> highlights = new LinkedHashMap<>();
            h.path("highlight").fields().forEachRemaining(e -> {
                List<String> fragments = new ArrayList<>();
                e.getValue().forEach(f -> fragments.add(f.asText()));
                highlights.put(e.getKey(), fragments);
            });
            String id = src.path("id").asText();
            List<SearchResult.Moment> moments = new ArrayList<>();
            for (JsonNode m : h.path("inner_hits").path("segments").path("hits").path("hits")) {
                JsonNode seg = m.path("_source");
                JsonNode hl = m.path("highlight").path("segments.text");
                moments.add(new SearchResult.Moment(seg.path("id").asInt(), seg.path("start").asDouble(), seg.path("end").asDouble(),
                        seg.path("text").asText(), hl.isArray() && !hl.isEmpty() ? hl.get(0).asText() : null));
            }
            moments.sort(java.util.Comparator.comparingDouble(SearchResult.Moment::start));
            hits.add(new SearchResult.Hit(id, "/api/v1/assets/" + id, src.path("mediaType").asText(),
                    src.path("originalFilename").asText(null), src.path("title").asText(null), h.path("_score").asDouble(0),
                    highlights, moments));
        }
        Map<String, Long> byType = new LinkedHashMap<>();
        for (JsonNode b : reply.path("aggregations").path("mediaType").path("buckets")) {
            byType.put(b.path("key").asText(), b.path("doc_count").asLong());
        }
        return new SearchResult(reply.path("hits").path("total").path("value").asLong(), hits, Map.of("mediaType", byType));
    }

    /** The OpenSearch query. Pure, so tests can read what is asked. */
    static ObjectNode query(String q, MediaType mediaType, int from, int size) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("from", from).put("size", size).put("track_total_hits", true);
        ObjectNode bool = root.putObject("query").putObject("bool");
        if (q == null || q.isBlank()) {
            bool.putArray("must").addObject().putObject("match_all");
        } else {
            // cross_fields: "Canon EOS harbour" may match make, model and caption together.
            ObjectNode mm = bool.putArray("must").addObject().putObject("multi_match");
            mm.put("query", q).put("type", "cross_fields").put("operator", "and");
            ArrayNode fields = mm.putArray("fields");
            FIELDS.forEach(fields::add);
            // The same words inside one transcript segment: scores the moment and returns its times.
            ObjectNode nested = bool.putArray("should").addObject().putObject("nested");
            nested.put("path", "segments").put("score_mode", "max");
            nested.putObject("query").putObject("match").putObject("segments.text").put("query", q).put("operator", "and");
            ObjectNode inner = nested.putObject("inner_hits");
            inner.put("size", 5);
            inner.putArray("_source").add("segments.id").add("segments.start").add("segments.end").add("segments.text");
            inner.putObject("highlight").putObject("fields").putObject("segments.text").put("number_of_fragments", 0);
        }
        if (mediaType != null) {
            bool.putArray("filter").addObject().putObject("term").put("mediaType", mediaType.name());
        }
        root.putObject("aggs").putObject("mediaType").putObject("terms").put("field", "mediaType").put("size", 10);
        ObjectNode hl = root.putObject("highlight").putObject("fields");
        for (String f : List.of("caption", "transcript", "title", "keywords")) {
            hl.putObject(f).put("number_of_fragments", 2).put("fragment_size", 120);
        }
        root.putObject("_source").putArray("excludes").add("segments").add("transcript");
        return root;
    }
}
