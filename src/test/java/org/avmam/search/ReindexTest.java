package org.avmam.search;

import static io.restassured.RestAssured.given;
import static org.avmam.search.SearchFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.junit.jupiter.api.Test;
import org.avmam.common.NativeRows;

/** avmam reindex: a new index filled from the database, the alias moved, nothing lost, a restart resumes. */
@QuarkusTest
class ReindexTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    SearchOutbox outbox;

    @Inject
    AssetIndex index;

    @Inject
    EntityManager em;

    @Inject
    JobQueue jobs;

    @Test
    void theCommandRebuildsIntoANewIndexAndMovesTheAlias() throws Exception {
        List<SearchFixtures.Spec> specs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            specs.add(spec().title("reindexed record " + i).fonds("T7-REINDEX"));
        }
        List<UUID> ids = SearchFixtures.create(outbox, specs);
        List<String> before = index.indicesOf(index.alias());
        assertEquals(1, before.size());

        // Started without waiting, then a record changes while it copies: the change must survive the swap.
        assertEquals(0, cli("reindex", "--no-wait", "--server", base.toString(), "--token", org.avmam.TestAuth.header().substring(7)).code());
        given().contentType("application/merge-patch+json; charset=UTF-8").body("{\"title\":\"changed during the reindex\"}")
                .patch("/api/v1/assets/" + ids.getFirst()).then().statusCode(200);
        Cli watched = cli("reindex", "--server", base.toString(), "--token", org.avmam.TestAuth.header().substring(7));
        assertEquals(0, watched.code(), watched.out());
        assertTrue(watched.out().contains("Done: "), watched.out());

        List<String> after = index.indicesOf(index.alias());
        assertEquals(1, after.size());
        assertNotEquals(before.getFirst(), after.getFirst(), "the alias points at the new index");
        assertFalse(index.indexExists(before.getFirst()), "the old index is dropped");
        SearchFixtures.awaitSent(outbox, Duration.ofSeconds(60));
        assertEquals(documents(), index.count(index.alias()), "every asset (and clip) of the database is in the new index");
        JsonPath r = given().queryParam("fonds", "T7-REINDEX").queryParam("size", 50).get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(12, r.getInt("total"));
        assertEquals(List.of(ids.getFirst().toString()), given().queryParam("q", "\"changed during the reindex\"")
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.id"));
    }

    @Test
    void aReindexCutOffByARestartGoesOnFromItsCursor() throws Exception {
        SearchFixtures.create(outbox, List.of(spec().title("cursor a").fonds("T7-CURSOR"), spec().title("cursor b").fonds("T7-CURSOR"),
                spec().title("cursor c").fonds("T7-CURSOR")));
        // As a service killed mid-copy leaves it: k assets copied, the cursor on the k-th, the job to be run again.
        int k = 2;
        long id = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> ordered = em.createNativeQuery("SELECT id FROM asset ORDER BY id").getResultList();
            long total = ordered.size();
            em.createNativeQuery("""
                    INSERT INTO search_reindex (target_index, state, active_key, cursor_id, done_count, total_count, started_at)
                    VALUES (?1, 'RUNNING', 'active', ?2, ?3, ?4, ?5)""")
                    .setParameter(1, index.newIndexName()).setParameter(2, NativeRows.uuid(ordered.get(k - 1)))
                    .setParameter(3, (long) k).setParameter(4, total).setParameter(5, Instant.now()).executeUpdate();
            long rid = ((Number) em.createNativeQuery("SELECT id FROM search_reindex WHERE active_key = 'active'").getSingleResult())
                    .longValue();
            jobs.enqueue(null, JobType.REINDEX, Long.toString(rid));
            return rid;
        });
        JsonPath done = awaitDone(id);
        // Resumed: k counted before the restart plus the rest; started over it would say k + total.
        assertEquals(done.getLong("total"), done.getLong("done"), done.prettify());
        // Put the whole catalogue back for the other tests (this index lacks the first k assets).
        JsonPath full = given().post("/api/v1/search/reindex").then().statusCode(202).extract().jsonPath();
        awaitDone(full.getLong("reindex.id"));
        SearchFixtures.awaitSent(outbox, Duration.ofSeconds(60));
        assertEquals(documents(), index.count(index.alias()));
    }

    private static JsonPath awaitDone(long id) {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonPath s = given().get("/api/v1/search/reindex/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(s.getString("state"))) {
                assertEquals("DONE", s.getString("state"), s.prettify());
                return s;
            }
            SearchFixtures.sleep(200);
        }
        throw new AssertionError("reindex " + id + " did not finish");
    }

    record Cli(int code, String out) {}

    private static Cli cli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new picocli.CommandLine(new org.avmam.cli.AvmamCli()).execute(args);
            return new Cli(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    /**
     * The documents a full index holds: one per asset not disposed of or deleted, and one per clip of
     * such a record that is not partly open.
     */
    private static long documents() {
        return QuarkusTransaction.requiringNew().call(() -> Asset.count("removedAt is null") + (Long) Asset.getEntityManager()
                .createQuery("select count(c) from Clip c, Asset a where c.assetId = a.id and a.removedAt is null and a.openStatus <> ?1")
                .setParameter(1, org.avmam.asset.OpenStatus.PARTLY_OPEN).getSingleResult());
    }
}
