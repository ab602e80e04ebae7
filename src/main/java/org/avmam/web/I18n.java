package org.avmam.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.avmam.api.Languages;

/**
 * The interface's two languages. One set of messages per language serves both the Qute pages and the scripts (the
 * page hands them over as a JSON data block), so a text is translated once. The language is the remembered choice
 * (cookie {@value #COOKIE}) if there is one, else the best of the browser's Accept-Language, else English.
 */
@ApplicationScoped
public class I18n {

    public static final String COOKIE = Languages.COOKIE;
    public static final List<String> LANGUAGES = Languages.ALL;

    private final Map<String, Map<String, String>> messages = new LinkedHashMap<>();

    public I18n() {
        for (String tag : LANGUAGES) {
            messages.put(tag, load("web/i18n/messages_" + tag.replace('-', '_') + ".properties"));
        }
        Map<String, String> en = messages.get("en");
        for (String tag : LANGUAGES) {
            for (String key : en.keySet()) {
                if (!messages.get(tag).containsKey(key)) {
                    throw new IllegalStateException("message '" + key + "' has no " + tag + " translation");
                }
            }
        }
    }

    private static Map<String, String> load(String resource) {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing message bundle " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return Map.copyOf(m);
    }

    /** The language for a request: a valid remembered choice wins, then Accept-Language, then English. */
    public String choose(String cookie, String acceptLanguage) {
        return Languages.choose(cookie, acceptLanguage);
    }

    public Map<String, String> messages(String language) {
        return messages.getOrDefault(language, messages.get("en"));
    }
}
