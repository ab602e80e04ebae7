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

    /**
     * The bundled build unless the system's is preferred: .ci/run's PostgreSQL run prefers Debian's ffmpeg and says so with
     * -Dtest.expect-ffmpeg-source=SYSTEM, so a capable system binary must be the one chosen there.
     */
    @Test
    void theExpectedFfmpegIsChosen() {
        String expected = System.getProperty("test.expect-ffmpeg-source", "");
        String source = given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'ffmpeg' }.data.source");
        if (expected.isBlank()) {
            boolean preferSystem = "true".equalsIgnoreCase(System.getenv("AVMAM_FFMPEG_USE_SYSTEM"));
            org.junit.jupiter.api.Assumptions.assumeFalse(preferSystem && org.avmam.process.Executables.onPath("ffmpeg").isPresent(),
                    "the system ffmpeg is preferred and no -Dtest.expect-ffmpeg-source says whether it is capable");
            expected = "BUNDLED";
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, source);
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
