package org.avmam.transcode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.avmam.asset.Asset;
import org.avmam.asset.Rendition;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobFailure;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.metadata.TechnicalMetadata;
import org.avmam.process.ProcessRunner;
import org.avmam.storage.BlobStore;

/**
 * RENDER: one profile for one asset. The output path follows from the asset id and the profile,
 * and ffmpeg writes to a temp name first, so a re-run replaces the same file and a killed run
 * leaves no half-written rendition behind (its temp file is removed by the next attempt).
 */
@ApplicationScoped
public class RenderHandler implements JobHandler {

    private final ProfileRegistry profiles;
    private final FfmpegTools tools;
    private final ProcessRunner runner;
    private final BlobStore blobs;
    private final AvmamConfig config;

    public RenderHandler(ProfileRegistry profiles, FfmpegTools tools, ProcessRunner runner, BlobStore blobs, AvmamConfig config) {
        this.profiles = profiles;
        this.tools = tools;
        this.runner = runner;
        this.blobs = blobs;
        this.config = config;
    }

    @Override
    public JobType type() {
        return JobType.RENDER;
    }

    @Override
    public void run(Job job) throws IOException, InterruptedException {
        TranscodeProfile profile = profiles.get(job.payload)
                .orElseThrow(() -> new JobFailure("no transcode profile named '" + job.payload + "'"));
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        TechnicalMetadata technical = Json.read(asset.technical, TechnicalMetadata.class);

        Path relative = relativePath(asset, profile);
        Path target = config.dataDir().resolve(relative);
        Files.createDirectories(target.getParent());
        // One temp name per attempt: an ffmpeg left running by a killed node must not write into this run's file.
        removeStaleParts(target.getParent(), profile.name());
        Path temp = target.resolveSibling(profile.name() + ".part-" + job.id + "-" + job.attempts + "." + profile.output().extension());
        try {
            List<String> cmd = FfmpegCommands.build(tools.ffmpeg(), profile, blobs.path(asset.sha256), temp, technical);
            ProcessRunner.Result r = runner.run(cmd, config.ffmpeg().timeout());
            if (!r.ok() || !Files.exists(temp) || Files.size(temp) == 0) {
                String reason = "ffmpeg failed for profile " + profile.name() + ": " + r.stderrTail();
                record(asset, profile, null, reason);
                throw new JobFailure(reason);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        record(asset, profile, relative, null);
    }

    /** Temp files of earlier attempts (their node died mid-render) are removed before a new attempt. */
    private static void removeStaleParts(Path dir, String profile) throws IOException {
        try (var files = Files.newDirectoryStream(dir, profile + ".part-*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    static Path relativePath(Asset asset, TranscodeProfile profile) {
        String id = asset.id.toString();
        return Path.of("renditions", id.substring(0, 2), id, profile.name() + "." + profile.output().extension());
    }

    private void record(Asset asset, TranscodeProfile profile, Path relative, String error) throws IOException {
        Long size = relative == null ? null : Files.size(config.dataDir().resolve(relative));
        QuarkusTransaction.requiringNew().run(() -> {
            Rendition r = Rendition.find(asset.id, profile.name()).orElseGet(Rendition::new);
            r.assetId = asset.id;
            r.profile = profile.name();
            r.profileVersion = profile.version();
            r.state = error == null ? Rendition.State.READY : Rendition.State.FAILED;
            r.path = relative == null ? null : relative.toString();
            r.contentType = profile.output().contentType();
            r.sizeBytes = size;
            r.error = error == null ? null : error.substring(0, Math.min(error.length(), 4000));
            r.createdAt = Instant.now();
            r.persist();
        });
    }
}
