package org.avmam.clips.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.access.Permission;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.asset.OpenStatus;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.audit.UseRegister;
import org.avmam.clips.Clip;
import org.avmam.clips.ClipService;
import org.avmam.clips.FrameRate;
import org.avmam.clips.Timecode;
import org.avmam.common.FileTrees;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobFailure;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.process.FfmpegInput;
import org.avmam.storage.BlobStore;
import org.avmam.transcode.RenditionService;
import org.avmam.transcode.TranscodeProfile;

/**
 * Clip exports: asked for (range, handles and profile fixed then, the use entered in the register),
 * cut by a CLIP_EXPORT job into {@code <data-dir>/clip-exports/<id>/}, then served. A job that dies
 * is run again from the start in a folder of its own attempt, so no run touches another's files.
 */
@ApplicationScoped
public class ClipExports implements JobHandler {

    public static final String DEFAULT_PROFILE = "clip-master";
    static final Set<String> FIELDS = Set.of("profile", "handles", "purpose");
    /** Handles beyond ten minutes are a mistake, not an edit. */
    static final double MAX_HANDLES_SECONDS = 600;

    private final ClipService clips;
    private final AccessPolicy policy;
    private final RenditionService renditions;
    private final BlobStore blobs;
    private final JobQueue jobs;
    private final JobProgress progress;
    private final UseRegister register;
    private final ClipCutter cutter;
    private final AvmamConfig config;

    public ClipExports(ClipService clips, AccessPolicy policy, RenditionService renditions, BlobStore blobs, JobQueue jobs, JobProgress progress,
            UseRegister register, ClipCutter cutter, AvmamConfig config) {
        this.clips = clips;
        this.policy = policy;
        this.renditions = renditions;
        this.blobs = blobs;
        this.jobs = jobs;
        this.progress = progress;
        this.register = register;
        this.cutter = cutter;
        this.config = config;
    }

    @Override
    public JobType type() {
        return JobType.CLIP_EXPORT;
    }

    public record ExportView(UUID id, UUID clip, String profile, String state, Double progress, String method, Long encodedFrames, long frames,
            String timecode, String fileName, Long sizeBytes, String sha256, String note, String error, String job, Instant createdAt,
            Instant finishedAt) {}

    /**
     * The clip, if the caller may have its original: of a record they may not see, or see only in part,
     * there is no clip for them (404, as a missing one).
     */
    @Transactional
    public Clip visibleClip(UUID id, Caller caller) {
        Clip c = clips.find(id);
        if (c == null) {
            throw notFound(id);
        }
        Asset a = AssetService.require(c.assetId);
        if (!policy.maySee(caller, a) || !policy.seesWhole(caller, a)) {
            policy.hidden(a.id);
            throw notFound(id);
        }
        return c;
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no clip with id {0}", id);
    }

    Path folder(UUID exportId) {
        return config.dataDir().resolve("clip-exports").resolve(exportId.toString());
    }

    public Path file(ClipExport e) {
        return folder(e.id).resolve(e.fileName);
    }

    @Transactional
    public ExportView request(UUID clipId, JsonNode body, Caller caller, String client) {
        Clip c = visibleClip(clipId, caller);
        Asset a = AssetService.require(c.assetId);
        if (!caller.has(Permission.DOWNLOAD_ORIGINAL)) {
            throw policy.forbidden(caller, Permission.DOWNLOAD_ORIGINAL, a);
        }
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.badRequest("the body is {\"profile\": name, \"handles\": seconds, \"purpose\": text}, each optional");
        }
        if (body != null && body.isObject()) {
            body.fieldNames().forEachRemaining(f -> {
                if (!FIELDS.contains(f)) {
                    throw ApiException.badRequest("'{0}' is not a field of a clip export; the fields are handles, profile, purpose", f);
                }
            });
        }
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body;
        String purpose = b.path("purpose").asText("").strip();
        if ((!caller.staff() || a.openStatus == OpenStatus.CLOSED) && purpose.isEmpty()) {
            throw ApiException.badRequest("purpose is required: a clip export is cut from the original, and entered in the use register with the reason for it (add \"purpose\")");
        }
        TranscodeProfile profile = renditions.clipProfile(b.hasNonNull("profile") ? b.get("profile").asText() : DEFAULT_PROFILE);
        double handles = 0;
        if (b.has("handles") && !b.get("handles").isNull()) {
            if (!b.get("handles").isNumber() || b.get("handles").asDouble() < 0 || b.get("handles").asDouble() > MAX_HANDLES_SECONDS) {
                throw ApiException.badRequest("handles are seconds added before the in point and after the out point: a number from 0 to {0} (got {1})", (int) MAX_HANDLES_SECONDS, b.get("handles"));
            }
            handles = b.get("handles").asDouble();
        }
        ClipService.Source src = ClipService.source(a);
        if (!profile.appliesTo(a.mediaType, a.technical())) {
            throw new ApiException(422, "Profile does not apply", "profile {0} is for {1}{2}; the clip's record is {3}", profile.name(), profile.appliesTo().mediaTypes(), (profile.appliesTo().requiresVideo() ? " with a picture" : ""), a.mediaType);
        }
        long hf = src.rate().frameAt(handles);
        long in = Math.max(0, c.inFrame - hf);
        long out = Math.min(src.frames(), c.outFrame + hf);
        ClipExport same = ClipExport.<ClipExport>find("clipId = ?1 and profile = ?2 and profileVersion = ?3 and inFrame = ?4 and outFrame = ?5 "
                + "and state in ?6 order by createdAt desc", c.id, profile.name(), profile.version(), in, out,
                List.of(ClipExport.State.CUTTING, ClipExport.State.READY)).firstResult();
        if (same != null && (same.state == ClipExport.State.CUTTING || Files.isRegularFile(file(same)))) {
            use(caller, a, same, purpose, client);
            return view(same);
        }
        ClipExport e = new ClipExport();
        e.id = UUID.randomUUID();
        e.clipId = c.id;
        e.assetId = a.id;
        e.profile = profile.name();
        e.profileVersion = profile.version();
        e.handlesFrames = hf;
        e.inFrame = in;
        e.outFrame = out;
        e.rateNum = src.rate().num();
        e.rateDen = src.rate().den();
        String tcIn = src.startTimecode() == null ? Timecode.format(in, src.rate()) : Timecode.format(src.startFrame() + in, src.rate());
        String tcOut = src.startTimecode() == null ? Timecode.format(out, src.rate()) : Timecode.format(src.startFrame() + out, src.rate());
        e.timecode = tcIn;
        e.fileName = fileName(a.archivalCode != null ? a.archivalCode : c.title, tcIn, tcOut, profile.output().extension());
        e.state = ClipExport.State.CUTTING;
        e.createdBy = caller.username();
        e.createdAt = Instant.now();
        e.persist();
        e.jobId = jobs.enqueue(null, JobType.CLIP_EXPORT, e.id.toString()).id;
        use(caller, a, e, purpose, client);
        return view(e);
    }

    private void use(Caller caller, Asset a, ClipExport e, String purpose, String client) {
        if (a.openStatus != OpenStatus.OPEN || !caller.staff()) {
            register.record(new UseRegister.Use(caller.username(), caller.roles().toString(), a.id, "EXPORT", "clip:" + e.clipId + " " + e.profile,
                    purpose.isEmpty() ? null : purpose, null, client));
        }
    }

    /** "<code or title>_<in>-<out>.<ext>", timecodes with '-' for ':' and ';', nothing a file system refuses. */
    static String fileName(String base, String tcIn, String tcOut, String extension) {
        String b = base == null || base.isBlank() ? "clip" : base.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        if (b.length() > 120) {
            b = b.substring(0, 120);
        }
        return b + "_" + tcIn.replaceAll("[:;]", "-") + "_" + tcOut.replaceAll("[:;]", "-") + "." + extension;
    }

    /** The clip's latest export (of {@code profile}, when given). */
    @Transactional
    public ClipExport latest(UUID clipId, String profile, Caller caller) {
        visibleClip(clipId, caller);
        ClipExport e = profile == null
                ? ClipExport.<ClipExport>find("clipId = ?1 order by createdAt desc", clipId).firstResult()
                : ClipExport.<ClipExport>find("clipId = ?1 and profile = ?2 order by createdAt desc", clipId, profile).firstResult();
        if (e == null) {
            throw ApiException.notFound("clip {0} has no export{1}; ask for one with POST /api/v1/clips/{2}/export", clipId, (profile == null ? "" : " of profile " + profile), clipId);
        }
        return e;
    }

    /** The latest ready export of the clip in {@code profile}, for packages: null when there is none. */
    @Transactional
    public ClipExport ready(UUID clipId, String profile) {
        ClipExport e = ClipExport.<ClipExport>find("clipId = ?1 and profile = ?2 and state = ?3 order by createdAt desc", clipId, profile,
                ClipExport.State.READY).firstResult();
        return e == null || !Files.isRegularFile(file(e)) ? null : e;
    }

    /** The file of a ready export. */
    public Path path(ClipExport e) {
        return file(e);
    }

    @Transactional
    public ExportView view(ClipExport e) {
        Job j = e.jobId == null ? null : Job.findById(e.jobId);
        String state = e.state.name();
        String error = e.error;
        if (e.state == ClipExport.State.CUTTING && j != null && j.state == Job.State.FAILED) {
            state = ClipExport.State.FAILED.name();
            error = j.lastError;
        }
        Double p = e.state == ClipExport.State.READY ? Double.valueOf(1.0) : j == null || j.progress == null ? Double.valueOf(0.0) : j.progress;
        return new ExportView(e.id, e.clipId, e.profile, state, p, e.method, e.encodedFrames, e.outFrame - e.inFrame, e.timecode, e.fileName,
                e.sizeBytes, e.sha256, e.note, error, e.jobId == null ? null : "/api/v1/jobs/" + e.jobId, e.createdAt, e.finishedAt);
    }

    @Override
    public void run(Job job) throws Exception {
        UUID id = UUID.fromString(job.payload);
        ClipExport e = QuarkusTransaction.requiringNew().call(() -> ClipExport.<ClipExport>findById(id));
        if (e == null) {
            throw new JobFailure("no clip export " + id);
        }
        Asset a = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(e.assetId));
        Clip c = QuarkusTransaction.requiringNew().call(() -> Clip.<Clip>findById(e.clipId));
        if (a == null) {
            throw new JobFailure("the record of clip " + e.clipId + " is gone");
        }
        TranscodeProfile profile = renditions.clipProfile(e.profile);
        Path folder = folder(id).toAbsolutePath();
        Files.createDirectories(folder);
        removeEarlierAttempts(folder, job);
        Path work = Files.createDirectories(folder.resolve("work-" + job.id + "-" + job.attempts));
        Path part = folder.resolve(e.fileName + ".part-" + job.id + "-" + job.attempts);
        try {
            ClipCutter.Request r = new ClipCutter.Request(source(a), new FrameRate(e.rateNum, e.rateDen), e.inFrame, e.outFrame, profile, e.timecode,
                    c == null ? null : c.title);
            ClipCutter.Result res = cutter.cut(r, work, part.toAbsolutePath(), f -> progress.report(job, Math.min(0.99, f)));
            String sha = sha256(part);
            long size = Files.size(part);
            Files.move(part, folder.resolve(e.fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            QuarkusTransaction.requiringNew().run(() -> ClipExport.update("state = ?1, method = ?2, encodedFrames = ?3, sizeBytes = ?4, sha256 = ?5, "
                    + "note = ?6, finishedAt = ?7 where id = ?8", ClipExport.State.READY, res.method().name(), res.encodedFrames(), size, sha,
                    note(res), Instant.now(), id));
            progress.report(job, 1.0);
        } catch (JobFailure f) {
            String reason = f.getMessage().length() > 1900 ? f.getMessage().substring(0, 1900) + "…" : f.getMessage();
            QuarkusTransaction.requiringNew().run(() -> ClipExport.update("state = ?1, error = ?2, finishedAt = ?3 where id = ?4",
                    ClipExport.State.FAILED, reason, Instant.now(), id));
            throw f;
        } finally {
            FileTrees.delete(work);
            Files.deleteIfExists(part);
        }
    }

    private static String note(ClipCutter.Result r) {
        String how = switch (r.method()) {
            case COPY -> "every frame copied from the original";
            case SMART_CUT -> r.encodedFrames() + " of " + r.frames() + " frames re-encoded with " + r.encoder() + " (to and from the nearest "
                    + "keyframes), the rest copied from the original";
            case REENCODE -> "re-encoded" + (r.encoder() == null ? "" : " with " + r.encoder());
        };
        return r.note() == null ? how : how + "; " + r.note();
    }

    /** Work folders and partial files of attempts before this one: their runs are dead (the job was leased again). */
    private static void removeEarlierAttempts(Path folder, Job job) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:work-|.*\\.part-)(\\d+)-(\\d+)$").matcher(n);
                if (m.matches() && Long.parseLong(m.group(1)) == job.id && Integer.parseInt(m.group(2)) < job.attempts) {
                    FileTrees.delete(p);
                }
            }
        }
    }

    private ClipCutter.Source source(Asset a) throws java.io.IOException {
        TechnicalMetadata t = a.technical();
        TechnicalMetadata.Stream v = t.streams() == null ? null
                : t.streams().stream().filter(s -> "video".equals(s.type())).findFirst().orElse(null);
        return new ClipCutter.Source(new ClipCommands.Input(blobs.path(a.sha256).toAbsolutePath(), FfmpegInput.demuxerFor(a.mimeType) != null
                ? FfmpegInput.demuxerFor(a.mimeType) : t.container()), t.hasVideo() && v != null, t.hasAudio(), v == null ? null : v.codec(),
                v == null ? null : v.profile(), v == null ? null : v.pixelFormat(), v == null ? null : v.width(), v == null ? null : v.height(),
                t.durationSeconds());
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
