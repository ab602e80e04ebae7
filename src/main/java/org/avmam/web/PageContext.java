package org.avmam.web;

import java.util.List;
import java.util.Map;

/**
 * What every page's layout needs: who is signed in, the navigation their role allows, the language and its
 * messages, and the page's own data for its script (as JSON in a data block, never an inline script).
 */
public record PageContext(String page, String title, String username, List<String> roles, List<NavItem> nav, String language,
        Map<String, String> m, String data, String path, List<String> preloadImages) {

    public record NavItem(String href, String label, boolean current) {}

    public String msg(String key) {
        return m.getOrDefault(key, key);
    }

    public String otherLanguage() {
        return language.equals("en") ? "zh-CN" : "en";
    }

    public String otherLanguageLabel() {
        return language.equals("en") ? "中文" : "English";
    }
}
