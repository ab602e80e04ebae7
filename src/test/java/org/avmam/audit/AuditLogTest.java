package org.avmam.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Appends that arrive together are committed together, and the chain stays whole: no entry lost, none twice. */
@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog log;

    @Test
    void concurrentAppendsEachLandOnceInOneUnbrokenChain() throws Exception {
        String run = "/test/audit-group/" + UUID.randomUUID() + "/";
        int threads = 12;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        // Each append has returned only once its entry is committed: it is read back right away.
                        String resource = run + thread + "-" + i;
                        log.append(new AuditLog.Entry("group-test", null, "GET", resource, true, 200, null));
                        long found = QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("resource", resource));
                        assertEquals(1, found, resource + " is committed when append returns");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> entries = QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("resource like ?1 order by seq", run + "%"));
        assertEquals(threads * each, entries.size(), "every entry once");
        Set<String> resources = entries.stream().map(e -> e.resource).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(threads * each, resources.size(), "no entry twice");
        Set<Long> seqs = entries.stream().map(e -> e.seq).collect(Collectors.toSet());
        assertEquals(threads * each, seqs.size(), "each entry its own place in the chain");
        AuditLog.Verification v = log.verify();
        assertTrue(v.intact(), () -> "the chain verifies after concurrent appends: " + v);
    }
}
