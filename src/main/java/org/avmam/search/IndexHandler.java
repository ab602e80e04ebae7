package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.avmam.asset.Asset;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobDeferred;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;

/**
 * INDEX, the pipeline's last step: the asset's document, written and refreshed before the asset
 * says READY (searchable the moment it is READY). Later changes go through the outbox in bulk.
 * While OpenSearch is down the job waits, its attempts untouched, and runs when it is back.
 */
@ApplicationScoped
public class IndexHandler implements JobHandler {

    private static final Duration WAIT_WHILE_DOWN = Duration.ofSeconds(5);

    private final AssetIndex index;
    private final SearchDocuments documents;
    private final SearchOutbox outbox;

    public IndexHandler(AssetIndex index, SearchDocuments documents, SearchOutbox outbox) {
        this.index = index;
        this.documents = documents;
        this.outbox = outbox;
    }

    @Override
    public JobType type() {
        return JobType.INDEX;
    }

    record Versioned(long version, Map<String, Object> document) {}

    @Override
    public void run(Job job) throws Exception {
        Versioned v = QuarkusTransaction.requiringNew().call(() -> {
            Asset asset = Asset.findById(job.assetId);
            return new Versioned(asset.indexVersion, documents.document(asset));
        });
        try {
            index.put(job.assetId.toString(), v.version(), v.document());
        } catch (SearchUnavailable e) {
            throw new JobDeferred(e.getMessage(), WAIT_WHILE_DOWN, e);
        }
        // Logged as sent, so a reindex running now sends this asset again into its new index.
        QuarkusTransaction.requiringNew().run(() -> outbox.recordSent(job.assetId));
    }
}
