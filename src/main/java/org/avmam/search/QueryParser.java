package org.avmam.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.api.ApiException;

/**
 * The query language of {@code q}: words, {@code "phrases"}, {@code field:word},
 * {@code field:"a phrase"}, and {@code -word} to exclude. Every part must match (AND). A part in
 * Han script is always a phrase, so 口述历史 finds records holding those four characters together,
 * not ones that only hold 历史. Anything malformed is a {@link QuerySyntax} naming what and where.
 */
public final class QueryParser {

    /** The fields a query may name, and the index fields each one searches. */
    public static final Map<String, List<String>> FIELDS = fields();

    static final int MAX_LENGTH = 1000;
    static final int MAX_TERMS = 32;

    /** One part of the query. {@code field} is null for free text; "transcript" searches inside the segments. */
    public record Term(String field, String text, boolean phrase, boolean negated) {}

    /** The query cannot be read: a 400 whose sentence says what is wrong and where, in the caller's language. */
    public static class QuerySyntax extends ApiException {
        public QuerySyntax(String detail, Object... args) {
            super(400, "Bad request", detail, args);
        }
    }

    private QueryParser() {}

    public static List<Term> parse(String q) {
        List<Term> terms = new ArrayList<>();
        if (q == null || q.isBlank()) {
            return terms;
        }
        if (q.length() > MAX_LENGTH) {
            throw new QuerySyntax("the query is {0} characters long; at most {1} are allowed", q.length(), MAX_LENGTH);
        }
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1))) {
                negated = true;
                i++;
            }
            String field = null;
            int colon = fieldEnd(q, i);
            if (colon > 0) {
                String name = q.substring(i, colon);
                String key = name.toLowerCase();
                if (!FIELDS.containsKey(key)) {
                    throw new QuerySyntax("unknown field '{0}:' at position {1}; the fields are {2} (put a colon that belongs to the text in quotes)",
                            name, i + 1, String.join(", ", FIELDS.keySet().stream().map(f -> f + ":").toList()));
                }
                field = key;
                i = colon + 1;
                if (i >= n || Character.isWhitespace(q.charAt(i))) {
                    throw new QuerySyntax("'{0}:' at position {1} has no value", name, colon - name.length() + 1);
                }
            }
            String text;
            boolean phrase;
            if (q.charAt(i) == '"') {
                int close = q.indexOf('"', i + 1);
                if (close < 0) {
                    throw new QuerySyntax("the quote opened at position {0} is not closed", i + 1);
                }
                text = q.substring(i + 1, close).strip();
                if (text.isEmpty()) {
                    throw new QuerySyntax("the quotes at position {0} hold nothing", i + 1);
                }
                phrase = true;
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(q.charAt(end))) {
                    if (q.charAt(end) == '"') {
                        throw new QuerySyntax("a quote at position {0} stands inside a word; quotes go around a phrase", end + 1);
                    }
                    end++;
                }
                text = q.substring(i, end);
                phrase = hasHan(text);
                i = end;
            }
            terms.add(new Term(field, text, phrase, negated));
            if (terms.size() > MAX_TERMS) {
                throw new QuerySyntax("the query has more than {0} parts", MAX_TERMS);
            }
        }
        if (!terms.isEmpty() && terms.stream().allMatch(Term::negated)) {
            throw new QuerySyntax("the query only excludes; say what to find as well (or leave q out and use filters)");
        }
        return terms;
    }

    /** The index of the colon when the text at {@code from} is a field name (letters only) followed by one, else -1. */
    private static int fieldEnd(String q, int from) {
        int i = from;
        while (i < q.length() && Character.isLetter(q.charAt(i)) && q.charAt(i) < 128) {
            i++;
        }
        return i > from && i < q.length() && q.charAt(i) == ':' ? i : -1;
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("title", List.of("title"));
        m.put("caption", List.of("caption"));
        m.put("person", List.of("persons", "personsAlt"));
        m.put("place", List.of("place", "placeAlt"));
        m.put("event", List.of("event", "eventAlt"));
        m.put("camera", List.of("make", "model", "lens"));
        m.put("keyword", List.of("keywords", "keywordsAlt"));
        m.put("creator", List.of("creator"));
        m.put("filename", List.of("originalFilename"));
        m.put("transcript", List.of("segments.text"));
        m.put("code", List.of("archivalCode"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
