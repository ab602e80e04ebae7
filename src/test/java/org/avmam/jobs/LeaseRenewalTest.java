package org.avmam.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * Renders that outlast their lease many times over, with two transcode workers waiting: the
 * lease is renewed while each runs, so none is taken by a second worker, and every job of the
 * asset is done in its first attempt.
 */
@QuarkusTest
@TestProfile(LeaseRenewalTest.ShortLease.class)
class LeaseRenewalTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No speech: this application instance never loads libvosk (see VoskModels).
            return Map.of("avmam.pipeline.lease", "3s", "avmam.pipeline.transcode-workers", "2", "avmam.speech.enabled", "false");
        }
    }

    @Test
    void aRenderLongerThanItsLeaseRunsOnce() throws Exception {
        Path video = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "lease").resolve("long.mp4");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=f=300", "-t", "40",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", video.toString());
        String id = given().multiPart("file", video.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(4));
        assertEquals("READY", asset.getString("state"), asset.getString("failureReason"));

        JsonPath jobs = given().queryParam("assetId", id).queryParam("size", 100).get("/api/v1/jobs").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> all = jobs.getList("$");
        assertTrue(all.stream().anyMatch(j -> "RENDER".equals(j.get("type")) && "video-proxy-720p".equals(j.get("payload"))), all.toString());
        for (Map<String, Object> j : all) {
            assertEquals("DONE", j.get("state"), j.toString());
            assertEquals(1, j.get("attempts"), "taken once: " + j);
        }
        long longest = asset.getList("renditions.elapsedMs", Number.class).stream().mapToLong(Number::longValue).max().orElse(0);
        assertTrue(longest > 3000, "a render outlasted its 3 s lease (" + longest + " ms): the test proves renewal");
    }
}
