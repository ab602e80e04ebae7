package org.avmam.speech;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/** Awkward recordings: each gives a transcript or a clear reason, never a crash or a hung job. */
@QuarkusTest
class SpeechBadInputTest {

    private static final Path SPEECH = Path.of("src/test/resources/media/speech");

    private static JsonPath ingest(Path file) {
        String id = given().multiPart("file", file.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        return Fixtures.awaitSettled(id, Duration.ofMinutes(4));
    }

    private static JsonPath transcript(JsonPath asset) {
        assertEquals("READY", asset.getString("state"), () -> asset.getString("failedStep") + ": " + asset.getString("failureReason"));
        return given().get("/api/v1/assets/" + asset.getString("id") + "/transcript").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRunningTranscriptionCanBeCancelled() throws Exception {
        String id = given().multiPart("file", longRecording(40, "very-long-interview.m4a").toFile()).post("/api/v1/assets")
                .then().statusCode(201).extract().path("id");
        Integer job = null;
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
        while (job == null && java.time.Instant.now().isBefore(deadline)) {
            JsonPath running = given().queryParam("assetId", id).queryParam("state", "RUNNING").get("/api/v1/jobs").then().extract().jsonPath();
            Float progress = running.get("find { it.type == 'TRANSCRIBE' }.progress");
            if (progress != null && progress > 0) {
                job = running.getInt("find { it.type == 'TRANSCRIBE' }.id");
            }
            Fixtures.sleep(100);
        }
        assertTrue(job != null, "the transcription was seen running with progress");
        given().post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));

        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", asset.getString("state"), "the cancelled step no longer holds the asset back");
        given().get("/api/v1/jobs/" + job).then().body("state", equalTo("CANCELLED"));
        given().get("/api/v1/assets/" + id + "/transcript").then().statusCode(404);
        given().post("/api/v1/jobs/" + job + "/retry").then().statusCode(200).body("state", equalTo("PENDING"));
    }

    @Test
    void silenceGivesAnEmptyTranscript() {
        JsonPath t = transcript(ingest(SPEECH.resolve("silence.m4a")));
        assertEquals(List.of(), t.getList("segments"));
        assertEquals("", t.getString("text"));
    }

    @Test
    void musicGivesATranscriptWithoutFailing() {
        JsonPath t = transcript(ingest(SPEECH.resolve("music.m4a")));
        assertEquals("MACHINE", t.getString("source"));
    }

    @Test
    void telephoneAudioAt8kHzIsResampled() {
        JsonPath asset = ingest(SPEECH.resolve("telephone-8k.wav"));
        assertEquals(8000, asset.getInt("technical.streams[0].sampleRate"));
        String text = transcript(asset).getString("text");
        assertTrue(text.contains("market") || text.contains("river") || text.contains("flooded"), text);
    }

    @Test
    void multichannelAudioIsDownmixed() {
        JsonPath asset = ingest(SPEECH.resolve("multichannel-5.1.m4a"));
        assertEquals(6, asset.getInt("technical.streams[0].channels"));
        assertTrue(transcript(asset).getString("text").contains("bridge"));
    }

    @Test
    void corruptAudioFailsWithTheReason() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-tmp"));
        Path broken = Fixtures.truncated(SPEECH.resolve("three-sentences.m4a"), 20_000, Files.createTempDirectory(dir, "speech"));
        JsonPath asset = ingest(broken);
        assertEquals("FAILED", asset.getString("state"));
        assertEquals("PROBE", asset.getString("failedStep"));
        assertTrue(asset.getString("failureReason").startsWith("the file cannot be read as audio or video: it is cut off"),
                asset.getString("failureReason"));
        assertTrue(!asset.getString("failureReason").contains("blobs/"), "no storage path in a reason: " + asset.getString("failureReason"));
    }

    /** The three-sentence clip repeated: {@code copies} × 13.8 s of speech with pauses. */
    static Path longRecording(int copies, String name) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "long");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, ("file '" + SPEECH.resolve("three-sentences.m4a").toAbsolutePath() + "'\n").repeat(copies));
        Path longFile = dir.resolve(name);
        Process p = new ProcessBuilder(org.avmam.TestFfmpeg.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-c", "copy", longFile.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return longFile;
    }

    /** Three minutes: long enough to be cut into chunks and recognised in parallel by the pipeline. */
    @Test
    void longRecordingIsTranscribedInChunksWithProgress() throws Exception {
        JsonPath asset = ingest(longRecording(13, "long-interview.m4a"));
        assertTrue(asset.getDouble("technical.durationSeconds") > 170);
        JsonPath t = transcript(asset);
        List<Float> starts = t.getList("segments.start", Float.class);
        assertTrue(starts.size() >= 30, "about three segments per copy of the clip, got " + starts.size());
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i) > starts.get(i - 1), "segments in time order across chunks");
        }
        assertTrue(starts.get(starts.size() - 1) > 160, "the end of the recording is transcribed");
        given().queryParam("assetId", asset.getString("id")).queryParam("state", "DONE").get("/api/v1/jobs")
                .then().statusCode(200).body("find { it.type == 'TRANSCRIBE' }.progress", equalTo(1.0f));
        given().queryParam("format", "srt").get("/api/v1/assets/" + asset.getString("id") + "/transcript")
                .then().body(containsString("00:02:"));
    }
}
