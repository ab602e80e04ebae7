package org.avmam.jobs;

/**
 * What happens to the aggregate when its jobs move: implemented by the pipeline that states the
 * order of steps. Each call runs inside the transaction that records the job's new state.
 */
public interface JobListener {

    /**
     * The listener a job reports to: the pipeline for an asset's pipeline step, nobody for a job of
     * no asset (a reindex) or outside the pipeline (a replication, which never moves the asset's state).
     */
    static JobListener forJob(JobListener pipeline, Job job) {
        return job.assetId == null || !job.type.pipelineStep() ? NONE : pipeline;
    }

    /** For jobs that belong to no aggregate. */
    JobListener NONE = new JobListener() {
        @Override
        public void started(Job job) {}

        @Override
        public void succeeded(Job job) {}

        @Override
        public void failed(Job job) {}

        @Override
        public void cancelled(Job job) {}

        @Override
        public void retried(Job job) {}
    };

    void started(Job job);

    void succeeded(Job job);

    /** The job failed for good (attempts used up, or a failure retrying cannot mend). */
    void failed(Job job);

    /** Someone cancelled the job. */
    void cancelled(Job job);

    /** Someone asked for a failed or cancelled job to run again. */
    void retried(Job job);
}
