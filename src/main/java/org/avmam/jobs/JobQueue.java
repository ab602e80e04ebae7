package org.avmam.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.avmam.config.AvmamConfig;

/**
 * The durable queue. Workers on any number of nodes lease jobs with SELECT … FOR UPDATE SKIP
 * LOCKED (PostgreSQL and H2 both have it), so no job is taken twice while its lease holds; a job
 * whose worker died is taken again once its lease has expired.
 */
@ApplicationScoped
public class JobQueue {

    private static final int MAX_ERROR = 4000;

    private final EntityManager em;
    private final AvmamConfig.Pipeline config;
    private final JobWakeups wakeups;

    public JobQueue(EntityManager em, AvmamConfig config, JobWakeups wakeups) {
        this.em = em;
        this.wakeups = wakeups;
        this.config = config.pipeline();
    }

    /** Joins the caller's transaction, so the job exists if and only if the state change does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(UUID assetId, JobType type, String payload) {
        return enqueue(assetId, type, payload, type.queue);
    }

    /** A job on another queue than its type's own (image renders are RENDER jobs on the IMAGE queue). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(UUID assetId, JobType type, String payload, JobType.Queue queue) {
        return enqueue(assetId, type, payload, queue, 0);
    }

    /** With a priority within the queue: lower runs first, whatever was queued before it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(UUID assetId, JobType type, String payload, JobType.Queue queue, int priority) {
        Job job = new Job();
        job.assetId = assetId;
        job.type = type;
        job.queue = queue;
        job.payload = payload;
        job.priority = priority;
        job.state = Job.State.PENDING;
        job.maxAttempts = config.maxAttempts();
        job.createdAt = Instant.now();
        job.runAt = job.createdAt;
        job.persist();
        wakeups.enqueued(em, queue);
        return job;
    }

    /** Takes the next due job of the queue for {@code owner}, if any. */
    @Transactional
    public Optional<Job> lease(JobType.Queue queue, String owner) {
        return leaseBatch(queue, owner, 1).stream().findFirst();
    }

    /**
     * Takes up to {@code max} due jobs of the queue for {@code owner} in one statement: a node with
     * several idle workers fills them with one round trip, and with tens of nodes the queue table
     * sees a lease per batch, not per job.
     */
    @Transactional
    public List<Job> leaseBatch(JobType.Queue queue, String owner, int max) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        // "state IN" lets the (queue, state, …) indexes skip the finished jobs, which the OR alone made every lease read.
        List<Number> ids = em.createNativeQuery("""
                SELECT id FROM job
                 WHERE queue = ?1
                   AND state IN ('PENDING', 'RUNNING')
                   AND ((state = 'PENDING' AND run_at <= ?2) OR (state = 'RUNNING' AND lease_until < ?2))
                 ORDER BY priority, run_at, id
                 LIMIT ?3
                 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, queue.name())
                .setParameter(2, now)
                .setParameter(3, Math.max(1, max))
                .getResultList();
        List<Job> leased = new java.util.ArrayList<>(ids.size());
        for (Number id : ids) {
            Job job = em.find(Job.class, id.longValue());
            job.state = Job.State.RUNNING;
            job.attempts++;
            job.leaseOwner = owner;
            job.leaseUntil = now.plus(config.lease());
            leased.add(job);
        }
        return leased;
    }

    /** Deletes done and cancelled jobs that finished before {@code before}; failed ones stay until someone acts on them. */
    @Transactional
    public int prune(Instant before) {
        return em.createQuery("DELETE FROM Job WHERE state IN (:finished) AND finishedAt < :before")
                .setParameter("finished", List.of(Job.State.DONE, Job.State.CANCELLED))
                .setParameter("before", before)
                .executeUpdate();
    }

    /** When the longest-waiting due job of each queue became due (absent for a queue with none). */
    @Transactional
    public java.util.Map<JobType.Queue, Instant> oldestPending() {
        java.util.Map<JobType.Queue, Instant> out = new java.util.EnumMap<>(JobType.Queue.class);
        for (Object[] r : org.avmam.common.NativeRows.of(em.createNativeQuery(
                "SELECT queue, MIN(run_at) FROM job WHERE state = 'PENDING' AND run_at <= ?1 GROUP BY queue").setParameter(1, Instant.now()))) {
            out.put(JobType.Queue.valueOf(r[0].toString().strip()), org.avmam.common.NativeRows.instant(r[1]));
        }
        return out;
    }

    /**
     * Extends the lease of a job still running under {@code leased}'s owner and attempt; false when
     * it is no longer ours (cancelled, finished, or taken by another worker after its lease ran out).
     */
    @Transactional
    public boolean renew(Job leased) {
        int n = em.createQuery("UPDATE Job SET leaseUntil = :until WHERE id = :id AND state = :running AND leaseOwner = :owner "
                + "AND attempts = :attempts")
                .setParameter("until", Instant.now().plus(config.lease()))
                .setParameter("id", leased.id)
                .setParameter("running", Job.State.RUNNING)
                .setParameter("owner", leased.leaseOwner)
                .setParameter("attempts", leased.attempts)
                .executeUpdate();
        return n == 1;
    }

    /** Whether another attempt of a job may still be running: RUNNING with a lease that has not run out. */
    @Transactional
    public boolean liveElsewhere(long jobId, int attempt) {
        Job job = em.find(Job.class, jobId);
        return job != null && job.state == Job.State.RUNNING && job.attempts == attempt && job.leaseUntil != null
                && job.leaseUntil.isAfter(Instant.now());
    }

    /**
     * Jobs this node held when it died (kill -9, power cut) go back to the queue at once instead
     * of waiting for their leases to run out.
     */
    @Transactional
    public int reclaim(String ownerPrefix) {
        return em.createQuery("UPDATE Job SET state = :pending, leaseUntil = null, runAt = :now "
                + "WHERE state = :running AND locate(:owner, leaseOwner) = 1")
                .setParameter("pending", Job.State.PENDING)
                .setParameter("now", Instant.now())
                .setParameter("running", Job.State.RUNNING)
                .setParameter("owner", ownerPrefix)
                .executeUpdate();
    }

    /** Marks the job done; false when it was no longer ours (cancelled, or re-leased after expiry). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean complete(Job leased) {
        Job job = lockedIfOurs(leased);
        if (job == null) {
            return false;
        }
        job.state = Job.State.DONE;
        job.finishedAt = Instant.now();
        job.leaseUntil = null;
        return true;
    }

    /**
     * Records a failed attempt: back to PENDING with exponential backoff while attempts remain,
     * FAILED otherwise. Returns the job when it failed for good.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Job> fail(Job leased, String error, boolean retryable) {
        Job job = lockedIfOurs(leased);
        if (job == null) {
            return Optional.empty();
        }
        job.lastError = truncate(error);
        job.leaseUntil = null;
        if (retryable && job.attempts < job.maxAttempts) {
            job.state = Job.State.PENDING;
            job.runAt = Instant.now().plus(backoff(job.attempts));
            return Optional.empty();
        }
        job.state = Job.State.FAILED;
        job.finishedAt = Instant.now();
        return Optional.of(job);
    }

    /** Back to the queue after {@code delay}, the attempt not counted: the job waits out an outage. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void defer(Job leased, String reason, Duration delay) {
        Job job = lockedIfOurs(leased);
        if (job == null) {
            return;
        }
        job.lastError = truncate(reason);
        job.leaseUntil = null;
        job.attempts--;
        job.state = Job.State.PENDING;
        job.runAt = Instant.now().plus(delay);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelOpen(UUID assetId) {
        em.createQuery("UPDATE Job SET state = :c, finishedAt = :now WHERE assetId = :a AND state IN (:open)")
                .setParameter("c", Job.State.CANCELLED)
                .setParameter("now", Instant.now())
                .setParameter("a", assetId)
                .setParameter("open", List.of(Job.State.PENDING, Job.State.RUNNING))
                .executeUpdate();
    }

    /** Jobs of the asset not yet finished, of the given types. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long countOpen(UUID assetId, List<JobType> types) {
        return Job.count("assetId = ?1 and type in ?2 and state in ?3", assetId, types,
                List.of(Job.State.PENDING, Job.State.RUNNING));
    }

    Duration backoff(int attempts) {
        return config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
    }

    private Job lockedIfOurs(Job leased) {
        Job job = em.find(Job.class, leased.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean ours = job != null && job.state == Job.State.RUNNING && leased.leaseOwner.equals(job.leaseOwner)
                && job.attempts == leased.attempts;
        return ours ? job : null;
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
    }
}
