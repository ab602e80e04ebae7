package org.avmam.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Descriptive fields that came with a file rather than inside it: upload form fields, tus
 * Upload-Metadata, an XMP sidecar, a row of an import CSV. Later sources fill what earlier ones
 * left empty ({@link #orElse}); keywords are merged.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Supplied(String title, String caption, List<String> keywords, String creator, String date, String place,
        String event, List<String> persons) {

    public static final Supplied NONE = new Supplied(null, null, List.of(), null, null, null, null, List.of());

    /** The recognised fields of a form or metadata map; keywords and persons separated by commas or semicolons (, ; ，；). */
    public static Supplied of(Map<String, String> fields) {
        return new Supplied(blank(fields.get("title")), blank(fields.get("caption")), keywords(fields.get("keywords")),
                blank(fields.get("creator")), blank(fields.get("date")), blank(fields.get("place")), blank(fields.get("event")),
                keywords(fields.get("persons")));
    }

    public static List<String> keywords(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,;，；]")).map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
    }

    public Supplied orElse(Supplied other) {
        LinkedHashSet<String> k = new LinkedHashSet<>(keywords == null ? List.of() : keywords);
        k.addAll(other.keywords == null ? List.of() : other.keywords);
        LinkedHashSet<String> p = new LinkedHashSet<>(persons == null ? List.of() : persons);
        p.addAll(other.persons == null ? List.of() : other.persons);
        return new Supplied(title != null ? title : other.title, caption != null ? caption : other.caption, new ArrayList<>(k),
                creator != null ? creator : other.creator, date != null ? date : other.date, place != null ? place : other.place,
                event != null ? event : other.event, new ArrayList<>(p));
    }

    public boolean isEmpty() {
        return title == null && caption == null && (keywords == null || keywords.isEmpty()) && creator == null && date == null
                && place == null && event == null && (persons == null || persons.isEmpty());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
