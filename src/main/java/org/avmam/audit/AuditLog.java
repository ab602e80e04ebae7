package org.avmam.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.avmam.common.Where;

/**
 * The audit log: every write and every access decision, allowed or denied. Each entry's hash
 * covers its fields and the previous entry's hash, so removing or altering an entry breaks the
 * chain from there on ({@link #verify}). Appends take the chain's head row under a lock, in their
 * own short transaction, so entries from several nodes form one chain.
 */
@ApplicationScoped
public class AuditLog {

    public static final String GENESIS = "0".repeat(64);

    private final EntityManager em;

    public AuditLog(EntityManager em) {
        this.em = em;
    }

    public record Entry(String username, String client, String action, String resource, boolean allowed, Integer status, String detail) {}

    /** Entries waiting for the next group commit, each with the caller that waits for it. */
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the one caller that writes a group; the others queue meanwhile and are written by the next holder. */
    private final ReentrantLock writer = new ReentrantLock();

    private record Pending(Entry entry, CompletableFuture<Void> written) {}

    /**
     * Appends an entry and returns once it is committed. Concurrent appends on this node share one transaction
     * (group commit): whoever takes the writer lock writes every entry queued so far, so N requests that arrive together
     * cost one lock on the chain's head and one commit, not N of each, and none returns before its own entry is durable.
     */
    public void append(Entry e) {
        Pending mine = new Pending(e, new CompletableFuture<>());
        waiting.add(mine);
        writer.lock();
        try {
            if (!mine.written().isDone()) {
                writeGroup();
            }
        } finally {
            writer.unlock();
        }
        try {
            mine.written().join();
        } catch (java.util.concurrent.CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : ex;
        }
    }

    private void writeGroup() {
        List<Pending> group = new ArrayList<>();
        for (Pending p; (p = waiting.poll()) != null; ) {
            group.add(p);
        }
        try {
            // Plain JDBC on the transaction's connection: every API request, each thumbnail of a grid included, ends here, and
            // the entity path (a flush before each native statement, an insert action per entry) cost more than the writes.
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(org.hibernate.Session.class).doWork(c -> write(c, group)));
            group.forEach(p -> p.written().complete(null));
        } catch (RuntimeException ex) {
            group.forEach(p -> p.written().completeExceptionally(ex));
        }
    }

    private static void write(Connection c, List<Pending> group) throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement head = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet r = head.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("the audit log has no head row");
            }
            seq = r.getLong(1);
            prev = r.getString(2).strip();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, at, username, client, action, resource, decision,"
                + " status, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : group) {
                AuditEntry a = entry(p.entry(), ++seq, prev);
                insert.setLong(1, a.seq);
                insert.setObject(2, a.at.atOffset(ZoneOffset.UTC));
                insert.setString(3, a.username);
                insert.setString(4, a.client);
                insert.setString(5, a.action);
                insert.setString(6, a.resource);
                insert.setString(7, a.decision);
                insert.setObject(8, a.status, Types.INTEGER);
                insert.setString(9, a.detail);
                insert.setString(10, a.prevHash);
                insert.setString(11, a.hash);
                insert.addBatch();
                prev = a.hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, prev);
            update.executeUpdate();
        }
    }

    private static AuditEntry entry(Entry e, long seq, String prev) {
        AuditEntry a = new AuditEntry();
        a.seq = seq;
        // Microseconds: what both databases keep, so the hash verifies after a round trip.
        a.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.username = cut(e.username(), 100);
        a.client = cut(e.client(), 100);
        a.action = cut(e.action(), 20);
        a.resource = cut(e.resource(), 1000);
        a.decision = e.allowed() ? "ALLOWED" : "DENIED";
        a.status = e.status();
        a.detail = cut(e.detail(), 1000);
        a.prevHash = prev;
        a.hash = hash(a);
        return a;
    }

    static String hash(AuditEntry a) {
        String canonical = String.join("\u001f", String.valueOf(a.seq), a.at.toString(), n(a.username), n(a.client), a.action, a.resource,
                a.decision, a.status == null ? "" : a.status.toString(), n(a.detail), a.prevHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    @Transactional
    public List<AuditEntry> find(String user, String resource, String decision, Instant from, Instant to, int page, int size) {
        Where w = new Where()
                .and("username = :user", "user", user)
                .and("resource like :resource", "resource", resource == null ? null : resource + "%")
                .and("decision = :decision", "decision", decision)
                .and("at >= :from", "from", from)
                .and("at < :to", "to", to);
        return AuditEntry.<AuditEntry>find(w.query("order by seq desc"), w.params()).page(Page.of(page, size)).list();
    }

    public record Verification(long entries, boolean intact, Long firstBroken, String problem) {}

    /** Walks the chain from the first entry: each must follow the one before and hash to what it says. */
    public Verification verify() {
        String prev = GENESIS;
        long expected = 1;
        long count = 0;
        final int batch = 1000;
        while (true) {
            long fromSeq = expected;
            List<AuditEntry> entries = QuarkusTransaction.requiringNew().call(() ->
                    AuditEntry.<AuditEntry>find("seq >= ?1 order by seq", fromSeq).page(Page.ofSize(batch)).list());
            for (AuditEntry a : entries) {
                if (a.seq != expected) {
                    return new Verification(count, false, expected, "entry " + expected + " is missing");
                }
                if (!a.prevHash.strip().equals(prev)) {
                    return new Verification(count, false, a.seq, "entry " + a.seq + " does not follow the entry before it");
                }
                if (!hash(a).equals(a.hash.strip())) {
                    return new Verification(count, false, a.seq, "entry " + a.seq + " was altered: its hash no longer matches its fields");
                }
                prev = a.hash.strip();
                expected++;
                count++;
            }
            if (entries.size() < batch) {
                break;
            }
        }
        String finalPrev = prev;
        long last = expected - 1;
        Object[] head = QuarkusTransaction.requiringNew().call(() ->
                (Object[]) em.createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1").getSingleResult());
        if (((Number) head[0]).longValue() != last || !head[1].toString().strip().equals(finalPrev)) {
            return new Verification(count, false, last + 1, "the log ends at entry " + last + " but its head says " + head[0]
                    + ": entries at the end were removed");
        }
        return new Verification(count, true, null, null);
    }
}
