package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobCancelled;
import org.avmam.jobs.JobDeferred;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.jboss.logging.Logger;
import org.avmam.common.NativeRows;

/**
 * Rebuilds the search index with no downtime: every asset's document is written into a new index
 * while searches go on against the old one through the alias; then the alias moves in one atomic
 * request, the old index is dropped, and what changed during the copy is sent again (the outbox
 * keeps sent rows for that). A REINDEX job runs it; its cursor (the last asset id copied) is kept
 * in {@code search_reindex}, so a restarted service goes on where it stopped, not from the start.
 */
@ApplicationScoped
public class Reindexer implements JobHandler {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    /** Clocks of nodes differ a little; the replay looks back this much further. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    public enum State {
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    public record Status(long id, String targetIndex, State state, long done, long total, Instant startedAt, Instant finishedAt,
            String error, Long jobId) {}

    /** The reindex asked for, and whether it was already running. */
    public record Started(Status status, boolean alreadyRunning) {}

    private final EntityManager em;
    private final AssetIndex index;
    private final SearchDocuments documents;
    private final SearchOutbox outbox;
    private final JobQueue jobs;
    private final JobProgress progress;
    private final AvmamConfig.Search.Outbox config;

    public Reindexer(EntityManager em, AssetIndex index, SearchDocuments documents, SearchOutbox outbox, JobQueue jobs,
            JobProgress progress, AvmamConfig config) {
        this.em = em;
        this.index = index;
        this.documents = documents;
        this.outbox = outbox;
        this.jobs = jobs;
        this.progress = progress;
        this.config = config.search().outbox();
    }

    @Override
    public JobType type() {
        return JobType.REINDEX;
    }

    /** Starts a reindex, or answers the one already running (one at a time, across all nodes). */
    public Started start() {
        Optional<Status> already = active();
        if (already.isPresent()) {
            return new Started(already.get(), true);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String target = index.newIndexName();
                long total = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM asset").getSingleResult()).longValue();
                em.createNativeQuery("""
                        INSERT INTO search_reindex (target_index, state, active_key, total_count, started_at)
                        VALUES (?1, 'RUNNING', 'active', ?2, ?3)""")
                        .setParameter(1, target).setParameter(2, total).setParameter(3, Instant.now()).executeUpdate();
                long id = ((Number) em.createNativeQuery("SELECT id FROM search_reindex WHERE active_key = 'active'")
                        .getSingleResult()).longValue();
                jobs.enqueue(null, JobType.REINDEX, Long.toString(id));
                LOG.infof("Reindex %d started: %d assets into %s", id, total, target);
                return new Started(status(id).orElseThrow(), false);
            });
        } catch (RuntimeException e) {
            // The unique active_key: another reindex is running (perhaps started by another node).
            Optional<Status> running = active();
            if (running.isPresent()) {
                return new Started(running.get(), true);
            }
            throw e;
        }
    }

    @Override
    public void run(Job job) throws Exception {
        long id = Long.parseLong(job.payload);
        Status s = status(id).orElseThrow(() -> new IllegalStateException("reindex " + id + " is not recorded"));
        if (s.state() != State.RUNNING) {
            return;
        }
        try {
            copy(job, s);
        } catch (SearchUnavailable e) {
            throw new JobDeferred("OpenSearch is not reachable; the reindex goes on when it is", Duration.ofSeconds(10), e);
        } catch (JobCancelled e) {
            finish(id, State.CANCELLED, "cancelled");
            dropQuietly(s.targetIndex());
            throw e;
        } catch (Exception e) {
            if (job.attempts >= job.maxAttempts) {
                finish(id, State.FAILED, e.getMessage());
                dropQuietly(s.targetIndex());
            }
            throw e;
        }
    }

    private void copy(Job job, Status s) throws Exception {
        if (!index.indexExists(s.targetIndex())) {
            index.createIndex(s.targetIndex());
        }
        UUID cursor = QuarkusTransaction.requiringNew().call(() -> {
            Object c = em.createNativeQuery("SELECT cursor_id FROM search_reindex WHERE id = ?1").setParameter(1, s.id())
                    .getSingleResult();
            return c == null ? null : NativeRows.uuid(c);
        });
        long done = s.done();
        // While OpenSearch takes one batch, the next one is read and built: the database and the
        // cluster work at the same time instead of taking turns.
        try (var builder = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().factory())) {
            List<UUID> ids = page(cursor);
            java.util.concurrent.Future<List<AssetIndex.Op>> next = ids.isEmpty() ? null : prefetch(builder, ids);
            while (!ids.isEmpty()) {
                List<AssetIndex.Op> ops = next.get();
                List<UUID> following = page(ids.getLast());
                next = following.isEmpty() ? null : prefetch(builder, following);
                List<AssetIndex.Refused> refused = index.bulk(s.targetIndex(), ops, false);
                if (!refused.isEmpty()) {
                    throw new java.io.IOException(refused.size() + " documents refused by OpenSearch, e.g. " + refused.getFirst());
                }
                done += ids.size();
                long doneNow = done;
                UUID cursorNow = ids.getLast();
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE search_reindex SET cursor_id = ?1, done_count = ?2 WHERE id = ?3")
                        .setParameter(1, cursorNow).setParameter(2, doneNow).setParameter(3, s.id()).executeUpdate());
                progress.report(job, s.total() == 0 ? 0.99 : Math.min(0.99, (double) done / s.total()));
                ids = following;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        index.count(s.targetIndex()); // refreshes the new index: searchable the moment the alias moves
        index.swapAlias(s.targetIndex());
        int replayed = QuarkusTransaction.requiringNew().call(() -> outbox.replaySince(s.startedAt().minus(CLOCK_MARGIN)));
        finish(s.id(), State.DONE, null);
        LOG.infof("Reindex %d done: %d documents in %s; %d changed during the copy and are sent again", s.id(), done,
                s.targetIndex(), replayed);
    }

    /** The next batch of asset ids after {@code after} (from the start when null), in id order. */
    @SuppressWarnings("unchecked")
    private List<UUID> page(UUID after) {
        List<Object> rows = QuarkusTransaction.requiringNew().call(() -> (after == null
                ? em.createNativeQuery("SELECT id FROM asset ORDER BY id LIMIT ?1").setParameter(1, config.batchSize())
                : em.createNativeQuery("SELECT id FROM asset WHERE id > ?1 ORDER BY id LIMIT ?2").setParameter(1, after)
                        .setParameter(2, config.batchSize()))
                .getResultList());
        return rows.stream().map(NativeRows::uuid).toList();
    }

    private java.util.concurrent.Future<List<AssetIndex.Op>> prefetch(java.util.concurrent.ExecutorService builder, List<UUID> ids) {
        return builder.submit(() -> documents.ops(ids));
    }

    private void finish(long id, State state, String error) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE search_reindex SET state = ?1, active_key = NULL, finished_at = ?2, error = ?3 WHERE id = ?4""")
                .setParameter(1, state.name()).setParameter(2, Instant.now())
                .setParameter(3, error == null ? null : error.substring(0, Math.min(error.length(), 1990))).setParameter(4, id)
                .executeUpdate());
    }

    private void dropQuietly(String target) {
        try {
            if (!index.indicesOf(index.alias()).contains(target)) {
                index.deleteIndex(target);
            }
        } catch (Exception e) {
            LOG.warnf("The unfinished index %s could not be dropped: %s", target, e.getMessage());
        }
    }

    public Optional<Status> active() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("SELECT id FROM search_reindex WHERE active_key IS NOT NULL").getResultList();
            return ids.isEmpty() ? Optional.<Status>empty() : status(((Number) ids.getFirst()).longValue());
        });
    }

    public Optional<Status> status(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT id, target_index, state, done_count, total_count, started_at, finished_at, error
                      FROM search_reindex WHERE id = ?1""").setParameter(1, id).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Status>empty();
            }
            Object[] r = rows.getFirst();
            Long jobId = Job.<Job>find("type = ?1 and payload = ?2 order by id desc", JobType.REINDEX, Long.toString(id))
                    .firstResultOptional().map(j -> j.id).orElse(null);
            return Optional.of(new Status(((Number) r[0]).longValue(), (String) r[1], State.valueOf((String) r[2]),
                    ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), NativeRows.instant(r[5]),
                    NativeRows.instant(r[6]), (String) r[7], jobId));
        });
    }
}
