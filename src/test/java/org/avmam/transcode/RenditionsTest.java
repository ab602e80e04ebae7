package org.avmam.transcode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/** Renditions through the service: failures that spare the asset, on-demand profiles, delivery, rebuilds. */
@QuarkusTest
class RenditionsTest {

    private static final Path MEDIA = Path.of("src/test/resources/media/transcode");

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    /** The body a browser sends: the file name as raw UTF-8 in the part header. */
    private static String upload(Path file, String name) throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n--XyZ--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return given().contentType("multipart/form-data; boundary=XyZ").body(body.toByteArray())
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
    }

    @Test
    void aTruncatedVideoKeepsItsPosterAndShowsWhyTheProxyFailed() throws Exception {
        String id = upload(MEDIA.resolve("truncated.mp4"), "truncated.mp4");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), "a failed rendition does not fail the asset: " + a.getString("failureReason"));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'video-poster' }.state"));
        assertEquals("FAILED", a.getString("renditions.find { it.profile == 'video-proxy-720p' }.state"));
        String error = a.getString("renditions.find { it.profile == 'video-proxy-720p' }.error");
        assertTrue(error.startsWith("video-proxy-720p: the rendition covers only "), error);
        given().get("/api/v1/assets/" + id + "/renditions/video-proxy-720p").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/assets/" + id + "/provenance").then().statusCode(200)
                .body("findAll { it.outcome == 'failure' }.detail", hasItem(startsWith("video-proxy-720p: the rendition covers only")));
    }

    @Test
    void rawAndHeicPhotosGetThumbnails() throws Exception {
        String dng = upload(Path.of("src/test/resources/media/raw/preview.dng"), "IMG_0001.dng");
        JsonPath a = Fixtures.awaitSettled(dng, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-thumbnail' }.state"),
                a.getString("renditions.find { it.profile == 'image-thumbnail' }.error"));
        assertEquals("made from the camera's embedded JPEG preview", a.getString("renditions.find { it.profile == 'image-thumbnail' }.notes"));
        byte[] thumb = given().get(a.getString("renditions.find { it.profile == 'image-thumbnail' }.url")).then().statusCode(200)
                .extract().asByteArray();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb));
        assertEquals(320, img.getWidth());
        assertTrue(img.getHeight() == 212 || img.getHeight() == 214, "the preview's 3:2 (213.3) rounded to an even height: " + img.getHeight());

        String heic = upload(Path.of("src/test/resources/media/raw/phone.heic"), "IMG_4242.HEIC");
        JsonPath h = Fixtures.awaitSettled(heic, Duration.ofMinutes(2));
        assertEquals("image/heic", h.getString("mimeType"));
        assertEquals("READY", h.getString("renditions.find { it.profile == 'image-thumbnail' }.state"),
                h.getString("renditions.find { it.profile == 'image-thumbnail' }.error"));
        byte[] t = given().get(h.getString("renditions.find { it.profile == 'image-thumbnail' }.url")).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(320, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(t)).getWidth());
    }

    /** The "done when" of the foundations: a rotated phone video gets every on-ingest rendition, upright. */
    @Test
    void aRotatedPhoneVideoGetsEveryOnIngestRendition() throws Exception {
        String id = upload(MEDIA.resolve("rotated-phone.mp4"), "VID_20190417.mp4");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(3));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("video-poster", "video-proxy-720p", "video-filmstrip"));
        if (a.getBoolean("technical.hasAudio")) {
            expected.add("audio-waveform");
        }
        for (String profile : expected) {
            assertEquals("READY", a.getString("renditions.find { it.profile == '" + profile + "' }.state"), profile + ": "
                    + a.getString("renditions.find { it.profile == '" + profile + "' }.error"));
        }
        byte[] poster = given().get(a.getString("renditions.find { it.profile == 'video-poster' }.url")).then().statusCode(200)
                .extract().asByteArray();
        java.awt.image.BufferedImage p = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(poster));
        assertTrue(p.getHeight() > p.getWidth(), "the phone was held upright: " + p.getWidth() + "×" + p.getHeight());
    }

    /** An iPhone 13 Pro Max photo, stored sideways (irot 3) as an 8×6 grid: an upright thumbnail with nothing installed. */
    @Test
    void anIphonePhotoGetsAnUprightThumbnail() throws Exception {
        String id = upload(Path.of("src/test/resources/media/heif/iphone-13-pro-max.heic"), "IMG_0420.HEIC");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-thumbnail' }.state"),
                a.getString("renditions.find { it.profile == 'image-thumbnail' }.error"));
        byte[] t = given().get(a.getString("renditions.find { it.profile == 'image-thumbnail' }.url")).then().statusCode(200)
                .extract().asByteArray();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(t));
        assertEquals(240, img.getWidth(), "portrait");
        assertEquals(320, img.getHeight());
        assertEquals(3024, a.getInt("technical.width"), "the photo's own size as shown, not a 512 px tile's");
        assertEquals(4032, a.getInt("technical.height"));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-preview' }.state"),
                a.getString("renditions.find { it.profile == 'image-preview' }.error"));
    }

    /** A DNG keeping its 1024×683 preview as an abbreviated JPEG at the end of the file: thumbnail and a 1024 px preview. */
    @Test
    void aDngGetsItsThousandPixelPreview() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "dng");
        Path dng = RawFixtures.dngWithAbbreviatedPreview(dir, dir.resolve("preview.jpg"));
        String id = upload(dng, "IMG_1024.DNG");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("renditions.find { it.profile == 'image-preview' }.state"),
                a.getString("renditions.find { it.profile == 'image-preview' }.error"));
        byte[] p = given().get(a.getString("renditions.find { it.profile == 'image-preview' }.url")).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(1024, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(p)).getWidth(), "the preview's own size, never upscaled");
        assertEquals("made from the camera's embedded JPEG preview", a.getString("renditions.find { it.profile == 'image-preview' }.notes"));
    }

    /** A 68-byte PNG declaring 200000×200000 pixels: not decoded, with a reason, and the asset stands. */
    @Test
    void aPictureOverThePixelLimitIsNotDecoded() throws Exception {
        String id = upload(Path.of("src/test/resources/media/metadata/huge-declared.png"), "bomb.png");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        String error = a.getString("renditions.find { it.profile == 'image-thumbnail' }.error");
        assertTrue(error != null && error.contains("(40000 megapixels), more than the 250 megapixels avmam decodes"), String.valueOf(error));
    }

    @Test
    void anAudioOnlyMp4IsAudioWithAProxyAndAWaveform() throws Exception {
        String id = upload(MEDIA.resolve("audio-only.mp4"), "interview.mp4");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertEquals("AUDIO", a.getString("mediaType"));
        assertEquals(List.of("audio-proxy", "audio-waveform"), a.getList("renditions.profile"));
        given().get(a.getString("renditions.find { it.profile == 'audio-proxy' }.url")).then().statusCode(200).contentType("audio/mp4");
        String peaks = a.getString("renditions.find { it.profile == 'audio-waveform' }.url");
        assertTrue(peaks.endsWith("/renditions/audio-waveform/peaks.json"), peaks);
        given().get(peaks).then().statusCode(200).contentType("application/json")
                .body("length", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThan(395)).and(org.hamcrest.Matchers.lessThan(410)));
        given().get("/api/v1/assets/" + id + "/renditions/audio-waveform/waveform.png").then().statusCode(200).contentType("image/png");
    }

    @Test
    void hlsIsMadeOnDemandAndServedFileByFile() throws Exception {
        String id = upload(MEDIA.resolve("vfr.mp4"), "2024年 市政会议.mp4");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals("READY", a.getString("state"), a.getString("failureReason"));
        assertTrue(!a.getList("renditions.profile").contains("video-hls"), "HLS is on demand");

        JsonPath job = given().post("/api/v1/assets/" + id + "/renditions/video-hls").then().statusCode(202)
                .header("Location", containsString("/api/v1/jobs/")).extract().jsonPath();
        // Asking again while it is queued or running answers with the same job.
        given().post("/api/v1/assets/" + id + "/renditions/video-hls").then().statusCode(202).body("id", equalTo(job.getInt("id")));
        awaitJob(job.getString("url"));

        String base = "/api/v1/assets/" + id + "/renditions/video-hls/";
        String master = given().get(base + "master.m3u8").then().statusCode(200).contentType("application/vnd.apple.mpegurl")
                .extract().asString();
        assertTrue(master.contains("v0/index.m3u8"), master);
        String variant = given().get(base + "v0/index.m3u8").then().statusCode(200).extract().asString();
        String segment = variant.lines().filter(l -> l.endsWith(".m4s")).findFirst().orElseThrow();
        given().get(base + "v0/init.mp4").then().statusCode(200).contentType("video/mp4");
        given().header("Range", "bytes=0-7").get(base + "v0/" + segment).then().statusCode(206).contentType("video/iso.segment");
        // Only the rendition's own files: no way out of its folder.
        given().urlEncodingEnabled(false).get(base + "..%2F..%2F..%2Fdb%2Favmam.mv.db").then().statusCode(404);
        given().get(base + "v0/no-such-segment.m4s").then().statusCode(404).contentType("application/problem+json");

        // Downloads keep the Chinese name (RFC 6266 / 8187) and say which rendition they are.
        given().queryParam("download", "true").get("/api/v1/assets/" + id + "/renditions/video-proxy-720p").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"2024_ ____-video-proxy-720p.mp4\"; "
                        + "filename*=UTF-8''2024%E5%B9%B4%20%E5%B8%82%E6%94%BF%E4%BC%9A%E8%AE%AE-video-proxy-720p.mp4"));
        given().queryParam("download", "true").get("/api/v1/assets/" + id + "/original").then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''2024%E5%B9%B4%20%E5%B8%82%E6%94%BF%E4%BC%9A%E8%AE%AE.mp4"))
                .header("Last-Modified", org.hamcrest.Matchers.notNullValue())
                .header("Cache-Control", containsString("max-age"));
    }

    @Test
    void onDemandRequestsThatCannotWorkAreRefusedWithTheReason() throws Exception {
        String id = upload(MEDIA.resolve("no-audio.mp4"), "silent.mp4");
        Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        given().post("/api/v1/assets/" + id + "/renditions/audio-proxy").then().statusCode(422)
                .contentType("application/problem+json").body("detail", startsWith("profile audio-proxy is for [AUDIO] with audio"));
        given().post("/api/v1/assets/" + id + "/renditions/no-such-profile").then().statusCode(404)
                .body("detail", equalTo("no transcode profile named 'no-such-profile'"));
        given().post("/api/v1/assets/00000000-0000-0000-0000-000000000000/renditions/video-hls").then().statusCode(404);
    }

    @Test
    void profilesListTheirVersionAndRebuildRemakesRenditions() throws Exception {
        String id = upload(MEDIA.resolve("odd-size.mp4"), "odd.mp4");
        JsonPath a = Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        assertEquals(Boolean.TRUE, a.getBoolean("renditions.find { it.profile == 'video-poster' }.current"));
        long before = Files.getLastModifiedTime(Path.of("target/test-data/renditions", id.substring(0, 2), id, "video-poster",
                "video-poster.jpg")).toMillis();

        JsonPath profiles = given().get("/api/v1/profiles").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("audio-proxy", "audio-waveform", "clip-edit-prores", "clip-h264", "clip-master", "image-preview",
                "image-share-preview", "image-thumbnail", "video-edit-proxy", "video-exhibition-master", "video-filmstrip", "video-hls",
                "video-poster", "video-proxy-720p", "video-share-proxy"), profiles.getList("name"));
        assertEquals("on-demand", profiles.getString("find { it.name == 'video-exhibition-master' }.trigger"));

        JsonPath rebuild = given().queryParam("all", "true").post("/api/v1/profiles/video-poster/rebuild").then().statusCode(202)
                .extract().jsonPath();
        assertTrue(rebuild.getInt("queued") + rebuild.getInt("alreadyQueued") >= 1, rebuild.prettify());
        Instant deadline = Instant.now().plusSeconds(120);
        JsonPath status;
        do {
            Fixtures.sleep(200);
            status = given().get("/api/v1/profiles/video-poster").then().statusCode(200).extract().jsonPath();
        } while ((status.getInt("pending") > 0 || status.getInt("running") > 0) && Instant.now().isBefore(deadline));
        assertEquals(0, status.getInt("pending") + status.getInt("running"), status.prettify());
        assertTrue(status.getInt("current") >= 1);
        long after = Files.getLastModifiedTime(Path.of("target/test-data/renditions", id.substring(0, 2), id, "video-poster",
                "video-poster.jpg")).toMillis();
        assertTrue(after > before, "the poster was made again");
        given().get("/api/v1/profiles/nope").then().statusCode(404);
    }

    @Test
    void rebuildCommandRemakesOlderAndMissingRenditionsAndWaits() throws Exception {
        String id = upload(MEDIA.resolve("interlaced.mp4"), "interlaced.mp4");
        Fixtures.awaitSettled(id, Duration.ofMinutes(2));
        // The edit proxy is on demand: every ready video lacks it, so the rebuild makes it for this one (and the others).
        int failedBefore = given().get("/api/v1/profiles/video-edit-proxy").then().extract().path("failed");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = new picocli.CommandLine(new org.avmam.cli.AvmamCli()).execute("renditions", "rebuild", "--profile", "video-edit-proxy",
                    "--server", base.toString(), "--token", org.avmam.TestAuth.header().substring(7));
        } finally {
            System.setErr(old);
        }
        String out = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        int failedAfter = given().get("/api/v1/profiles/video-edit-proxy").then().extract().path("failed");
        // Other tests' assets are rebuilt too (the truncated video's edit proxy fails): the exit code says whether any did.
        assertEquals(failedAfter > failedBefore ? 1 : 0, code, out);
        assertTrue(out.startsWith("video-edit-proxy version 1: "), out);
        assertTrue(out.contains("Done: "), out);
        JsonPath a = given().get("/api/v1/assets/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("READY", a.getString("renditions.find { it.profile == 'video-edit-proxy' }.state"));
        assertEquals(Boolean.TRUE, a.getBoolean("renditions.find { it.profile == 'video-edit-proxy' }.current"));

        assertEquals(2, new picocli.CommandLine(new org.avmam.cli.AvmamCli()).execute("renditions", "rebuild", "--profile", "nope",
                "--server", base.toString(), "--token", org.avmam.TestAuth.header().substring(7)), "an unknown profile is an error");
    }

    private static void awaitJob(String url) {
        Instant deadline = Instant.now().plusSeconds(120);
        String state;
        do {
            Fixtures.sleep(200);
            state = given().get(url).then().statusCode(200).extract().path("state");
        } while (!state.equals("DONE") && !state.equals("FAILED") && Instant.now().isBefore(deadline));
        assertEquals("DONE", state, () -> given().get(url).asString());
    }
}
