package org.avmam.collections;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** A collection of photos, a video and a clip packs into a bag that the Library of Congress' BagIt verifier accepts. */
@QuarkusTest
class PackageTest {

    @Test
    void aCollectionOfPhotosAVideoAndAClipPacksIntoAValidBag() throws Exception {
        String photo = CollectionTest.upload(Path.of("src/test/resources/media/real/Canon_40D.jpg"), null, null);
        String other = CollectionTest.upload(Path.of("src/test/resources/media/formats/a.png"), null, null);
        String video = CollectionTest.upload(Fixtures.SPEECH_VIDEO, null, null);
        String clip = given().contentType("application/json").body(Map.of("title", "Opening words", "in", 1.0, "out", 3.0))
                .post("/api/v1/assets/" + video + "/clips").then().statusCode(201).extract().path("id");
        String c = given().contentType("application/json").body(Map.of("title", "Harbour exhibition 100%\nsecond line", "purpose", "exhibition"))
                .post("/api/v1/collections").then().statusCode(201).extract().path("id");
        String pkg = "/api/v1/collections/" + c + "/package";
        given().contentType("application/json").body(Map.of("content", "originals")).post(pkg).then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("no items"));
        for (Map<String, String> item : List.of(Map.of("asset", photo), Map.of("asset", other), Map.of("clip", clip))) {
            given().contentType("application/json").body(item).post("/api/v1/collections/" + c + "/items").then().statusCode(201);
        }
        given().contentType("application/json").body(Map.of("content", "everything")).post(pkg).then().statusCode(400);
        given().header("Authorization", TestAuth.newUser("READER").authorization()).contentType("application/json")
                .body(Map.of("content", "originals")).post(pkg).then().statusCode(403);
        given().contentType("application/json").body(Map.of("content", "originals")).post(pkg).then().statusCode(202)
                .body("payloadBytes", equalTo((int) (Files.size(Path.of("src/test/resources/media/real/Canon_40D.jpg"))
                        + Files.size(Path.of("src/test/resources/media/formats/a.png")) + Files.size(Fixtures.SPEECH_VIDEO))));
        Fixtures.await("the package built", Duration.ofSeconds(60), () -> given().get(pkg).statusCode() == 200);
        Path root = verifiedBag(given().get(pkg), c);
        String info = Files.readString(root.resolve("bag-info.txt"));
        assertTrue(info.contains("Payload-Oxum: "), info);
        assertTrue(info.contains("External-Description: Harbour exhibition 100% second line (exhibition)"), info);
        String manifest = Files.readString(root.resolve("manifest-sha256.txt"));
        String held = given().get("/api/v1/assets/" + photo).then().extract().path("sha256");
        assertTrue(manifest.contains(held + "  data/media/001-Canon_40D.jpg"), manifest);
        assertTrue(Files.exists(root.resolve("manifest-sha512.txt")) && Files.exists(root.resolve("tagmanifest-sha256.txt")));
        String csv = Files.readString(root.resolve("data/manifest.csv"));
        assertTrue(csv.startsWith("file,archival code,title,original file,media type,duration (s),timecode,record"), csv);
        assertTrue(Files.readString(root.resolve("data/metadata/001.dat.xml")).contains("<"), "DA/T XML per record");
        // The video's transcript goes with it as WebVTT captions.
        assertTrue(Files.readString(root.resolve("data/captions/003.vtt")).startsWith("WEBVTT"), "captions of the video");
        assertTrue(!Files.exists(root.resolve("data/captions/001.vtt")), "a photo has none");
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Fixtures.SPEECH_VIDEO))), given().get("/api/v1/assets/" + video).then().extract().path("sha256"));
        // Each record in the package is in the use register, with the collection's purpose.
        given().queryParam("asset", photo).get("/api/v1/use-register").then().statusCode(200)
                .body("find { it.kind == 'PACKAGE' }.purpose", equalTo("exhibition"));
    }

    /** Verifies a bag unzipped under {@code dir} with the Library of Congress' verifier; returns its root. */
    static Path verifiedBag(Response zip, String name) throws Exception {
        assertEquals("application/zip", zip.contentType());
        Path dir = Files.createDirectories(Path.of("target/test-tmp/bags")).resolve(name);
        unzip(zip.asInputStream(), dir);
        Path root;
        try (var list = Files.list(dir)) {
            root = list.findFirst().orElseThrow();
        }
        Bag bag = new BagReader().read(root);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(bag, false);
        }
        return root;
    }

    @Test
    void clipExportsPackAsClipsAndASequencePacksAsABagOrWithItsCutList() throws Exception {
        String photo = CollectionTest.upload(Path.of("src/test/resources/media/real/Canon_40D.jpg"), null, null);
        String video = CollectionTest.upload(Fixtures.SPEECH_VIDEO, null, null);
        String clip = given().contentType("application/json").body(Map.of("title", "Welcome", "in", 1.0, "out", 2.0))
                .post("/api/v1/assets/" + video + "/clips").then().statusCode(201).extract().path("id");
        String c = given().contentType("application/json").body(Map.of("title", "Micro-video", "purpose", "broadcast"))
                .post("/api/v1/collections").then().statusCode(201).extract().path("id");
        for (Map<String, String> item : List.of(Map.of("asset", photo), Map.of("clip", clip))) {
            given().contentType("application/json").body(item).post("/api/v1/collections/" + c + "/items").then().statusCode(201);
        }
        String pkg = "/api/v1/collections/" + c + "/package";
        given().contentType("application/json").body(Map.of("content", "clips")).post(pkg).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has no ready clip-master export"));
        given().contentType("application/json").body(Map.of("content", "clips:video-proxy-720p")).post(pkg).then().statusCode(422);
        given().contentType("application/json").body(Map.of()).post("/api/v1/clips/" + clip + "/export").then().statusCode(202);
        Fixtures.await("the clip export", Duration.ofSeconds(120), () -> given().get("/api/v1/clips/" + clip + "/export").statusCode() == 200);
        String exportSha = given().contentType("application/json").body(Map.of()).post("/api/v1/clips/" + clip + "/export").then()
                .statusCode(202).extract().path("sha256");
        given().contentType("application/json").body(Map.of("content", "clips")).post(pkg).then().statusCode(202);
        Fixtures.await("the package of clips", Duration.ofSeconds(60), () -> given().get(pkg).statusCode() == 200);
        Path root = verifiedBag(given().get(pkg), c + "-clips");
        String manifest = Files.readString(root.resolve("manifest-sha256.txt"));
        assertTrue(manifest.contains(exportSha + "  data/media/002-"), "the clip's export, hashed as exported: " + manifest);
        assertTrue(manifest.contains("data/media/001-Canon_40D.jpg"), "a record without a clip goes as its original: " + manifest);

        // A sequence: a BagIt package of the records it cuts from, and its cut list zipped with them for the editor.
        String seq = given().contentType("application/json").body(Map.of("title", "Welcome cut", "clips", List.of(clip)))
                .post("/api/v1/sequences").then().statusCode(201).extract().path("id");
        String seqPkg = "/api/v1/sequences/" + seq + "/package";
        given().header("Authorization", TestAuth.newUser("EDITOR").authorization()).contentType("application/json")
                .body(Map.of("content", "originals")).post(seqPkg).then().statusCode(404);
        given().contentType("application/json").body(Map.of("content", "originals")).post(seqPkg).then().statusCode(202);
        Fixtures.await("the package of the sequence", Duration.ofSeconds(60), () -> given().get(seqPkg).statusCode() == 200);
        Path seqRoot = verifiedBag(given().get(seqPkg), seq);
        assertTrue(Files.readString(seqRoot.resolve("bag-info.txt")).contains("sequence Welcome cut"));
        Response bundle = given().queryParam("format", "edl").queryParam("package", true).get("/api/v1/sequences/" + seq + "/export");
        assertEquals(200, bundle.statusCode(), bundle.asString());
        Path dir = Files.createDirectories(Path.of("target/test-tmp/bundles")).resolve(seq);
        unzip(bundle.asInputStream(), dir);
        assertTrue(Files.readString(dir.resolve("Welcome cut/Welcome cut.edl")).contains("event-0417.mp4"));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(Fixtures.SPEECH_VIDEO), Files.readAllBytes(dir.resolve("Welcome cut/media/event-0417.mp4"))),
                "the original, under the name the cut list gives it");
    }

    static void unzip(InputStream in, Path dir) throws Exception {
        try (ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                Path out = dir.resolve(e.getName()).normalize();
                assertTrue(out.startsWith(dir), "no entry leaves the bag: " + e.getName());
                Files.createDirectories(out.getParent());
                Files.copy(z, out);
            }
        }
    }
}
