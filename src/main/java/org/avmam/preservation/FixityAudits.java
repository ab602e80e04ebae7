package org.avmam.preservation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.avmam.api.ApiException;
import org.avmam.common.NativeRows;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.jboss.logging.Logger;

/**
 * Fixity audits. The scheduled one takes, each {@code avmam.storage.fixity.interval}, the copies
 * whose next check is due (spread over {@code period}, so every copy is checked once per period);
 * an admin can start a full audit, or one of named assets, at any time. Each audit's blobs are
 * checked by FIXITY jobs in batches; an item's outcome is written with the audit's counters, so a
 * job run again after a crash skips what it had checked.
 */
@ApplicationScoped
public class FixityAudits implements JobHandler {

    private static final Logger LOG = Logger.getLogger(FixityAudits.class);

    public enum Kind {
        SCHEDULED,
        FULL,
        ASSETS
    }

    private final EntityManager em;
    private final JobQueue jobs;
    private final FixityChecker checker;
    private final CopyLedger ledger;
    private final JobProgress progress;
    private final Replication replication;
    private final AvmamConfig.Fixity config;
    private final boolean workers;
    private ScheduledExecutorService timer;

    public FixityAudits(EntityManager em, JobQueue jobs, FixityChecker checker, CopyLedger ledger, JobProgress progress,
            Replication replication, AvmamConfig config, org.avmam.config.NodeRoles roles) {
        this.ledger = ledger;
        this.em = em;
        this.jobs = jobs;
        this.checker = checker;
        this.progress = progress;
        this.replication = replication;
        this.config = config.storage().fixity();
        this.workers = roles.worker();
    }

    void start(@Observes StartupEvent ev) {
        if (config.interval().isZero() || !workers) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fixity-scheduler").unstarted(r));
        long every = config.interval().toSeconds();
        timer.scheduleWithFixedDelay(this::tick, Math.min(every, 60), every, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** What the scheduler does each interval: the due checks, and copies a newly added replica still lacks. */
    public void tick() {
        try {
            int queued = replication.catchUp(1000);
            if (queued > 0) {
                LOG.infof("Queued %d replication(s) of originals stored before a replica was configured", queued);
            }
            List<String> due;
            while (!(due = QuarkusTransaction.requiringNew().call(() -> scheduleDue(config.batch() * 50))).isEmpty()) {
                LOG.infof("Fixity: %d blob(s) due a check queued", due.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Fixity scheduling failed; it runs again in %s", config.interval());
        }
    }

    /** Takes the due copies into a SCHEDULED audit, in the caller's transaction (tick's), which moves their next check on. */
    private List<String> scheduleDue(int limit) {
        List<String> due = ledger.takeDue(limit);
        if (!due.isEmpty()) {
            create(Kind.SCHEDULED, "system", due);
        }
        return due;
    }

    /** An audit of every blob ({@code assets} null) or of the named assets' originals; 404 for an asset that does not exist. */
    @Transactional
    public Audit start(Collection<UUID> assets, String by) {
        List<String> shas;
        if (assets == null) {
            shas = em.createNativeQuery("SELECT sha256 FROM blob ORDER BY sha256").getResultList().stream().map(o -> o.toString().strip())
                    .toList();
        } else {
            shas = new ArrayList<>();
            for (UUID id : assets) {
                List<?> rows = em.createNativeQuery("SELECT sha256 FROM asset WHERE id = ?1").setParameter(1, id).getResultList();
                if (rows.isEmpty()) {
                    throw ApiException.notFound("no asset with id {0}", id);
                }
                String sha = rows.getFirst().toString().strip();
                if (!shas.contains(sha)) {
                    shas.add(sha);
                }
            }
        }
        long id = create(assets == null ? Kind.FULL : Kind.ASSETS, by, shas);
        return get(id).orElseThrow();
    }

    private long create(Kind kind, String by, List<String> shas) {
        FixityAuditRow row = new FixityAuditRow();
        row.kind = kind.name();
        row.state = shas.isEmpty() ? "DONE" : "RUNNING";
        row.requestedBy = by;
        row.total = shas.size();
        row.createdAt = Instant.now();
        row.finishedAt = shas.isEmpty() ? row.createdAt : null;
        row.persist();
        long id = row.id;
        int batch = 0;
        for (int i = 0; i < shas.size(); i += config.batch(), batch++) {
            for (String sha : shas.subList(i, Math.min(shas.size(), i + config.batch()))) {
                em.createNativeQuery("INSERT INTO fixity_item (audit_id, batch, sha256) VALUES (?1, ?2, ?3)").setParameter(1, id)
                        .setParameter(2, batch).setParameter(3, sha).executeUpdate();
            }
            jobs.enqueue(null, JobType.FIXITY, id + "/" + batch);
        }
        return id;
    }

    /** An audit's progress and findings. */
    public record Audit(long id, Kind kind, String state, String requestedBy, int total, int checked, int failed, int repaired, int damaged,
            Instant createdAt, Instant finishedAt, List<Finding> findings) {}

    /** A blob of the audit whose check found something. */
    public record Finding(String sha256, String outcome) {}

    @Transactional
    public Optional<Audit> get(long id) {
        List<Object[]> rows = NativeRows.of(em.createNativeQuery("SELECT kind, state, requested_by, total, checked, failed, repaired, "
                + "damaged, created_at, finished_at FROM fixity_audit WHERE id = ?1").setParameter(1, id));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.getFirst();
        List<Finding> findings = NativeRows.of(em.createNativeQuery("SELECT sha256, outcome FROM fixity_item WHERE audit_id = ?1 "
                + "AND outcome IS NOT NULL AND outcome <> 'OK' ORDER BY sha256").setParameter(1, id)).stream()
                .map(f -> new Finding(f[0].toString().strip(), f[1].toString().strip())).toList();
        return Optional.of(new Audit(id, Kind.valueOf(r[0].toString().strip()), r[1].toString().strip(), r[2] == null ? null : r[2].toString(),
                n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]), NativeRows.instant(r[8]), NativeRows.instant(r[9]), findings));
    }

    @Override
    public JobType type() {
        return JobType.FIXITY;
    }

    @Override
    public void run(Job job) {
        String[] p = job.payload.split("/");
        long audit = Long.parseLong(p[0]);
        int batch = Integer.parseInt(p[1]);
        List<String> todo = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT sha256 FROM fixity_item "
                + "WHERE audit_id = ?1 AND batch = ?2 AND outcome IS NULL ORDER BY sha256").setParameter(1, audit).setParameter(2, batch)
                .getResultList().stream().map(o -> o.toString().strip()).toList());
        int done = 0;
        for (String sha : todo) {
            FixityChecker.Outcome o = checker.check(sha);
            QuarkusTransaction.requiringNew().run(() -> recordOutcome(audit, sha, o));
            progress.report(job, ++done / (double) todo.size());
        }
    }

    private void recordOutcome(long audit, String sha, FixityChecker.Outcome o) {
        int n = em.createNativeQuery("UPDATE fixity_item SET outcome = ?3 WHERE audit_id = ?1 AND sha256 = ?2 AND outcome IS NULL")
                .setParameter(1, audit).setParameter(2, sha).setParameter(3, o.label()).executeUpdate();
        if (n == 0) {
            return; // already counted by an earlier run of this job
        }
        em.createNativeQuery("UPDATE fixity_audit SET checked = checked + 1, failed = failed + ?2, repaired = repaired + ?3, "
                + "damaged = damaged + ?4 WHERE id = ?1")
                .setParameter(1, audit).setParameter(2, o.failed() > 0 ? 1 : 0).setParameter(3, o.repaired() > 0 ? 1 : 0)
                .setParameter(4, o.damaged() ? 1 : 0).executeUpdate();
        em.createNativeQuery("UPDATE fixity_audit SET state = 'DONE', finished_at = ?2 WHERE id = ?1 AND checked >= total AND state = 'RUNNING'")
                .setParameter(1, audit).setParameter(2, Instant.now()).executeUpdate();
    }

    private static int n(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }
}
