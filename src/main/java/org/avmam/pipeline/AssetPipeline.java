package org.avmam.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.avmam.transcode.Rendition;
import java.util.List;
import org.avmam.common.Json;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobListener;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.speech.Transcriber;
import org.avmam.provenance.Provenance;
import org.avmam.ffmpeg.FfmpegTools;
import org.avmam.transcode.ProfileRegistry;
import org.avmam.transcode.TranscodeProfile;

/**
 * The one place that states the order of the pipeline:
 * PROBE → (RENDER per matching profile ‖ TRANSCRIBE if there is speech to hear) → INDEX → READY.
 * Every transition runs in the transaction that records the finished job, with the asset row
 * locked, so two steps finishing at once cannot both (or neither) start INDEX.
 */
@ApplicationScoped
public class AssetPipeline implements JobListener {

    private static final List<JobType> BEFORE_INDEX = List.of(JobType.RENDER, JobType.TRANSCRIBE, JobType.FINGERPRINT);

    private final JobQueue jobs;
    private final ProfileRegistry profiles;
    private final Transcriber transcriber;
    private final Provenance provenance;
    private final FfmpegTools ffmpeg;
    private final org.avmam.transcode.StillSource stills;
    private final org.avmam.transcode.RenderQueue renders;

    public AssetPipeline(JobQueue jobs, ProfileRegistry profiles, Transcriber transcriber, Provenance provenance,
            FfmpegTools ffmpeg, org.avmam.transcode.StillSource stills, org.avmam.transcode.RenderQueue renders) {
        this.stills = stills;
        this.renders = renders;
        this.jobs = jobs;
        this.profiles = profiles;
        this.transcriber = transcriber;
        this.provenance = provenance;
        this.ffmpeg = ffmpeg;
    }

    @Override
    public void started(Job job) {
        Asset asset = locked(job);
        if (asset.state == AssetState.RECEIVED) {
            asset.moveTo(AssetState.PROCESSING);
        }
    }

    @Override
    public void succeeded(Job job) {
        Asset asset = locked(job);
        if (asset.state == AssetState.FAILED) {
            return;
        }
        record(job, asset, Provenance.Outcome.SUCCESS, null);
        switch (job.type) {
            case PROBE -> {
                TechnicalMetadata md = asset.technical();
                boolean hasAudio = md != null && md.hasAudio();
                for (TranscodeProfile p : profiles.onIngest(asset.mediaType, md)) {
                    renders.enqueueUnlessCurrent(asset.id, p);
                }
                if (asset.mediaType == MediaType.IMAGE) {
                    // After the thumbnails on the image queue: the grid of a shoot first, the hashes with the previews.
                    jobs.enqueue(asset.id, JobType.FINGERPRINT, null, JobType.Queue.IMAGE, 1);
                } else if (md != null && md.hasVideo()) {
                    // Decoding a whole video to sample its frames is ffmpeg work: the transcode queue bounds it.
                    jobs.enqueue(asset.id, JobType.FINGERPRINT, null, JobType.Queue.TRANSCODE);
                }
                if (hasAudio && transcriber.supports(asset.language)) {
                    jobs.enqueue(asset.id, JobType.TRANSCRIBE, null);
                }
                if (jobs.countOpen(asset.id, BEFORE_INDEX) == 0) {
                    jobs.enqueue(asset.id, JobType.INDEX, null);
                }
            }
            case RENDER, TRANSCRIBE, FINGERPRINT -> {
                // The index holds no rendition: a render for an asset already READY (on demand, a rebuild) changes nothing there.
                if (!(job.type == JobType.RENDER && asset.state == AssetState.READY) && jobs.countOpen(asset.id, BEFORE_INDEX) == 0) {
                    jobs.enqueue(asset.id, JobType.INDEX, null);
                }
            }
            case INDEX -> {
                asset.moveTo(AssetState.READY);
                releaseStill(asset);
            }
            case REINDEX -> { } // belongs to no asset; never reaches the pipeline
        }
    }

    /** A cancelled render or transcription no longer holds the asset back from being indexed. */
    @Override
    public void cancelled(Job job) {
        Asset asset = locked(job);
        if (job.type == JobType.RENDER && asset.state == AssetState.READY) {
            return;
        }
        if (asset.state != AssetState.FAILED && job.type != JobType.INDEX && jobs.countOpen(asset.id, BEFORE_INDEX) == 0
                && jobs.countOpen(asset.id, List.of(JobType.INDEX)) == 0) {
            jobs.enqueue(asset.id, JobType.INDEX, null);
        }
    }

    /** Retrying a job of a failed asset resumes its pipeline, with the steps its failure cancelled. */
    @Override
    public void retried(Job job) {
        Asset asset = locked(job);
        if (asset.state == AssetState.FAILED) {
            asset.failedStep = null;
            asset.failureReason = null;
            asset.moveTo(AssetState.PROCESSING);
            Job.update("state = ?1, attempts = 0, runAt = ?2, finishedAt = null where assetId = ?3 and state = ?4 and id <> ?5",
                    Job.State.PENDING, java.time.Instant.now(), asset.id, Job.State.CANCELLED, job.id);
        }
    }

    /**
     * A failed rendition does not fail the asset: the original is safe and the other renditions
     * are still made; the rendition shows FAILED with ffmpeg's reason. Any other step failing
     * fails the asset and cancels what is left of its pipeline.
     */
    @Override
    public void failed(Job job) {
        Asset asset = locked(job);
        record(job, asset, Provenance.Outcome.FAILURE, job.lastError);
        if (job.type == JobType.RENDER || job.type == JobType.FINGERPRINT) {
            // Neither a rendition nor a perceptual hash is the record: the asset goes on without it, with a warning.
            if (job.type == JobType.RENDER) {
                renditionFailed(job);
            }
            asset.warn((job.type == JobType.RENDER ? "rendition " + job.payload : "perceptual hash") + " failed: " + job.lastError);
            if (asset.state != AssetState.FAILED && asset.state != AssetState.READY && jobs.countOpen(asset.id, BEFORE_INDEX) == 0
                    && jobs.countOpen(asset.id, List.of(JobType.INDEX)) == 0) {
                jobs.enqueue(asset.id, JobType.INDEX, null);
            }
            return;
        }
        asset.fail(job.step(), job.lastError);
        jobs.cancelOpen(asset.id);
        releaseStill(asset);
    }

    /** Every rendition of a settled asset is made: the decoded HEIC or RAW still they shared can go. */
    private void releaseStill(Asset asset) {
        try {
            stills.release(asset.sha256);
        } catch (java.io.IOException e) {
            org.jboss.logging.Logger.getLogger(AssetPipeline.class).warnf("cannot remove the decoded still of %s: %s", asset.id, e.getMessage());
        }
    }

    /** Renders that failed outside ffmpeg (the disk, a lost lease) still leave a FAILED rendition to show. */
    private void renditionFailed(Job job) {
        if (Rendition.find(job.assetId, job.payload).isPresent()) {
            return;
        }
        Rendition r = new Rendition();
        r.assetId = job.assetId;
        r.profile = job.payload;
        r.profileVersion = profiles.get(job.payload).map(TranscodeProfile::version).orElse(0);
        r.state = Rendition.State.FAILED;
        r.error = job.lastError == null ? "failed" : job.lastError.substring(0, Math.min(job.lastError.length(), 3900));
        r.createdAt = java.time.Instant.now();
        r.persist();
    }

    /** The PREMIS event for a finished step. */
    private void record(Job job, Asset asset, Provenance.Outcome outcome, String failure) {
        switch (job.type) {
            case PROBE -> {
                TechnicalMetadata md = asset.technical();
                String tool = md == null ? null : md.probedWith();
                provenance.record(asset.id, Provenance.METADATA_EXTRACTION, outcome, tool, failure != null ? failure
                        : "technical metadata of a " + asset.mediaType.name().toLowerCase() + " file");
            }
            case RENDER -> provenance.record(asset.id, Provenance.MIGRATION, outcome, "ffmpeg " + ffmpeg.version(),
                    failure != null ? failure : "rendition " + job.payload + " v"
                            + profiles.get(job.payload).map(p -> p.version()).orElse(0));
            case TRANSCRIBE -> provenance.record(asset.id, Provenance.TRANSCRIPTION, outcome, "Vosk",
                    failure != null ? failure : org.avmam.speech.TranscriptVersion.current(asset.id)
                            .map(v -> "transcript version " + v.version + " (" + v.model + ", " + v.language + ")").orElse(null));
            case INDEX -> provenance.record(asset.id, Provenance.INDEXING, outcome, "OpenSearch", failure);
            case FINGERPRINT, REINDEX -> { }
        }
    }

    private static Asset locked(Job job) {
        return Asset.findById(job.assetId, LockModeType.PESSIMISTIC_WRITE);
    }
}
