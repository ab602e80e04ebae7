package org.avmam.jobs;

/**
 * What happens to the aggregate when its jobs move: implemented by the pipeline that states the
 * order of steps. Each call runs inside the transaction that records the job's new state.
 */
public interface JobListener {

    void started(Job job);

    void succeeded(Job job);

    void failed(Job job);
}
