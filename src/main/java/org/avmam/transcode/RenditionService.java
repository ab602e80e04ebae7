package org.avmam.transcode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.transcode.Rendition;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobType;
import org.avmam.jobs.JobView;
import org.avmam.asset.TechnicalMetadata;

/** Renditions on demand, rebuilds of older profile versions, and the files a rendition holds. */
@ApplicationScoped
public class RenditionService {

    private static final List<Job.State> OPEN = List.of(Job.State.PENDING, Job.State.RUNNING);

    private final ProfileRegistry profiles;
    private final RenderQueue pipeline;
    private final AvmamConfig config;

    private final java.util.Optional<org.avmam.storage.DerivedFiles> derived;

    public RenditionService(ProfileRegistry profiles, RenderQueue pipeline, AvmamConfig config, org.avmam.storage.Stores stores) {
        this.derived = stores.derived();
        this.profiles = profiles;
        this.pipeline = pipeline;
        this.config = config;
    }

    public TranscodeProfile profile(String name) {
        return profiles.get(name).orElseThrow(() -> ApiException.notFound("no transcode profile named '{0}'", name));
    }

    /** A profile that renders whole assets: clip profiles are exported per clip, never as an asset's rendition. */
    public TranscodeProfile renditionProfile(String name) {
        TranscodeProfile p = profile(name);
        if (p.output().kind() == TranscodeProfile.Kind.CLIP) {
            throw new ApiException(422, "Clip profile", "profile {0} exports clips (POST /api/v1/clips/{id}/export with {\"profile\": \"{1}\"}); it makes no rendition of a whole record", name, name);
        }
        return p;
    }

    /** A clip export profile, by name. */
    public TranscodeProfile clipProfile(String name) {
        TranscodeProfile p = profiles.get(name).orElseThrow(() -> new ApiException(422, "Unknown profile", "no transcode profile named '{0}'; clip profiles are {1}", name, profiles.all().stream().filter(x -> x.output().kind() == TranscodeProfile.Kind.CLIP)
                        .map(TranscodeProfile::name).sorted().toList()));
        if (p.output().kind() != TranscodeProfile.Kind.CLIP) {
            throw new ApiException(422, "Not a clip profile", "profile {0} makes renditions of whole records; clip profiles are {1}", name, profiles.all().stream().filter(x -> x.output().kind() == TranscodeProfile.Kind.CLIP).map(TranscodeProfile::name).sorted().toList());
        }
        return p;
    }

    /**
     * Makes (or remakes) one rendition of one asset: for on-demand profiles such as the exhibition
     * master, and for renditions of an older profile version. Asking twice while the first request
     * is still open answers with the same job.
     */
    @Transactional
    public JobView request(UUID assetId, String profileName) {
        TranscodeProfile p = renditionProfile(profileName);
        Asset asset = Asset.<Asset>findByIdOptional(assetId).orElseThrow(() -> org.avmam.asset.AssetService.notFound(assetId));
        if (asset.state != AssetState.READY && asset.state != AssetState.PROCESSING) {
            throw new ApiException(409, "Conflict", "asset {0} is {1}; renditions are made of assets that are PROCESSING or READY", assetId, asset.state);
        }
        TechnicalMetadata md = asset.technical();
        if (!p.appliesTo(asset.mediaType, md)) {
            throw new ApiException(422, "Profile does not apply", "profile {0} is for {1}; asset {2} is {3}{4}", p.name(), describe(p.appliesTo()), assetId, asset.mediaType, (md == null ? "" : " (video: " + md.hasVideo() + ", audio: "
                    + md.hasAudio() + ", " + md.width() + "×" + md.height() + ", " + md.durationSeconds() + " s)"));
        }
        Optional<Job> open = openJob(assetId, p.name());
        return new JobView(open.orElseGet(() -> pipeline.enqueue(assetId, p)));
    }

    public record Rebuild(String profile, int version, int queued, int alreadyQueued, int upToDate) {}

    /**
     * Queues renders of every READY asset the profile applies to whose rendition is missing,
     * FAILED or of an older version ({@code all}: every one). Pages through the assets, so an
     * archive of a million photos is not loaded at once.
     */
    public Rebuild rebuild(String profileName, boolean all) {
        TranscodeProfile p = renditionProfile(profileName);
        int queued = 0;
        int already = 0;
        int current = 0;
        int page = 0;
        while (true) {
            int pageNo = page;
            int[] counts = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                int q = 0;
                int a = 0;
                int c = 0;
                List<Asset> assets = Asset.<Asset>find("state = ?1 and removedAt is null and mediaType in ?2 order by createdAt, id", AssetState.READY,
                        p.appliesTo().mediaTypes()).page(pageNo, 500).list();
                for (Asset asset : assets) {
                    if (!p.appliesTo(asset.mediaType, asset.technical())) {
                        continue;
                    }
                    Optional<Rendition> r = Rendition.find(asset.id, p.name());
                    boolean upToDate = r.isPresent() && r.get().state == Rendition.State.READY
                            && r.get().profileVersion == p.version() && r.get().error == null;
                    if (upToDate && !all) {
                        c++;
                    } else if (openJob(asset.id, p.name()).isPresent()) {
                        a++;
                    } else {
                        pipeline.enqueue(asset.id, p);
                        q++;
                    }
                }
                return new int[] {q, a, c, assets.size()};
            });
            queued += counts[0];
            already += counts[1];
            current += counts[2];
            if (counts[3] < 500) {
                break;
            }
            page++;
        }
        return new Rebuild(p.name(), p.version(), queued, already, current);
    }

    public record ProfileStatus(String name, int version, String description, TranscodeProfile.Trigger trigger,
            TranscodeProfile.AppliesTo appliesTo, String kind, long current, long older, long failed, long pending, long running) {}

    @Transactional
    public List<ProfileStatus> statuses() {
        return profiles.all().stream().map(this::status).toList();
    }

    @Transactional
    public ProfileStatus status(String name) {
        return status(profile(name));
    }

    private ProfileStatus status(TranscodeProfile p) {
        long current = Rendition.count("profile = ?1 and state = ?2 and profileVersion = ?3", p.name(), Rendition.State.READY, p.version());
        long older = Rendition.count("profile = ?1 and state = ?2 and profileVersion < ?3", p.name(), Rendition.State.READY, p.version());
        long failed = Rendition.count("profile = ?1 and state = ?2", p.name(), Rendition.State.FAILED);
        long pending = Job.count("type = ?1 and payload = ?2 and state = ?3", JobType.RENDER, p.name(), Job.State.PENDING);
        long running = Job.count("type = ?1 and payload = ?2 and state = ?3", JobType.RENDER, p.name(), Job.State.RUNNING);
        return new ProfileStatus(p.name(), p.version(), p.description(), p.trigger(), p.appliesTo(),
                p.output().kind().name().toLowerCase(java.util.Locale.ROOT), current, older, failed, pending, running);
    }

    public record RenditionFile(Path path, String contentType, java.util.function.Supplier<String> downloadNameOf) {
        /** The name a download is saved under; the asset is read for it only here, since a file shown inline needs none. */
        public String downloadName() {
            return downloadNameOf.get();
        }
    }

    /**
     * One file of a READY rendition. Only names the rendition recorded are served, so no path
     * in the URL can reach outside the rendition's folder. A read: it joins the caller's transaction if there is one, and
     * otherwise reads through the request's session, as the thumbnails of a search grid do sixty at a time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RenditionFile file(UUID assetId, String profileName, String fileName) {
        Rendition r = Rendition.find(assetId, profileName)
                .filter(x -> x.state == Rendition.State.READY && x.path != null)
                .orElseThrow(() -> ApiException.notFound("asset {0} has no ready rendition '{1}'", assetId, profileName));
        List<String> files = r.fileList();
        String name = fileName == null ? (files.isEmpty() ? null : files.getFirst()) : fileName;
        if (name == null || !files.contains(name)) {
            throw ApiException.notFound("rendition '{0}' of asset {1} has no file '{2}'", profileName, assetId, fileName);
        }
        Path file = config.dataDir().resolve(r.path).resolve(name);
        if (derived.isPresent() && !java.nio.file.Files.isRegularFile(file)) {
            // Renditions kept in the bucket: this node's data folder is a cache, filled on first use.
            try {
                if (!derived.get().fetch(java.nio.file.Path.of(r.path).resolve(name).toString(), file)) {
                    throw ApiException.notFound("rendition '{0}' of asset {1} is missing from the store; rebuild it", profileName, assetId);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new RenditionFile(file, ContentTypes.of(name), () -> downloadName(QuarkusTransaction.joiningExisting().call(() ->
                Asset.<Asset>findByIdOptional(assetId).orElseThrow(() -> org.avmam.asset.AssetService.notFound(assetId))), profileName, name));
    }

    /** "会议 2024.mov" rendered by video-proxy-720p downloads as "会议 2024-video-proxy-720p.mp4". */
    static String downloadName(Asset asset, String profile, String file) {
        String original = asset.originalFilename == null ? asset.id.toString() : asset.originalFilename;
        int dot = original.lastIndexOf('.');
        String base = dot > 0 ? original.substring(0, dot) : original;
        int fileDot = file.lastIndexOf('.');
        String ext = fileDot >= 0 ? file.substring(fileDot) : "";
        String suffix = file.startsWith(profile) ? "" : "-" + file.substring(0, fileDot >= 0 ? fileDot : file.length()).replace('/', '-');
        return base + "-" + profile + suffix + ext;
    }

    private static Optional<Job> openJob(UUID assetId, String profile) {
        return Job.<Job>find("assetId = ?1 and type = ?2 and payload = ?3 and state in ?4", assetId, JobType.RENDER, profile, OPEN)
                .firstResultOptional();
    }

    private static String describe(TranscodeProfile.AppliesTo a) {
        StringBuilder b = new StringBuilder(a.mediaTypes().toString());
        if (a.requiresVideo()) {
            b.append(" with video");
        }
        if (a.requiresAudio()) {
            b.append(" with audio");
        }
        if (a.minWidth() != null || a.minHeight() != null) {
            b.append(", at least ").append(a.minWidth()).append("×").append(a.minHeight());
        }
        if (a.minDurationSeconds() != null) {
            b.append(", at least ").append(a.minDurationSeconds()).append(" s");
        }
        if (a.maxDurationSeconds() != null) {
            b.append(", at most ").append(a.maxDurationSeconds()).append(" s");
        }
        return b.toString();
    }
}
