package org.avmam.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Originals on an S3 primary with a folder replica and an off-site S3 replica, all real servers:
 * every original copied and verified, an outage of the off-site store that delays but never fails
 * ingest, fixity audits that repair a flipped bit from a good copy, and an original with no sound
 * copy left that is refused, not served.
 */
@QuarkusTest
@TestProfile(S3Storage.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageTest {

    private static final Path CACHE = Path.of("target/test-data/cache/blobs");

    static String upload(byte[] bytes) {
        String id = given().multiPart("file", "shoot.jpg", bytes, "image/jpeg").post("/api/v1/assets").then().statusCode(201)
                .extract().path("id");
        assertEquals("READY", Fixtures.awaitSettled(id, Duration.ofSeconds(120)).getString("state"));
        return id;
    }

    static JsonPath copies(String id) {
        return given().get("/api/v1/assets/" + id + "/storage").then().statusCode(200).extract().jsonPath();
    }

    static String copyState(String id, String store) {
        return copies(id).getString("copies.find { it.store == '" + store + "' }.state");
    }

    static void awaitCopies(String id, String state) {
        Fixtures.await("every copy of " + id + " " + state, Duration.ofSeconds(60),
                () -> List.of("primary", "replica", "offsite").stream().allMatch(s -> state.equals(copyState(id, s))));
    }

    static JsonPath audit(Object body) {
        // No body and no content type is a full audit, as the command line sends it.
        var req = body == null ? given() : given().contentType("application/json").body(body);
        String status = req.post("/api/v1/storage/fixity").then().statusCode(202).header("Location", containsString("/api/v1/storage/fixity/"))
                .extract().path("statusUrl");
        Fixtures.await("the fixity audit to finish", Duration.ofSeconds(60),
                () -> "DONE".equals(given().get(status).then().statusCode(200).extract().path("state")));
        return given().get(status).then().extract().jsonPath();
    }

    static void flipAByte(Path file) throws Exception {
        file.toFile().setWritable(true);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
    }

    static String sha(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return Sha256.of(in);
        }
    }

    @Test
    @Order(1)
    void everyOriginalIsCopiedToEachReplicaReadBackAndServedByRangeFromTheBucket() throws Exception {
        byte[] bytes = Fixtures.uniquePhoto();
        String id = upload(bytes);
        String sha = copies(id).getString("sha256");
        awaitCopies(id, "OK");
        assertEquals(sha, sha(S3Storage.primary.objectFile("avmam-primary", sha)), "the primary's object is keyed by its digest");
        assertEquals(sha, sha(S3Storage.offsite.objectFile("avmam-offsite", sha)));
        assertEquals(sha, sha(S3Storage.FOLDER_REPLICA.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha)));
        List<String> events = given().get("/api/v1/assets/" + id + "/provenance").then().statusCode(200).extract().path("type");
        assertEquals(2, events.stream().filter("replication"::equals).count(), events.toString());

        // Not in this node's cache: the bytes asked for are read from the bucket by range, not fetched whole first.
        Path cached = CACHE.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        Files.deleteIfExists(cached);
        byte[] part = given().header("Range", "bytes=100-199").get("/api/v1/assets/" + id + "/original").then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + bytes.length).header("ETag", containsString(sha)).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(bytes, 100, 200), part);
        assertArrayEquals(bytes, given().get("/api/v1/assets/" + id + "/original").then().statusCode(200).extract().asByteArray());
        assertTrue(Files.notExists(cached), "delivery streamed from the store");

        // Renditions are kept in the bucket too: a node whose data folder lacks one fetches it from there.
        String thumbnail = "/api/v1/assets/" + id + "/renditions/image-thumbnail";
        byte[] rendered = given().get(thumbnail).then().statusCode(200).extract().asByteArray();
        Path renditions = Path.of("target/test-data/renditions", id.substring(0, 2), id);
        assertTrue(Files.isDirectory(renditions), "rendered into the data folder first");
        assertTrue(regularFiles(S3Storage.primary.objectFile("avmam-primary", "derived/renditions/" + id.substring(0, 2) + "/" + id)) > 0,
                "and into the bucket");
        org.avmam.common.FileTrees.delete(renditions);
        assertArrayEquals(rendered, given().get(thumbnail).then().statusCode(200).extract().asByteArray(), "fetched from the bucket");
        assertTrue(Files.isDirectory(renditions), "and kept in the data folder as its cache");

        JsonPath status = given().get("/api/v1/storage").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("primary", "replica", "offsite"), status.getList("stores.name"));
        assertEquals(List.of("s3", "fs", "s3"), status.getList("stores.kind"));
        for (String store : List.of("primary", "replica", "offsite")) {
            String s = "stores.find { it.name == '" + store + "' }.";
            assertTrue(status.getLong(s + "objects") >= 1 && status.getLong(s + "bytes") >= bytes.length, status.prettify());
        }
    }

    @Test
    @Order(2)
    void anOffsiteStoreThatIsDownDelaysReplicationNeverIngestAndCatchesUp() throws Exception {
        S3Storage.offsite.stop();
        String id;
        try {
            id = upload(Fixtures.uniquePhoto()); // READY with the off-site store down
            Fixtures.await("the folder replica's copy", Duration.ofSeconds(60), () -> "OK".equals(copyState(id, "replica")));
            Fixtures.await("a failed attempt against the off-site store", Duration.ofSeconds(60),
                    () -> given().get("/api/v1/storage").then().extract().jsonPath()
                            .getLong("stores.find { it.name == 'offsite' }.failedAttempts") > 0);
            JsonPath status = given().get("/api/v1/storage").then().statusCode(200).extract().jsonPath();
            assertTrue(status.getLong("stores.find { it.name == 'offsite' }.pending") >= 1, status.prettify());
            assertTrue(status.getString("stores.find { it.name == 'offsite' }.lastError").contains("offsite"), status.prettify());
            assertEquals("PENDING", copyState(id, "offsite"));
            // A replica that is down keeps the node ready (replication waits); health says so.
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'stores' }.data.offsite", containsString("unavailable"))
                    .body("checks.find { it.name == 'stores' }.data.primary", equalTo("up"));
        } finally {
            S3Storage.offsite.start();
        }
        awaitCopies(id, "OK");
        Fixtures.await("the backlog to drain", Duration.ofSeconds(60), () -> given().get("/api/v1/storage").then().extract().jsonPath()
                .getLong("stores.find { it.name == 'offsite' }.pending") == 0);
    }

    @Test
    @Order(3)
    void aFlippedBitIsFoundByTheAuditAndRepairedFromAGoodCopy() throws Exception {
        String id = upload(Fixtures.uniquePhoto());
        awaitCopies(id, "OK");
        String sha = copies(id).getString("sha256");
        Path object = S3Storage.primary.objectFile("avmam-primary", sha);
        flipAByte(object);

        JsonPath a = audit(Map.of("assets", List.of(id)));
        assertEquals(1, a.getInt("total"));
        assertEquals(1, a.getInt("repaired"), a.prettify());
        assertEquals(0, a.getInt("damaged"));
        assertEquals("REPAIRED", a.getString("findings[0].outcome"));
        assertEquals(sha, sha(object), "the primary's object holds the original bytes again");
        assertEquals("OK", copyState(id, "primary"));
        List<Map<String, String>> events = given().get("/api/v1/assets/" + id + "/provenance").then().extract().path("");
        assertTrue(events.stream().anyMatch(e -> "fixity check".equals(e.get("type")) && "failure".equals(e.get("outcome"))
                && e.get("detail").contains("store 'primary'")), events.toString());
        assertTrue(events.stream().anyMatch(e -> "recovery".equals(e.get("type")) && "success".equals(e.get("outcome"))), events.toString());
        given().get("/api/v1/audit?resource=blob:" + sha).then().statusCode(200).body("action", org.hamcrest.Matchers.hasItem("FIXITY_REPAIR"));

        // A full audit then finds every copy sound.
        JsonPath full = audit(null);
        assertEquals("FULL", full.getString("kind"));
        assertEquals(full.getInt("total"), full.getInt("checked"));
        assertEquals(0, full.getInt("failed"), full.prettify());
    }

    @Test
    @Order(4)
    void anOriginalWithNoSoundCopyLeftIsMarkedDamagedAndNeverServed() throws Exception {
        String id = upload(Fixtures.uniquePhoto());
        awaitCopies(id, "OK");
        String sha = copies(id).getString("sha256");
        flipAByte(S3Storage.primary.objectFile("avmam-primary", sha));
        flipAByte(S3Storage.offsite.objectFile("avmam-offsite", sha));
        Files.delete(S3Storage.FOLDER_REPLICA.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha));

        JsonPath a = audit(Map.of("assets", List.of(id)));
        assertEquals(1, a.getInt("damaged"), a.prettify());
        assertEquals("DAMAGED", a.getString("findings[0].outcome"));
        JsonPath c = copies(id);
        assertTrue(c.getString("damagedAt") != null, c.prettify());
        assertEquals("MISSING", copyState(id, "replica"));
        assertEquals("DAMAGED", copyState(id, "offsite"));
        given().get("/api/v1/assets/" + id + "/original").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no sound copy"));
        given().get("/api/v1/storage").then().statusCode(200).body("damagedBlobs", equalTo(1));
    }

    @Test
    @Order(5)
    void onlyOperatorsSeeStorageAndBadAuditRequestsAreRefused() throws Exception {
        String id = given().multiPart("file", "x.jpg", Fixtures.uniquePhoto(), "image/jpeg").post("/api/v1/assets").then().statusCode(201)
                .extract().path("id");
        for (String role : List.of("ARCHIVIST", "READER")) {
            String auth = TestAuth.newUser(role).authorization();
            given().header("Authorization", auth).get("/api/v1/storage").then().statusCode(403);
            given().header("Authorization", auth).post("/api/v1/storage/fixity").then().statusCode(403);
            given().header("Authorization", auth).get("/api/v1/storage/fixity/1").then().statusCode(403);
        }
        // A reader may not see the unreviewed record at all: the same 404 as a missing one.
        given().header("Authorization", TestAuth.newUser("READER").authorization()).get("/api/v1/assets/" + id + "/storage").then()
                .statusCode(404);
        given().get("/api/v1/assets/" + UUID.randomUUID() + "/storage").then().statusCode(404);
        for (Object bad : List.of(Map.of("assets", "all"), Map.of("assets", List.of()), Map.of("assets", List.of("not-an-id")),
                Map.of("asset", List.of(id)), List.of(id), "{not json")) {
            given().contentType("application/json").body(bad).post("/api/v1/storage/fixity").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", notNullValue());
        }
        given().contentType("application/json").body(Map.of("assets", List.of(UUID.randomUUID().toString())))
                .post("/api/v1/storage/fixity").then().statusCode(404);
        given().get("/api/v1/storage/fixity/999999").then().statusCode(404);
    }

    @Test
    @Order(6)
    void deletingAnUploadRemovesEveryCopyInEveryStore() throws Exception {
        String id = upload(Fixtures.uniquePhoto());
        awaitCopies(id, "OK");
        String sha = copies(id).getString("sha256");
        Path folderCopy = S3Storage.FOLDER_REPLICA.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertTrue(Files.exists(folderCopy));
        String disposal = given().delete("/api/v1/assets/" + id + "?reason=wrong card").then().statusCode(202).extract().header("Location");
        Fixtures.await("the deletion to be carried out", Duration.ofSeconds(60),
                () -> "DONE".equals(given().get(disposal).then().statusCode(200).extract().path("state")));
        assertTrue(Files.notExists(S3Storage.primary.objectFile("avmam-primary", sha)), "gone from the primary bucket");
        assertTrue(Files.notExists(S3Storage.offsite.objectFile("avmam-offsite", sha)), "gone from the off-site bucket");
        assertTrue(Files.notExists(folderCopy), "gone from the folder replica");
        assertTrue(Files.notExists(CACHE.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha)), "gone from the cache");
        given().get("/api/v1/assets/" + id + "/storage").then().statusCode(404);
        assertEquals(0, regularFiles(S3Storage.primary.objectFile("avmam-primary", "derived/renditions/" + id.substring(0, 2) + "/" + id)),
                "its renditions gone from the bucket");
    }

    static long regularFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @jakarta.inject.Inject
    org.avmam.preservation.FixityAudits audits;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    record Cli(int code, String out) {}

    static Cli cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        java.io.PrintStream oldOut = System.out;
        try {
            java.io.PrintStream both = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            System.setErr(both);
            System.setOut(both);
            int code = new picocli.CommandLine(new org.avmam.cli.AvmamCli()).execute(args);
            return new Cli(code, out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    @Order(7)
    void theSchedulerChecksWhatIsDueAndCatchesAReplicaUpAndTheCommandLineAudits() throws Exception {
        String due = upload(Fixtures.uniquePhoto());
        String behind = upload(Fixtures.uniquePhoto());
        awaitCopies(due, "OK");
        awaitCopies(behind, "OK");
        String dueSha = copies(due).getString("sha256");
        String behindSha = copies(behind).getString("sha256");
        java.time.Instant marker = java.time.Instant.now();
        // Copies due a check, and an original the off-site store never got (as one stored before that replica was configured).
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE blob_copy SET next_check = ?2 WHERE sha256 = ?1").setParameter(1, dueSha)
                    .setParameter(2, marker.minusSeconds(60)).executeUpdate();
            em.createNativeQuery("DELETE FROM blob_copy WHERE sha256 = ?1 AND store = 'offsite'").setParameter(1, behindSha).executeUpdate();
        });
        Files.delete(S3Storage.offsite.objectFile("avmam-offsite", behindSha));

        audits.tick();
        Fixtures.await("the due copies checked by a scheduled audit", Duration.ofSeconds(60), () -> copies(due).getList("copies.checkedAt",
                String.class).stream().allMatch(t -> t != null && java.time.Instant.parse(t).isAfter(marker)));
        Object kind = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT a.kind FROM fixity_audit a JOIN fixity_item i ON i.audit_id = a.id WHERE i.sha256 = ?1 ORDER BY a.id DESC")
                .setParameter(1, dueSha).getResultList().getFirst());
        assertEquals("SCHEDULED", kind.toString().strip());
        Fixtures.await("the off-site store caught up", Duration.ofSeconds(60), () -> "OK".equals(copyState(behind, "offsite")));
        assertEquals(behindSha, sha(S3Storage.offsite.objectFile("avmam-offsite", behindSha)));

        // From the command line: one sound asset exits 0; everything exits 1, since one original here is damaged beyond repair.
        String token = TestAuth.header().substring(7);
        Cli one = cli("fixity", "--asset", due, "--server", base.toString(), "--token", token);
        assertEquals(0, one.code(), one.out());
        assertTrue(one.out().contains("Checked 1: 0 with a bad copy, 0 repaired, 0 damaged beyond repair."), one.out());
        Cli all = cli("fixity", "--all", "--server", base.toString(), "--token", token);
        assertEquals(1, all.code(), all.out());
        assertTrue(all.out().contains("DAMAGED\t"), all.out());
        assertEquals(2, cli("fixity", "--asset", "not-an-id", "--server", base.toString(), "--token", token).code());
        assertEquals(2, cli("fixity", "--server", base.toString(), "--token", token).code(), "neither --all nor --asset");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("avmam_jobs_oldest_pending_seconds{queue=\"storage\""), "the queue metric");
        assertTrue(metrics.contains("avmam_fixity_repairs_total{store=\"primary\""), "the repair of order 3 counted");
        assertTrue(metrics.contains("avmam_blobs_damaged_total"), "the damaged original of order 4 counted");
    }
}
