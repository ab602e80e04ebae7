package org.avmam.api;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's problem titles and details in the caller's language. The English sentence pattern is the key
 * (as in gettext), so the code reads in English and a missing translation falls back to it; the
 * translations live in {@value #CATALOGUE}, one pair of {@code en:} and {@code zh:} lines per sentence.
 * The service refuses to start when a translation's numbered places differ from its English, and
 * {@code ProblemTextsTest} fails when a sentence thrown in the code has no translation.
 */
@Startup
@ApplicationScoped
public class ProblemTexts {

    static final String CATALOGUE = "api/problems_zh-CN.txt";
    private static final Pattern PLACE = Pattern.compile("\\{(\\d+)}");

    private final Map<String, String> chinese;
    /** The sentences with places as expressions, for messages that arrive already filled (from an exception below the API). */
    private final Map<Pattern, String> filled = new java.util.LinkedHashMap<>();

    public ProblemTexts() {
        this.chinese = load(CATALOGUE);
        // The most specific sentence first: the one with the most fixed text.
        chinese.keySet().stream().filter(en -> PLACE.matcher(en).find())
                .sorted(java.util.Comparator.comparingInt((String en) -> PLACE.matcher(en).replaceAll("").length()).reversed()
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .forEach(en -> filled.put(expression(en), en));
    }

    private static Pattern expression(String en) {
        StringBuilder re = new StringBuilder();
        Matcher m = PLACE.matcher(en);
        int last = 0;
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            re.append(Pattern.quote(en.substring(last, m.start())));
            re.append(seen.add(m.group(1)) ? "(?<p" + m.group(1) + ">.*?)" : "\\k<p" + m.group(1) + ">");
            last = m.end();
        }
        return Pattern.compile(re.append(Pattern.quote(en.substring(last))).toString(), Pattern.DOTALL);
    }

    /** {@code pattern} with its numbered places filled; a sentence given without values is left as it is. */
    public static String fill(String pattern, Object... args) {
        if (pattern == null || args.length == 0) {
            return pattern;
        }
        Matcher m = PLACE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(i < args.length ? String.valueOf(args[i]) : m.group()));
        }
        return m.appendTail(out).toString();
    }

    public String detail(String language, String pattern, Object... args) {
        if (args.length == 0 && pattern != null && Languages.CHINESE.equals(language) && !chinese.containsKey(pattern)) {
            // A sentence filled before it reached here: recognise it by its English and move its values over.
            for (Map.Entry<Pattern, String> e : filled.entrySet()) {
                Matcher m = e.getKey().matcher(pattern);
                if (m.matches()) {
                    Matcher places = PLACE.matcher(e.getValue());
                    java.util.List<Object> values = new java.util.ArrayList<>();
                    while (places.find()) {
                        int i = Integer.parseInt(places.group(1));
                        while (values.size() <= i) {
                            values.add("");
                        }
                        values.set(i, m.group("p" + i));
                    }
                    return fill(chinese.get(e.getValue()), values.toArray());
                }
            }
        }
        return fill(translate(language, pattern), args);
    }

    public String title(String language, String title) {
        return translate(language, title);
    }

    /** The translated pattern, or the English one where there is none. */
    String translate(String language, String pattern) {
        if (pattern == null || !Languages.CHINESE.equals(language)) {
            return pattern;
        }
        return chinese.getOrDefault(pattern, pattern);
    }

    /** The English sentences that have a translation. */
    public Set<String> translated() {
        return chinese.keySet();
    }

    static Map<String, String> load(String resource) {
        Map<String, String> pairs = new HashMap<>();
        try (InputStream in = ProblemTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing problem catalogue " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String en = null;
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("en: ") && en == null) {
                    en = line.substring(4);
                } else if (line.startsWith("zh: ") && en != null) {
                    String zh = line.substring(4);
                    if (!places(en).equals(places(zh))) {
                        throw new IllegalStateException(resource + " line " + n + ": the translation has places " + places(zh)
                                + " but its English has " + places(en));
                    }
                    if (pairs.put(en, zh) != null) {
                        throw new IllegalStateException(resource + " line " + n + ": '" + en + "' is translated twice");
                    }
                    en = null;
                } else {
                    throw new IllegalStateException(resource + " line " + n + ": expected " + (en == null ? "an 'en: '" : "a 'zh: '") + " line");
                }
            }
            if (en != null) {
                throw new IllegalStateException(resource + ": '" + en + "' has no translation");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(pairs);
    }

    private static Set<String> places(String s) {
        Set<String> p = new TreeSet<>();
        Matcher m = PLACE.matcher(s);
        while (m.find()) {
            p.add(m.group());
        }
        return p;
    }
}
