package org.avmam.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An archival-code pattern, e.g. {@code {fonds}-{category}·{year}·{retention}-{item:4}} (DA/T 13:
 * "-" between levels, "·" between the parts of the category). Placeholders: fonds, category, year,
 * retention, group, item; {@code :n} pads a number to n digits. Pure.
 */
public record CodePattern(String pattern) {

    /** DA/T 13 item level, e.g. J019-LY·2019·Y-0001. */
    public static final String DEFAULT_ITEM = "{fonds}-{category}·{year}·{retention}-{item:4}";
    /** DA/T 13 within a group, e.g. K021-ZP·2019·D30-025-005. */
    public static final String DEFAULT_GROUP = "{fonds}-{category}·{year}·{retention}-{group:3}-{item:3}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([1-9]))?}");
    private static final List<String> NAMES = List.of("fonds", "category", "year", "retention", "group", "item");

    /** Problems with the pattern (none when it is usable); {@code grouped} patterns must hold {group}. */
    public static List<String> problems(String pattern, boolean grouped) {
        List<String> problems = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            problems.add("the pattern is empty");
            return problems;
        }
        if (pattern.length() > 200) {
            problems.add("the pattern is longer than 200 characters");
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                problems.add("{" + m.group(1) + "} is not a placeholder; they are " + NAMES.stream().map(n -> "{" + n + "}").toList());
            }
            seen.add(m.group(1));
        }
        String rest = PLACEHOLDER.matcher(pattern).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            problems.add("a brace stands outside a placeholder");
        }
        if (!seen.contains("item")) {
            problems.add("the pattern has no {item}: codes would repeat");
        }
        if (grouped && !seen.contains("group")) {
            problems.add("a group pattern needs {group}");
        }
        if (!grouped && seen.contains("group")) {
            problems.add("an item-level pattern has no {group}");
        }
        return problems;
    }

    public String render(Map<String, Object> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            String text;
            if (v instanceof Number n && m.group(2) != null) {
                text = String.format("%0" + m.group(2) + "d", n.longValue());
            } else {
                text = String.valueOf(v);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
