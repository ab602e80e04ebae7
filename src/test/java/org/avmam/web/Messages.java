package org.avmam.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The interface's messages as the pages have them ({@code web/i18n/messages_*.properties}), for tests that read the pages. */
final class Messages {

    private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();

    private final Properties texts = new Properties();

    private Messages(String resource) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of a browser language: Chinese for zh*, else English. */
    static Messages of(String language) {
        String bundle = language.startsWith("zh") ? "zh_CN" : "en";
        return LOADED.computeIfAbsent(bundle, b -> new Messages("web/i18n/messages_" + b + ".properties"));
    }

    /** The message {@code key} with its {name} places filled from {@code values}, given as name, value, name, value... */
    String format(String key, Object... values) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        for (int i = 0; i + 1 < values.length; i += 2) {
            text = text.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
        }
        return text;
    }
}
