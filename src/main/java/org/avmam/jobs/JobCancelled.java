package org.avmam.jobs;

/** Thrown into a running step when its job was cancelled (or taken over): the step stops. */
public class JobCancelled extends RuntimeException {

    public JobCancelled(long jobId) {
        super("job " + jobId + " was cancelled");
    }
}
