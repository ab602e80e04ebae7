package org.avmam.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchAndProvenanceTest {

    @Test
    void filesOfABatchInheritItsContextAndTheBatchShowsTheirFate() {
        JsonPath batch = given().contentType("application/json")
                .body(Map.of("kind", "EVENT", "name", "Riverside museum opening", "event", "Opening of the Yangpu riverside museum",
                        "eventDate", "2024-04-17", "place", "Yangpu waterfront", "photographer", "Zhang Min", "fonds", "Z001",
                        "language", "en-gb"))
                .post("/api/v1/batches").then().statusCode(201).header("Location", containsString("/api/v1/batches/"))
                .body("language", equalTo("en-GB")).body("totals.files", equalTo(0)).extract().jsonPath();
        String id = batch.getString("id");

        String photo = given().multiPart("file", Path.of("src/test/resources/media/real/Canon_40D.jpg").toFile()).multiPart("batch", id)
                .post("/api/v1/assets").then().statusCode(201).body("batchId", equalTo(id)).body("language", equalTo("en-GB"))
                .extract().path("id");
        given().multiPart("file", Path.of("src/test/resources/media/real/DSCN0010.jpg").toFile()).multiPart("batch", id)
                .multiPart("language", "zh-CN").post("/api/v1/assets").then().statusCode(201).body("language", equalTo("zh-CN"));

        Instant deadline = Instant.now().plusSeconds(120);
        JsonPath view;
        do {
            Fixtures.sleep(250);
            view = given().get("/api/v1/batches/" + id).then().statusCode(200).extract().jsonPath();
        } while (!view.getBoolean("totals.done") && Instant.now().isBefore(deadline));
        assertEquals(2, view.getInt("totals.files"));
        assertEquals(2, view.getInt("totals.byState.READY"));
        assertEquals(0, view.getInt("totals.byState.FAILED"));
        assertEquals("Yangpu waterfront", view.getString("place"));
        given().get("/api/v1/batches/" + id).then().body("files.originalFilename", hasItems("Canon_40D.jpg", "DSCN0010.jpg"))
                .body("files.state", everyItem(equalTo("READY")));

        // The batch's context is searchable on its files.
        given().queryParam("q", "Yangpu museum opening").get("/api/v1/search").then().body("hits.id", hasItem(photo));
        given().queryParam("q", "Zhang Min").get("/api/v1/search").then().body("hits.id", hasItem(photo));
    }

    @Test
    void badBatchesAreRefused() {
        given().contentType("application/json").body(Map.of("kind", "SHOOT")).post("/api/v1/batches").then().statusCode(400)
                .body("detail", containsString("name"));
        given().contentType("application/json").body(Map.of("name", "x", "language", "not a tag!")).post("/api/v1/batches")
                .then().statusCode(400);
        given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG)).multiPart("batch", "nope").post("/api/v1/assets")
                .then().statusCode(400).body("detail", containsString("batch"));
        given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG)).multiPart("batch", "00000000-0000-0000-0000-000000000000")
                .post("/api/v1/assets").then().statusCode(404);
        given().get("/api/v1/batches/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void identicalBytesAreStoredOnceAndRecordedAsADuplicate() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/media/formats/a.png"));
        String first = given().multiPart("file", "first.png", bytes).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        JsonPath firstView = given().get("/api/v1/assets/" + first).then().extract().jsonPath();
        String original = firstView.getString("duplicateOf") == null ? first : firstView.getString("duplicateOf");

        String second = given().multiPart("file", "second.png", bytes).post("/api/v1/assets").then().statusCode(201)
                .body("duplicateOf", equalTo(original)).extract().path("id");
        String originalSha = given().get("/api/v1/assets/" + original).then().extract().path("sha256");
        String secondSha = given().get("/api/v1/assets/" + second).then().extract().path("sha256");
        assertEquals(originalSha, secondSha);
        given().get("/api/v1/assets/" + second + "/provenance").then()
                .body("find { it.type == 'ingestion' }.detail", containsString("the same bytes as asset " + original));
    }

    @Test
    void theContentWinsOverTheExtensionWithAWarning() {
        String id = given().multiPart("file", "holiday.mp4", bytes(Fixtures.CAMERA_JPEG)).post("/api/v1/assets").then().statusCode(201)
                .body("mediaType", equalTo("IMAGE")).body("mimeType", equalTo("image/jpeg"))
                .body("warnings[0]", containsString("named 'holiday.mp4' but its content is image/jpeg"))
                .extract().path("id");
        given().get("/api/v1/assets/" + id + "/provenance").then()
                .body("find { it.type == 'validation' }.outcome", equalTo("warning"));
        given().multiPart("file", "plain.jpg", bytes(Fixtures.CAMERA_JPEG)).post("/api/v1/assets").then().statusCode(201)
                .body("warnings", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void everyStepLeavesAProvenanceEvent() {
        String id = given().multiPart("file", Fixtures.file(Fixtures.SPEECH_VIDEO)).post("/api/v1/assets").then().statusCode(201)
                .extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(3));
        assertEquals("READY", asset.getString("state"));
        JsonPath events = given().get("/api/v1/assets/" + id + "/provenance").then().statusCode(200).extract().jsonPath();
        assertEquals(asset.getString("sha256"), events.getString("find { it.type == 'message digest calculation' }.detail"));
        given().get("/api/v1/assets/" + id + "/provenance").then()
                .body("type", hasItems("ingestion", "message digest calculation", "format identification", "metadata extraction",
                        "migration", "transcription", "indexing"))
                .body("agent", everyItem(startsWith("avmam ")))
                .body("find { it.type == 'migration' }.agent", containsString("ffmpeg"))
                .body("find { it.type == 'transcription' }.detail", containsString("vosk"))
                .body("outcome", everyItem(equalTo("success")));
        assertNotNull(events.getString("[0].time"));
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
