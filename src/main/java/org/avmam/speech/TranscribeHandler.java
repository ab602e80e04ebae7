package org.avmam.speech;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobType;
import org.avmam.storage.BlobStore;

/**
 * TRANSCRIBE: the speech of an audio or video asset, in the asset's language (or the language
 * the job names, for a re-transcription), saved as the next transcript version.
 */
@ApplicationScoped
public class TranscribeHandler implements JobHandler {

    private final Transcriber transcriber;
    private final TranscriptService transcripts;
    private final BlobStore blobs;
    private final JobProgress progress;

    public TranscribeHandler(Transcriber transcriber, TranscriptService transcripts, BlobStore blobs, JobProgress progress) {
        this.transcriber = transcriber;
        this.transcripts = transcripts;
        this.blobs = blobs;
        this.progress = progress;
    }

    @Override
    public JobType type() {
        return JobType.TRANSCRIBE;
    }

    @Override
    public void run(Job job) throws Exception {
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        String language = job.payload != null ? job.payload : asset.language;
        TechnicalMetadata md = asset.technical();
        double duration = md == null || md.durationSeconds() == null ? 0 : md.durationSeconds();
        Transcript t = transcriber.transcribe(blobs.path(asset.sha256), language, duration, fraction -> progress.report(job, fraction));
        transcripts.saveMachine(asset.id, job.id, t);
    }
}
