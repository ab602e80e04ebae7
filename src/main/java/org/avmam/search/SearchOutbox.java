package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import org.avmam.common.NativeRows;

/**
 * The search outbox. A change of an indexed field calls {@link #enqueue} inside its own
 * transaction: the row commits with the change or not at all, so no change is ever missed by the
 * index. {@link #drainOnce} sends due rows in one _bulk request; while OpenSearch is down the rows
 * wait, their next try backing off, and are sent when it is back. Rows are leased with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes sharing a database share the sending.
 */
@ApplicationScoped
public class SearchOutbox {

    private static final Logger LOG = Logger.getLogger(SearchOutbox.class);

    /** What one drain did: rows sent, rows refused by OpenSearch, or whether the cluster was away. */
    public record Drained(int sent, int refused, boolean unavailable) {}

    /** Pending rows, the oldest one's age, rows that failed at least once. */
    public record Status(long pending, Duration oldest, long failing, String lastError) {}

    private final EntityManager em;
    private final SearchDocuments documents;
    private final AssetIndex index;
    private final AvmamConfig.Search.Outbox config;

    public SearchOutbox(EntityManager em, SearchDocuments documents, AssetIndex index, AvmamConfig config) {
        this.em = em;
        this.documents = documents;
        this.index = index;
        this.config = config.search().outbox();
    }

    /**
     * Records that the asset's document must be rebuilt, in the caller's transaction, and raises the
     * asset's index version so the new document outranks any older one still on its way.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(UUID assetId) {
        // Through the entity, not SQL: a caller holding the asset managed would otherwise write the old version back.
        org.avmam.asset.Asset asset = em.find(org.avmam.asset.Asset.class, assetId);
        if (asset != null) {
            asset.indexVersion++;
        }
        insert(List.of(assetId));
    }

    /** Every change to an asset's document, in the transaction that made it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void changed(@jakarta.enterprise.event.Observes org.avmam.asset.AssetChanged change) {
        enqueue(change.assetId());
    }

    /** Every asset of the database, e.g. into a new, empty index. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueueAll() {
        Instant now = Instant.now();
        return em.createNativeQuery("INSERT INTO search_outbox (asset_id, created_at, next_at) SELECT id, ?1, ?1 FROM asset")
                .setParameter(1, now).executeUpdate();
    }

    /**
     * Notes a document the pipeline wrote itself (its INDEX step), as already sent: the outbox is
     * then the log of every document written, which a reindex replays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSent(UUID assetId) {
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO search_outbox (asset_id, created_at, next_at, done_at) VALUES (?1, ?2, ?2, ?2)")
                .setParameter(1, assetId).setParameter(2, now).executeUpdate();
    }

    /** The assets whose documents changed since {@code since}: what a reindex must send again after it moved the alias. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int replaySince(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT DISTINCT asset_id FROM search_outbox WHERE created_at >= ?1")
                .setParameter(1, since).getResultList();
        List<UUID> assets = ids.stream().map(NativeRows::uuid).toList();
        insert(assets);
        return assets.size();
    }

    private void insert(Collection<UUID> assets) {
        Instant now = Instant.now();
        for (UUID id : assets) {
            em.createNativeQuery("INSERT INTO search_outbox (asset_id, created_at, next_at) VALUES (?1, ?2, ?2)")
                    .setParameter(1, id).setParameter(2, now).executeUpdate();
        }
    }

    /**
     * Sends up to one batch of due updates. The rows stay locked while the bulk request runs, so
     * no other node sends them at the same time; they are marked sent, or given a later try.
     */
    public Drained drainOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT id, asset_id, attempts FROM search_outbox
                     WHERE done_at IS NULL AND next_at <= ?1
                     ORDER BY id
                     LIMIT ?2
                     FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
            if (rows.isEmpty()) {
                return new Drained(0, 0, false);
            }
            Set<UUID> assets = rows.stream().map(r -> NativeRows.uuid(r[1])).collect(Collectors.toCollection(LinkedHashSet::new));
            List<AssetIndex.Op> ops = documents.ops(assets);
            List<AssetIndex.Refused> refused;
            try {
                refused = index.bulk(index.alias(), ops, true);
            } catch (SearchUnavailable e) {
                for (Object[] r : rows) {
                    retryLater(((Number) r[0]).longValue(), ((Number) r[2]).intValue(), e.getMessage(), now);
                }
                return new Drained(0, 0, true);
            }
            Map<String, AssetIndex.Refused> byId = refused.stream()
                    .collect(Collectors.toMap(r -> recordOf(r.id(), ops), r -> r, (a, b) -> a));
            List<Long> sent = new ArrayList<>();
            for (Object[] r : rows) {
                AssetIndex.Refused no = byId.get(NativeRows.uuid(r[1]).toString());
                if (no == null) {
                    sent.add(((Number) r[0]).longValue());
                } else {
                    LOG.warnf("OpenSearch refused the document of asset %s (%d): %s", no.id(), no.status(), no.reason());
                    retryLater(((Number) r[0]).longValue(), ((Number) r[2]).intValue(), no.status() + " " + no.reason(), now);
                }
            }
            if (!sent.isEmpty()) {
                em.createNativeQuery("UPDATE search_outbox SET done_at = ?1, last_error = NULL WHERE id IN (?2)")
                        .setParameter(1, Instant.now()).setParameter(2, sent).executeUpdate();
            }
            return new Drained(sent.size(), rows.size() - sent.size(), false);
        });
    }

    /** A refused clip document is retried with its record's, whose outbox row it came from. */
    private static String recordOf(String docId, List<AssetIndex.Op> ops) {
        if (!docId.startsWith(SearchDocuments.CLIP_PREFIX)) {
            return docId;
        }
        return ops.stream().filter(o -> o.id().equals(docId) && o.document() != null).map(o -> String.valueOf(o.document().get("asset")))
                .findFirst().orElse(docId);
    }

    private void retryLater(long id, int attempts, String error, Instant now) {
        Duration wait = backoff(attempts + 1);
        em.createNativeQuery("UPDATE search_outbox SET attempts = ?1, next_at = ?2, last_error = ?3 WHERE id = ?4")
                .setParameter(1, attempts + 1).setParameter(2, now.plus(wait))
                .setParameter(3, error == null ? null : error.substring(0, Math.min(error.length(), 1990))).setParameter(4, id)
                .executeUpdate();
    }

    /** 0.5 s, 1 s, 2 s ... up to avmam.search.outbox.max-backoff: a long outage costs one try per max-backoff. */
    Duration backoff(int attempts) {
        Duration d = Duration.ofMillis(500L << Math.min(attempts - 1, 20));
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    /** Forgets sent rows older than avmam.search.outbox.keep, except those a running reindex may still replay. */
    @Transactional
    public int purge() {
        Instant cutoff = Instant.now().minus(config.keep());
        Object running = em.createNativeQuery("SELECT MIN(started_at) FROM search_reindex WHERE active_key IS NOT NULL")
                .getSingleResult();
        if (running != null) {
            Instant started = NativeRows.instant(running);
            cutoff = started.isBefore(cutoff) ? started.minus(Duration.ofMinutes(1)) : cutoff;
        }
        return em.createNativeQuery("DELETE FROM search_outbox WHERE done_at IS NOT NULL AND done_at < ?1").setParameter(1, cutoff)
                .executeUpdate();
    }

    @Transactional
    public Status status() {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT COUNT(*), MIN(created_at), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END)
                  FROM search_outbox WHERE done_at IS NULL""").getSingleResult();
        long pending = ((Number) row[0]).longValue();
        Instant oldest = NativeRows.instant(row[1]);
        @SuppressWarnings("unchecked")
        List<Object> errors = em.createNativeQuery(
                "SELECT last_error FROM search_outbox WHERE done_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1")
                .getResultList();
        return new Status(pending, oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()),
                row[2] == null ? 0 : ((Number) row[2]).longValue(), errors.isEmpty() ? null : (String) errors.get(0));
    }
}
