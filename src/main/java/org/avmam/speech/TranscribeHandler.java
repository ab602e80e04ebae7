package org.avmam.speech;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.storage.BlobStore;

/** TRANSCRIBE: the speech of an audio or video asset, in the asset's language. */
@ApplicationScoped
public class TranscribeHandler implements JobHandler {

    private final Transcriber transcriber;
    private final BlobStore blobs;

    public TranscribeHandler(Transcriber transcriber, BlobStore blobs) {
        this.transcriber = transcriber;
        this.blobs = blobs;
    }

    @Override
    public JobType type() {
        return JobType.TRANSCRIBE;
    }

    @Override
    public void run(Job job) throws Exception {
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        Transcript t = transcriber.transcribe(blobs.path(asset.sha256), asset.language);
        String words = Json.write(t.words());
        QuarkusTransaction.requiringNew().run(() -> {
            TranscriptEntity e = TranscriptEntity.<TranscriptEntity>findByIdOptional(asset.id).orElseGet(TranscriptEntity::new);
            e.assetId = asset.id;
            e.language = t.language();
            e.model = t.model();
            e.text = t.text();
            e.words = words;
            e.createdAt = Instant.now();
            e.persist();
        });
    }
}
