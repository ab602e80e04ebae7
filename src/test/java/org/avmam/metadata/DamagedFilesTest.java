package org.avmam.metadata;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.avmam.Fixtures;
import org.avmam.TestFfmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every damaged or doubtful original is named as such on its asset and in a PREMIS validation
 * event; a usable one never fails; nothing usable at all fails with a sentence.
 */
@QuarkusTest
class DamagedFilesTest {

    Path tmp;

    @BeforeEach
    void tempDir() throws java.io.IOException {
        tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "damaged");
    }

    private static String upload(String name, byte[] bytes) {
        return given().multiPart("file", name, bytes, "application/octet-stream").post("/api/v1/assets")
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> warnings(JsonPath asset) {
        return asset.getList("warnings", String.class);
    }

    private static JsonPath validation(String id) {
        JsonPath events = given().get("/api/v1/assets/" + id + "/provenance").then().statusCode(200).extract().jsonPath();
        assertTrue(events.getList("type").contains("validation"), events.prettify());
        return events;
    }

    @Test
    void aJpegCutOffInItsScanDataIsKeptAndNamedDamaged() throws Exception {
        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        String id = upload("cut.jpg", Arrays.copyOf(photo, photo.length * 7 / 10));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertTrue(warnings(a).stream().anyMatch(w -> w.startsWith("damaged file: cut off: the JPEG has no end-of-image (EOI) marker")),
                warnings(a).toString());
        JsonPath events = validation(id);
        assertEquals("warning", events.getString("find { it.type == 'validation' && it.detail.contains('EOI') }.outcome"));
        // What the scan data still holds is a picture: the grid shows it, whichever run made it.
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-thumbnail' }.state"), a.prettify());
    }

    /**
     * The decode that validates a JPEG writes its grid thumbnail too: one decode for both, no
     * render job for the thumbnail, and the files served as any rendition's.
     */
    @Test
    void aPhotosThumbnailIsMadeByTheDecodeThatValidatesIt() {
        String id = upload("thumbnail.jpg", bytes(Fixtures.CAMERA_JPEG));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-thumbnail' }.state"), a.prettify());
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-preview' }.state"), a.prettify());
        List<String> renders = given().queryParam("assetId", id).get("/api/v1/jobs").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.type == 'RENDER' }.payload", String.class);
        assertTrue(renders.contains("image-preview"), renders.toString());
        assertTrue(!renders.contains("image-thumbnail"), "the thumbnail had a render job of its own: " + renders);
        JsonPath events = validation(id);
        assertEquals("success", events.getString(
                "find { it.type == 'migration' && it.detail.startsWith('rendition image-thumbnail') }.outcome"), events.prettify());
        byte[] webp = given().get("/api/v1/assets/" + id + "/renditions/image-thumbnail/image-thumbnail.webp").then().statusCode(200)
                .contentType("image/webp").extract().asByteArray();
        assertEquals("RIFF", new String(webp, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] jpeg = given().get("/api/v1/assets/" + id + "/renditions/image-thumbnail").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertEquals(0xD8, jpeg[1] & 0xFF);
    }

    @Test
    void aSoundPhotoIsValidatedWellFormed() {
        String id = upload("sound.jpg", bytes(Fixtures.CAMERA_JPEG));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"));
        assertTrue(warnings(a).stream().noneMatch(w -> w.startsWith("damaged file")), warnings(a).toString());
        assertEquals("success", validation(id).getString("find { it.type == 'validation' }.outcome"));
        assertEquals("well-formed and complete", validation(id).getString("find { it.type == 'validation' }.detail"));
    }

    /** OpenSearch refuses a geo_point of 213°: it used to fail the whole asset at INDEX. */
    @Test
    void aLatitudeOf213DegreesIsNamedAndLeftOutNeverFatal() throws Exception {
        Path plain = tmp.resolve("plain.jpg");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1", plain.toString());
        String id = upload("gps.jpg", ExifWriter.withGps(Files.readAllBytes(plain), 213, 10));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertTrue(warnings(a).stream().anyMatch(w -> w.contains("GPS latitude 213.0° is beyond ±90°")), warnings(a).toString());
        assertNull(a.get("technical.embedded.latitude"), "left out of the record");
        assertNull(a.get("technical.embedded.longitude"), "a point needs both");
        String raw = given().get("/api/v1/assets/" + id + "/technical/raw").then().extract().asString();
        assertTrue(raw.contains("213"), "kept in the raw record: " + raw);
    }

    @Test
    void anExifOffsetStoredAsShortIsWarnedAbout() throws Exception {
        Path plain = tmp.resolve("plain2.jpg");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", plain.toString());
        String id = upload("short-offset.jpg", ExifWriter.withShortExifOffset(Files.readAllBytes(plain)));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"));
        assertTrue(warnings(a).stream().anyMatch(w -> w.contains("ExifOffset pointer (tag 0x8769) in IFD0 is stored as SHORT, not LONG")),
                warnings(a).toString());
    }

    /** The index sits at the front (faststart), so the probe reads it; the packets it promises are gone. */
    @Test
    void aVideoCutOffAfterItsIndexIsNamedCutOff() throws Exception {
        Path whole = tmp.resolve("whole.mp4");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=f=440", "-t", "12",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-movflags", "+faststart", whole.toString());
        byte[] bytes = Files.readAllBytes(whole);
        String id = upload("cut.mp4", Arrays.copyOf(bytes, bytes.length / 2));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertTrue(warnings(a).stream().anyMatch(w -> w.matches("damaged file: cut off: media runs to \\d+\\.\\d s of the 12\\.0 s .*")),
                warnings(a).toString());
    }

    @Test
    void aVideoWithNothingReadableFailsInWords() throws Exception {
        byte[] bytes = bytes(Fixtures.SPEECH_VIDEO);
        String id = upload("stub.mp4", Arrays.copyOf(bytes, 2048));
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("FAILED", a.getString("state"));
        assertTrue(a.getString("failureReason").startsWith("the file cannot be read as audio or video: it is cut off"),
                a.getString("failureReason"));
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
