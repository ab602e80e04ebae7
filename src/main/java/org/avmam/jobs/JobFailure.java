package org.avmam.jobs;

/**
 * A step failure that retrying cannot mend (a corrupt file, an unsupported codec): the job fails
 * at once instead of backing off and trying again.
 */
public class JobFailure extends RuntimeException {

    public JobFailure(String reason) {
        super(reason);
    }

    public JobFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
