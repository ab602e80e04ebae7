package org.avmam.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.avmam.api.ApiException;
import org.avmam.common.Json;

/**
 * What the reviewer opened of a PARTLY_OPEN record: description elements (and {@code title}),
 * renditions by profile name, and for audio and video the time ranges in seconds. Whoever may not
 * see the whole record is served these and nothing else.
 */
public record OpenParts(List<String> elements, List<String> renditions, List<Range> ranges) {

    public record Range(double start, double end) {
        public boolean covers(double from, double to) {
            return from >= start && to <= end;
        }
    }

    public static final OpenParts NOTHING = new OpenParts(List.of(), List.of(), List.of());

    public OpenParts {
        elements = elements == null ? List.of() : List.copyOf(elements);
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    public static OpenParts read(String json) {
        return json == null ? NOTHING : Json.read(json, OpenParts.class);
    }

    /** Parses and checks a reviewer's {"elements": [...], "renditions": [...], "ranges": [[start, end], ...]}. */
    public static OpenParts parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("a PARTLY_OPEN decision names what is open: {\"openParts\": {\"elements\": [...], \"renditions\": [...], \"ranges\": [[start, end], ...]}}");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("openParts is an object with elements, renditions and ranges");
        }
        List<String> elements = strings(node, "elements");
        List<String> renditions = strings(node, "renditions");
        List<Range> ranges = new ArrayList<>();
        for (JsonNode r : node.path("ranges")) {
            if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()
                    || r.get(0).asDouble() < 0 || r.get(1).asDouble() <= r.get(0).asDouble()) {
                throw ApiException.badRequest("each open range is [start, end] in seconds with start < end (got {0})", r);
            }
            ranges.add(new Range(r.get(0).asDouble(), r.get(1).asDouble()));
        }
        if (elements.isEmpty() && renditions.isEmpty() && ranges.isEmpty()) {
            throw ApiException.badRequest("openParts opens nothing; name elements, renditions or ranges (or decide CLOSED)");
        }
        return new OpenParts(elements, renditions, ranges);
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : node.path(field)) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw ApiException.badRequest("openParts.{0} holds names (got {1})", field, v);
            }
            out.add(v.asText().strip());
        }
        return out;
    }

    public String json() {
        return Json.write(this);
    }

    public boolean element(String name) {
        return elements.contains(name);
    }

    public boolean rendition(String profile) {
        return renditions.contains(profile);
    }

    /** Whether a stretch of media (a transcript segment, an index point) lies inside an open range. */
    public boolean time(double from, double to) {
        return ranges.stream().anyMatch(r -> r.covers(from, to));
    }
}
