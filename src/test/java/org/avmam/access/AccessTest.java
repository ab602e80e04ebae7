package org.avmam.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/**
 * The record policy end to end, as the "done when" reads: an admin creates an archivist
 * and a reader; the archivist files one record CLOSED and another OPEN; the reader finds and
 * downloads the open one (with its purpose, in the use register) and learns nothing of the closed
 * one through any endpoint, while the archivist sees it; the denials are in the audit log.
 */
@QuarkusTest
class AccessTest {

    static final String PASSWORD = "Correct-horse-battery-9";
    static String archivist;
    static String reader;
    static String closed;
    static String open;
    static String closedSha;
    static String thumbnailFile;
    static String batch;

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static synchronized void setUp() throws Exception {
        if (archivist != null) {
            return;
        }
        for (String[] u : List.of(new String[] {"ada", "ARCHIVIST"}, new String[] {"rex", "READER"})) {
            given().contentType("application/json").body(Map.of("username", u[0], "password", PASSWORD, "role", u[1]))
                    .post("/api/v1/users").then().statusCode(201).body("role", equalTo(u[1]));
        }
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RestAssured.port;
        archivist = bearer(TestAuth.createToken(http, base, "ada", PASSWORD));
        reader = bearer(TestAuth.createToken(http, base, "rex", PASSWORD));
        batch = given().header("Authorization", archivist).contentType("application/json")
                .body(Map.of("name", "Council session", "kind", "EVENT")).post("/api/v1/batches").then().statusCode(201)
                .extract().path("id");
        closed = upload(Fixtures.CAMERA_JPEG, "Council minutes zebrafinch");
        open = upload(Path.of("src/test/resources/media/formats/a.png"), "Harbour opening kestrelwing");
        JsonPath c = Fixtures.awaitSettled(closed, Duration.ofSeconds(120));
        Fixtures.awaitSettled(open, Duration.ofSeconds(120));
        closedSha = c.getString("sha256");
        thumbnailFile = c.getString("renditions.find { it.profile == 'image-thumbnail' }.url");
        given().header("Authorization", archivist).contentType("application/merge-patch+json")
                .body(Map.of("openStatus", "CLOSED", "reason", "PERSONAL_PRIVACY", "reReviewOn", "2040-01-01"))
                .patch("/api/v1/assets/" + closed).then().statusCode(200).body("openStatus", equalTo("CLOSED"));
        given().header("Authorization", archivist).contentType("application/merge-patch+json")
                .body(Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION"))
                .patch("/api/v1/assets/" + open).then().statusCode(200).body("openStatus", equalTo("OPEN"));
        Fixtures.await("both records indexed with their review outcome", Duration.ofSeconds(30), () ->
                given().header("Authorization", archivist).queryParam("q", "zebrafinch").get("/api/v1/search")
                        .then().extract().jsonPath().getList("hits.openStatus").contains("CLOSED")
                        && given().header("Authorization", archivist).queryParam("q", "kestrelwing").get("/api/v1/search")
                                .then().extract().jsonPath().getList("hits.openStatus").contains("OPEN"));
    }

    static String upload(Path file, String title) {
        return given().header("Authorization", archivist).multiPart("file", file.toFile()).multiPart("title", title)
                .multiPart("batch", batch).post("/api/v1/assets").then().statusCode(201).body("uploadedBy", equalTo("ada"))
                .extract().path("id");
    }

    /** Every GET a record answers on, by its id. */
    static List<String> recordPaths(String id, String thumbnail) {
        String a = "/api/v1/assets/" + id;
        return List.of(a, a + "/original", a + "/original?purpose=research", a + "/renditions", a + "/renditions/image-thumbnail",
                thumbnail, a + "/technical/raw", a + "/provenance", a + "/description", a + "/description?format=dat-xml",
                a + "/description?format=dc-json", a + "/description/history", a + "/transcript", a + "/transcript?format=vtt",
                a + "/transcript/versions", a + "/index-points", a + "/similar", a + "/terms", a + "/review", a + "/events",
                "/api/v1/jobs?assetId=" + id);
    }

    @Test
    void aReaderLearnsNothingOfAClosedRecordThroughAnyEndpoint() throws Exception {
        setUp();
        String missing = java.util.UUID.randomUUID().toString();
        List<String> leaks = new ArrayList<>();
        List<String> paths = recordPaths(closed, thumbnailFile);
        List<String> absent = recordPaths(missing, thumbnailFile.replace(closed, missing));
        for (int i = 0; i < paths.size(); i++) {
            Response r = given().header("Authorization", reader).get(paths.get(i));
            Response m = given().header("Authorization", reader).get(absent.get(i));
            // Exactly as a record that does not exist: the same status and the same words, the id aside.
            if (r.statusCode() != 404 || !r.body().asString().replace(closed, "ID").equals(m.body().asString().replace(missing, "ID"))) {
                leaks.add(paths.get(i) + " → " + r.statusCode() + " " + r.body().asString() + " (missing: " + m.body().asString() + ")");
            }
        }
        assertEquals(List.of(), leaks, "every endpoint answers for the closed record as for a missing one");

        assertEquals(0, given().header("Authorization", reader).queryParam("q", "zebrafinch").get("/api/v1/search").then()
                .statusCode(200).extract().jsonPath().getInt("total"));
        assertEquals(List.of(), given().header("Authorization", reader).queryParam("sha256", closedSha).get("/api/v1/assets")
                .then().statusCode(200).extract().jsonPath().getList("id"));
        given().header("Authorization", reader).get("/api/v1/assets").then().statusCode(200)
                .body("id", not(hasItem(closed))).body("id", hasItem(open));
        given().header("Authorization", reader).contentType("image/jpeg").body(Files.readAllBytes(Fixtures.CAMERA_JPEG))
                .post("/api/v1/search/similar").then().statusCode(200).body("assetId", not(hasItem(closed)));
        given().header("Authorization", reader).get("/api/v1/batches/" + batch).then().statusCode(404);
        given().header("Authorization", reader).get("/api/v1/jobs").then().statusCode(403);
        given().header("Authorization", reader).queryParam("field", "keyword").queryParam("prefix", "z").get("/api/v1/search/suggest")
                .then().statusCode(200);
    }

    @Test
    void anArchivistSeesTheClosedRecord() throws Exception {
        setUp();
        String a = "/api/v1/assets/" + closed;
        for (String p : List.of(a, a + "/original?purpose=review", a + "/renditions/image-thumbnail", thumbnailFile, a + "/technical/raw", a + "/provenance",
                a + "/description", a + "/description?format=dat-xml", a + "/similar", a + "/review", "/api/v1/jobs?assetId=" + closed)) {
            int status = given().header("Authorization", archivist).get(p).statusCode();
            assertEquals(200, status, p);
        }
        given().header("Authorization", archivist).queryParam("q", "zebrafinch").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", hasItem(closed));
        given().header("Authorization", archivist).contentType("image/jpeg").body(Files.readAllBytes(Fixtures.CAMERA_JPEG))
                .post("/api/v1/search/similar").then().statusCode(200).body("assetId", hasItem(closed));
        given().header("Authorization", archivist).get("/api/v1/batches/" + batch).then().statusCode(200)
                .body("files.id", hasItem(closed)).body("totals.files", equalTo(2));
        given().header("Authorization", archivist).get(a + "/review").then().statusCode(200)
                .body("[0].decision", equalTo("CLOSED")).body("[0].reason", equalTo("PERSONAL_PRIVACY"))
                .body("[0].decidedBy", equalTo("ada"));
        given().header("Authorization", archivist).get(a + "/provenance").then()
                .body("find { it.type == 'open review' }.user", equalTo("ada"));
        // Restricted content goes out marked for no shared cache.
        given().header("Authorization", archivist).get(thumbnailFile).then().statusCode(200)
                .header("Cache-Control", containsString("private"));
    }

    @Test
    void theReaderFindsAndDownloadsTheOpenRecordWithAPurposeThatIsRegistered() throws Exception {
        setUp();
        given().header("Authorization", reader).queryParam("q", "kestrelwing").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", equalTo(List.of(open)));
        given().header("Authorization", reader).get("/api/v1/assets/" + open + "/original").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("purpose"));
        byte[] bytes = given().header("Authorization", reader).queryParam("purpose", "exhibition research")
                .get("/api/v1/assets/" + open + "/original").then().statusCode(200).extract().asByteArray();
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(Path.of("src/test/resources/media/formats/a.png")), bytes));
        given().header("Authorization", archivist).queryParam("asset", open).get("/api/v1/use-register").then().statusCode(200)
                .body("find { it.username == 'rex' }.purpose", equalTo("exhibition research"))
                .body("find { it.username == 'rex' }.kind", equalTo("DOWNLOAD"));
        String csv = given().header("Authorization", archivist).queryParam("user", "rex").queryParam("format", "csv")
                .get("/api/v1/use-register").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("at,user,roles,asset,archival code,open status,kind,item,purpose"), csv);
        assertTrue(csv.contains("exhibition research"), csv);
        given().header("Authorization", reader).get("/api/v1/use-register").then().statusCode(403)
                .contentType("application/problem+json");
        // A member of staff viewing a closed record's thumbnail is a use of a non-open record: registered.
        given().header("Authorization", archivist).get(thumbnailFile).then().statusCode(200);
        given().header("Authorization", archivist).queryParam("asset", closed).get("/api/v1/use-register").then().statusCode(200)
                .body("item", hasItem("rendition:image-thumbnail")).body("openStatus", everyItem(equalTo("CLOSED")));
    }

    @Test
    void aReaderMayNotChangeAnythingAndNothingChanges() throws Exception {
        setUp();
        given().header("Authorization", reader).contentType("application/merge-patch+json").body(Map.of("title", "defaced"))
                .patch("/api/v1/assets/" + open).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("rex"));
        given().header("Authorization", reader).contentType("application/merge-patch+json").body(Map.of("title", "defaced"))
                .patch("/api/v1/assets/" + closed).then().statusCode(404);
        given().header("Authorization", reader).multiPart("file", Fixtures.CAMERA_JPEG.toFile()).post("/api/v1/assets").then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("upload"));
        given().header("Authorization", reader).contentType("application/json")
                .body(Map.of("assets", List.of(open), "decision", "CLOSED", "reason", "STATE_SECRET"))
                .post("/api/v1/review/decisions").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", reader).contentType("application/json").body(Map.of("username", "eve", "password", PASSWORD,
                "role", "ADMIN")).post("/api/v1/users").then().statusCode(403);
        given().header("Authorization", archivist).get("/api/v1/assets/" + open).then().statusCode(200)
                .body("title", equalTo("Harbour opening kestrelwing")).body("openStatus", equalTo("OPEN"));
        given().get("/api/v1/users/eve").then().statusCode(404);
    }

    @Test
    void theDenialsAreInTheAuditLogAndItsChainVerifies() throws Exception {
        setUp();
        given().header("Authorization", reader).get("/api/v1/assets/" + closed).then().statusCode(404);
        JsonPath denied = given().queryParam("user", "rex").queryParam("decision", "DENIED").get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(denied.getList("resource").contains("/api/v1/assets/" + closed), () -> denied.prettify());
        assertTrue(denied.getList("detail").stream().anyMatch(d -> String.valueOf(d).contains("not visible")), () -> denied.prettify());
        given().queryParam("user", "ada").queryParam("decision", "ALLOWED").queryParam("resource", "/api/v1/assets/" + open)
                .get("/api/v1/audit").then().statusCode(200).body("action", hasItem("PATCH"));
        given().header("Authorization", archivist).get("/api/v1/audit").then().statusCode(403);
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }
}
