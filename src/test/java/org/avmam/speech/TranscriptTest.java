package org.avmam.speech;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An oral-history clip through transcription, correction, review, re-transcription and search by
 * moment, on real Vosk and OpenSearch. The tests build on one another, in order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranscriptTest {

    static final Path CLIP = Path.of("src/test/resources/media/speech/three-sentences.m4a");

    String id;

    // Not @BeforeAll: REST Assured learns the test port only once the Quarkus test instance is ready.
    @org.junit.jupiter.api.BeforeEach
    void uploadOnce() {
        if (id != null) {
            return;
        }
        id = given().multiPart("file", CLIP.toFile()).multiPart("title", "Flood interview").post("/api/v1/assets")
                .then().statusCode(201).body("mediaType", equalTo("AUDIO")).extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(3));
        assertEquals("READY", asset.getString("state"), () -> asset.getString("failureReason"));
    }

    @Test
    @Order(1)
    void machineTranscriptHasSegmentsWithWordTimings() {
        JsonPath t = given().get("/api/v1/assets/" + id + "/transcript").then().statusCode(200).extract().jsonPath();
        assertEquals(1, t.getInt("version"));
        assertEquals("MACHINE", t.getString("source"));
        assertTrue(t.getString("model").startsWith("vosk:"));
        List<Map<String, Object>> segments = t.getList("segments");
        assertEquals(3, segments.size(), t.getString("text"));
        assertTrue(t.getString("segments[1].text").contains("bridge"));
        double start = t.getDouble("segments[1].start");
        assertTrue(start > 4 && start < 6.5, "the second sentence starts after the first pause: " + start);
        assertTrue(t.getDouble("segments[1].words[0].start") >= start);
    }

    @Test
    @Order(2)
    void captionsAsWebVttSrtAndText() {
        given().queryParam("format", "vtt").get("/api/v1/assets/" + id + "/transcript").then().statusCode(200)
                .contentType(startsWith("text/vtt")).body(startsWith("WEBVTT\n\n1\n00:00:0")).body(containsString(" --> "));
        given().queryParam("format", "srt").get("/api/v1/assets/" + id + "/transcript").then().statusCode(200)
                .contentType(startsWith("application/x-subrip")).body(startsWith("1\n00:00:0")).body(containsString(",")) ;
        given().queryParam("format", "txt").get("/api/v1/assets/" + id + "/transcript").then().statusCode(200)
                .body(startsWith("[00:00:0")).body(containsString("bridge"));
        given().queryParam("format", "doc").get("/api/v1/assets/" + id + "/transcript").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @Order(3)
    void searchSaysWhereInTheRecordingTheWordsAre() {
        JsonPath r = given().queryParam("q", "bridge").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", hasItem(id)).extract().jsonPath();
        Map<String, Object> hit = r.getMap("hits.find { it.id == '" + id + "' }");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> moments = (List<Map<String, Object>>) hit.get("moments");
        assertEquals(1, moments.size(), moments.toString());
        double start = ((Number) moments.get(0).get("start")).doubleValue();
        assertTrue(start > 4 && start < 6.5, "the moment is the second sentence: " + moments);
        assertTrue(moments.get(0).get("highlight").toString().contains("<em>bridge</em>"));
    }

    @Test
    @Order(4)
    void correctionsMakeNewVersionsAndReachSearch() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Workers rebuilt the stone bridge within a single winter.", "speaker", "Narrator", "author", "archivist-li"))
                .patch("/api/v1/assets/" + id + "/transcript/segments/2")
                .then().statusCode(200)
                .body("version", equalTo(2)).body("source", equalTo("EDIT"))
                // The author is the signed-in user, whatever name the client sends.
                .body("author", equalTo("admin"))
                .body("segments[1].text", equalTo("Workers rebuilt the stone bridge within a single winter."))
                .body("segments[1].speaker", equalTo("Narrator"));
        given().queryParam("format", "vtt").get("/api/v1/assets/" + id + "/transcript").then()
                .body(containsString("<v Narrator>Workers rebuilt the stone bridge"));

        awaitSearchHit("stone");
    }

    @Test
    @Order(5)
    void badCorrectionsAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("start", 9.0, "end", 2.0))
                .patch("/api/v1/assets/" + id + "/transcript/segments/2")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("start < end"));
        given().contentType(ContentType.JSON).body(Map.of("text", " "))
                .patch("/api/v1/assets/" + id + "/transcript/segments/2").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("text", "x"))
                .patch("/api/v1/assets/" + id + "/transcript/segments/99").then().statusCode(404);
    }

    @Test
    @Order(6)
    void reviewAndHistory() {
        given().contentType(ContentType.JSON).body(Map.of("author", "archivist-wang"))
                .post("/api/v1/assets/" + id + "/transcript/review")
                .then().statusCode(200).body("version", equalTo(3)).body("reviewed", equalTo(true));
        given().get("/api/v1/assets/" + id + "/transcript/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("source", equalTo(List.of("MACHINE", "EDIT", "EDIT")))
                .body("reviewed", equalTo(List.of(false, false, true)));
    }

    @Test
    @Order(7)
    void retranscriptionKeepsTheCorrectedVersions() {
        given().contentType(ContentType.JSON).body(Map.of("language", "zh")).post("/api/v1/assets/" + id + "/transcript/transcribe")
                .then().statusCode(422).body("detail", containsString("avmam.speech.models.zh"));
        int job = given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/assets/" + id + "/transcript/transcribe")
                .then().statusCode(202).body("type", equalTo("TRANSCRIBE")).extract().path("id");
        Instant deadline = Instant.now().plusSeconds(120);
        String state;
        do {
            Fixtures.sleep(250);
            state = given().get("/api/v1/jobs/" + job).then().statusCode(200).extract().path("state");
        } while (!state.equals("DONE") && Instant.now().isBefore(deadline));
        assertEquals("DONE", state);
        given().get("/api/v1/jobs/" + job).then().body("progress", equalTo(1.0f));

        given().get("/api/v1/assets/" + id + "/transcript").then().body("version", equalTo(4)).body("source", equalTo("MACHINE"));
        given().queryParam("version", 2).get("/api/v1/assets/" + id + "/transcript").then().statusCode(200)
                .body("text", containsString("stone bridge"));
        given().queryParam("version", 9).get("/api/v1/assets/" + id + "/transcript").then().statusCode(404);
    }

    @Test
    @Order(8)
    void indexPointsAreEditedAndExportedAsChapters() {
        List<Map<String, Object>> points = List.of(
                Map.of("time", 5.2, "title", "Rebuilding the bridge", "keywords", List.of("bridge", "winter")),
                Map.of("time", 0.0, "title", "The 1954 flood", "synopsis", "The river floods the old market."));
        given().contentType(ContentType.JSON).body(points).put("/api/v1/assets/" + id + "/index-points")
                .then().statusCode(200).body("title", equalTo(List.of("The 1954 flood", "Rebuilding the bridge")));
        given().queryParam("format", "vtt").get("/api/v1/assets/" + id + "/index-points").then().statusCode(200)
                .body(containsString("00:00:00.000 --> 00:00:05.200\nThe 1954 flood"))
                .body(containsString("00:00:05.200 --> 00:00:13.8"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("time", -1, "title", "x")))
                .put("/api/v1/assets/" + id + "/index-points").then().statusCode(400);
        given().contentType(ContentType.JSON).body(List.of(Map.of("time", 1)))
                .put("/api/v1/assets/" + id + "/index-points").then().statusCode(400).body("detail", containsString("title"));
    }

    @Test
    @Order(9)
    void jobsOfTheAssetAreListedAndFinishedOnesCannotBeCancelled() {
        JsonPath jobs = given().queryParam("assetId", id).get("/api/v1/jobs").then().statusCode(200).extract().jsonPath();
        assertTrue(jobs.getList("type").containsAll(List.of("PROBE", "TRANSCRIBE", "INDEX")), jobs.prettify());
        int done = jobs.getInt("find { it.type == 'PROBE' }.id");
        given().post("/api/v1/jobs/" + done + "/cancel").then().statusCode(409).contentType("application/problem+json");
        given().post("/api/v1/jobs/" + done + "/retry").then().statusCode(409);
        given().get("/api/v1/jobs/999999999").then().statusCode(404);
    }

    private void awaitSearchHit(String q) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = given().queryParam("q", q).get("/api/v1/search").then().statusCode(200).extract().path("hits.id");
            if (ids.contains(id)) {
                return;
            }
            Fixtures.sleep(250);
        }
        throw new AssertionError("the corrected word '" + q + "' never reached search");
    }
}
