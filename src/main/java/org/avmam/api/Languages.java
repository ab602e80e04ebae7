package org.avmam.api;

import java.util.List;
import java.util.Locale;

/**
 * The languages avmam speaks (English and Simplified Chinese) and the choice of one for a request: a
 * valid remembered choice (the web application's cookie {@value #COOKIE}) wins, then the best of
 * Accept-Language, then English. The pages and the API's problem details choose alike, so an error
 * shown on a page is in the page's language.
 */
public final class Languages {

    public static final String COOKIE = "avmam-lang";
    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-CN";
    public static final List<String> ALL = List.of(ENGLISH, CHINESE);

    private Languages() {
    }

    public static String choose(String cookie, String acceptLanguage) {
        if (cookie != null && ALL.contains(cookie)) {
            return cookie;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ENGLISH;
        }
        try {
            for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                String range = r.getRange().toLowerCase(Locale.ROOT);
                if (r.getWeight() > 0 && range.startsWith("zh")) {
                    return CHINESE;
                }
                if (r.getWeight() > 0 && range.startsWith("en")) {
                    return ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
        return ENGLISH;
    }

    /** The choice for a request answered below the REST layer (a route handler), from its cookie and Accept-Language. */
    public static String choose(io.vertx.core.http.HttpServerRequest request) {
        io.vertx.core.http.Cookie c = request.getCookie(COOKIE);
        return choose(c == null ? null : c.getValue(), request.getHeader("Accept-Language"));
    }
}
