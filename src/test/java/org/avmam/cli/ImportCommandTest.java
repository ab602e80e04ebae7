package org.avmam.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `avmam import DIR` against the running test server: sidecars, CSV, skips, failures, resume. */
@QuarkusTest
class ImportCommandTest {

    @TestHTTPResource("/")
    URL base;

    /** A PNG with random trailing bytes: a file no other test has uploaded. */
    static byte[] uniquePng() throws Exception {
        byte[] png = Files.readAllBytes(Path.of("src/test/resources/media/formats/a.png"));
        byte[] tail = new byte[32];
        new Random().nextBytes(tail);
        byte[] out = new byte[png.length + tail.length];
        System.arraycopy(png, 0, out, 0, png.length);
        System.arraycopy(tail, 0, out, png.length, tail.length);
        return out;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void importsATreeWithSidecarsAndCsvThenResumesAndSkipsWhatIsHeld() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "import");
        Path shoot = Files.createDirectories(dir.resolve("2024-04-17 opening"));
        byte[] one = uniquePng();
        byte[] two = uniquePng();
        byte[] three = uniquePng();
        Files.write(shoot.resolve("IMG_0001.png"), one);
        Files.writeString(shoot.resolve("IMG_0001.xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
                  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">剪彩仪式 Ribbon cutting</rdf:li></rdf:Alt></dc:title>
                  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">The mayor opens the riverside museum</rdf:li></rdf:Alt></dc:description>
                  <dc:subject><rdf:Bag><rdf:li>ceremony</rdf:li><rdf:li>museum</rdf:li></rdf:Bag></dc:subject>
                  <dc:creator><rdf:Seq><rdf:li>Zhang Min</rdf:li></rdf:Seq></dc:creator>
                  <photoshop:City>Shanghai</photoshop:City>
                 </rdf:Description></rdf:RDF></x:xmpmeta>""");
        // Over the importer's 64 KiB chunk: this one goes up in chunks, the others each with its creation request.
        two = java.util.Arrays.copyOf(two, two.length + 150 * 1024);
        Files.write(shoot.resolve("IMG_0002.png"), two);
        Files.write(shoot.resolve("IMG_0003.png"), three);
        Files.writeString(shoot.resolve("IMG_0003.xmp"), "<x:xmpmeta this is not XMP");
        Files.writeString(dir.resolve("minutes.txt"), "minutes of the meeting\n".repeat(20));
        Files.createDirectories(dir.resolve(".thumbnails"));
        Files.write(dir.resolve(".thumbnails/skip.png"), uniquePng());
        Path csv = dir.resolve("descriptions.csv");
        Files.writeString(csv, "file,title,keywords,language\n\"2024-04-17 opening/IMG_0002.png\",Harbour at dusk,\"harbour;dusk\",zh-CN\n");
        Path report = dir.resolve("report.csv");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.time.Instant started = java.time.Instant.now();
        Importer.Summary first = importer(csv, err).run(dir, report);
        assertEquals(4, first.total(), "sidecars, the CSV and dot-folders are not archive files");
        assertEquals(3, first.uploaded());
        assertEquals(1, first.failed());
        String reportText = Files.readString(report);
        assertTrue(reportText.contains("minutes.txt,failed,") && reportText.contains("text/plain"), reportText);
        assertTrue(reportText.contains("IMG_0003.png,warning,") && reportText.contains("malformed"), reportText);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("files/s"), "a progress line with the rate");

        // The audit entry of a request answered on the event loop may commit just after the answer.
        Fixtures.await("the audit entries of the import's upload requests", Duration.ofSeconds(10),
                () -> Fixtures.auditedRequests("POST", "/api/v1/uploads", started) >= 4 && Fixtures.auditedRequests("PATCH", "/api/v1/uploads/%", started) >= 3);
        assertEquals(4, Fixtures.auditedRequests("POST", "/api/v1/uploads", started), "one creation request a file");
        assertEquals(3, Fixtures.auditedRequests("PATCH", "/api/v1/uploads/%", started),
                "only the file over one chunk is sent in PATCHes (creation-with-upload carries the rest): 64 + 64 + 22 KiB");

        JsonPath a1 = settled(one);
        assertEquals("剪彩仪式 Ribbon cutting", a1.getString("title"));
        assertEquals(List.of("ceremony", "museum"), a1.getList("supplied.keywords"));
        assertEquals("Zhang Min", a1.getString("supplied.creator"));
        assertEquals("Shanghai", a1.getString("supplied.place"));
        JsonPath a2 = settled(two);
        assertEquals("Harbour at dusk", a2.getString("title"));
        assertEquals("zh-CN", a2.getString("language"));
        assertEquals("READY", settled(three).getString("state"));
        given().queryParam("q", "ribbon ceremony").get("/api/v1/search").then().body("hits.id", org.hamcrest.Matchers.hasItem(a1.getString("id")));

        // Run again: everything done is remembered, nothing is uploaded twice, and the journal spares even the checksum checks.
        java.time.Instant secondStarted = java.time.Instant.now();
        Importer.Summary second = importer(csv, new ByteArrayOutputStream()).run(dir, report);
        assertEquals(0, second.uploaded());
        assertEquals(3, second.skipped());
        assertEquals(1, second.failed(), "the text file fails again: it is still not media");
        assertEquals(1, Fixtures.auditedRequests("GET", "/api/v1/assets?size=1&sha256=%", secondStarted),
                "only the text file, which failed and is tried again, is asked about");

        // The same folder into another archive (here: this server under another name) is not "done" because the journal
        // says so for the first: each file is asked about by its checksum, and only what this server holds is skipped.
        java.time.Instant otherStarted = java.time.Instant.now();
        Importer.Summary other = importer(csv, new ByteArrayOutputStream(), otherName(base)).run(dir, report);
        assertEquals(3, other.skipped());
        Fixtures.await("the other server's checksum checks in the audit log", Duration.ofSeconds(10),
                () -> Fixtures.auditedRequests("GET", "/api/v1/assets?size=1&sha256=%", otherStarted) >= 4);
        assertEquals(4, Fixtures.auditedRequests("GET", "/api/v1/assets?size=1&sha256=%", otherStarted), "the three photos and the text file");

        // Without the memory of the first run, the archive's checksums still keep files from coming in twice.
        Files.delete(dir.resolve(Importer.STATE_FILE));
        Importer.Summary third = importer(csv, new ByteArrayOutputStream()).run(dir, report);
        assertEquals(0, third.uploaded());
        assertEquals(3, third.skipped());
    }

    @Test
    void theCommandLineReportsAMissingFolder() {
        int code = new CommandLine(new AvmamCli()).execute("import", "target/no-such-folder", "--server", base.toString());
        assertEquals(2, code);
    }

    private Importer importer(Path csv, ByteArrayOutputStream err) throws Exception {
        return importer(csv, err, URI.create(base.toString()));
    }

    private static Importer importer(Path csv, ByteArrayOutputStream err, URI server) {
        return new Importer(server, org.avmam.TestAuth.header().substring(7), null, null, csv, 2, 64 * 1024,
                new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), false));
    }

    /** The test server under its other loopback name: to the importer, another archive. */
    private static URI otherName(URL base) {
        String host = base.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
        return URI.create(base.getProtocol() + "://" + host + ":" + base.getPort() + "/");
    }

    private static JsonPath settled(byte[] content) throws Exception {
        List<String> ids = given().queryParam("sha256", sha256(content)).get("/api/v1/assets").then().statusCode(200).extract().path("id");
        assertEquals(1, ids.size());
        return Fixtures.awaitSettled(ids.get(0), Duration.ofMinutes(2));
    }
}
