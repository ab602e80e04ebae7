package org.avmam.search;

import static io.restassured.RestAssured.given;
import static org.avmam.search.SearchFixtures.segment;
import static org.avmam.search.SearchFixtures.spec;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/search against the real OpenSearch node: Han phrases, fields, filters, facets,
 * sort, cursor paging, transcript moments, autocomplete, the access filter and bad input.
 */
@QuarkusTest
class SearchTest {

    /** Every record of this test carries this fonds, so facet counts are this test's alone. */
    static final String FONDS = "T7-SEARCH";
    static final String PAGING_FONDS = "T7-PAGES";

    static UUID metro;
    static UUID exhibition;
    static UUID oralHistory;
    static UUID harbour;
    static UUID longFilm;
    static UUID internal;

    @Inject
    SearchOutbox outbox;

    @Inject
    SearchService service;

    @BeforeEach
    void catalogue() {
        if (metro != null) {
            return;
        }
        List<UUID> ids = SearchFixtures.create(outbox, List.of(
                spec().title("南沙地铁开通仪式").caption("2023年南沙地铁开通，市长讲话").keywords("metro", "opening", "地铁")
                        .persons("张伟", "Mayor Zhang", "欧阳修远").event("南沙地铁开通").place("南沙").date("2023-06-28T10:15:00+08:00")
                        .camera("Canon", "Canon EOS R5").at(22.79, 113.55).fonds(FONDS).open(OpenStatus.OPEN),
                spec().title("城市历史展览").caption("城市历史展览开幕").date("2021-03-01").camera("NIKON CORPORATION", "NIKON D850")
                        .fonds(FONDS),
                spec().type(MediaType.VIDEO).title("口述历史访谈 李明").duration(600.0).date("2019-11-02").fonds(FONDS)
                        .open(OpenStatus.CLOSED).persons("李明").language("zh")
                        .segments(segment(0, 0.0, 5.0, "我出生在南沙"), segment(1, 5.0, 10.0, "地铁开通那天很热闹"),
                                segment(2, 10.0, 14.5, "the metro opening was a great day")),
                spec().type(MediaType.AUDIO).title("Harbour soundscape").duration(120.0).date("2020-05-05").fonds(FONDS)
                        .open(OpenStatus.OPEN).classification("公开"),
                spec().type(MediaType.VIDEO).title("Harbour bridge construction film").duration(3600.0).date("2020-08-15")
                        .camera("Sony", "ILME-FX6").fonds(FONDS).open(OpenStatus.PARTLY_OPEN),
                spec().title("Harbour committee meeting").date("2022-01-10").fonds(FONDS).open(OpenStatus.OPEN)
                        .classification("内部")));
        metro = ids.get(0);
        exhibition = ids.get(1);
        oralHistory = ids.get(2);
        harbour = ids.get(3);
        longFilm = ids.get(4);
        internal = ids.get(5);
        List<SearchFixtures.Spec> pages = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            pages.add(spec().title("paging photo " + i).date("2018-01-" + String.format("%02d", 1 + i % 28)).fonds(PAGING_FONDS));
        }
        SearchFixtures.create(outbox, pages);
    }

    private static JsonPath search(Map<String, ?> params) {
        return given().queryParams(params).get("/api/v1/search").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(Map<String, ?> params) {
        return search(params).getList("hits.id");
    }

    @Test
    void hanTextIsMatchedAsAPhrase() {
        List<String> both = ids(Map.of("q", "历史", "fonds", FONDS));
        assertTrue(both.contains(exhibition.toString()) && both.contains(oralHistory.toString()), "历史 is in both: " + both);
        assertEquals(List.of(oralHistory.toString()), ids(Map.of("q", "口述历史", "fonds", FONDS)),
                "口述历史 finds the record holding it, not the one holding only 历史");
        // The characters all occur in the metro record (南沙, 地铁, 开通) but not as 沙地开: no hit.
        assertEquals(List.of(), ids(Map.of("q", "沙地开", "fonds", FONDS)));
    }

    @Test
    void namedFieldsSearchOnlyTheirField() {
        assertEquals(List.of(metro.toString()), ids(Map.of("q", "person:张伟", "fonds", FONDS)));
        assertEquals(List.of(metro.toString()), ids(Map.of("q", "person:\"Mayor Zhang\"", "fonds", FONDS)));
        assertEquals(List.of(metro.toString()), ids(Map.of("q", "camera:canon", "fonds", FONDS)));
        assertEquals(List.of(metro.toString()), ids(Map.of("q", "event:地铁开通 place:南沙", "fonds", FONDS)));
        assertEquals(List.of(oralHistory.toString()), ids(Map.of("q", "title:口述历史", "fonds", FONDS)));
        // 南沙 is in the oral history's transcript too, but not in its place field.
        assertEquals(List.of(metro.toString()), ids(Map.of("q", "place:南沙", "fonds", FONDS)));
        List<String> harbours = ids(Map.of("q", "harbour -film", "fonds", FONDS));
        assertTrue(harbours.contains(harbour.toString()) && !harbours.contains(longFilm.toString()), "excluded: " + harbours);
    }

    @Test
    void freeTextReachesCaptionsCatalogueAndTranscripts() {
        JsonPath r = search(Map.of("q", "metro opening", "fonds", FONDS));
        List<String> hits = r.getList("hits.id");
        assertTrue(hits.contains(metro.toString()) && hits.contains(oralHistory.toString()), "keywords and transcript: " + hits);
        assertFalse(hits.contains(harbour.toString()));
        // The metro record: highlighted where it matched.
        Map<String, Object> hit = r.getMap("hits.find { it.id == '" + metro + "' }");
        assertNotNull(hit.get("highlights"), "highlights: " + hit);
        assertEquals("南沙地铁开通", hit.get("event"));
    }

    @Test
    void transcriptHitsSayWhereInTheRecording() {
        JsonPath r = search(Map.of("q", "\"great day\"", "fonds", FONDS));
        assertEquals(List.of(oralHistory.toString()), r.getList("hits.id"));
        assertEquals(10.0f, r.getFloat("hits[0].moments[0].start"));
        assertEquals(14.5f, r.getFloat("hits[0].moments[0].end"));
        assertTrue(r.getString("hits[0].moments[0].highlight").contains("<em>"), r.getString("hits[0].moments[0].highlight"));

        JsonPath zh = search(Map.of("q", "transcript:地铁开通", "fonds", FONDS));
        assertEquals(List.of(oralHistory.toString()), zh.getList("hits.id"), "the metro record's caption is not its transcript");
        assertEquals(5.0f, zh.getFloat("hits[0].moments[0].start"));
    }

    @Test
    void filtersNarrowTheResults() {
        assertEquals(Set.of(oralHistory.toString(), longFilm.toString()), Set.copyOf(ids(Map.of("fonds", FONDS, "mediaType", "VIDEO"))));
        assertEquals(List.of(longFilm.toString()), ids(Map.of("fonds", FONDS, "minDuration", "1000")));
        assertEquals(Set.of(harbour.toString(), oralHistory.toString()),
                Set.copyOf(ids(Map.of("fonds", FONDS, "minDuration", "60", "maxDuration", "900"))));
        assertEquals(List.of(oralHistory.toString()), ids(Map.of("fonds", FONDS, "hasTranscript", "true")));
        assertEquals(Set.of(harbour.toString(), longFilm.toString()), Set.copyOf(ids(Map.of("fonds", FONDS, "dateFrom", "2020",
                "dateTo", "2020"))), "a year as the upper bound includes the whole year");
        assertEquals(Set.of(metro.toString(), harbour.toString(), internal.toString()),
                Set.copyOf(ids(Map.of("fonds", FONDS, "openStatus", "OPEN"))));
        // Nansha, about 22.8N 113.55E; the box leaves out every other record (none has a location).
        assertEquals(List.of(metro.toString()), ids(Map.of("fonds", FONDS, "bbox", "113.3,22.6,113.7,23.0")));
        assertEquals(List.of(), ids(Map.of("fonds", FONDS, "bbox", "116.0,39.7,116.8,40.2")), "Beijing holds none");
    }

    @Test
    void facetsCountWhatTheQueryFound() {
        JsonPath r = search(Map.of("fonds", FONDS));
        assertEquals(6, r.getInt("total"));
        assertEquals(Map.of("IMAGE", 3, "VIDEO", 2, "AUDIO", 1), r.getMap("facets.mediaType"));
        assertEquals(Map.of("2023", 1, "2022", 1, "2021", 1, "2020", 2, "2019", 1), r.getMap("facets.year"));
        assertEquals(Map.of("OPEN", 3, "UNREVIEWED", 1, "CLOSED", 1, "PARTLY_OPEN", 1), r.getMap("facets.openStatus"));
        assertEquals(Map.of("张伟", 1, "Mayor Zhang", 1, "欧阳修远", 1, "李明", 1), r.getMap("facets.person"));
        assertEquals(Map.of("Canon EOS R5", 1, "NIKON D850", 1, "Sony ILME-FX6", 1), r.getMap("facets.camera"));
        assertEquals(Map.of(FONDS, 6), r.getMap("facets.fonds"));
        assertEquals(Map.of("南沙", 1), r.getMap("facets.place"));
        assertEquals(Map.of("VIDEO", 1), search(Map.of("fonds", FONDS, "q", "口述历史")).getMap("facets.mediaType"));
    }

    @Test
    void sortsByDateAndDuration() {
        List<String> newest = ids(Map.of("fonds", FONDS, "sort", "date"));
        assertEquals(List.of(metro, internal, exhibition, longFilm, harbour, oralHistory).stream().map(UUID::toString).toList(), newest);
        List<String> oldest = ids(Map.of("fonds", FONDS, "sort", "date", "order", "asc"));
        assertEquals(newest.reversed(), oldest);
        List<String> longest = ids(Map.of("fonds", FONDS, "sort", "duration", "size", "3"));
        assertEquals(List.of(longFilm, oralHistory, harbour).stream().map(UUID::toString).toList(), longest);
    }

    @Test
    void theCursorPagesThroughEverythingOnce() {
        for (String sort : List.of("relevance", "date")) {
            Set<String> seen = new HashSet<>();
            List<String> order = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var req = given().queryParam("fonds", PAGING_FONDS).queryParam("sort", sort).queryParam("size", 5);
                if (cursor != null) {
                    req.queryParam("cursor", cursor);
                }
                JsonPath page = req.get("/api/v1/search").then().statusCode(200).extract().jsonPath();
                assertEquals(23, page.getInt("total"));
                List<String> ids = page.getList("hits.id");
                order.addAll(ids);
                seen.addAll(ids);
                cursor = page.getString("next");
                pages++;
            } while (cursor != null && pages < 10);
            assertEquals(23, order.size(), sort + ": every record once");
            assertEquals(23, seen.size(), sort + ": no record twice");
            assertEquals(5, pages, sort + ": 23 records in pages of 5");
        }
        String next = search(Map.of("fonds", PAGING_FONDS, "sort", "date", "size", "5")).getString("next");
        given().queryParam("fonds", PAGING_FONDS).queryParam("sort", "duration").queryParam("cursor", next).get("/api/v1/search")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("sorted by date"));
    }

    @Test
    void autocompleteOffersVocabularyValues() {
        // The whole catalogue answers (other tests' records too): a name only this test uses.
        List<Map<String, Object>> people = given().queryParam("field", "person").queryParam("prefix", "欧阳").get("/api/v1/search/suggest")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(List.of(Map.of("value", "欧阳修远", "count", 1)), people);
        given().queryParam("field", "person").queryParam("prefix", "mayor").get("/api/v1/search/suggest").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasItem("Mayor Zhang"));
        given().queryParam("field", "event").queryParam("prefix", "南沙").get("/api/v1/search/suggest").then().statusCode(200)
                .body("[0].value", equalTo("南沙地铁开通"));
        given().queryParam("field", "colour").queryParam("prefix", "r").get("/api/v1/search/suggest").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("person"));
    }

    @Test
    void thePublicSeesOnlyOpenedRecordsOfPublicClassification() {
        SearchRequest all = new SearchRequest(List.of(), Set.of(), null, null, List.of(FONDS), Set.of(), null, null, null, null,
                SearchRequest.Sort.DATE, false, 0, 20, null);
        Set<String> staff = new HashSet<>(service.search(all, org.avmam.access.Caller.SYSTEM).hits().stream().map(SearchResult.Hit::id).toList());
        Set<String> pub = new HashSet<>(service.search(all, org.avmam.access.Caller.user("reader", Set.of(org.avmam.access.Role.READER))).hits().stream().map(SearchResult.Hit::id).toList());
        assertEquals(6, staff.size());
        // metro: open, no classification; harbour: open, 公开; longFilm: partly open. Not: unreviewed, restricted, 内部.
        assertEquals(Set.of(metro.toString(), harbour.toString(), longFilm.toString()), pub);
    }

    @Test
    void aRecordChangeReachesTheIndexThroughTheOutbox() {
        given().contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"openStatus\":\"CLOSED\",\"reason\":\"PERSONAL_PRIVACY\",\"title\":\"城市历史展览（修订）\"}")
                .patch("/api/v1/assets/" + exhibition).then().statusCode(200).body("openStatus", equalTo("CLOSED"));
        SearchFixtures.awaitSent(outbox, java.time.Duration.ofSeconds(30));
        assertEquals(Set.of(exhibition.toString(), oralHistory.toString()), Set.copyOf(ids(Map.of("fonds", FONDS, "openStatus", "CLOSED"))));
        assertEquals(List.of(exhibition.toString()), ids(Map.of("fonds", FONDS, "q", "title:修订")),
                () -> "titles now: " + search(Map.of("fonds", FONDS)).getList("hits.title"));
        given().get("/api/v1/assets/" + exhibition + "/provenance").then().statusCode(200)
                .body("detail", org.hamcrest.Matchers.hasItem(containsString("open review: CLOSED, reason PERSONAL_PRIVACY")))
                .body("user", org.hamcrest.Matchers.hasItem("admin"));
        // Back as it was, for the other tests (no API turns a reviewed record back into an unreviewed one).
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            org.avmam.asset.Asset a = org.avmam.asset.Asset.findById(exhibition);
            a.openStatus = OpenStatus.UNREVIEWED;
            a.title = "城市历史展览";
            outbox.enqueue(exhibition);
        });
        SearchFixtures.awaitSent(outbox, java.time.Duration.ofSeconds(30));
        given().contentType("application/json").body("{\"retentionPeriod\":\"forever\"}").patch("/api/v1/assets/" + exhibition)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("D30"));
        given().contentType("application/json").body("{\"sha256\":\"0\"}").patch("/api/v1/assets/" + exhibition)
                .then().statusCode(400).body("detail", containsString("cannot be set"));
    }

    @Test
    void badQueriesAreClear400s() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("q=%22unclosed", "not closed"),
                Map.entry("q=colour:red", "unknown field 'colour:'"),
                Map.entry("q=title:", "has no value"),
                Map.entry("q=-alone", "only excludes"),
                Map.entry("size=1000", "at most"),
                Map.entry("size=ten", "whole number"),
                Map.entry("from=5000", "next"),
                Map.entry("pageSize=5", "unknown parameter 'pageSize'"),
                Map.entry("cursor=not-a-cursor", "cursor"),
                Map.entry("bbox=1,2,3", "four numbers"),
                Map.entry("bbox=200,0,10,10", "±180"),
                Map.entry("dateFrom=yesterday", "dateFrom must be a date"),
                Map.entry("sort=colour", "relevance"),
                Map.entry("mediaType=PDF", "mediaType is one of"),
                Map.entry("minDuration=-3", "0 or more"),
                Map.entry("minDuration=10&maxDuration=5", "more than maxDuration"));
        cases.forEach((query, expected) -> given().urlEncodingEnabled(false).get("/api/v1/search?" + query).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString(expected)));
        // 1,001 characters
        given().queryParam("q", "a".repeat(1001)).get("/api/v1/search").then().statusCode(400).body("detail", containsString("1001"));
    }

    @Test
    void aNodeReportsItsSearchStatus() {
        JsonPath s = given().get("/api/v1/search/status").then().statusCode(200).extract().jsonPath();
        assertEquals("avmam-assets", s.getString("alias"));
        assertEquals(1, s.getList("indices").size());
        assertEquals("CJK_BIGRAMS", s.getString("chineseAnalyzer"), "the local node has analysis-common");
        assertNull(s.get("reindex"));
    }

    @Test
    void clipsAreHitsOfTheirOwnCarryingTheWordsSpokenInsideThem() {
        String clip = given().contentType("application/json")
                .body(Map.of("title", "Metro day memories", "in", 4.0, "out", 9.0, "keywords", List.of("celebration")))
                .post("/api/v1/assets/" + oralHistory + "/clips").then().statusCode(201).extract().path("id");
        SearchFixtures.awaitSent(outbox, java.time.Duration.ofSeconds(60));
        // Words spoken inside the clip's range (5-10 s overlaps 4-9 s): the clip is a hit, with its record and range.
        JsonPath clips = search(Map.of("q", "transcript:地铁开通", "kind", "clips", "fonds", FONDS));
        assertEquals(List.of(clip), clips.getList("hits.clip.id"), clips.prettify());
        assertEquals(oralHistory.toString(), clips.getString("hits[0].id"));
        assertEquals(4.0f, clips.getFloat("hits[0].clip.in"));
        assertEquals(9.0f, clips.getFloat("hits[0].clip.out"));
        assertEquals(5.0f, clips.getFloat("hits[0].moments[0].start"));
        // Words spoken after the out point find the record, not the clip.
        assertEquals(List.of(), search(Map.of("q", "transcript:\"great day\"", "kind", "clips", "fonds", FONDS)).getList("hits"));
        assertEquals(List.of(oralHistory.toString()), ids(Map.of("q", "transcript:\"great day\"", "fonds", FONDS)));
        // The clip's own keywords; records only by default, both with kind=all.
        assertEquals(List.of(clip), search(Map.of("q", "celebration", "kind", "clips", "fonds", FONDS)).getList("hits.clip.id"));
        assertEquals(List.of(), ids(Map.of("q", "celebration", "fonds", FONDS)));
        assertEquals(2, search(Map.of("q", "transcript:地铁开通", "kind", "all", "fonds", FONDS)).getList("hits").size());
        // The record is CLOSED: a reader finds neither it nor its clip.
        given().header("Authorization", org.avmam.TestAuth.newUser("READER").authorization()).queryParams(Map.of("q", "celebration", "kind", "clips"))
                .get("/api/v1/search").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("kind", "sequences").get("/api/v1/search").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("kind is records, clips or all"));
        // A deleted clip is found no more.
        given().delete("/api/v1/clips/" + clip).then().statusCode(204);
        SearchFixtures.awaitSent(outbox, java.time.Duration.ofSeconds(60));
        assertEquals(List.of(), search(Map.of("q", "celebration", "kind", "clips", "fonds", FONDS)).getList("hits"));
    }
}
