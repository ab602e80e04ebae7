package org.avmam.api;

/**
 * Numbers and switches from the query string, read here rather than by the framework: a parameter that is not
 * a number would otherwise be a 404 (JAX-RS's rule for unconvertible parameters), not a 400 that
 * names it.
 */
public final class QueryValues {

    private QueryValues() {}

    public static int integer(String s, String name, int dflt, int min, int max) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s.strip());
            if (v < min || v > max) {
                throw ApiException.badRequest("{0} must be between {1} and {2} (got {3})", name, min, max, v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("{0} must be a whole number (got '{1}')", name, s);
        }
    }

    /** true or false; anything else is a 400 naming the parameter (the framework would read it as false). */
    public static boolean bool(String s, String name, boolean dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        return switch (s.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("{0} is true or false (got '{1}')", name, s);
        };
    }
}
