package org.avmam.search;

import java.util.List;
import java.util.Set;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;

/**
 * One search as the API received it, validated: the parsed query, filters, sort and page.
 * {@code cursor} (from the previous page's {@code next}) pages with search_after; {@code from}
 * is only for the first few pages.
 */
public record SearchRequest(
        List<QueryParser.Term> terms,
        Set<MediaType> mediaTypes,
        String dateFrom,
        String dateTo,
        List<String> fonds,
        Set<OpenStatus> openStatus,
        Double minDuration,
        Double maxDuration,
        Boolean hasTranscript,
        BoundingBox bbox,
        Sort sort,
        boolean ascending,
        int from,
        int size,
        Cursor cursor,
        Kind kind) {

    /** What the hits are: records (the default), clips (each a hit of its own), or both. */
    public enum Kind {
        RECORDS,
        CLIPS,
        ALL
    }

    public SearchRequest(List<QueryParser.Term> terms, Set<MediaType> mediaTypes, String dateFrom, String dateTo, List<String> fonds,
            Set<OpenStatus> openStatus, Double minDuration, Double maxDuration, Boolean hasTranscript, BoundingBox bbox, Sort sort,
            boolean ascending, int from, int size, Cursor cursor) {
        this(terms, mediaTypes, dateFrom, dateTo, fonds, openStatus, minDuration, maxDuration, hasTranscript, bbox, sort, ascending, from,
                size, cursor, Kind.RECORDS);
    }

    public enum Sort {
        RELEVANCE,
        DATE,
        DURATION
    }

    /** West, south, east, north in degrees (the order of GeoJSON's bbox). */
    public record BoundingBox(double west, double south, double east, double north) {

        public static BoundingBox parse(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            String[] p = s.split(",");
            if (p.length != 4) {
                throw new QueryParser.QuerySyntax("bbox takes four numbers, west,south,east,north (got '{0}')", s);
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Double.parseDouble(p[i].strip());
                } catch (NumberFormatException e) {
                    throw new QueryParser.QuerySyntax("bbox: '{0}' is not a number", p[i].strip());
                }
            }
            if (Math.abs(v[0]) > 180 || Math.abs(v[2]) > 180 || Math.abs(v[1]) > 90 || Math.abs(v[3]) > 90) {
                throw new QueryParser.QuerySyntax("bbox: longitudes lie within ±180 and latitudes within ±90 (got '{0}')", s);
            }
            if (v[1] > v[3]) {
                throw new QueryParser.QuerySyntax("bbox: south ({0}) lies north of north ({1})", v[1], v[3]);
            }
            return new BoundingBox(v[0], v[1], v[2], v[3]);
        }
    }
}
