package org.avmam.clips;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.avmam.TestFfmpeg;
import org.junit.jupiter.api.Test;

/** Clips: in and out as seconds, timecode or frames, snapped to frames; their bad inputs; their access; sequences and cut lists. */
@QuarkusTest
class ClipTest {

    static String source;
    static String untimed;
    static String photo;

    /** A 29.97 fps recording whose timecode starts at 01:00:00;00 (drop-frame), 20 s long, with sound; and one with no timecode. */
    static synchronized void sources() throws Exception {
        if (source != null) {
            return;
        }
        Path dir = Files.createDirectories(Path.of("target/test-tmp/clips"));
        Path timed = dir.resolve("council-1080i.mov");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30000/1001:duration=20", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=20", "-c:v", "libx264", "-g", "144", "-pix_fmt", "yuv420p", "-c:a", "aac", "-timecode",
                "01:00:00;00", timed.toString());
        Path plain = dir.resolve("harbour-25p.mp4");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                plain.toString());
        source = upload(timed);
        untimed = upload(plain);
        photo = upload(Fixtures.CAMERA_JPEG);
    }

    static String upload(Path file) {
        String id = given().multiPart("file", file.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(id, Duration.ofSeconds(180));
        return id;
    }

    static io.restassured.response.ValidatableResponse clip(String asset, Map<String, ?> body) {
        return given().contentType("application/json").body(body).post("/api/v1/assets/" + asset + "/clips").then();
    }

    @Test
    void inAndOutAsSecondsTimecodeOrFramesAreSnappedToFramesOfTheSource() throws Exception {
        sources();
        JsonPath s = clip(source, Map.of("title", "Mayor arrives", "in", 10.0, "out", 14.0, "keywords", List.of("arrival"))).statusCode(201)
                .extract().jsonPath();
        assertEquals(300, s.getInt("in.frame"), "10 s is frame 299.7 at 29.97: snapped to 300");
        assertEquals(420, s.getInt("out.frame"));
        assertEquals("1001/100s", s.getString("in.rational"), "frame 300 at 30000/1001 is exactly 10.01 s");
        assertEquals("01:00:10;00", s.getString("in.sourceTimecode"));
        assertEquals("30000/1001", s.getString("rate"));
        assertEquals(true, s.getBoolean("dropFrame"));
        assertEquals(120, s.getInt("durationFrames"));
        assertEquals("admin", s.getString("createdBy"));

        JsonPath t = clip(source, Map.of("title", "By timecode", "in", "01:00:02;00", "out", "01:00:04;00")).statusCode(201).extract().jsonPath();
        assertEquals(60, t.getInt("in.frame"));
        assertEquals(120, t.getInt("out.frame"));
        JsonPath f = clip(source, Map.of("title", "By frames", "in", Map.of("frame", 30), "out", Map.of("frame", 90))).statusCode(201)
                .extract().jsonPath();
        assertEquals("00:00:01;00", f.getString("in.timecode"));
        given().get("/api/v1/assets/" + source + "/clips").then().statusCode(200).body("title", hasSize(org.hamcrest.Matchers.greaterThanOrEqualTo(3)));

        String id = s.getString("id");
        given().contentType("application/json").body(Map.of("title", "Mayor arrives at the pier", "out", 15.0)).patch("/api/v1/clips/" + id)
                .then().statusCode(200).body("out.frame", equalTo(450)).body("history", hasSize(2))
                .body("history[1].change", containsString("Mayor arrives at the pier")).body("history[1].user", equalTo("admin"));
        given().delete("/api/v1/clips/" + f.getString("id")).then().statusCode(204);
        given().get("/api/v1/clips/" + f.getString("id")).then().statusCode(404);
    }

    @Test
    void badPointsAreRefusedSayingWhatIsWrongAndNothingIsStored() throws Exception {
        sources();
        int before = given().get("/api/v1/assets/" + source + "/clips").then().extract().jsonPath().getList("id").size();
        Map<Map<String, ?>, String[]> bad = new LinkedHashMap<>();
        bad.put(Map.of("title", "x", "in", 5.0, "out", 5.0), new String[] {"422", "must come before out"});
        bad.put(Map.of("title", "x", "in", 6.0, "out", 5.0), new String[] {"422", "must come before out"});
        bad.put(Map.of("title", "x", "in", 5.0, "out", 25.0), new String[] {"422", "past the end"});
        bad.put(Map.of("title", "x", "in", "1:02:03", "out", 5.0), new String[] {"400", "not a time"});
        bad.put(Map.of("title", "x", "in", "01:00:00;45", "out", 5.0), new String[] {"400", "beyond the 30 frames"});
        bad.put(Map.of("title", "x", "in", "00:59:59;00", "out", 5.0), new String[] {"422", "before the source's first timecode"});
        bad.put(Map.of("title", "x", "in", -1, "out", 5.0), new String[] {"422", "before the start"});
        bad.put(Map.of("title", "x", "out", 5.0), new String[] {"400", "in is required"});
        bad.put(Map.of("in", 1.0, "out", 5.0), new String[] {"400", "title"});
        bad.put(Map.of("title", "x", "in", 1.0, "out", 5.0, "colour", "red"), new String[] {"400", "not a field"});
        List<String> wrong = new java.util.ArrayList<>();
        bad.forEach((body, expect) -> {
            io.restassured.response.Response r = given().contentType("application/json").body(body).post("/api/v1/assets/" + source + "/clips");
            if (r.statusCode() != Integer.parseInt(expect[0]) || !r.contentType().startsWith("application/problem+json")
                    || !r.body().asString().contains(expect[1])) {
                wrong.add(body + " → " + r.statusCode() + " " + r.body().asString());
            }
        });
        assertEquals(List.of(), wrong);
        clip(untimed, Map.of("title", "x", "in", "00:00:01:00", "out", 5.0)).statusCode(422).body("detail", containsString("has none"));
        clip(photo, Map.of("title", "x", "in", 1.0, "out", 2.0)).statusCode(422).body("detail", containsString("clips are cut from video"));
        clip(java.util.UUID.randomUUID().toString(), Map.of("title", "x", "in", 1.0, "out", 2.0)).statusCode(404);
        assertEquals(before, given().get("/api/v1/assets/" + source + "/clips").then().extract().jsonPath().getList("id").size());
    }

    @Test
    void clipsFollowTheirRecordsAccess() throws Exception {
        sources();
        String id = clip(source, Map.of("title", "Private moment", "in", 1.0, "out", 2.0)).statusCode(201).extract().path("id");
        String reader = TestAuth.newUser("READER").authorization();
        String exhibition = TestAuth.newUser("EXHIBITION").authorization();
        String editor = TestAuth.newUser("EDITOR").authorization();
        given().header("Authorization", reader).get("/api/v1/clips/" + id).then().statusCode(404)
                .body("detail", equalTo("no clip with id " + id));
        given().header("Authorization", reader).get("/api/v1/assets/" + source + "/clips").then().statusCode(404);
        given().header("Authorization", reader).contentType("application/json").body(Map.of("title", "x", "in", 1.0, "out", 2.0))
                .post("/api/v1/assets/" + source + "/clips").then().statusCode(404);
        given().header("Authorization", exhibition).contentType("application/json").body(Map.of("title", "x", "in", 1.0, "out", 2.0))
                .post("/api/v1/assets/" + source + "/clips").then().statusCode(403).body("detail", containsString("clip"));
        given().header("Authorization", exhibition).contentType("application/json").body(Map.of("title", "renamed"))
                .patch("/api/v1/clips/" + id).then().statusCode(403);
        given().header("Authorization", editor).get("/api/v1/clips/" + id).then().statusCode(200);
        given().header("Authorization", editor).contentType("application/json").body(Map.of("title", "x", "in", 1.0, "out", 2.0))
                .post("/api/v1/assets/" + source + "/clips").then().statusCode(201).body("createdBy", containsString("editor-"));
        // A sequence of a record a reader may not see is not there for them either.
        String seq = given().contentType("application/json").body(Map.of("title", "Rough cut", "clips", List.of(id)))
                .post("/api/v1/sequences").then().statusCode(201).extract().path("id");
        given().header("Authorization", reader).get("/api/v1/sequences/" + seq).then().statusCode(404);
        given().header("Authorization", reader).queryParam("format", "edl").get("/api/v1/sequences/" + seq + "/export").then().statusCode(404);
    }

    @Test
    void aTwoClipSequenceExportsInAllFourFormatsAndEachParsesBack() throws Exception {
        sources();
        String first = clip(source, Map.of("title", "Arrival", "in", 10.0, "out", 14.0)).statusCode(201).extract().path("id");
        String second = clip(untimed, Map.of("title", "Harbour 港口", "in", 2.0, "out", 3.0)).statusCode(201).extract().path("id");
        String seq = given().contentType("application/json").body(Map.of("title", "Yearly review", "clips", List.of(first, second)))
                .post("/api/v1/sequences").then().statusCode(201).body("rate", equalTo("30000/1001")).body("items", hasSize(2))
                .extract().path("id");
        // A gap between them, and the second trimmed.
        given().contentType("application/json").body(Map.of("items", List.of(Map.of("clip", first), Map.of("gap", 30),
                Map.of("clip", second, "in", 50, "out", 75)))).patch("/api/v1/sequences/" + seq).then().statusCode(200)
                .body("items", hasSize(3)).body("items[0].recordIn", equalTo("01:00:00;00")).body("items[2].sourceIn", equalTo("00:00:02:00"));
        Map<String, String> exports = new LinkedHashMap<>();
        for (String format : List.of("edl", "fcpxml", "xmeml", "otio")) {
            exports.put(format, given().queryParam("format", format).get("/api/v1/sequences/" + seq + "/export").then().statusCode(200)
                    .header("Content-Disposition", containsString("Yearly review")).extract().asString());
        }
        JsonPath first1 = given().get("/api/v1/clips/" + first).then().extract().jsonPath();
        List<CutListReaders.Cut> expected = List.of(
                new CutListReaders.Cut("council-1080i.mov", "Arrival", "01:00:10;00", "01:00:14;00", 0, 120),
                new CutListReaders.Cut("harbour-25p.mp4", "Harbour 港口", "00:00:02:00", "00:00:03:00", 150, 180));
        assertEquals("01:00:10;00", first1.getString("in.sourceTimecode"));
        assertEquals(expected, CutListReaders.edl(exports.get("edl")), exports.get("edl"));
        assertEquals(expected, CutListReaders.fcpxml(exports.get("fcpxml")), exports.get("fcpxml"));
        assertEquals(expected, CutListReaders.xmeml(exports.get("xmeml")), exports.get("xmeml"));
        assertEquals(expected, CutListReaders.otio(exports.get("otio")), exports.get("otio"));
        given().queryParam("format", "aaf").get("/api/v1/sequences/" + seq + "/export").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("edl, fcpxml, xmeml or otio"));
    }
}
