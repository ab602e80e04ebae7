package org.avmam.jobs;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.common.Where;

/** Listing, cancelling and retrying jobs. */
@ApplicationScoped
public class JobService {

    private final JobListener listener;

    public JobService(JobListener listener) {
        this.listener = listener;
    }

    @Transactional
    public List<JobView> list(UUID assetId, Job.State state, int page, int size) {
        Where w = new Where().and("assetId = :asset", "asset", assetId).and("state = :state", "state", state);
        return Job.<Job>find(w.query("order by id desc"), w.params()).page(Page.of(page, size)).list().stream().map(JobView::new).toList();
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
            throw new ApiException(409, "Conflict", "job " + id + " is " + job.state + "; only PENDING or RUNNING jobs can be cancelled");
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
            throw new ApiException(409, "Conflict", "job " + id + " is " + job.state + "; only FAILED or CANCELLED jobs can be retried");
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
            throw ApiException.notFound("no job with id " + id);
        }
        return job;
    }
}
