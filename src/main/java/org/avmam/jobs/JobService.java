package org.avmam.jobs;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.common.NativeRows;
import org.avmam.common.Where;

/** Listing, cancelling and retrying jobs. */
@ApplicationScoped
public class JobService {

    private final JobListener listener;
    private final JobQueue queue;

    public JobService(JobListener listener, JobQueue queue) {
        this.listener = listener;
        this.queue = queue;
    }

    @Transactional
    public List<JobView> list(UUID assetId, Job.State state, int page, int size) {
        Where w = new Where().and("assetId = :asset", "asset", assetId).and("state = :state", "state", state);
        return Job.<Job>find(w.query("order by id desc"), w.params()).page(Page.of(page, size)).list().stream().map(JobView::new).toList();
    }

    /** One queue at a glance: how many jobs wait (and how many of them are due), run, and failed, and how long the oldest due one has waited. */
    public record QueueView(JobType.Queue queue, long pending, long due, long running, long failed, Long oldestDueSeconds) {}

    /** Every queue, in their order, with its counts; the dashboard's "queues". */
    @Transactional
    public List<QueueView> queues() {
        Instant now = Instant.now();
        Map<JobType.Queue, long[]> counts = new EnumMap<>(JobType.Queue.class);
        for (JobType.Queue q : JobType.Queue.values()) {
            counts.put(q, new long[4]);
        }
        for (Object[] r : NativeRows.of(Job.getEntityManager().createNativeQuery(
                "SELECT queue, state, COUNT(*), SUM(CASE WHEN run_at <= ?1 THEN 1 ELSE 0 END) FROM job "
                        + "WHERE state IN ('PENDING', 'RUNNING', 'FAILED') GROUP BY queue, state").setParameter(1, now))) {
            long[] c = counts.get(JobType.Queue.valueOf(r[0].toString().strip()));
            long n = ((Number) r[2]).longValue();
            switch (Job.State.valueOf(r[1].toString().strip())) {
                case PENDING -> {
                    c[0] = n;
                    c[1] = r[3] == null ? 0 : ((Number) r[3]).longValue();
                }
                case RUNNING -> c[2] = n;
                default -> c[3] = n;
            }
        }
        Map<JobType.Queue, Instant> oldest = queue.oldestPending();
        return counts.entrySet().stream().map(e -> new QueueView(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                e.getValue()[3], oldest.containsKey(e.getKey()) ? java.time.Duration.between(oldest.get(e.getKey()), now).toSeconds() : null))
                .toList();
    }

    @Transactional
    public JobView get(long id) {
        return new JobView(find(id, false));
    }

    /** Stops a pending or running job. A running step notices at its next progress report. */
    @Transactional
    public JobView cancel(long id) {
        Job job = find(id, true);
        if (job.state != Job.State.PENDING && job.state != Job.State.RUNNING) {
            throw new ApiException(409, "Conflict", "job {0} is {1}; only PENDING or RUNNING jobs can be cancelled", id, job.state);
        }
        job.state = Job.State.CANCELLED;
        job.finishedAt = Instant.now();
        job.leaseUntil = null;
        JobListener.forJob(listener, job).cancelled(job);
        return new JobView(job);
    }

    /** Runs a failed or cancelled job again, with a fresh count of attempts. */
    @Transactional
    public JobView retry(long id) {
        Job job = find(id, true);
        if (job.state != Job.State.FAILED && job.state != Job.State.CANCELLED) {
            throw new ApiException(409, "Conflict", "job {0} is {1}; only FAILED or CANCELLED jobs can be retried", id, job.state);
        }
        job.state = Job.State.PENDING;
        job.attempts = 0;
        job.runAt = Instant.now();
        job.finishedAt = null;
        job.progress = null;
        job.leaseOwner = null;
        JobListener.forJob(listener, job).retried(job);
        return new JobView(job);
    }

    private static Job find(long id, boolean lock) {
        Job job = lock ? Job.findById(id, LockModeType.PESSIMISTIC_WRITE) : Job.findById(id);
        if (job == null) {
            throw ApiException.notFound("no job with id {0}", id);
        }
        return job;
    }
}
