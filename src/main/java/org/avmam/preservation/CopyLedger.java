package org.avmam.preservation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.avmam.common.NativeRows;
import org.avmam.config.AvmamConfig;

/**
 * The {@code blob_copy} table: which store holds a copy of which blob, in what state, and when it
 * is next due a fixity check. A copy is PENDING until replication read it back, OK once verified,
 * DAMAGED or MISSING after a check that failed and could not be repaired.
 */
@ApplicationScoped
public class CopyLedger {

    public enum State {
        PENDING,
        OK,
        DAMAGED,
        MISSING
    }

    private final EntityManager em;
    private final Duration period;

    public CopyLedger(EntityManager em, AvmamConfig config) {
        this.em = em;
        this.period = config.storage().fixity().period();
    }

    /** A copy that should exist: written now (the primary) or by a replication job to come. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expect(String sha256, String store, State state, Instant at) {
        em.createNativeQuery("INSERT INTO blob_copy (sha256, store, state, stored_at, next_check) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, sha256).setParameter(2, store).setParameter(3, state.name())
                .setParameter(4, state == State.OK ? at : null).setParameter(5, state == State.OK ? firstCheck(at) : at)
                .executeUpdate();
    }

    /**
     * The first check of a new copy falls at a random point of the period: a day's uploads are then
     * checked over the whole period, not all on one day a period later.
     */
    Instant firstCheck(Instant stored) {
        return stored.plusSeconds(ThreadLocalRandom.current().nextLong(Math.max(1, period.toSeconds())));
    }

    @Transactional
    public State state(String sha256, String store) {
        List<?> rows = em.createNativeQuery("SELECT state FROM blob_copy WHERE sha256 = ?1 AND store = ?2").setParameter(1, sha256)
                .setParameter(2, store).getResultList();
        return rows.isEmpty() ? null : State.valueOf(rows.getFirst().toString().strip());
    }

    /** Replication wrote and verified the copy. */
    @Transactional
    public void stored(String sha256, String store) {
        Instant now = Instant.now();
        int n = em.createNativeQuery("UPDATE blob_copy SET state = 'OK', stored_at = ?3, checked_at = ?3, next_check = ?4, "
                + "last_error = NULL WHERE sha256 = ?1 AND store = ?2")
                .setParameter(1, sha256).setParameter(2, store).setParameter(3, now).setParameter(4, firstCheck(now)).executeUpdate();
        if (n == 0) {
            expect(sha256, store, State.OK, now);
        }
    }

    /** An attempt against the store failed (it is down, or refused the copy): counted, the copy's state unchanged. */
    @Transactional
    public void attemptFailed(String sha256, String store, String error) {
        em.createNativeQuery("UPDATE blob_copy SET failures = failures + 1, last_error = ?3 WHERE sha256 = ?1 AND store = ?2")
                .setParameter(1, sha256).setParameter(2, store).setParameter(3, cut(error)).executeUpdate();
    }

    /** The outcome of a fixity check of one copy; the next check falls one period later. */
    @Transactional
    public void checked(String sha256, String store, State state, String error) {
        Instant now = Instant.now();
        em.createNativeQuery("UPDATE blob_copy SET state = ?3, checked_at = ?4, next_check = ?5, last_error = ?6, "
                + "failures = failures + ?7 WHERE sha256 = ?1 AND store = ?2")
                .setParameter(1, sha256).setParameter(2, store).setParameter(3, state.name()).setParameter(4, now)
                .setParameter(5, now.plus(period)).setParameter(6, cut(error)).setParameter(7, state == State.OK ? 0 : 1)
                .executeUpdate();
    }

    /** A check that could not reach the store: tried again after {@code retry}, nothing concluded about the copy. */
    @Transactional
    public void postpone(String sha256, String store, Duration retry, String error) {
        em.createNativeQuery("UPDATE blob_copy SET next_check = ?3, last_error = ?4 WHERE sha256 = ?1 AND store = ?2")
                .setParameter(1, sha256).setParameter(2, store).setParameter(3, Instant.now().plus(retry)).setParameter(4, cut(error))
                .executeUpdate();
    }

    /** The copies a check covers: every store that holds, or should hold, a verified copy. */
    @Transactional
    public List<Copy> copies(String sha256) {
        List<Copy> out = new ArrayList<>();
        for (Object[] r : NativeRows.of(em.createNativeQuery("SELECT store, state, checked_at, last_error FROM blob_copy "
                + "WHERE sha256 = ?1 ORDER BY CASE WHEN store = 'primary' THEN 0 ELSE 1 END, store").setParameter(1, sha256))) {
            out.add(new Copy(r[0].toString().strip(), State.valueOf(r[1].toString().strip()), NativeRows.instant(r[2]),
                    r[3] == null ? null : r[3].toString()));
        }
        return out;
    }

    public record Copy(String store, State state, Instant checkedAt, String lastError) {}

    /**
     * Takes up to {@code limit} blobs with a copy due a check, and moves those copies' next check a
     * period on, so no other node takes them too (rows locked with SKIP LOCKED while this runs).
     */
    @Transactional
    public List<String> takeDue(int limit) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object> shas = em.createNativeQuery("SELECT sha256 FROM blob_copy WHERE next_check <= ?1 AND state <> 'PENDING' "
                + "ORDER BY next_check LIMIT " + limit + " FOR UPDATE SKIP LOCKED").setParameter(1, now).getResultList();
        List<String> distinct = shas.stream().map(o -> o.toString().strip()).distinct().toList();
        for (String sha : distinct) {
            em.createNativeQuery("UPDATE blob_copy SET next_check = ?2 WHERE sha256 = ?1 AND state <> 'PENDING'")
                    .setParameter(1, sha).setParameter(2, now.plus(period)).executeUpdate();
        }
        return distinct;
    }

    /** The digest of an asset's original; null when the asset is gone. */
    @Transactional
    public String shaOf(UUID assetId) {
        List<?> rows = em.createNativeQuery("SELECT sha256 FROM asset WHERE id = ?1").setParameter(1, assetId).getResultList();
        return rows.isEmpty() ? null : rows.getFirst().toString().strip();
    }

    /** The assets that hold this blob as their original or as a duplicate of it (each gets the PREMIS events). */
    @Transactional
    public List<UUID> assetsOf(String sha256) {
        return em.createNativeQuery("SELECT CAST(id AS VARCHAR(36)) FROM asset WHERE sha256 = ?1").setParameter(1, sha256)
                .getResultList().stream().map(o -> UUID.fromString(o.toString().strip())).toList();
    }

    /** A store's figures: copies and bytes verified, the replication backlog and its age, failures. */
    public record StoreFigures(String store, long objects, long bytes, long pending, Instant oldestPending, long damaged, long missing,
            long failedAttempts, String lastError) {}

    @Transactional
    public StoreFigures figures(String store) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT COALESCE(SUM(CASE WHEN c.state = 'OK' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.state = 'OK' THEN b.size_bytes ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.state = 'PENDING' THEN 1 ELSE 0 END), 0),
                       MIN(CASE WHEN c.state = 'PENDING' THEN b.created_at END),
                       COALESCE(SUM(CASE WHEN c.state = 'DAMAGED' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.state = 'MISSING' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(c.failures), 0)
                  FROM blob_copy c JOIN blob b ON b.sha256 = c.sha256
                 WHERE c.store = ?1""").setParameter(1, store).getSingleResult();
        List<?> err = em.createNativeQuery("SELECT last_error FROM blob_copy WHERE store = ?1 AND last_error IS NOT NULL "
                + "ORDER BY COALESCE(checked_at, stored_at) DESC LIMIT 1").setParameter(1, store).getResultList();
        return new StoreFigures(store, n(r[0]), n(r[1]), n(r[2]), NativeRows.instant(r[3]), n(r[4]), n(r[5]), n(r[6]),
                err.isEmpty() || err.getFirst() == null ? null : err.getFirst().toString());
    }

    /** The digests a replica still lacks (a store added later catches up on everything stored before it). */
    @Transactional
    public List<Object[]> missingFrom(String store, int limit) {
        return NativeRows.of(em.createNativeQuery("SELECT b.sha256, CAST(b.original_asset AS VARCHAR(36)) FROM blob b WHERE b.damaged_at IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM blob_copy c WHERE c.sha256 = b.sha256 AND c.store = ?1) ORDER BY b.created_at LIMIT " + limit)
                .setParameter(1, store));
    }

    @Transactional
    public long damagedBlobs() {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM blob WHERE damaged_at IS NOT NULL").getSingleResult()).longValue();
    }

    @Transactional
    public Instant damagedAt(String sha256) {
        List<?> rows = em.createNativeQuery("SELECT damaged_at FROM blob WHERE sha256 = ?1").setParameter(1, sha256).getResultList();
        return rows.isEmpty() ? null : NativeRows.instant(rows.getFirst());
    }

    /** No copy left that verifies: the blob is refused wherever it would be delivered (storage.BlobIntegrity). */
    @Transactional
    public void markDamaged(String sha256) {
        em.createNativeQuery("UPDATE blob SET damaged_at = ?2 WHERE sha256 = ?1 AND damaged_at IS NULL")
                .setParameter(1, sha256).setParameter(2, Instant.now()).executeUpdate();
    }

    /** A sound copy is back (restored by hand into a store, then checked): the blob is served again. */
    @Transactional
    public void markSound(String sha256) {
        em.createNativeQuery("UPDATE blob SET damaged_at = NULL WHERE sha256 = ?1").setParameter(1, sha256).executeUpdate();
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
    }
}
