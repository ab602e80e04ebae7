package org.avmam.jobs;

/**
 * Runs one step for one asset. Handlers take the job (an asset id and a payload), reload what
 * they need, and must be idempotent: a job whose worker died is run again.
 */
public interface JobHandler {

    JobType type();

    /** Runs outside any transaction; throws to fail (retried unless it is a {@link JobFailure}). */
    void run(Job job) throws Exception;
}
