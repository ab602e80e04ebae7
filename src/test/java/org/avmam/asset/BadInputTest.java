package org.avmam.asset;

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
import java.util.UUID;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;

/** Every refused request says why in application/problem+json; a corrupt file fails alone. */
@QuarkusTest
class BadInputTest {

    @jakarta.inject.Inject
    org.avmam.storage.BlobStore blobs;

    // @TempDir is not injected into @QuarkusTest instances; a folder under target/ does the job.
    Path tmp;

    @BeforeEach
    void tempDir() throws java.io.IOException {
        Files.createDirectories(Path.of("target/test-tmp"));
        tmp = Files.createTempDirectory(Path.of("target/test-tmp"), "bad-input");
    }

    @Test
    void missingFileIs400() {
        given().multiPart("title", "no file here").post("/api/v1/assets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("no file"));
    }

    @Test
    void emptyFileIs400() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        given().multiPart("file", empty.toFile()).post("/api/v1/assets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("empty"));
    }

    @Test
    void unsupportedContentIs415EvenWithAMediaExtension() throws Exception {
        Path text = Files.writeString(tmp.resolve("holiday.jpg"), "these are minutes of a meeting, not a photo\n".repeat(20));
        given().multiPart("file", text.toFile(), "image/jpeg").post("/api/v1/assets")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("text/plain"));
    }

    @Test
    void notMultipartIs415() {
        given().contentType("application/json").body("{}").post("/api/v1/assets")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void badLanguageTagIs400() {
        given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG)).multiPart("language", "english please")
                .post("/api/v1/assets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("BCP 47"));
    }

    /** An #EXTM3U playlist with CRLF line ends, listing file:// URLs: ffmpeg would open what it lists. */
    @Test
    void aPlaylistIsRefusedWhateverItsName() throws Exception {
        Path playlist = Files.writeString(tmp.resolve("interview.mp3"),
                "#EXTM3U\r\n#EXTINF:10,Interview\r\nfile:///etc/passwd\r\nfile:///var/lib/avmam/db/avmam.mv.db\r\n");
        given().multiPart("file", playlist.toFile(), "audio/mpeg").post("/api/v1/assets")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("playlist or reference file"));
        Path concat = Files.writeString(tmp.resolve("reel.mov"), "ffconcat version 1.0\nfile '/etc/hostname'\n");
        given().multiPart("file", concat.toFile()).post("/api/v1/assets")
                .then().statusCode(415).body("detail", containsString("never follows them"));
        Path sdp = Files.writeString(tmp.resolve("stream.wav"), "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\n"
                + "m=audio 5004 RTP/AVP 0\r\n");
        given().multiPart("file", sdp.toFile()).post("/api/v1/assets").then().statusCode(415);
    }

    @Test
    void svgIsRefused() throws Exception {
        Path svg = Files.writeString(tmp.resolve("logo.png"), "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<script>alert(document.cookie)</script></svg>\n");
        given().multiPart("file", svg.toFile(), "image/svg+xml").post("/api/v1/assets")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("SVG"));
    }

    /** The fields come after a file here: refused before the file becomes a blob, so none is left behind. */
    @Test
    void aBadBatchOrLanguageAfterTheFileLeavesNoBlob() throws Exception {
        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        byte[] tail = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII); // after the EOI: still a JPEG
        byte[] unique = java.util.Arrays.copyOf(photo, photo.length + tail.length);
        System.arraycopy(tail, 0, unique, photo.length, tail.length);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(unique));
        given().multiPart("file", "unique.jpg", unique, "image/jpeg").multiPart("batch", "not-a-batch").post("/api/v1/assets")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not a batch id"));
        given().multiPart("file", "unique.jpg", unique, "image/jpeg").multiPart("batch", UUID.randomUUID().toString())
                .post("/api/v1/assets").then().statusCode(404).contentType("application/problem+json");
        given().multiPart("file", "unique.jpg", unique, "image/jpeg").multiPart("language", "english please").post("/api/v1/assets")
                .then().statusCode(400);
        assertTrue(Files.notExists(blobs.path(sha)), "no blob is kept for a refused upload");
        given().multiPart("file", "unique.jpg", unique, "image/jpeg").post("/api/v1/assets").then().statusCode(201);
        assertTrue(Files.exists(blobs.path(sha)), "the same bytes, accepted, are stored where the test looked");
    }

    @Test
    void jsonEndpointsTakeAFewMegabytesAtMost() {
        String huge = "{\"kind\":\"EVENT\",\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        given().contentType("application/json").body(huge).post("/api/v1/batches")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("avmam.api.max-body-size"));
        given().contentType("application/json").body("{\"kind\":\"EVENT\",\"name\":\"small\"}").post("/api/v1/batches")
                .then().statusCode(201);
    }

    @Test
    void everythingIsServedWithNosniffAndFilesWithAPolicyThatRunsNothing() {
        String id = given().multiPart("file", "n.jpg", fileBytes(), "image/jpeg").post("/api/v1/assets")
                .then().statusCode(201).header("X-Content-Type-Options", "nosniff").extract().path("id");
        Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        given().get("/api/v1/assets/" + id + "/original").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/q/health/live").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void unknownAssetIs404() {
        given().get("/api/v1/assets/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/assets/not-a-uuid").then().statusCode(404);
    }

    @Test
    void unknownRenditionIs404() {
        String id = given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG)).post("/api/v1/assets")
                .then().statusCode(201).extract().path("id");
        given().get("/api/v1/assets/" + id + "/renditions/no-such-profile")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pathTricksInTheFileNameAreRemoved() {
        given().multiPart("file", "../../etc/cron.d/x.jpg", fileBytes(), "image/jpeg").post("/api/v1/assets")
                .then().statusCode(201).body("originalFilename", equalTo("x.jpg"));
    }

    @Test
    void truncatedVideoFailsWithTheStepAndReason() throws Exception {
        Path broken = Fixtures.truncated(Fixtures.SPEECH_VIDEO, 4096, tmp);
        String id = given().multiPart("file", broken.toFile()).post("/api/v1/assets")
                .then().statusCode(201).body("mediaType", equalTo("VIDEO")).extract().path("id");

        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("FAILED", asset.getString("state"));
        assertEquals("PROBE", asset.getString("failedStep"));
        assertTrue(asset.getString("failureReason").contains("ffprobe"), asset.getString("failureReason"));

        // The failure touched nothing else: a good upload after it still goes through.
        String ok = given().multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG)).multiPart("title", "after a failure")
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        assertEquals("READY", Fixtures.awaitSettled(ok, Duration.ofMinutes(2)).getString("state"));
    }

    @Test
    void aLargeRefusedUploadIsAnsweredNotLeftHanging() throws Exception {
        // 12 MB of minutes, not a photo: refused from its first bytes, while the client is still sending. The rest of
        // the body is read and dropped, so the client gets its 415 instead of a stalled connection.
        Path text = tmp.resolve("minutes.jpg");
        Files.writeString(text, "minutes of the planning meeting, item by item\n".repeat(12 * 1024 * 1024 / 46));
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(url.toURI().resolve("/api/v1/assets")).timeout(Duration.ofSeconds(30)).header("Authorization", org.avmam.TestAuth.header())
                        .header("Content-Type", Fixtures.MULTIPART).POST(Fixtures.multipart(text)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, r.statusCode(), r.body());
        assertTrue(r.body().contains("text/plain"), r.body());
    }

    @Test
    void aTruncatedMultipartUploadNeverBecomesAnAsset() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.SPEECH_VIDEO);
        String name = "cut-short-" + System.nanoTime() + ".mp4";
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: video/mp4\r\n\r\n";
        int announced = head.length() + file.length + "\r\n--XyZ--\r\n".length();
        try (java.net.Socket s = new java.net.Socket(url.getHost(), url.getPort())) {
            java.io.OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/assets HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + org.avmam.TestAuth.header() + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                    + "Content-Length: " + announced + "\r\n\r\n" + head).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(file, 0, file.length / 2);
            out.flush();
            // The client gives up half-way: its side closes, and the server must answer or close the connection.
            s.shutdownOutput();
            s.setSoTimeout(30_000);
            java.io.InputStream in = s.getInputStream();
            try {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // to the server's end: the upload has been dealt with
            } catch (java.net.SocketException reset) {
                // a reset is the server's end too
            }
        }
        java.util.List<String> names = given().queryParam("size", 500).get("/api/v1/assets").then().statusCode(200)
                .extract().path("originalFilename");
        assertTrue(!names.contains(name), "the half-sent file is not an asset");
    }

    @Test
    void aTruncatedJpegKeepsItsMetadataAndShowsWhyItHasNoThumbnail() throws Exception {
        // The headers and EXIF survive, the picture does not: metadata is read, the thumbnail cannot be made. The
        // original is kept as received (an archive does not throw away what it was given), the rendition is FAILED
        // with ffmpeg's reason, and the asset carries the failure as a warning.
        byte[] corrupt = java.util.Arrays.copyOf(Files.readAllBytes(Fixtures.CAMERA_JPEG), 2000);
        String id = given().multiPart("file", "corrupt.jpg", corrupt).post("/api/v1/assets")
                .then().statusCode(201).body("mediaType", equalTo("IMAGE")).extract().path("id");
        JsonPath asset = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", asset.getString("state"));
        assertEquals("FAILED", asset.getString("renditions.find { it.profile == 'image-thumbnail' }.state"));
        String error = asset.getString("renditions.find { it.profile == 'image-thumbnail' }.error");
        assertTrue(error.startsWith("image-thumbnail: ffmpeg exited with code "), error);
        assertTrue(asset.getList("warnings", String.class).stream().anyMatch(w -> w.startsWith("rendition image-thumbnail failed: ")),
                asset.getList("warnings").toString());
        assertEquals("Canon", asset.getString("technical.embedded.make"), "what could be read is kept");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL url;

    private static byte[] fileBytes() {
        try {
            return Files.readAllBytes(Fixtures.CAMERA_JPEG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
