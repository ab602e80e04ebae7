package org.avmam.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/** The hot folder of the test profile (target/test-data/hot, settle 1 s). */
@QuarkusTest
class HotFolderTest {

    private static final Path HOT = Path.of("target/test-data/hot");

    @Test
    void settledFilesAreIngestedAndMovedAsideAndRefusalsSayWhy() throws Exception {
        Files.createDirectories(HOT);
        byte[] photo = ImportCommandTest.uniquePng();
        String name = "hot-" + System.nanoTime() + ".png";
        Files.write(HOT.resolve(name), photo);
        Files.writeString(HOT.resolve(name + ".xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Dropped in the hot folder</rdf:li></rdf:Alt></dc:title>
                 </rdf:Description></rdf:RDF></x:xmpmeta>""");
        String text = "notes-" + System.nanoTime() + ".jpg";
        Files.writeString(HOT.resolve(text), "not a photo at all\n".repeat(10));

        Path done = HOT.resolve(".done").resolve(LocalDate.now().toString());
        Path failed = HOT.resolve(".failed").resolve(LocalDate.now().toString());
        Instant deadline = Instant.now().plusSeconds(30);
        while (!(Files.exists(done.resolve(name)) && Files.exists(failed.resolve(text))) && Instant.now().isBefore(deadline)) {
            Fixtures.sleep(200);
        }
        assertTrue(Files.exists(done.resolve(name)), "the ingested file is kept in .done");
        assertTrue(Files.exists(done.resolve(name + ".xmp")), "with its sidecar");
        assertTrue(Files.readString(failed.resolve(text + ".error.txt")).contains("text/plain"));

        List<String> ids = given().queryParam("sha256", ImportCommandTest.sha256(photo)).get("/api/v1/assets").then().extract().path("id");
        assertEquals(1, ids.size());
        given().get("/api/v1/assets/" + ids.get(0)).then().body("title", org.hamcrest.Matchers.equalTo("Dropped in the hot folder"))
                .body("originalFilename", org.hamcrest.Matchers.equalTo(name));
        given().get("/api/v1/assets/" + ids.get(0) + "/provenance").then()
                .body("find { it.type == 'ingestion' }.detail", org.hamcrest.Matchers.containsString("hot folder"));
    }
}
