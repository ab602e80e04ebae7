package org.avmam.jobs;

import java.time.Duration;

/**
 * The step cannot run now for a reason outside the job (OpenSearch is down): the job goes back
 * to the queue to run after {@code delay}, and the attempt does not count against its limit, so
 * an outage of any length delays the work but never fails it.
 */
public class JobDeferred extends RuntimeException {

    private final Duration delay;

    public JobDeferred(String reason, Duration delay, Throwable cause) {
        super(reason, cause);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
