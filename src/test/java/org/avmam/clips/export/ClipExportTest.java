package org.avmam.clips.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.avmam.TestFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * Clip export from the original, checked frame by frame against the source as editing software
 * reads the file (edit lists ignored): the first frame is the source's frame at the in point, the
 * length is exact, copied GOPs are bit-identical, and a timecode track starts at the in point.
 */
@QuarkusTest
class ClipExportTest {

    static final int W = 320;
    static final int H = 180;
    static final int FRAME = W * H;
    static Path original;
    static String source;

    /** 30 s at 25 fps, long-GOP H.264 with B-frames and a keyframe every 4.8 s (120 frames), timecode from 10:00:00:00, with sound. */
    static synchronized void sources() throws Exception {
        if (source != null) {
            return;
        }
        Path dir = Files.createDirectories(Path.of("target/test-tmp/clip-export"));
        original = dir.resolve("parade-long-gop.mp4");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25:duration=30", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=30:sample_rate=48000", "-c:v", "libx264", "-g", "120", "-keyint_min", "120", "-sc_threshold", "0",
                "-bf", "3", "-pix_fmt", "yuv420p", "-c:a", "aac", "-timecode", "10:00:00:00", original.toString());
        source = upload(original);
    }

    static String upload(Path file) {
        String id = given().multiPart("file", file.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(id, Duration.ofSeconds(180));
        return id;
    }

    static String clip(double in, double out) {
        return given().contentType("application/json").body(Map.of("title", "Parade", "in", in, "out", out))
                .post("/api/v1/assets/" + source + "/clips").then().statusCode(201).extract().path("id");
    }

    /** Asks for the export and waits for it; returns the file and the export's JSON. */
    static Map.Entry<Path, JsonPath> export(String clip, Map<String, ?> body, String name) throws Exception {
        JsonPath asked = given().contentType("application/json").body(body).post("/api/v1/clips/" + clip + "/export").then().statusCode(202)
                .body("state", equalTo("CUTTING")).extract().jsonPath();
        String profile = body.containsKey("profile") ? (String) body.get("profile") : "clip-master";
        Fixtures.await("the clip export " + asked.getString("id"), Duration.ofSeconds(120), () -> {
            int status = given().queryParam("profile", profile).get("/api/v1/clips/" + clip + "/export").statusCode();
            assertTrue(status == 200 || status == 202, "the export failed: " + given().queryParam("profile", profile)
                    .get("/api/v1/clips/" + clip + "/export").asString());
            return status == 200;
        });
        Path out = Path.of("target/test-tmp/clip-export").resolve(name);
        byte[] bytes = given().queryParam("profile", profile).get("/api/v1/clips/" + clip + "/export").then().statusCode(200)
                .header("Content-Disposition", containsString("10-00-")).extract().asByteArray();
        Files.write(out, bytes);
        JsonPath view = given().contentType("application/json").body(body).post("/api/v1/clips/" + clip + "/export").then().statusCode(202)
                .body("id", equalTo(asked.getString("id"))).extract().jsonPath();
        return Map.entry(out, view);
    }

    /** Decoded frames [from, to] of a file's first video stream as 8-bit grey pictures, edit lists ignored. */
    static List<byte[]> frames(Path file, int from, int to) throws Exception {
        Process p = new ProcessBuilder(TestFfmpeg.ffmpeg().toString(), "-v", "error", "-ignore_editlist", "1", "-i", file.toString(), "-map", "0:v:0",
                "-vf", "select=between(n\\," + from + "\\," + to + "),scale=" + W + ":" + H, "-fps_mode", "passthrough", "-pix_fmt", "gray", "-f",
                "rawvideo", "pipe:1").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] all = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i + FRAME <= all.length; i += FRAME) {
            out.add(Arrays.copyOfRange(all, i, i + FRAME));
        }
        return out;
    }

    static double psnr(byte[] a, byte[] b) {
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            mse += d * d;
        }
        mse /= a.length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** The export's frame {@code at} is the source's frame {@code expected}: far closer to it than to either neighbour. */
    static void sameFrame(Path export, int at, int expected) throws Exception {
        byte[] got = frames(export, at, at).getFirst();
        List<byte[]> around = frames(original, expected - 1, expected + 1);
        double match = psnr(got, around.get(1));
        assertTrue(match > 35, "export frame " + at + " is not source frame " + expected + " (PSNR " + match + ")");
        assertTrue(match > psnr(got, around.get(0)) + 10 && match > psnr(got, around.get(2)) + 10,
                "export frame " + at + " is as close to a neighbour of source frame " + expected + " as to it");
    }

    static String probe(Path file, String entries) throws Exception {
        return TestFfmpeg.probe("-ignore_editlist", "1", "-count_frames", "-show_entries", entries, "-of", "compact", file.toString());
    }

    static int videoFrames(Path file) throws Exception {
        return Integer.parseInt(TestFfmpeg.probe("-ignore_editlist", "1", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).strip());
    }

    @Test
    void aClipFrom10To14OnALongGopVideoStartsOnTheSourcesFrameAt10sWithTheRightFrameCount() throws Exception {
        sources();
        String clip = clip(10.0, 14.0);
        var e = export(clip, Map.of(), "parade-10-14.mov");
        Path file = e.getKey();
        assertEquals("REENCODE", e.getValue().getString("method"), "no whole GOP lies inside 10.0–14.0: the range is re-encoded");
        assertEquals(100, videoFrames(file));
        sameFrame(file, 0, 250);
        sameFrame(file, 99, 349);
        String streams = probe(file, "stream=codec_name,codec_tag_string,duration:stream_tags=timecode");
        assertTrue(streams.contains("codec_name=h264"), streams);
        assertTrue(streams.contains("codec_name=pcm_s24le|codec_tag_string=in24|duration=4.000000"), "sound cut to the sample: " + streams);
        assertTrue(streams.contains("codec_tag_string=tmcd") && streams.contains("timecode=10:00:10:00"), "a timecode track from the in point: "
                + streams);
    }

    @Test
    void aLongerClipIsSmartCutItsWholeGopsCopiedBitForBit() throws Exception {
        sources();
        String clip = clip(10.0, 22.0);
        var e = export(clip, Map.of(), "parade-10-22.mov");
        Path file = e.getKey();
        assertEquals("SMART_CUT", e.getValue().getString("method"));
        assertEquals(300, e.getValue().getInt("frames"));
        assertEquals(110 + 70, e.getValue().getInt("encodedFrames"), "frames 250–359 and 480–549 re-encoded, the GOP 360–479 copied");
        assertEquals(300, videoFrames(file));
        sameFrame(file, 0, 250);
        sameFrame(file, 299, 549);
        List<byte[]> copied = frames(file, 110, 229);
        List<byte[]> original120 = frames(original, 360, 479);
        assertEquals(120, copied.size());
        for (int i = 0; i < 120; i++) {
            assertArrayEquals(original120.get(i), copied.get(i), "copied frame " + (360 + i) + " differs from the source's");
        }
        // The delivery profile keeps an H.264 source that fits as it is: smart cut into MP4 with AAC.
        var h264 = export(clip, Map.of("profile", "clip-h264"), "parade-10-22.mp4");
        assertEquals("SMART_CUT", h264.getValue().getString("method"));
        assertEquals(300, videoFrames(h264.getKey()));
        sameFrame(h264.getKey(), 0, 250);
        assertTrue(probe(h264.getKey(), "stream=codec_name").contains("codec_name=aac"));
    }

    @Test
    void proresForFinishingWithHandlesCarriesTheTimecodeOfTheHandle() throws Exception {
        sources();
        String clip = clip(10.0, 14.0);
        var e = export(clip, Map.of("profile", "clip-edit-prores", "handles", 1.0), "parade-prores.mov");
        Path file = e.getKey();
        assertEquals("10:00:09:00", e.getValue().getString("timecode"));
        assertEquals(150, videoFrames(file), "a second of handle either side");
        sameFrame(file, 0, 225);
        sameFrame(file, 149, 374);
        String streams = probe(file, "stream=codec_name,profile,pix_fmt:stream_tags=timecode");
        assertTrue(streams.contains("codec_name=prores|profile=HQ|pix_fmt=yuv422p10le"), streams);
        assertTrue(streams.contains("timecode=10:00:09:00"), streams);
    }

    @Test
    void badExportRequestsAreRefusedSayingWhatIsWrongAndNothingIsQueued() throws Exception {
        sources();
        String clip = clip(2.0, 3.0);
        given().get("/api/v1/clips/" + clip + "/export").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("has no export"));
        Map<Map<String, ?>, String[]> bad = new LinkedHashMap<>();
        bad.put(Map.of("profile", "clip-nonesuch"), new String[] {"422", "no transcode profile named 'clip-nonesuch'"});
        bad.put(Map.of("profile", "video-proxy-720p"), new String[] {"422", "makes renditions of whole records"});
        bad.put(Map.of("handles", -1), new String[] {"400", "handles are seconds"});
        bad.put(Map.of("handles", "lots"), new String[] {"400", "handles are seconds"});
        bad.put(Map.of("colour", "red"), new String[] {"400", "not a field of a clip export"});
        List<String> wrong = new ArrayList<>();
        bad.forEach((body, expect) -> {
            io.restassured.response.Response r = given().contentType("application/json").body(body).post("/api/v1/clips/" + clip + "/export");
            if (r.statusCode() != Integer.parseInt(expect[0]) || !r.contentType().startsWith("application/problem+json")
                    || !r.body().asString().contains(expect[1])) {
                wrong.add(body + " → " + r.statusCode() + " " + r.body().asString());
            }
        });
        assertEquals(List.of(), wrong);
        given().get("/api/v1/clips/" + clip + "/export").then().statusCode(404);
        given().contentType("application/json").body(Map.of()).post("/api/v1/clips/" + java.util.UUID.randomUUID() + "/export").then()
                .statusCode(404);
        // A clip profile is no rendition of a whole record.
        given().post("/api/v1/assets/" + source + "/renditions/clip-master").then().statusCode(422)
                .body("detail", containsString("exports clips"));
    }

    @Test
    void anExportFollowsItsRecordsAccess() throws Exception {
        sources();
        String clip = clip(1.0, 2.0);
        String reader = TestAuth.newUser("READER").authorization();
        String editor = TestAuth.newUser("EDITOR").authorization();
        // A reader may export nothing: the same refusal for a clip they may not see as for one that does not exist.
        String hidden = given().header("Authorization", reader).contentType("application/json").body(Map.of("purpose", "research"))
                .post("/api/v1/clips/" + clip + "/export").then().statusCode(403).extract().path("detail");
        String missing = given().header("Authorization", reader).contentType("application/json").body(Map.of("purpose", "research"))
                .post("/api/v1/clips/" + java.util.UUID.randomUUID() + "/export").then().statusCode(403).extract().path("detail");
        assertEquals(missing, hidden);
        // Of a closed record, an exhibition team (who may export) has no clip to export: 404, as for a missing one.
        Path closedFile = Path.of("target/test-tmp/clip-export/closed-hearing.mp4");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p", closedFile.toString());
        String closed = upload(closedFile);
        String closedClip = given().contentType("application/json").body(Map.of("title", "Hearing", "in", 0.5, "out", 1.5))
                .post("/api/v1/assets/" + closed + "/clips").then().statusCode(201).extract().path("id");
        given().contentType("application/merge-patch+json").body(Map.of("openStatus", "CLOSED", "reason", "PERSONAL_PRIVACY", "reReviewOn", "2040-01-01"))
                .patch("/api/v1/assets/" + closed).then().statusCode(200);
        String exhibition = TestAuth.newUser("EXHIBITION").authorization();
        for (String id : List.of(closedClip, java.util.UUID.randomUUID().toString())) {
            given().header("Authorization", exhibition).contentType("application/json").body(Map.of("purpose", "exhibition"))
                    .post("/api/v1/clips/" + id + "/export").then().statusCode(404).body("detail", equalTo("no clip with id " + id));
            given().header("Authorization", exhibition).get("/api/v1/clips/" + id + "/export").then().statusCode(404)
                    .body("detail", equalTo("no clip with id " + id));
        }
        given().header("Authorization", reader).get("/api/v1/clips/" + clip + "/export").then().statusCode(404)
                .body("detail", equalTo("no clip with id " + clip));
        // Staff cutting an unreviewed record need no purpose; the export is theirs to follow.
        given().header("Authorization", editor).contentType("application/json").body(Map.of())
                .post("/api/v1/clips/" + clip + "/export").then().statusCode(202);
        given().header("Authorization", editor).get("/api/v1/clips/" + clip + "/export").then().statusCode(org.hamcrest.Matchers.anyOf(
                equalTo(200), equalTo(202)));
        given().queryParam("asset", source).get("/api/v1/use-register").then().statusCode(200)
                .body("findAll { it.item == 'clip:" + clip + " clip-master' }.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }
}
