package org.avmam.vocabulary;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.avmam.search.SearchOutbox;
import org.junit.jupiter.api.Test;

/** People, places, events and keywords: Chinese labels with pinyin and English, proposals, merges, and search by any label. */
@QuarkusTest
class VocabularyTest {

    @Inject
    SearchOutbox outbox;

    private static UUID asset(String title) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Asset a = new Asset();
            a.id = UUID.randomUUID();
            a.state = AssetState.READY;
            a.mediaType = MediaType.IMAGE;
            a.mimeType = "image/jpeg";
            a.sha256 = a.id.toString().replace("-", "") + "0".repeat(32);
            a.originalFilename = "vocab-" + a.id + ".jpg";
            a.title = title;
            a.language = "zh";
            a.fonds = "T7-VOCAB";
            a.createdAt = Instant.now();
            a.updatedAt = a.createdAt;
            a.persist();
            return a.id;
        });
    }

    private void awaitIndexed() {
        org.avmam.Fixtures.await("the search outbox to be drained", Duration.ofSeconds(30), () -> outbox.status().pending() == 0);
    }

    private static List<String> search(String q) {
        return given().queryParam("q", q).queryParam("fonds", "T7-VOCAB").get("/api/v1/search").then().statusCode(200).extract()
                .jsonPath().getList("hits.id");
    }

    @Test
    void termsWithAlternativeLabelsProposalsAndMerges() {
        String mayor = given().contentType("application/json; charset=UTF-8")
                .body(Map.of("label", "张伟", "altLabels", List.of("Zhāng Wěi", "Zhang Wei (mayor)")))
                .post("/api/v1/vocabularies/persons/terms").then().statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("id");
        UUID photo = asset("市长视察");
        UUID other = asset("码头");

        // Linked by an alternative label: the accepted term, not a new proposal.
        given().contentType("application/json; charset=UTF-8").body(Map.of("vocabulary", "person", "label", "Zhāng Wěi"))
                .post("/api/v1/assets/" + photo + "/terms").then().statusCode(200).body("id", equalTo(mayor));
        // A value the vocabulary lacks is proposed: the same man, written in traditional characters by a Hong Kong source.
        String proposed = given().contentType("application/json; charset=UTF-8").body(Map.of("vocabulary", "person", "label", "張偉"))
                .post("/api/v1/assets/" + other + "/terms").then().statusCode(200).body("status", equalTo("PROPOSED")).extract().path("id");
        given().queryParam("status", "PROPOSED").get("/api/v1/vocabularies/persons/terms").then().statusCode(200)
                .body("label", org.hamcrest.Matchers.hasItem("張偉"));

        awaitIndexed();
        assertEquals(List.of(photo.toString()), search("person:张伟"));
        assertEquals(List.of(photo.toString()), search("person:\"zhang wei\""), "pinyin finds the Chinese record");

        // The proposal duplicates the accepted term: merged, its asset follows, its spelling still finds it.
        given().contentType("application/json").body(Map.of("into", mayor)).post("/api/v1/vocabularies/persons/terms/" + proposed + "/merge")
                .then().statusCode(200).body("assets", equalTo(2)).body("altLabels", org.hamcrest.Matchers.hasItem("張偉"));
        given().get("/api/v1/vocabularies/persons/terms/" + proposed).then().body("status", equalTo("MERGED")).body("mergedInto", equalTo(mayor));
        awaitIndexed();
        List<String> both = search("person:张伟");
        assertTrue(both.containsAll(List.of(photo.toString(), other.toString())) && both.size() == 2, both.toString());
        assertEquals(2, search("person:張偉").size(), "the merged spelling finds both records");
        JsonPath facets = given().queryParam("fonds", "T7-VOCAB").get("/api/v1/search").then().extract().jsonPath();
        assertEquals(Map.of("张伟", 2), facets.getMap("facets.person"), "one person, counted once per record");

        // Autocomplete over labels and alternatives, case and accents ignored.
        given().queryParam("prefix", "zhang").get("/api/v1/vocabularies/persons/terms").then().statusCode(200)
                .body("label", equalTo(List.of("张伟")));
        // Linking to the merged term lands on the survivor.
        given().contentType("application/json").body(Map.of("termId", proposed)).post("/api/v1/assets/" + other + "/terms").then()
                .statusCode(200).body("id", equalTo(mayor));

        given().delete("/api/v1/assets/" + other + "/terms/" + mayor).then().statusCode(204);
        awaitIndexed();
        assertEquals(List.of(photo.toString()), search("person:张伟"));
    }

    @Test
    void badRequests() {
        given().contentType("application/json").body(Map.of("label", "x")).post("/api/v1/vocabularies/colours/terms").then()
                .statusCode(404).body("detail", containsString("persons, places, events, keywords"));
        given().contentType("application/json").body(Map.of("label", " ")).post("/api/v1/vocabularies/places/terms").then().statusCode(400);
        String a = given().contentType("application/json; charset=UTF-8").body(Map.of("label", "南沙")).post("/api/v1/vocabularies/places/terms")
                .then().statusCode(201).extract().path("id");
        given().contentType("application/json; charset=UTF-8").body(Map.of("label", "南沙")).post("/api/v1/vocabularies/places/terms")
                .then().statusCode(409);
        String e = given().contentType("application/json; charset=UTF-8").body(Map.of("label", "南沙地铁开通")).post("/api/v1/vocabularies/events/terms")
                .then().statusCode(201).extract().path("id");
        given().contentType("application/json").body(Map.of("into", e)).post("/api/v1/vocabularies/places/terms/" + a + "/merge").then()
                .statusCode(422);
        given().contentType("application/json").body(Map.of("into", a)).post("/api/v1/vocabularies/places/terms/" + a + "/merge").then()
                .statusCode(400);
        given().contentType("application/json").body(Map.of("vocabulary", "person")).post("/api/v1/assets/" + asset("无名") + "/terms")
                .then().statusCode(400);
        given().contentType("application/json").body(Map.of("vocabulary", "person")).post("/api/v1/assets/" + UUID.randomUUID() + "/terms")
                .then().statusCode(404);
        given().queryParam("limit", "many").get("/api/v1/vocabularies/places/terms").then().statusCode(400)
                .body("detail", containsString("whole number"));
        given().contentType("application/json").body("null").patch("/api/v1/vocabularies/places/terms/" + a).then().statusCode(400);
    }
}
