package org.avmam.search;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;
import org.avmam.api.QueryValues;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;

/**
 * The query string of GET /api/v1/search read into a {@link SearchRequest}. Every parameter is
 * read here, as text, so that anything malformed (an unknown parameter, a bad date, a size that
 * is not a number) is a 400 that says which parameter and why.
 */
public final class SearchParameters {

    static final List<String> KNOWN = List.of("q", "mediaType", "dateFrom", "dateTo", "fonds", "openStatus", "minDuration",
            "maxDuration", "hasTranscript", "bbox", "sort", "order", "from", "size", "cursor", "kind");

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?)?)?");

    private SearchParameters() {}

    public static SearchRequest parse(MultivaluedMap<String, String> p) {
        onlyKnown(p, KNOWN);
        List<QueryParser.Term> terms = QueryParser.parse(p.getFirst("q"));
        SearchRequest.Sort sort = enumValue(SearchRequest.Sort.class, p.getFirst("sort"), "sort", SearchRequest.Sort.RELEVANCE);
        String order = p.getFirst("order");
        if (order != null && !order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw ApiException.badRequest("order is asc or desc (got '{0}')", order);
        }
        // Newest and longest first unless asked otherwise.
        boolean ascending = order != null && order.equalsIgnoreCase("asc");
        Double minDuration = number(p.getFirst("minDuration"), "minDuration");
        Double maxDuration = number(p.getFirst("maxDuration"), "maxDuration");
        if (minDuration != null && maxDuration != null && minDuration > maxDuration) {
            throw ApiException.badRequest("minDuration ({0}) is more than maxDuration ({1})", minDuration, maxDuration);
        }
        String hasTranscript = p.getFirst("hasTranscript");
        if (hasTranscript != null && !hasTranscript.equals("true") && !hasTranscript.equals("false")) {
            throw ApiException.badRequest("hasTranscript is true or false (got '{0}')", hasTranscript);
        }
        return new SearchRequest(terms, enums(MediaType.class, p.get("mediaType"), "mediaType"), date(p.getFirst("dateFrom"), "dateFrom"),
                date(p.getFirst("dateTo"), "dateTo"), p.get("fonds") == null ? List.of() : p.get("fonds"),
                enums(OpenStatus.class, p.get("openStatus"), "openStatus"), minDuration, maxDuration,
                hasTranscript == null ? null : Boolean.valueOf(hasTranscript), SearchRequest.BoundingBox.parse(p.getFirst("bbox")), sort,
                ascending, QueryValues.integer(p.getFirst("from"), "from", 0, 0, Integer.MAX_VALUE), QueryValues.integer(p.getFirst("size"), "size", 20, 1,
                        Integer.MAX_VALUE),
                Cursor.decode(p.getFirst("cursor")), kind(p.getFirst("kind")));
    }

    /** ?kind=records (the default), clips or all. */
    static SearchRequest.Kind kind(String s) {
        if (s == null || s.isBlank()) {
            return SearchRequest.Kind.RECORDS;
        }
        try {
            return SearchRequest.Kind.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind is records, clips or all (got '{0}')", s);
        }
    }

    static void onlyKnown(MultivaluedMap<String, String> p, List<String> known) {
        for (String name : p.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown parameter '{0}'; the parameters are {1}", name, String.join(", ", known));
            }
        }
    }

    private static Double number(String s, String name) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.strip());
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw ApiException.badRequest("{0} must be a number of seconds, 0 or more (got '{1}')", name, s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("{0} must be a number of seconds (got '{1}')", name, s);
        }
    }

    private static String date(String s, String name) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.strip();
        if (!DATE.matcher(v).matches() || SearchDocuments.isoDate(v.replace(' ', 'T')) == null) {
            throw ApiException.badRequest("{0} must be a date: yyyy, yyyy-MM, yyyy-MM-dd or an ISO 8601 time (got '{1}')", name, s);
        }
        return v.replace(' ', 'T');
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String s, String name, E dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("{0} is one of {1} (got '{2}')", name, String.join(", ", EnumSet.allOf(type).stream()
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).toList()), s);
        }
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, List<String> values, String name) {
        Set<E> out = EnumSet.noneOf(type);
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(enumValue(type, part, name, null));
                    }
                }
            }
        }
        return out;
    }
}
