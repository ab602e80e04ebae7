package org.avmam.preservation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.avmam.asset.BlobRecorded;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobDeferred;
import org.avmam.jobs.JobFailure;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.provenance.Provenance;
import org.avmam.storage.BlobStore;
import org.avmam.storage.ObjectStore;
import org.avmam.storage.Sha256;
import org.avmam.storage.StoreUnavailableException;
import org.avmam.storage.Stores;
import org.jboss.logging.Logger;

/**
 * Every new original is copied to each replica store by a durable REPLICATE job, read back from
 * the replica and checked against its SHA-256, and only then recorded as a copy. A replica that
 * is down delays its jobs (they wait and are tried again, the attempt not counted); ingest never
 * waits for it.
 */
@ApplicationScoped
public class Replication implements JobHandler {

    private static final Logger LOG = Logger.getLogger(Replication.class);

    private final Stores stores;
    private final BlobStore primary;
    private final CopyLedger ledger;
    private final JobQueue jobs;
    private final Provenance provenance;
    private final Duration retry;

    public Replication(Stores stores, BlobStore primary, CopyLedger ledger, JobQueue jobs, Provenance provenance, AvmamConfig config) {
        this.stores = stores;
        this.primary = primary;
        this.ledger = ledger;
        this.jobs = jobs;
        this.provenance = provenance;
        this.retry = config.storage().unavailableRetry();
    }

    /** In the transaction that records the new original: its primary copy, and a job per replica. */
    void onNewBlob(@Observes BlobRecorded e) {
        ledger.expect(e.sha256(), Stores.PRIMARY, CopyLedger.State.OK, e.at());
        for (ObjectStore r : stores.replicas()) {
            ledger.expect(e.sha256(), r.name(), CopyLedger.State.PENDING, e.at());
            jobs.enqueue(e.assetId(), JobType.REPLICATE, r.name());
        }
    }

    /**
     * Originals stored before a replica was configured: copied too, a bounded number per call
     * (the scheduler calls it again until none is left). Returns how many jobs it queued.
     */
    @Transactional
    public int catchUp(int limit) {
        int queued = 0;
        for (ObjectStore r : stores.replicas()) {
            for (Object[] row : ledger.missingFrom(r.name(), limit)) {
                String sha = row[0].toString().strip();
                ledger.expect(sha, r.name(), CopyLedger.State.PENDING, Instant.now());
                jobs.enqueue(UUID.fromString(row[1].toString().strip()), JobType.REPLICATE, r.name());
                queued++;
            }
        }
        return queued;
    }

    @Override
    public JobType type() {
        return JobType.REPLICATE;
    }

    @Override
    public void run(Job job) throws Exception {
        ObjectStore replica = stores.replica(job.payload).orElseThrow(() -> new JobFailure(
                "no replica store named '" + job.payload + "' is configured on this node (avmam.storage.replica / replicas)"));
        String sha = ledger.shaOf(job.assetId);
        if (sha == null) {
            return; // the asset was deleted meanwhile; its blob is not ours to copy
        }
        if (ledger.state(sha, replica.name()) == CopyLedger.State.OK) {
            return; // a rerun after the copy was recorded
        }
        try {
            copy(sha, replica);
        } catch (StoreUnavailableException e) {
            ledger.attemptFailed(sha, replica.name(), e.getMessage());
            throw new JobDeferred(e.getMessage(), retry, e);
        } catch (IOException e) {
            ledger.attemptFailed(sha, replica.name(), e.getMessage());
            throw e;
        }
        ledger.stored(sha, replica.name());
        for (UUID asset : ledger.assetsOf(sha)) {
            provenance.record(asset, Provenance.REPLICATION, Provenance.Outcome.SUCCESS, null,
                    "copied to store '" + replica.name() + "' and read back: SHA-256 " + sha);
        }
        LOG.debugf("Replicated %s to %s", sha, replica.name());
    }

    /**
     * Writes the primary's copy to the replica and reads it back. The digest read back is compared
     * with the recorded one, not with the source: a source that went bad is caught here too.
     */
    private void copy(String sha, ObjectStore replica) throws IOException {
        Path source = primary.path(sha);
        replica.write(sha, source);
        String back;
        try (InputStream in = replica.open(sha)) {
            back = Sha256.of(in);
        }
        if (!back.equals(sha)) {
            throw new IOException("the copy on store '" + replica.name() + "' reads back as " + back + ", not " + sha
                    + " (the primary's copy or the transfer is bad; the next fixity audit finds out which)");
        }
    }
}
