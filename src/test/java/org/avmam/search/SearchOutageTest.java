package org.avmam.search;

import static io.restassured.RestAssured.given;
import static org.avmam.search.SearchFixtures.spec;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * OpenSearch goes away (the local node is stopped) while records change and a file is ingested:
 * the changes wait in the outbox and the INDEX job waits without using its attempts; searches
 * answer 503 without OpenSearch's words; when the node is back everything catches up, none lost.
 */
@QuarkusTest
class SearchOutageTest {

    @Inject
    SearchOutbox outbox;

    @Inject
    SearchCluster cluster;

    @Test
    void updatesWaitWhileOpenSearchIsDownAndCatchUpAfter() {
        UUID record = SearchFixtures.create(outbox, List.of(spec().title("Ferry pier before the outage").fonds("T7-OUTAGE"))).getFirst();
        cluster.stopEmbeddedNode();
        String uploaded;
        try {
            given().contentType("application/merge-patch+json; charset=UTF-8").body("{\"title\":\"渡轮码头 after the outage\"}")
                    .patch("/api/v1/assets/" + record).then().statusCode(200);
            uploaded = given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG), "application/octet-stream")
                    .multiPart("title", "Ferry pier photo taken during the outage").post("/api/v1/assets")
                    .then().statusCode(201).extract().path("id");

            Instant deadline = Instant.now().plusSeconds(30);
            SearchOutbox.Status s = outbox.status();
            while ((s.failing() == 0 || s.lastError() == null) && Instant.now().isBefore(deadline)) {
                SearchFixtures.sleep(200);
                s = outbox.status();
            }
            assertTrue(s.pending() >= 1 && s.failing() >= 1, "the change waits in the outbox: " + s);
            assertNotNull(s.lastError());

            given().queryParam("q", "ferry").get("/api/v1/search").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("cannot be reached")).body("detail", not(containsString("Connection")));

            // The upload is probed and rendered, then its INDEX job waits: deferred, its attempts untouched.
            JsonPath jobs = awaitIndexJobWaiting(uploaded);
            assertEquals(0, jobs.getInt("find { it.type == 'INDEX' }.attempts"));
            assertEquals("PROCESSING", given().get("/api/v1/assets/" + uploaded).then().extract().path("state"));
        } finally {
            cluster.startEmbeddedNode();
        }
        SearchFixtures.awaitSent(outbox, Duration.ofSeconds(120));
        assertEquals(List.of(record.toString()), given().queryParam("q", "title:渡轮码头").queryParam("fonds", "T7-OUTAGE")
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.id"));
        assertEquals("READY", Fixtures.awaitSettled(uploaded, Duration.ofSeconds(120)).getString("state"));
        given().queryParam("q", "\"taken during the outage\"").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", org.hamcrest.Matchers.hasItem(uploaded));
    }

    private static JsonPath awaitIndexJobWaiting(String assetId) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            JsonPath jobs = given().queryParam("assetId", assetId).get("/api/v1/jobs").then().statusCode(200).extract().jsonPath();
            String error = jobs.getString("find { it.type == 'INDEX' }.lastError");
            if (error != null && jobs.getString("find { it.type == 'INDEX' }.state").equals("PENDING")) {
                return jobs;
            }
            SearchFixtures.sleep(250);
        }
        throw new AssertionError("the INDEX job of " + assetId + " never waited for OpenSearch");
    }
}
