package org.avmam.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** Open review: decisions and their bad inputs, partly open records, due lists, statistics, a photographer's own uploads. */
@QuarkusTest
class ReviewTest {

    static final String FONDS = "F-REVIEW-" + UUID.randomUUID().toString().substring(0, 6);
    static final Path MEDIA = Path.of("src/test/resources/media");

    static String user(String role) {
        return TestAuth.newUser(role).authorization();
    }

    static String upload(String auth, Path file) {
        String id = given().header("Authorization", auth).multiPart("file", file.toFile()).post("/api/v1/assets").then().statusCode(201)
                .extract().path("id");
        Fixtures.awaitSettled(id, Duration.ofSeconds(120));
        return id;
    }

    static io.restassured.response.ValidatableResponse patch(String auth, String id, Map<String, ?> body) {
        return given().header("Authorization", auth).contentType("application/merge-patch+json").body(body)
                .patch("/api/v1/assets/" + id).then();
    }

    @Test
    void anOpenStatusChangeNeedsAReasonAndEveryBadDecisionChangesNothing() throws Exception {
        String archivist = user("ARCHIVIST");
        String id = upload(archivist, MEDIA.resolve("formats/a.webp"));
        Map<Map<String, ?>, String> bad = new LinkedHashMap<>();
        bad.put(Map.of("openStatus", "OPEN"), "needs a reason");
        bad.put(Map.of("openStatus", "CLOSED", "reason", "OTHER"), "reasonText");
        bad.put(Map.of("openStatus", "CLOSED", "reason", "NO_RESTRICTION"), "restriction");
        bad.put(Map.of("openStatus", "OPEN", "reason", "STATE_SECRET"), "NO_RESTRICTION");
        bad.put(Map.of("openStatus", "UNREVIEWED", "reason", "OTHER", "reasonText", "x"), "not a decision");
        bad.put(Map.of("openStatus", "PARTLY_OPEN", "reason", "PERSONAL_PRIVACY"), "openParts");
        bad.put(Map.of("openStatus", "CLOSED", "reason", "STATE_SECRET", "reReviewOn", "2001-01-01"), "future");
        bad.put(Map.of("openStatus", "SHUT", "reason", "OTHER"), "one of");
        bad.put(Map.of("reason", "OTHER", "reasonText", "x"), "go with an openStatus");
        bad.put(Map.of("openStatus", "CLOSED", "reason", "STATE_SECRET", "title", "x", "retentionPeriod", "forever"), "D30");
        bad.forEach((body, says) -> patch(archivist, id, body).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(says)));
        given().header("Authorization", archivist).get("/api/v1/assets/" + id).then().body("openStatus", equalTo("UNREVIEWED"))
                .body("title", nullValue());
        given().header("Authorization", archivist).get("/api/v1/assets/" + id + "/review").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDecisionBySomeoneWhoMayNotDecideIs403() throws Exception {
        String id = upload(user("ARCHIVIST"), MEDIA.resolve("formats/a.tiff"));
        for (String role : List.of("PHOTOGRAPHER", "EDITOR", "EXHIBITION")) {
            String auth = user(role);
            patch(auth, id, Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION")).statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("review"));
            given().header("Authorization", auth).contentType("application/json")
                    .body(Map.of("assets", List.of(id), "decision", "OPEN", "reason", "NO_RESTRICTION"))
                    .post("/api/v1/review/decisions").then().statusCode(403);
        }
        given().get("/api/v1/assets/" + id).then().body("openStatus", equalTo("UNREVIEWED"));
    }

    @Test
    void aPartlyOpenRecordServesOnlyWhatItsReviewOpened() throws Exception {
        String archivist = user("ARCHIVIST");
        String reader = user("READER");
        String id = upload(archivist, org.avmam.Fixtures.CAMERA_JPEG);
        patch(archivist, id, Map.of("title", "Harbour crane, faces of the crew")).statusCode(200);
        patch(archivist, id, Map.of("openStatus", "PARTLY_OPEN", "reason", "PERSONAL_PRIVACY", "reasonText", "faces of private people",
                "openParts", Map.of("elements", List.of("title"), "renditions", List.of("image-thumbnail")))).statusCode(200)
                .body("openStatus", equalTo("PARTLY_OPEN")).body("openParts.renditions", equalTo(List.of("image-thumbnail")));
        JsonPath seen = given().header("Authorization", reader).get("/api/v1/assets/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("Harbour crane, faces of the crew", seen.getString("title"));
        assertEquals(null, seen.getString("originalFilename"));
        assertEquals(null, seen.getString("technical"));
        assertEquals(List.of("image-thumbnail"), seen.getList("renditions.profile"));
        given().header("Authorization", reader).get("/api/v1/assets/" + id + "/renditions/image-thumbnail").then().statusCode(200);
        given().header("Authorization", reader).get("/api/v1/assets/" + id + "/renditions/image-preview").then().statusCode(404);
        given().header("Authorization", reader).queryParam("purpose", "study").get("/api/v1/assets/" + id + "/original").then()
                .statusCode(404);
        for (String hidden : List.of("/technical/raw", "/provenance", "/terms", "/transcript/versions")) {
            given().header("Authorization", reader).get("/api/v1/assets/" + id + hidden).then().statusCode(404);
        }
        given().header("Authorization", reader).get("/api/v1/assets/" + id + "/description").then().statusCode(200)
                .body("elements.key", not(hasItem("make"))).body("caption", nullValue());
        // The archive's staff who may see closed records see all of it.
        given().header("Authorization", archivist).get("/api/v1/assets/" + id).then().statusCode(200)
                .body("originalFilename", equalTo("camera.jpg")).body("renditions.profile", hasItem("image-preview"));
    }

    @Test
    void recordsFallDueByTheirDateAndBulkDecisionsShowInTheStatistics() throws Exception {
        String archivist = user("ARCHIVIST");
        String old = upload(archivist, MEDIA.resolve("real/Canon_40D.jpg"));
        String recent = upload(archivist, MEDIA.resolve("formats/a.png"));
        for (String id : List.of(old, recent)) {
            patch(archivist, id, Map.of("fonds", FONDS)).statusCode(200);
        }
        given().header("Authorization", archivist).contentType("application/merge-patch+json").body(Map.of("dateTaken", "1990-05-01"))
                .patch("/api/v1/assets/" + old + "/description").then().statusCode(200);
        given().header("Authorization", archivist).queryParam("fonds", FONDS).get("/api/v1/review/due").then().statusCode(200)
                .body("id", equalTo(List.of(old))).body("[0].dueOn", equalTo("2015-05-01"));
        given().header("Authorization", archivist).queryParam("fonds", FONDS).queryParam("year", 1990).get("/api/v1/review/due").then()
                .body("id", equalTo(List.of(old)));
        given().header("Authorization", archivist).contentType("application/json")
                .body(Map.of("assets", List.of(old, recent), "decision", "CLOSED", "reason", "STATE_SECRET", "reReviewOn", "2031-01-01"))
                .post("/api/v1/review/decisions").then().statusCode(200).body("state", equalTo(List.of("APPLIED", "APPLIED")));
        patch(archivist, old, Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION")).statusCode(200);
        JsonPath stats = given().header("Authorization", archivist).queryParam("fonds", FONDS).get("/api/v1/review/statistics").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, stats.getInt("total.records"));
        assertEquals(2, stats.getInt("total.reviewed"));
        assertEquals(1, stats.getInt("total.opened"));
        assertEquals(1, stats.getInt("total.closed"));
        assertEquals(0.5, stats.getDouble("total.openRate"));
        assertEquals(1, stats.getInt("rows.find { it.year == 1990 }.opened"));
        given().header("Authorization", archivist).get("/api/v1/assets/" + old + "/provenance").then()
                .body("findAll { it.type == 'open review' }.size()", equalTo(2));
        given().header("Authorization", user("READER")).get("/api/v1/review/statistics").then().statusCode(403);
    }

    @Test
    void aPhotographerDescribesTheirOwnUploadsUntilTheyAreCoded() throws Exception {
        String photographer = user("PHOTOGRAPHER");
        String other = user("PHOTOGRAPHER");
        String archivist = user("ARCHIVIST");
        String fonds = "PH" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        given().header("Authorization", archivist).contentType("application/json").body(Map.of("code", fonds, "name", "Photographers' test"))
                .post("/api/v1/fonds").then().statusCode(201);
        String id = upload(photographer, MEDIA.resolve("formats/a.tiff"));
        patch(photographer, id, Map.of("title", "Spring festival")).statusCode(200).body("title", equalTo("Spring festival"));
        patch(other, id, Map.of("title", "Not mine")).statusCode(403).body("detail", containsString("their own uploads"));
        patch(photographer, id, Map.of("fonds", fonds)).statusCode(403).body("detail", containsString("code"));
        patch(archivist, id, Map.of("fonds", fonds, "retentionPeriod", "D30")).statusCode(200);
        given().header("Authorization", archivist).contentType("application/json").body("{}")
                .post("/api/v1/assets/" + id + "/archival-code").then().statusCode(200);
        patch(photographer, id, Map.of("title", "Changed after coding")).statusCode(403);
        given().get("/api/v1/assets/" + id).then().body("title", equalTo("Spring festival"));
    }
}
