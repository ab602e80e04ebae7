package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.common.Json;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.storage.BlobStore;

/** PROBE: technical and embedded metadata of the original, stored on the asset. */
@ApplicationScoped
public class ProbeHandler implements JobHandler {

    private final ImageProbe images;
    private final AvProbe av;
    private final BlobStore blobs;
    private final org.avmam.provenance.Provenance provenance;
    private final FormatValidator validator;

    private final jakarta.enterprise.inject.Instance<DecodeOutputs> outputs;
    private final org.avmam.ffmpeg.FfmpegTools ffmpeg;

    public ProbeHandler(ImageProbe images, AvProbe av, BlobStore blobs, org.avmam.provenance.Provenance provenance,
            FormatValidator validator, jakarta.enterprise.inject.Instance<DecodeOutputs> outputs, org.avmam.ffmpeg.FfmpegTools ffmpeg) {
        this.outputs = outputs;
        this.ffmpeg = ffmpeg;
        this.provenance = provenance;
        this.validator = validator;
        this.images = images;
        this.av = av;
        this.blobs = blobs;
    }

    @Override
    public JobType type() {
        return JobType.PROBE;
    }

    @Override
    public void run(Job job) throws Exception {
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        Path original = blobs.path(asset.sha256);
        Probed probed = asset.mediaType == MediaType.IMAGE ? images.probeWithRaw(original) : av.probeWithRaw(original, asset.mimeType);
        TechnicalMetadata md = probed.technical();
        Checked checked = validate(job, asset, original, md);
        FormatValidator.Validation validation = checked.validation();
        if (!validation.usable()) {
            QuarkusTransaction.requiringNew().run(() -> provenance.record(job.assetId, org.avmam.provenance.Provenance.VALIDATION,
                    org.avmam.provenance.Provenance.Outcome.FAILURE, validation.tool(), String.join("; ", validation.problems())));
            throw FormatValidator.unusable(validation);
        }
        String json = Json.write(md);
        QuarkusTransaction.requiringNew().run(() -> {
            Asset a = Asset.findById(job.assetId);
            a.technical = json;
            a.technicalRaw = probed.raw();
            // ffprobe may find that an ".mp4" the bytes called video holds only sound.
            if (a.mediaType == MediaType.VIDEO && !md.hasVideo() && md.hasAudio()) {
                a.mediaType = MediaType.AUDIO;
            }
            // The original is kept as received whatever it holds; damage is named on the asset and in its history.
            for (String p : validation.problems()) {
                a.warn("damaged file: " + p);
            }
            provenance.record(a.id, org.avmam.provenance.Provenance.VALIDATION, validation.sound()
                    ? org.avmam.provenance.Provenance.Outcome.SUCCESS : org.avmam.provenance.Provenance.Outcome.WARNING, validation.tool(),
                    validation.sound() ? "well-formed and complete" : String.join("; ", validation.problems()));
            // Malformed metadata does not stop the asset: what could be read is kept, and each problem is named.
            if (md.image() != null) {
                for (String w : md.image().warnings()) {
                    a.warn("metadata: " + w);
                    provenance.record(a.id, org.avmam.provenance.Provenance.VALIDATION, org.avmam.provenance.Provenance.Outcome.WARNING,
                            md.probedWith(), "malformed metadata: " + w);
                }
            }
            // The rendition made from the validation decode, whose render job the pipeline then leaves out.
            checked.rendition().ifPresent(r -> provenance.record(job.assetId, org.avmam.provenance.Provenance.MIGRATION,
                    org.avmam.provenance.Provenance.Outcome.SUCCESS, "ffmpeg " + ffmpeg.version(), r));
        });
    }

    /** The validation, and the rendition made from its decode when one was. */
    private record Checked(FormatValidator.Validation validation, Optional<String> rendition) {}

    private Checked validate(Job job, Asset asset, Path original, TechnicalMetadata md) throws Exception {
        Optional<DecodeOutputs.Plan> plan = asset.mediaType == MediaType.IMAGE && outputs.isResolvable()
                ? outputs.get().plan(job, asset, md) : Optional.empty();
        long started = System.nanoTime();
        try {
            FormatValidator.Validation validation = validator.validate(original, asset.mimeType, asset.mediaType, md, plan);
            Optional<String> made = plan.isPresent() && validation.usable() ? plan.get().keep(System.nanoTime() - started) : Optional.empty();
            return new Checked(validation, made);
        } finally {
            if (plan.isPresent()) {
                plan.get().close();
            }
        }
    }
}
