package org.avmam.similar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.avmam.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicates through the whole pipeline: a photo and its resized, recompressed, brightened
 * copies; a video and a smaller re-encode of it; a still taken from the video found by search by
 * image at its time. The copies are made here with ffmpeg from the repository's fixtures.
 */
@QuarkusTest
class SimilarTest {

    static final Path DIR = Path.of("target/test-data/similar");
    /** A real camera photo (Nikon, 640×480; see src/test/resources/media/real/SOURCES.md). */
    static final Path PHOTO = Path.of("src/test/resources/media/real/DSCN0010.jpg");
    static Path copy;
    static Path brighter;
    static Path other;
    static Path smallVideo;
    static Path still;

    @BeforeAll
    static void makeCopies() throws Exception {
        Files.createDirectories(DIR);
        copy = ffmpeg("copy.jpg", "-i", PHOTO.toString(), "-vf", "scale=iw/2:-2", "-q:v", "12");
        brighter = ffmpeg("brighter.jpg", "-i", PHOTO.toString(), "-vf", "eq=brightness=0.06:saturation=0.8", "-q:v", "4");
        other = ffmpeg("other.png", "-f", "lavfi", "-i", "mandelbrot=size=640x480", "-frames:v", "1");
        smallVideo = ffmpeg("small.mp4", "-i", Fixtures.SPEECH_VIDEO.toString(), "-vf", "scale=320:-2", "-c:v", "libx264", "-crf", "32",
                "-preset", "veryfast", "-c:a", "aac", "-b:a", "48k");
        still = ffmpeg("still.jpg", "-ss", "3", "-i", Fixtures.SPEECH_VIDEO.toString(), "-frames:v", "1", "-q:v", "5");
    }

    private static Path ffmpeg(String name, String... args) throws Exception {
        Path out = DIR.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(org.avmam.TestFfmpeg.ffmpeg().toString(), "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return out;
    }

    private static String upload(Path file, String title) {
        String id = given().multiPart("file", file.toFile(), "application/octet-stream").multiPart("title", title).post("/api/v1/assets")
                .then().statusCode(201).extract().path("id");
        assertEquals("READY", Fixtures.awaitSettled(id, Duration.ofMinutes(3)).getString("state"));
        return id;
    }

    @Test
    void photosAndVideosFindTheirNearDuplicates() throws Exception {
        String original = upload(PHOTO, "similar: original");
        String half = upload(copy, "similar: half size, low quality");
        String bright = upload(brighter, "similar: brighter");
        String unrelated = upload(other, "similar: test pattern");
        String video = upload(Fixtures.SPEECH_VIDEO, "similar: video");
        String reencoded = upload(smallVideo, "similar: small re-encode");

        JsonPath photo = given().queryParam("limit", 200).get("/api/v1/assets/" + original + "/similar").then().statusCode(200).extract().jsonPath();
        List<String> found = photo.getList("assetId");
        assertTrue(found.contains(half) && found.contains(bright), "copies found: " + photo.prettify());
        assertFalse(found.contains(unrelated), "a different picture is not a near-duplicate: " + photo.prettify());
        assertFalse(found.contains(original), "not itself");
        assertTrue(photo.getInt("find { it.assetId == '" + half + "' }.distance") <= 6, photo.prettify());

        JsonPath clip = given().queryParam("limit", 200).get("/api/v1/assets/" + video + "/similar").then().statusCode(200).extract().jsonPath();
        assertTrue(clip.getInt("find { it.assetId == '" + reencoded + "' }.distance") <= 4, "the re-encode is close: " + clip.prettify());
        assertFalse(clip.getList("assetId").contains(original), clip.prettify());

        // A still from the video, searched by image: the video, and where in it. Other suites upload testsrc2 stills too,
        // near-identical to this one, so the list is asked long enough to hold them all.
        JsonPath byImage = given().contentType("image/jpeg").queryParam("limit", 200).body(Files.readAllBytes(still))
                .post("/api/v1/search/similar")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(byImage.getList("assetId").contains(video), byImage.prettify());
        float at = byImage.getFloat("find { it.assetId == '" + video + "' }.matchedAt");
        assertTrue(at >= 1 && at <= 5, "the still was taken at 3 s; matched at " + at);
        assertFalse(byImage.getList("assetId").contains(unrelated));
    }

    @Test
    void badRequestsAreClear() throws Exception {
        given().contentType("text/plain").body("not a picture").post("/api/v1/search/similar").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("text/plain"));
        given().contentType("image/jpeg").body(new byte[0]).post("/api/v1/search/similar").then().statusCode(400);
        byte[] corrupt = new byte[4096];
        byte[] head = Files.readAllBytes(PHOTO);
        System.arraycopy(head, 0, corrupt, 0, 600);
        given().contentType("image/jpeg").body(corrupt).post("/api/v1/search/similar").then().statusCode(422)
                .contentType("application/problem+json");
        given().get("/api/v1/assets/00000000-0000-0000-0000-000000000000/similar").then().statusCode(404);
        given().queryParam("maxDistance", 60).contentType("image/jpeg").body(Files.readAllBytes(PHOTO))
                .post("/api/v1/search/similar").then().statusCode(400).body("detail", containsString("maxDistance"));
        String held = given().multiPart("file", PHOTO.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        given().queryParam("limit", "ten").get("/api/v1/assets/" + held + "/similar").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("whole number"));
    }
}
