package org.avmam.jobs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long steps report their progress (0..1) here. It is stored on the job at most once a second,
 * and each report checks that the job is still this worker's: a cancelled job stops its step
 * with {@link JobCancelled}.
 */
@ApplicationScoped
public class JobProgress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Map<Long, Long> lastWrite = new ConcurrentHashMap<>();

    public void report(Job job, double fraction) {
        long now = System.nanoTime();
        Long last = lastWrite.get(job.id);
        if (last != null && now - last < INTERVAL_NANOS && fraction < 1.0) {
            return;
        }
        lastWrite.put(job.id, now);
        double clamped = Math.max(0, Math.min(1, fraction));
        int updated = QuarkusTransaction.requiringNew().call(() -> Job.update(
                "progress = ?1 where id = ?2 and state = ?3 and leaseOwner = ?4 and attempts = ?5",
                clamped, job.id, Job.State.RUNNING, job.leaseOwner, job.attempts));
        if (updated == 0) {
            lastWrite.remove(job.id);
            throw new JobCancelled(job.id);
        }
        if (clamped >= 1.0) {
            lastWrite.remove(job.id);
        }
    }
}
