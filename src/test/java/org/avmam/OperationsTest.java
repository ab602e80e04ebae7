package org.avmam;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessCoversDatabaseSearchFfmpegAndSpeech() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("opensearch", "ffmpeg", "speech-models", "Database connections health check"))
                .body("checks.find { it.name == 'opensearch' }.data.mode", equalTo("embedded local node"))
                .body("checks.find { it.name == 'opensearch' }.data.urls", org.hamcrest.Matchers.startsWith("http://127.0.0.1:"))
                .body("checks.find { it.name == 'opensearch' }.data.nodePid", org.hamcrest.Matchers.greaterThan(0))
                .body("checks.find { it.name == 'ffmpeg' }.data.source", org.hamcrest.Matchers.oneOf("SYSTEM", "BUNDLED"))
                .body("checks.find { it.name == 'ffmpeg' }.data.missing", equalTo(""))
                .body("checks.find { it.name == 'ffmpeg' }.data.encoders", containsString("libwebp"))
                .body("checks.find { it.name == 'ffmpeg' }.data.decoders", containsString("hevc"))
                .body("checks.find { it.name == 'speech-models' }.data.en", containsString("vosk-model-en"));
    }

    /** .ci/run's PostgreSQL run has Debian's ffmpeg installed: a capable system binary must be the one chosen. */
    @Test
    void theExpectedFfmpegIsChosen() {
        String expected = System.getProperty("test.expect-ffmpeg-source", "");
        String source = given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'ffmpeg' }.data.source");
        if (!expected.isBlank()) {
            org.junit.jupiter.api.Assertions.assertEquals(expected, source);
        } else if (org.avmam.process.Executables.onPath("ffmpeg").isEmpty()) {
            org.junit.jupiter.api.Assertions.assertEquals("BUNDLED", source, "no ffmpeg on PATH: the build's own");
        } else {
            org.junit.jupiter.api.Assumptions.abort("an ffmpeg is on PATH and no -Dtest.expect-ffmpeg-source says which to expect");
        }
    }

    @Test
    void openApiAndSwaggerUi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/assets"))
                .body(containsString("/api/v1/search"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
