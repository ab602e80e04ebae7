package org.avmam.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A job as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(long id, UUID assetId, JobType type, String payload, Job.State state, int attempts, int maxAttempts,
        Double progress, String worker, String lastError, Instant createdAt, Instant runAt, Instant finishedAt, String url) {

    /** {@code worker} is the node and thread that ran (or runs) the job, e.g. "node-a/transcode-0". */
    public JobView(Job j) {
        this(j.id, j.assetId, j.type, j.payload, j.state, j.attempts, j.maxAttempts, j.progress, j.leaseOwner, j.lastError,
                j.createdAt, j.runAt, j.finishedAt, "/api/v1/jobs/" + j.id);
    }
}
