package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.avmam.common.Json;

/**
 * The asset index's settings and mapping (src/main/resources/search/asset-index.json), fitted to
 * what the cluster offers for Chinese. Pure, so tests can read what a cluster would be given.
 *
 * <p>Han text needs no plugin to be found: the standard analyzer makes one token per character and
 * a phrase query over them finds 口述历史 only where the four stand together. What a plugin adds
 * is ranking: the {@code zh} sub-fields are analysed with the best analyser present (smartcn's
 * words, else ICU's, else analysis-common's CJK bigrams) and used as a "should" clause. With none
 * present the sub-fields are left out.
 */
public final class IndexMapping {

    /** The Chinese analyser a cluster can offer, best first; NONE leaves Han text to phrases over characters. */
    public enum Chinese {
        SMARTCN("analysis-smartcn", "smartcn"),
        ICU("analysis-icu", "icu_analyzer"),
        CJK_BIGRAMS("analysis-common", "cjk"),
        NONE(null, null);

        final String component;
        final String analyzer;

        Chinese(String component, String analyzer) {
            this.component = component;
            this.analyzer = analyzer;
        }

        /** The best analyser among the modules and plugins the nodes report. */
        public static Chinese best(Set<String> components) {
            for (Chinese c : values()) {
                if (c.component == null || components.contains(c.component)) {
                    return c;
                }
            }
            return NONE;
        }
    }

    private IndexMapping() {}

    /**
     * The index definition for a cluster with these modules and plugins. {@code _meta} records the
     * mapping's version (a hash of the definition) and the analyser chosen, so a start can tell
     * whether the live index is out of date.
     */
    public static ObjectNode definition(Set<String> components, int replicas) {
        ObjectNode d = base();
        Chinese chinese = Chinese.best(components);
        ((ObjectNode) d.path("settings")).put("number_of_replicas", replicas);
        ObjectNode properties = (ObjectNode) d.path("mappings").path("properties");
        fitSubFields(properties, chinese);
        ObjectNode meta = ((ObjectNode) d.path("mappings")).putObject("_meta");
        meta.put("mappingVersion", version(d));
        meta.put("chineseAnalyzer", chinese.name());
        return d;
    }

    /** A hash of the definition (without its _meta): a changed mapping means a reindex. */
    static String version(JsonNode definition) {
        ObjectNode copy = definition.deepCopy();
        ((ObjectNode) copy.path("mappings")).remove("_meta");
        ((ObjectNode) copy.path("settings")).remove("number_of_replicas");
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Json.write(copy).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fitSubFields(ObjectNode properties, Chinese chinese) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            JsonNode field = it.next().getValue();
            if (field.has("properties")) {
                fitSubFields((ObjectNode) field.path("properties"), chinese);
            }
            if (field.path("fields") instanceof ObjectNode subs) {
                if (subs.has("zh")) {
                    if (chinese == Chinese.NONE) {
                        subs.remove("zh");
                    } else {
                        ((ObjectNode) subs.path("zh")).put("analyzer", chinese.analyzer);
                    }
                }
                if (subs.isEmpty()) {
                    ((ObjectNode) field).remove("fields");
                }
            }
        }
    }

    private static ObjectNode base() {
        try (InputStream in = IndexMapping.class.getClassLoader().getResourceAsStream("search/asset-index.json")) {
            if (in == null) {
                throw new IllegalStateException("missing resource search/asset-index.json");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("search/asset-index.json cannot be read: " + e.getMessage(), e);
        }
    }
}
