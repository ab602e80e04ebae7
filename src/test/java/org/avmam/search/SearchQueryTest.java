package org.avmam.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.avmam.common.Json;
import org.junit.jupiter.api.Test;

/** What reaches OpenSearch: no user text as query syntax, phrases for Han, the access filter always applied. */
class SearchQueryTest {

    private static SearchRequest request(String q, SearchRequest.Sort sort, Cursor cursor) {
        return new SearchRequest(QueryParser.parse(q), Set.of(), null, "2023", List.of(), Set.of(), null, null, null, null, sort, false,
                0, 20, cursor);
    }

    @Test
    void neverSendsQueryStringAndPhrasesHan() {
        JsonNode q = SearchQuery.build(request("口述历史 harbour", SearchRequest.Sort.RELEVANCE, null), null, true);
        String json = Json.write(q);
        assertFalse(json.contains("query_string"), json);
        JsonNode must = q.path("query").path("bool").path("must");
        assertEquals("phrase", must.get(0).path("multi_match").path("type").asText());
        assertEquals("cross_fields", must.get(1).path("multi_match").path("type").asText());
        assertTrue(json.contains("title.zh^3"), "bigram ranking clause when the cluster has a Chinese analyser");
        assertFalse(Json.write(SearchQuery.build(request("口述历史", SearchRequest.Sort.RELEVANCE, null), null, false)).contains(".zh"));
        assertEquals("2023||/y", q.path("query").path("bool").path("filter").get(0).path("range").path("date").path("lte").asText());
    }

    @Test
    void theAccessFilterAndTheCursorAreApplied() {
        var filter = org.avmam.access.AccessPolicy.searchFilter(org.avmam.access.Caller.user("reader",
                java.util.Set.of(org.avmam.access.Role.READER)), List.of("公开"));
        var after = Json.mapper().createArrayNode().add(1700000000000L).add("id-9");
        JsonNode q = SearchQuery.build(request("harbour", SearchRequest.Sort.DATE, new Cursor(SearchRequest.Sort.DATE, false, after)),
                filter, false);
        String filters = Json.write(q.path("query").path("bool").path("filter"));
        assertTrue(filters.contains("\"openStatus\":[\"PARTLY_OPEN\",\"OPEN\"]"), filters);
        assertTrue(filters.contains("\"uploadedBy\":\"reader\""), "a reader also sees their own uploads: " + filters);
        assertTrue(filters.contains("公开"), filters);
        assertEquals(after, q.path("search_after"));
        assertTrue(q.path("from").isMissingNode(), "search_after pages have no offset");
        assertEquals("id", q.path("sort").get(1).fieldNames().next(), "a tiebreaker ends every sort");
        assertEquals(null, org.avmam.access.AccessPolicy.searchFilter(org.avmam.access.Caller.user("archivist",
                java.util.Set.of(org.avmam.access.Role.ARCHIVIST)), List.of("公开")));
        assertTrue(Json.write(org.avmam.access.AccessPolicy.searchFilter(org.avmam.access.Caller.user("editor",
                java.util.Set.of(org.avmam.access.Role.EDITOR)), List.of("公开"))).contains("UNREVIEWED"), "staff see unreviewed records");
    }

    @Test
    void cursorsRoundTripAndForgeriesAreRefused() {
        Cursor c = new Cursor(SearchRequest.Sort.DURATION, true, Json.mapper().createArrayNode().add(12.5).add("abc"));
        assertEquals(c, Cursor.decode(c.encode()));
        org.junit.jupiter.api.Assertions.assertThrows(QueryParser.QuerySyntax.class, () -> Cursor.decode("eyJ4IjoxfQ"));
    }

    @Test
    void autocompleteIgnoresCaseAndEscapesTheRest() {
        assertEquals("[mM][aA]\\ [zZ].*", SearchService.caseInsensitivePrefix("Ma Z"));
        assertEquals("张\\..*", SearchService.caseInsensitivePrefix("张."));
    }
}
