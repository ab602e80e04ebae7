package org.avmam.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mapping fits the cluster: the best Chinese analyser it has, none when it has none. */
class IndexMappingTest {

    @Test
    void picksTheBestChineseAnalyserTheClusterOffers() {
        assertEquals(IndexMapping.Chinese.SMARTCN, IndexMapping.Chinese.best(Set.of("analysis-common", "analysis-smartcn")));
        assertEquals(IndexMapping.Chinese.ICU, IndexMapping.Chinese.best(Set.of("analysis-icu", "analysis-common")));
        assertEquals(IndexMapping.Chinese.CJK_BIGRAMS, IndexMapping.Chinese.best(Set.of("analysis-common")));
        assertEquals(IndexMapping.Chinese.NONE, IndexMapping.Chinese.best(Set.of("transport-netty4")));
    }

    @Test
    void subFieldsFollowTheAnalyserAndTheVersionFollowsTheMapping() {
        JsonNode smart = IndexMapping.definition(Set.of("analysis-smartcn"), 1);
        assertEquals("smartcn", smart.path("mappings").path("properties").path("caption").path("fields").path("zh").path("analyzer").asText());
        assertEquals("smartcn", smart.path("mappings").path("properties").path("segments").path("properties").path("text").path("fields")
                .path("zh").path("analyzer").asText());
        JsonNode bare = IndexMapping.definition(Set.of(), 0);
        assertFalse(bare.path("mappings").path("properties").path("caption").has("fields"), "no zh sub-field without an analyser");
        assertTrue(bare.path("mappings").path("properties").path("persons").path("fields").has("raw"));
        assertEquals("NONE", bare.path("mappings").path("_meta").path("chineseAnalyzer").asText());
        String v1 = smart.path("mappings").path("_meta").path("mappingVersion").asText();
        assertNotEquals(v1, bare.path("mappings").path("_meta").path("mappingVersion").asText(), "another analyser, another version");
        assertEquals(v1, IndexMapping.definition(Set.of("analysis-smartcn"), 0).path("mappings").path("_meta").path("mappingVersion")
                .asText(), "replicas are the cluster's business, not the mapping's");
    }
}
