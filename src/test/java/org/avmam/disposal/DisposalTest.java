package org.avmam.disposal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/**
 * Disposal under retention: the disposal list, two approvals by two people, legal holds, the
 * tombstone with the digests of what went, and bytes that another record still holds never
 * deleted; and an admin's deletion of a mistaken upload.
 */
@QuarkusTest
class DisposalTest {

    static String upload(byte[] bytes) {
        String id = given().multiPart("file", "event.jpg", bytes, "image/jpeg").post("/api/v1/assets").then().statusCode(201).extract()
                .path("id");
        assertEquals("READY", Fixtures.awaitSettled(id, Duration.ofSeconds(120)).getString("state"));
        return id;
    }

    static void retention(String id, String period, String date) {
        given().contentType("application/merge-patch+json").body(Map.of("retentionPeriod", period)).patch("/api/v1/assets/" + id).then()
                .statusCode(200);
        given().contentType("application/merge-patch+json").body(Map.of("dateTaken", date)).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(200);
    }

    static Path blobFile(String sha) {
        return Path.of("target/test-data/blobs", sha.substring(0, 2), sha.substring(2, 4), sha);
    }

    static JsonPath awaitDone(String location) {
        Fixtures.await("the disposal to be carried out", Duration.ofSeconds(60),
                () -> "DONE".equals(given().get(location).then().statusCode(200).extract().path("state")));
        return given().get(location).then().extract().jsonPath();
    }

    @Test
    void aDisposalNeedsTwoPeopleKeepsATombstoneAndNeverDeletesBytesAnotherRecordHolds() throws Exception {
        byte[] bytes = Fixtures.uniquePhoto();
        String expired = upload(bytes);
        String duplicate = upload(bytes);
        String sha = given().get("/api/v1/assets/" + expired + "/storage").then().statusCode(200).extract().path("sha256");
        String running = upload(Fixtures.uniquePhoto());
        String permanent = upload(Fixtures.uniquePhoto());
        retention(expired, "D10", "1990-05-01");
        retention(running, "D30", "2020-05-01");
        retention(permanent, "Y", "1950-01-01");
        TestAuth.User first = TestAuth.newUser("ARCHIVIST");
        TestAuth.User second = TestAuth.newUser("ARCHIVIST");

        List<String> due = given().header("Authorization", first.authorization()).get("/api/v1/disposals/due").then().statusCode(200)
                .extract().path("id");
        assertTrue(due.contains(expired), due.toString());
        assertFalse(due.contains(running) || due.contains(permanent), due.toString());
        given().header("Authorization", first.authorization()).get("/api/v1/disposals/due").then()
                .body("find { it.id == '" + expired + "' }.retentionEnded", equalTo("2001-01-01"));

        // Who may not, and what is refused.
        for (String role : List.of("READER", "EDITOR", "PHOTOGRAPHER")) {
            String auth = TestAuth.newUser(role).authorization();
            given().header("Authorization", auth).get("/api/v1/disposals/due").then().statusCode(403);
            given().header("Authorization", auth).contentType("application/json").body(Map.of("asset", expired, "reason", "x"))
                    .post("/api/v1/disposals").then().statusCode(403);
        }
        for (Object bad : List.of(Map.of(), Map.of("asset", "not-an-id", "reason", "x"), Map.of("asset", expired), List.of(expired))) {
            given().header("Authorization", first.authorization()).contentType("application/json").body(bad).post("/api/v1/disposals")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().header("Authorization", first.authorization()).contentType("application/json")
                .body(Map.of("asset", UUID.randomUUID().toString(), "reason", "x")).post("/api/v1/disposals").then().statusCode(404);
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of("asset", running, "reason", "x"))
                .post("/api/v1/disposals").then().statusCode(409).body("detail", containsString("ends on 2051-01-01"));
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of("asset", permanent, "reason", "x"))
                .post("/api/v1/disposals").then().statusCode(409).body("detail", containsString("permanent"));

        // A legal hold blocks the proposal and the approval.
        String hold = "/api/v1/assets/" + expired + "/legal-hold";
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of()).put(hold).then().statusCode(400);
        given().header("Authorization", first.authorization()).contentType("application/json")
                .body(Map.of("reason", "court order 2026-17")).put(hold).then().statusCode(200).body("held", equalTo(true));
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of("asset", expired, "reason", "x"))
                .post("/api/v1/disposals").then().statusCode(409).body("detail", containsString("court order 2026-17"));
        given().header("Authorization", first.authorization()).delete(hold).then().statusCode(200).body("held", equalTo(false));
        String location = given().header("Authorization", first.authorization()).contentType("application/json")
                .body(Map.of("asset", expired, "reason", "retention of ten years ended; appraisal 2026-3"))
                .post("/api/v1/disposals").then().statusCode(201).body("state", equalTo("PROPOSED")).extract().header("Location");
        given().header("Authorization", second.authorization()).contentType("application/json").body(Map.of("asset", expired, "reason", "x"))
                .post("/api/v1/disposals").then().statusCode(409);
        given().header("Authorization", first.authorization()).post(location + "/approve").then().statusCode(200)
                .body("state", equalTo("PROPOSED"));
        given().header("Authorization", first.authorization()).post(location + "/approve").then().statusCode(409)
                .body("detail", containsString("a second person"));
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of("reason", "found in use"))
                .put(hold).then().statusCode(200);
        given().header("Authorization", second.authorization()).post(location + "/approve").then().statusCode(409);
        given().header("Authorization", first.authorization()).delete(hold).then().statusCode(200);
        given().header("Authorization", second.authorization()).post(location + "/approve").then().statusCode(200)
                .body("state", equalTo("APPROVED"));

        JsonPath done = awaitDone(location);
        assertEquals(List.of(first.name(), second.name()), done.getList("tombstone.decision.approvedBy"), done.prettify());
        assertEquals("D10", done.getString("tombstone.retentionPeriod"));
        assertEquals(sha, done.getString("tombstone.destroyed.original"));
        assertTrue(done.getString("tombstone.destroyed.originalKeptBecause").contains(duplicate), done.prettify());
        Map<String, String> derived = done.getMap("tombstone.destroyed.derived");
        assertTrue(derived.keySet().stream().anyMatch(k -> k.startsWith("rendition/")), derived.toString());
        assertTrue(derived.values().stream().allMatch(v -> v.matches("[0-9a-f]{64}")), derived.toString());

        // Gone everywhere, as a missing record is; the other record's bytes untouched.
        given().get("/api/v1/assets/" + expired).then().statusCode(404);
        given().get("/api/v1/assets/" + expired + "/original").then().statusCode(404);
        given().get("/api/v1/assets/" + expired + "/renditions").then().statusCode(404);
        assertEquals(List.of(duplicate), given().get("/api/v1/assets?sha256=" + sha).then().statusCode(200).extract().path("id"));
        assertTrue(Files.exists(blobFile(sha)), "the duplicate still holds these bytes");
        assertArrayEquals(bytes, given().get("/api/v1/assets/" + duplicate + "/original").then().statusCode(200).extract().asByteArray());
        given().get("/api/v1/search?q=event").then().statusCode(200).body("hits.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(expired)));

        // The last record holding the bytes goes as a mistaken upload: now the bytes go too.
        given().header("Authorization", first.authorization()).delete("/api/v1/assets/" + duplicate + "?reason=x").then().statusCode(403);
        given().delete("/api/v1/assets/" + duplicate).then().statusCode(400);
        given().delete("/api/v1/assets/" + UUID.randomUUID() + "?reason=x").then().statusCode(404);
        String deletion = given().delete("/api/v1/assets/" + duplicate + "?reason=uploaded twice by mistake").then().statusCode(202)
                .body("kind", equalTo("DELETION")).extract().header("Location");
        given().get("/api/v1/assets/" + duplicate).then().statusCode(404);
        JsonPath deleted = awaitDone(deletion);
        assertNull(deleted.getString("tombstone.destroyed.originalKeptBecause"), deleted.prettify());
        assertFalse(Files.exists(blobFile(sha)), "no record holds the bytes any more");
        assertEquals(List.of(), given().get("/api/v1/assets?sha256=" + sha).then().extract().path("id"));
        List<String> approvers = given().header("Authorization", first.authorization()).get(deletion).then().statusCode(200).extract()
                .path("approvedBy");
        assertEquals(List.of("admin"), approvers, "a deletion is the admin's own decision");
        // The tombstone stands; the record behind it reads as missing, its legal hold included.
        given().header("Authorization", first.authorization()).get("/api/v1/assets/" + expired + "/legal-hold").then().statusCode(404);
        given().header("Authorization", first.authorization()).contentType("application/json").body(Map.of("asset", expired, "reason", "x"))
                .post("/api/v1/disposals").then().statusCode(404);
    }

    @Test
    void aCodedRecordLeavesOnlyByDisposalNotAsAMistakenUpload() throws Exception {
        given().contentType("application/json; charset=UTF-8").body(Map.of("code", "K077", "name", "市档案馆 K077")).post("/api/v1/fonds")
                .then().statusCode(201);
        String id = upload(Fixtures.uniquePhoto());
        retention(id, "D30", "2019-05-01");
        given().contentType("application/merge-patch+json").body(Map.of("fonds", "K077")).patch("/api/v1/assets/" + id).then().statusCode(200);
        String code = given().contentType("application/json").body("{}").post("/api/v1/assets/" + id + "/archival-code").then().statusCode(200)
                .extract().path("archivalCode");
        given().delete("/api/v1/assets/" + id + "?reason=mistake").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(code));
        given().get("/api/v1/assets/" + id).then().statusCode(200);
    }

    @Test
    void aProposalCanBeRejectedWithAReasonAndIsThenClosed() throws Exception {
        String id = upload(Fixtures.uniquePhoto());
        retention(id, "D10", "1995-03-01");
        TestAuth.User archivist = TestAuth.newUser("ARCHIVIST");
        String location = given().header("Authorization", archivist.authorization()).contentType("application/json")
                .body(Map.of("asset", id, "reason", "retention ended")).post("/api/v1/disposals").then().statusCode(201).extract()
                .header("Location");
        given().header("Authorization", TestAuth.newUser("READER").authorization()).contentType("application/json")
                .body(Map.of("reason", "x")).post(location + "/reject").then().statusCode(403);
        given().header("Authorization", archivist.authorization()).contentType("application/json").body(Map.of())
                .post(location + "/reject").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", archivist.authorization()).contentType("application/json")
                .body(Map.of("reason", "still used by the exhibition team")).post(location + "/reject").then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("tombstone.rejection", equalTo("still used by the exhibition team"));
        given().header("Authorization", archivist.authorization()).contentType("application/json").body(Map.of("reason", "again"))
                .post(location + "/reject").then().statusCode(409);
        given().header("Authorization", archivist.authorization()).post(location + "/approve").then().statusCode(409);
        given().header("Authorization", archivist.authorization()).post("/api/v1/disposals/999999/approve").then().statusCode(404);
        given().header("Authorization", archivist.authorization()).get("/api/v1/disposals?state=REJECTED").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(Integer.parseInt(location.substring(location.lastIndexOf('/') + 1))));
        given().header("Authorization", archivist.authorization()).get("/api/v1/disposals?state=GONE").then().statusCode(400);
        given().get("/api/v1/assets/" + id).then().statusCode(200); // rejected: the record stays
    }
}
