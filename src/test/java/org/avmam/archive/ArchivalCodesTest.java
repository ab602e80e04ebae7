package org.avmam.archive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.junit.jupiter.api.Test;

/** DA/T 13 archival codes: patterns per fonds, gapless numbers under concurrency, groups, immutability. */
@QuarkusTest
class ArchivalCodesTest {

    private static UUID asset(MediaType type, String fonds, String retention, String captured) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Asset a = new Asset();
            a.id = UUID.randomUUID();
            a.state = AssetState.READY;
            a.mediaType = type;
            a.mimeType = type == MediaType.IMAGE ? "image/jpeg" : "video/mp4";
            a.sha256 = a.id.toString().replace("-", "") + "0".repeat(32);
            a.originalFilename = "code-" + a.id + ".jpg";
            a.language = "zh";
            a.fonds = fonds;
            a.retentionPeriod = retention;
            a.technical = "{\"embedded\":{\"captureTime\":\"" + captured + "\"},\"hasVideo\":false,\"hasAudio\":false}";
            a.createdAt = Instant.now();
            a.updatedAt = a.createdAt;
            a.persist();
            return a.id;
        });
    }

    private static void fonds(String code, Map<String, String> patterns) {
        var body = new java.util.HashMap<String, String>(patterns);
        body.put("code", code);
        body.put("name", "市城市建设委员会 " + code);
        given().contentType("application/json; charset=UTF-8").body(body).post("/api/v1/fonds").then().statusCode(201);
    }

    /** [A, B] and [B, A] at the same moment: locked in one order, so one waits for the other; never a deadlock. */
    @Test
    void overlappingRequestsInOppositeOrdersNeverDeadlock() throws Exception {
        fonds("K033", Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                UUID a = asset(MediaType.IMAGE, "K033", "D30", "2019-05-01T10:00:00+08:00");
                UUID b = asset(MediaType.IMAGE, "K033", "D30", "2019-05-02T10:00:00+08:00");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                Future<Integer> ab = pool.submit(() -> {
                    go.await();
                    return given().contentType("application/json").body(Map.of("assets", List.of(a.toString(), b.toString())))
                            .post("/api/v1/archival-codes").then().extract().statusCode();
                });
                Future<Integer> ba = pool.submit(() -> {
                    go.await();
                    return given().contentType("application/json").body(Map.of("assets", List.of(b.toString(), a.toString())))
                            .post("/api/v1/archival-codes").then().extract().statusCode();
                });
                go.countDown();
                List<Integer> statuses = new ArrayList<>(List.of(ab.get(), ba.get()));
                java.util.Collections.sort(statuses);
                // The first coded both; the second finds them coded (a code is never changed): 409, not a 500 from a deadlock.
                assertEquals(List.of(200, 409), statuses, "round " + round);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void parallelRequestsGetConsecutiveNumbersWithNoGapsAndNoRepeats() throws Exception {
        fonds("K021", Map.of());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(asset(MediaType.IMAGE, "K021", "D30", "2019-05-0" + (1 + i % 9) + "T10:00:00+08:00"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> codes = new ArrayList<>();
        for (UUID id : ids) {
            codes.add(pool.submit(() -> given().contentType("application/json").body("{}").post("/api/v1/assets/" + id + "/archival-code")
                    .then().statusCode(200).extract().path("archivalCode")));
        }
        Set<String> distinct = new TreeSet<>();
        for (Future<String> f : codes) {
            distinct.add(f.get());
        }
        pool.shutdown();
        Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= 24; i++) {
            expected.add(String.format("K021-ZP·2019·D30-%04d", i));
        }
        assertEquals(expected, distinct, "24 requests at once: 0001 to 0024, each once");
        // A refused request (already coded) takes no number: the next one is 0025.
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + ids.getFirst() + "/archival-code").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("never changed"));
        UUID next = asset(MediaType.IMAGE, "K021", "D30", "2019-12-31T23:00:00+08:00");
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + next + "/archival-code").then().statusCode(200)
                .body("archivalCode", equalTo("K021-ZP·2019·D30-0025"));
    }

    @Test
    void groupsCategoriesAndPatternsPerFonds() {
        fonds("J019", Map.of("itemPattern", "{fonds}-{category}·{year}·{retention}-{item:3}"));
        UUID audio = asset(MediaType.AUDIO, "J019", "Y", "2019-03-01T09:00:00");
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + audio + "/archival-code").then().statusCode(200)
                .body("archivalCode", equalTo("J019-LY·2019·Y-001"));

        UUID a = asset(MediaType.IMAGE, "J019", "D30", "2019-06-01T09:00:00");
        UUID b = asset(MediaType.IMAGE, "J019", "D30", "2019-06-01T09:05:00");
        UUID c = asset(MediaType.IMAGE, "J019", "D30", "2019-06-02T09:00:00");
        JsonPath g1 = given().contentType("application/json").body(Map.of("assets", List.of(a.toString(), b.toString()), "group", "new"))
                .post("/api/v1/archival-codes").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("J019-ZP·2019·D30-001-001", "J019-ZP·2019·D30-001-002"), g1.getList("archivalCode"));
        given().contentType("application/json").body(Map.of("assets", List.of(c.toString()), "group", 1))
                .post("/api/v1/archival-codes").then().statusCode(200).body("[0].archivalCode", equalTo("J019-ZP·2019·D30-001-003"));
        UUID d = asset(MediaType.IMAGE, "J019", "D30", "2019-07-01T09:00:00");
        given().contentType("application/json").body(Map.of("assets", List.of(d.toString()), "group", 7))
                .post("/api/v1/archival-codes").then().statusCode(422).body("detail", containsString("groups made so far: 1"));

        JsonPath tree = given().get("/api/v1/fonds/J019/tree").then().statusCode(200).extract().jsonPath();
        assertEquals(4, tree.getInt("arranged"));
        assertEquals(1, tree.getInt("unarranged"));
        assertEquals(List.of("LY", "ZP"), tree.getList("categories.code"));
        assertEquals(3, tree.getInt("categories.find { it.code == 'ZP' }.years[0].retention[0].groups.'1'"));

        given().get("/api/v1/assets/" + a).then().statusCode(200).body("archivalCode", equalTo("J019-ZP·2019·D30-001-001"));
        // The code is searchable, exactly or by its beginning (the group's three photos).
        org.avmam.search.SearchOutbox outbox = io.quarkus.arc.Arc.container().instance(org.avmam.search.SearchOutbox.class).get();
        for (int i = 0; i < 100 && outbox.status().pending() > 0; i++) {
            org.avmam.Fixtures.sleep(100);
        }
        assertEquals(Set.of(a.toString(), b.toString(), c.toString()), Set.copyOf(given().queryParam("q", "code:J019-ZP·2019·D30-001")
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.id")));
        assertEquals(List.of(a.toString()), given().queryParam("q", "code:J019-ZP·2019·D30-001-001").get("/api/v1/search").then()
                .statusCode(200).extract().jsonPath().getList("hits.id"));
    }

    @Test
    void badRequestsAreRefusedAndTakeNoNumber() {
        fonds("W001", Map.of());
        given().contentType("application/json").body(Map.of("code", "W002", "name", "x", "itemPattern", "{fonds}-{year}"))
                .post("/api/v1/fonds").then().statusCode(400).body("detail", containsString("no {item}"));
        given().contentType("application/json").body(Map.of("code", "W/3", "name", "x")).post("/api/v1/fonds").then().statusCode(400);
        given().contentType("application/json").body(Map.of("code", "W001", "name", "again")).post("/api/v1/fonds").then().statusCode(409);
        given().contentType("application/json").body("null").patch("/api/v1/fonds/W001").then().statusCode(400);
        UUID noRetention = asset(MediaType.IMAGE, "W001", null, "2020-01-01T00:00:00");
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + noRetention + "/archival-code").then()
                .statusCode(422).body("detail", containsString("retention"));
        UUID unknownFonds = asset(MediaType.IMAGE, "NOPE", "Y", "2020-01-01T00:00:00");
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + unknownFonds + "/archival-code").then()
                .statusCode(422).body("detail", containsString("not registered"));
        // A batch with one bad asset gives no codes at all (all or none), and uses no numbers.
        UUID ok = asset(MediaType.IMAGE, "W001", "D10", "2020-01-01T00:00:00");
        given().contentType("application/json").body(Map.of("assets", List.of(ok.toString(), noRetention.toString())))
                .post("/api/v1/archival-codes").then().statusCode(422);
        given().get("/api/v1/assets/" + ok).then().body("archivalCode", org.hamcrest.Matchers.nullValue());
        given().contentType("application/json").body("{}").post("/api/v1/assets/" + ok + "/archival-code").then().statusCode(200)
                .body("archivalCode", equalTo("W001-ZP·2020·D10-0001"));
        given().contentType("application/json").body("{\"group\":\"old\"}").post("/api/v1/assets/" + ok + "/archival-code").then()
                .statusCode(400);
    }
}
