package org.avmam.asset;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssetEventsTest {

    @Test
    void progressIsStreamedUntilTheAssetIsDone() {
        String id = given().multiPart("file", Fixtures.file(Fixtures.SPEECH_VIDEO)).multiPart("title", "events")
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");

        String body = given().accept("text/event-stream").get("/api/v1/assets/" + id + "/events")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();

        List<JsonPath> events = body.lines().filter(l -> l.startsWith("data:"))
                .map(l -> new JsonPath(l.substring(5).strip())).toList();
        assertTrue(events.size() >= 2, "several states were seen: " + body);
        assertTrue(List.of("RECEIVED", "PROCESSING").contains(events.get(0).getString("state")), body);
        JsonPath last = events.get(events.size() - 1);
        assertEquals("READY", last.getString("state"));
        assertTrue(last.getList("jobs.state").stream().allMatch("DONE"::equals), body);
        assertTrue(last.getList("jobs.type").containsAll(List.of("PROBE", "RENDER", "TRANSCRIBE", "INDEX")), body);
    }

    @Test
    void unknownAssetIs404() {
        given().accept("text/event-stream").get("/api/v1/assets/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }
}
