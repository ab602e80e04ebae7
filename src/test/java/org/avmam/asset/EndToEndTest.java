package org.avmam.asset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The whole slice on real parts: H2, the local OpenSearch node, ffmpeg and Vosk. A video whose
 * only mention of a lighthouse is spoken is found by searching for "lighthouse".
 */
@QuarkusTest
class EndToEndTest {

    @Test
    void videoIsProbedRenderedTranscribedAndFoundBySpokenWord() throws Exception {
        Response created = given().multiPart("file", Fixtures.file(Fixtures.SPEECH_VIDEO), "application/octet-stream")
                .multiPart("title", "Harbour day")
                .multiPart("language", "en-US")
                .post("/api/v1/assets");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/assets/"))
                .body("state", equalTo("RECEIVED"))
                .body("mediaType", equalTo("VIDEO"))
                .body("mimeType", equalTo("video/mp4"))
                .body("language", equalTo("en-US"))
                .body("originalFilename", equalTo("event-0417.mp4"))
                .body("sha256", equalTo(sha256(Files.readAllBytes(Fixtures.SPEECH_VIDEO))));
        String id = created.jsonPath().getString("id");

        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(3));
        assertEquals("READY", asset.getString("state"), () -> "failed: " + asset.getString("failedStep") + " " + asset.getString("failureReason"));
        assertEquals(7.32, asset.getDouble("technical.durationSeconds"), 0.05);
        assertEquals(640, asset.getInt("technical.width"));
        assertEquals(List.of("h264", "aac"), asset.getList("technical.streams.codec"));
        // ffprobe's own JSON, kept for audit.
        given().get("/api/v1/assets/" + id + "/technical/raw").then().statusCode(200)
                .body("streams.codec_name", equalTo(List.of("h264", "aac")));
        assertEquals(List.of("audio-waveform", "video-filmstrip", "video-poster", "video-proxy-720p"), asset.getList("renditions.profile"));

        // The poster is a JPEG; the proxy an H.264 MP4 served in ranges.
        byte[] poster = given().get(asset.getString("renditions.find { it.profile == 'video-poster' }.url"))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(poster));
        assertEquals(640, img.getWidth());
        String proxyUrl = asset.getString("renditions.find { it.profile == 'video-proxy-720p' }.url");
        byte[] head = given().header("Range", "bytes=4-11").get(proxyUrl)
                .then().statusCode(206).contentType("video/mp4")
                .header("Content-Range", startsWith("bytes 4-11/"))
                .header("Accept-Ranges", "bytes")
                .extract().asByteArray();
        assertEquals("ftypisom", new String(head, java.nio.charset.StandardCharsets.US_ASCII));

        assertEquals("/api/v1/assets/" + id + "/transcript?format=vtt", asset.getString("captionsUrl"));
        given().get(asset.getString("captionsUrl")).then().statusCode(200).contentType(startsWith("text/vtt"));

        // The words were only ever spoken.
        given().get("/api/v1/assets/" + id + "/transcript").then().statusCode(200)
                .body("text", containsString("lighthouse"))
                .body("segments.words.flatten().word", hasItem("lighthouse"));
        given().queryParam("q", "lighthouse").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", hasItem(id))
                .body("facets.mediaType.VIDEO", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void photoIsFoundByCaptionKeywordAndCamera() throws Exception {
        String id = given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG), "image/jpeg")
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");

        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", asset.getString("state"), () -> asset.getString("failureReason"));
        assertEquals("IMAGE", asset.getString("mediaType"));
        assertEquals("image/jpeg", asset.getString("mimeType"));
        assertEquals(1024, asset.getInt("technical.width"));
        assertEquals(768, asset.getInt("technical.height"));
        Map<String, Object> embedded = asset.getMap("technical.embedded");
        assertEquals("Canon", embedded.get("make"));
        assertEquals("Canon EOS 5D Mark IV", embedded.get("model"));
        assertEquals("Opening of the riverside museum", embedded.get("caption"));
        assertEquals(List.of("riverside", "museum"), embedded.get("keywords"));
        assertEquals(31.2304, ((Number) embedded.get("latitude")).doubleValue(), 1e-4);
        assertEquals("Li Wei", asset.getString("technical.image.creator"));
        // What metadata-extractor itself said, kept for audit.
        given().get("/api/v1/assets/" + id + "/technical/raw").then().statusCode(200).contentType("application/json")
                .body("'Exif IFD0'.Make", equalTo("Canon"));

        assertEquals(List.of("image-preview", "image-thumbnail"), asset.getList("renditions.profile"));
        byte[] thumb = given().get(asset.getString("renditions.find { it.profile == 'image-thumbnail' }.url"))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(thumb));
        assertEquals(320, Math.max(img.getWidth(), img.getHeight()));
        // The 1024 px photo is smaller than a preview box: its preview keeps its size.
        byte[] preview = given().get(asset.getString("renditions.find { it.profile == 'image-preview' }.url"))
                .then().statusCode(200).extract().asByteArray();
        assertEquals(1024, ImageIO.read(new ByteArrayInputStream(preview)).getWidth());
        String webp = asset.getString("renditions.find { it.profile == 'image-thumbnail' }.files[1]");
        assertTrue(webp.endsWith("/image-thumbnail.webp"), webp);
        given().get(webp).then().statusCode(200).contentType("image/webp");

        for (String q : List.of("riverside museum", "Canon EOS", "camera.jpg")) {
            given().queryParam("q", q).get("/api/v1/search").then().statusCode(200).body("hits.id", hasItem(id));
        }
        given().queryParam("q", "riverside").queryParam("mediaType", "VIDEO").get("/api/v1/search")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "Canon_40D.jpg, Canon, Canon EOS 40D, 100, 68, 2008:05:30 15:56:01, , ",
        "DSCN0010.jpg, NIKON, COOLPIX P6000, 640, 480, 2008:10:22 16:28:39, 43.46745, 11.88513",
    })
    void realCameraFilesReachReady(String file, String make, String model, int width, int height, String captured,
            Double lat, Double lon) {
        String id = given().multiPart("file", java.nio.file.Path.of("src/test/resources/media/real", file).toFile())
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", asset.getString("state"), () -> asset.getString("failureReason"));
        assertEquals(make, asset.getString("technical.embedded.make"));
        assertEquals(model, asset.getString("technical.embedded.model"));
        assertEquals(captured, asset.getString("technical.embedded.captureTime"));
        assertEquals(width, asset.getInt("technical.width"));
        assertEquals(height, asset.getInt("technical.height"));
        if (lat != null) {
            assertEquals(lat, asset.getDouble("technical.embedded.latitude"), 1e-4);
            assertEquals(lon, asset.getDouble("technical.embedded.longitude"), 1e-4);
        }
        assertEquals(List.of("image-thumbnail"), asset.getList("renditions.profile"), "small photos get no preview");
        given().queryParam("q", model).get("/api/v1/search").then().statusCode(200).body("hits.id", hasItem(id));
    }

    @Test
    void renditionsAnswerConditionalRequests() throws Exception {
        String id = given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG), "image/jpeg").multiPart("title", "etag check")
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        String url = asset.getString("renditions[0].url");
        Response first = given().get(url);
        String etag = first.getHeader("ETag");
        assertTrue(etag != null && !etag.isBlank());
        given().header("If-None-Match", etag).get(url).then().statusCode(304);
        given().header("Range", "bytes=999999999-").get(url).then().statusCode(416)
                .header("Content-Range", startsWith("bytes */"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
