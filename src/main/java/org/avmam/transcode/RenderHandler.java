package org.avmam.transcode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.avmam.asset.Asset;
import org.avmam.transcode.Rendition;
import org.avmam.common.FileTrees;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobFailure;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobType;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.storage.BlobStore;

/**
 * RENDER: one profile for one asset. A rendition is a folder named after the asset and the
 * profile. It is made in a temporary folder of this attempt and swapped in by renames, so a re-run
 * replaces the same folder, a killed run leaves no half-made rendition behind (its folder is
 * removed by the next attempt), and a rebuild serves the old rendition until the new one is done.
 */
@ApplicationScoped
public class RenderHandler implements JobHandler {

    private final ProfileRegistry profiles;
    private final Renderer renderer;
    private final JobProgress progress;
    private final BlobStore blobs;
    private final AvmamConfig config;
    private final StillSource stills;
    private final org.avmam.jobs.JobQueue queue;
    private final java.util.Optional<org.avmam.storage.DerivedFiles> derived;

    public RenderHandler(ProfileRegistry profiles, Renderer renderer, JobProgress progress, BlobStore blobs, AvmamConfig config,
            StillSource stills, org.avmam.jobs.JobQueue queue, org.avmam.storage.Stores stores) {
        this.derived = stores.derived();
        this.stills = stills;
        this.queue = queue;
        this.profiles = profiles;
        this.renderer = renderer;
        this.progress = progress;
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
        TechnicalMetadata technical = asset.technical();

        Path relative = relativePath(asset, profile);
        Path target = config.dataDir().resolve(relative);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // One temp folder per attempt: an ffmpeg left running by a killed node must not write into this run's files.
        removeStale(parent, profile.name(), job);
        Path temp = parent.resolve(profile.name() + ".part-" + job.id + "-" + job.attempts);
        Files.createDirectories(temp);
        Path scratch = parent.resolve(profile.name() + ".part-" + job.id + "-" + job.attempts + "-source");
        long started = System.nanoTime();
        Renderer.Result result;
        try {
            Path input = blobs.path(asset.sha256);
            FfmpegCommands.Source source = new FfmpegCommands.Source(technical, false, null);
            String note = null;
            if (profile.output().kind() == TranscodeProfile.Kind.IMAGE) {
                if (technical != null && technical.width() != null && technical.height() != null) {
                    stills.refuseIfHuge((long) technical.width() * technical.height(), technical.width() + "×" + technical.height());
                }
                StillSource.Decodable d = stills.prepare(input, asset.sha256, asset.mimeType, asset.originalFilename, scratch);
                input = d.path();
                source = new FfmpegCommands.Source(technical, d.reducedDecode(), null, d.upright());
                note = d.note();
            }
            result = renderer.render(profile, input, temp, source, f -> progress.report(job, f));
            if (note != null) {
                result = new Renderer.Result(result.encoder(), result.files(), result.notes() == null ? note : note + "; " + result.notes());
            }
            swapIn(temp, target, job);
        } catch (JobFailure e) {
            record(asset, profile, null, null, e.getMessage(), System.nanoTime() - started);
            throw e;
        } finally {
            FileTrees.delete(temp);
            FileTrees.delete(scratch);
            if (asset.state == org.avmam.asset.AssetState.READY) {
                stills.release(asset.sha256); // an on-demand render of a settled asset keeps no decoded still behind
            }
        }
        record(asset, profile, relative, result, null, System.nanoTime() - started);
    }

    /**
     * Makes the files ffmpeg wrote into {@code temp} under {@code job} (another job's decode, see
     * {@link ThumbnailFromValidation}) the asset's rendition, as a render job would.
     */
    void keep(Asset asset, TranscodeProfile profile, Path temp, Renderer.Result result, Job job, long nanos) throws IOException {
        Path relative = relativePath(asset, profile);
        swapIn(temp, config.dataDir().resolve(relative), job);
        record(asset, profile, relative, result, null, nanos);
    }

    /** Replaces the rendition's folder: the old one moves aside, the new one takes its name, the old one goes. */
    private static void swapIn(Path temp, Path target, Job job) throws IOException {
        Path old = target.resolveSibling(target.getFileName() + ".part-old-" + job.id + "-" + job.attempts);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(old);
    }

    private static final java.util.regex.Pattern ATTEMPT = java.util.regex.Pattern.compile("\\.part-(?:old-)?(\\d+)-(\\d+)(?:-source)?$");

    /**
     * Folders of earlier attempts (their node died mid-render) are removed before a new attempt;
     * a folder of an attempt that may still be running (another job's, or this job's under a lease
     * that has not run out) is left alone, so a live run's files are never deleted under it.
     */
    public void removeStale(Path dir, String profile, Job current) throws IOException {
        try (var entries = Files.newDirectoryStream(dir, profile + ".part-*")) {
            for (Path p : entries) {
                java.util.regex.Matcher m = ATTEMPT.matcher(p.getFileName().toString().substring(profile.length()));
                if (m.matches()) {
                    long jobId = Long.parseLong(m.group(1));
                    int attempt = Integer.parseInt(m.group(2));
                    boolean mine = jobId == current.id && attempt == current.attempts;
                    if (mine || queue.liveElsewhere(jobId, attempt)) {
                        continue;
                    }
                }
                FileTrees.delete(p);
            }
        }
        // Renditions made before renditions were folders: a single file named after the profile.
        try (var entries = Files.newDirectoryStream(dir, profile + ".*")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public static Path relativePath(Asset asset, TranscodeProfile profile) {
        String id = asset.id.toString();
        return Path.of("renditions", id.substring(0, 2), id, profile.name());
    }

    private void record(Asset asset, TranscodeProfile profile, Path relative, Renderer.Result result, String error, long nanos)
            throws IOException {
        long size = 0;
        List<String> files = new ArrayList<>();
        if (result != null) {
            // The main file first: clients take files[0] as the rendition.
            files.add(profile.mainFile());
            result.files().stream().filter(f -> !f.equals(profile.mainFile())).forEach(files::add);
            for (String f : files) {
                Path file = config.dataDir().resolve(relative).resolve(f);
                size += Files.size(file);
                // Kept in the bucket before the rendition is READY: a node without it in its data folder fetches it from there.
                if (derived.isPresent()) {
                    derived.get().put(relative.resolve(f).toString(), file);
                }
            }
        }
        long total = size;
        QuarkusTransaction.requiringNew().run(() -> {
            Rendition r = Rendition.find(asset.id, profile.name()).orElseGet(Rendition::new);
            r.assetId = asset.id;
            r.profile = profile.name();
            r.elapsedMs = nanos / 1_000_000;
            r.createdAt = Instant.now();
            if (error == null) {
                r.profileVersion = profile.version();
                r.state = Rendition.State.READY;
                r.path = relative.toString();
                r.files = Json.write(files);
                r.sizeBytes = total;
                r.encoder = result.encoder();
                r.contentType = ContentTypes.of(profile.mainFile());
                r.notes = result.notes();
                r.error = null;
            } else if (r.state == Rendition.State.READY && r.path != null) {
                // A failed rebuild keeps serving the rendition (and its version) it could not replace.
                r.error = truncate("rebuild with version " + profile.version() + " failed: " + error);
            } else {
                r.profileVersion = profile.version();
                r.state = Rendition.State.FAILED;
                r.path = null;
                r.files = null;
                r.sizeBytes = null;
                r.encoder = null;
                r.contentType = ContentTypes.of(profile.mainFile());
                r.error = truncate(error);
            }
            r.persist();
        });
    }

    private static String truncate(String s) {
        return s.substring(0, Math.min(s.length(), 3900));
    }
}
