package org.avmam.ffmpeg;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.avmam.config.AvmamConfig;
import org.avmam.process.Executables;
import org.avmam.process.ProcessRunner;
import org.jboss.logging.Logger;

/**
 * Which ffmpeg and ffprobe this node uses, decided once at start by what each candidate can do,
 * not by where it came from. Candidates: a configured path (used as it is, or the start fails
 * naming what it lacks), the build's own (bytedeco's GPL build, found through JAVE2's locator
 * interface) and the system ffmpeg on PATH, in that order unless {@code avmam.ffmpeg.use-system}
 * puts the system's first. The first candidate that has every encoder, decoder and option the
 * features ({@link FfmpegNeeds}: the transcode profiles) and the pipeline need wins; a system ffmpeg
 * too old for a profile, or one that does not run, is passed over and the health check says why.
 */
@Startup
@ApplicationScoped
public class FfmpegTools {

    private static final Logger LOG = Logger.getLogger(FfmpegTools.class);

    /** Decoders the pipeline itself uses: HEIC tiles (HEVC), RAW and JPEG previews, the usual camera video. */
    static final Set<String> PIPELINE_DECODERS = Set.of("hevc", "h264", "mjpeg");
    /** Options the command lines use: {@code -fps_mode} appeared in ffmpeg 5.1. */
    static final Set<String> PIPELINE_OPTIONS = Set.of("fps_mode");

    public enum Source {
        CONFIGURED,
        SYSTEM,
        BUNDLED
    }

    private final AvmamConfig config;
    private final ProcessRunner runner;
    private final jakarta.enterprise.inject.Instance<FfmpegNeeds> features;
    private FfmpegBuild chosen;
    private FfmpegBuild.Needs needs;
    /** Candidates passed over, each with what it lacks (for the health check). */
    private final Map<String, String> passedOver = new LinkedHashMap<>();

    public FfmpegTools(AvmamConfig config, ProcessRunner runner, jakarta.enterprise.inject.Instance<FfmpegNeeds> features) {
        this.config = config;
        this.runner = runner;
        this.features = features;
    }

    @PostConstruct
    void locate() {
        Set<String> encoders = new TreeSet<>();
        features.forEach(f -> encoders.addAll(f.encoders()));
        needs = new FfmpegBuild.Needs(encoders, PIPELINE_DECODERS, PIPELINE_OPTIONS);
        AvmamConfig.Ffmpeg ff = config.ffmpeg();
        if (ff.ffmpegPath().isPresent()) {
            Path ffmpeg = requireExecutable(ff.ffmpegPath().get(), "avmam.ffmpeg.ffmpeg-path (AVMAM_FFMPEG_FFMPEG_PATH)");
            Optional<Path> ffprobe = ff.ffprobePath()
                    .map(p -> requireExecutable(p, "avmam.ffmpeg.ffprobe-path (AVMAM_FFMPEG_FFPROBE_PATH)"))
                    .or(() -> sibling(ffmpeg, "ffprobe"));
            FfmpegBuild b = probe(ffmpeg, ffprobe, Source.CONFIGURED);
            List<String> missing = b.missing(needs);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("avmam.ffmpeg.ffmpeg-path (AVMAM_FFMPEG_FFMPEG_PATH) points to ffmpeg " + b.version()
                        + ", which lacks what the transcode profiles need: " + String.join(", ", missing));
            }
            chosen = b;
        } else {
            // Suppliers: a candidate is unpacked and probed only when the ones before it were passed over.
            Supplier<Optional<FfmpegBuild>> system = () -> Executables.onPath("ffmpeg")
                    .flatMap(p -> systemCandidate(p, sibling(p, "ffprobe").or(() -> Executables.onPath("ffprobe"))));
            Supplier<Optional<FfmpegBuild>> bundled = () -> BundledFfmpegLocator.unpackInto(config.dataDir().resolve("tools"))
                    .map(l -> probe(Path.of(l.getExecutablePath()), Optional.of(l.ffprobe()), Source.BUNDLED));
            chosen = choose(ff.useSystem() ? List.of(system, bundled) : List.of(bundled, system), needs).orElse(null);
            if (chosen == null) {
                throw new IllegalStateException("no usable ffmpeg on this node: " + (passedOver.isEmpty()
                        ? "none on PATH and no bundled build for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        : passedOver) + "; install ffmpeg 6 or newer, or set avmam.ffmpeg.ffmpeg-path (AVMAM_FFMPEG_FFMPEG_PATH)");
            }
        }
        LOG.infof("ffmpeg: %s (%s, %s); ffprobe: %s", chosen.ffmpeg(), chosen.source(), chosen.version(),
                chosen.ffprobe().map(Path::toString).orElse("none"));
    }

    /**
     * The first candidate, in order of preference, with everything the profiles and the pipeline need; the others that lack
     * something are recorded as passed over. The bundled build comes first unless the system's is preferred: it is the build
     * the suite runs, and it starts in a fifth of the time Debian's ffmpeg takes to load its libraries, a cost paid by
     * every probe, check and render of every photo.
     */
    Optional<FfmpegBuild> choose(List<Supplier<Optional<FfmpegBuild>>> candidates, FfmpegBuild.Needs needs) {
        for (Supplier<Optional<FfmpegBuild>> next : candidates) {
            Optional<FfmpegBuild> candidate = next.get();
            if (candidate.isEmpty()) {
                continue;
            }
            FfmpegBuild b = candidate.get();
            List<String> missing = b.missing(needs);
            if (missing.isEmpty()) {
                return candidate;
            }
            passedOver.put(b.source() + " " + b.ffmpeg(), "ffmpeg " + b.version() + " lacks " + String.join(", ", missing));
            LOG.warnf("Not using %s ffmpeg %s at %s: it lacks %s", b.source(), b.version(), b.ffmpeg(), String.join(", ", missing));
        }
        return Optional.empty();
    }

    public Path ffmpeg() {
        return chosen.ffmpeg();
    }

    /** Present on every build this node accepts (the choice requires it); Optional for callers written when it was not. */
    public Optional<Path> ffprobe() {
        return chosen.ffprobe();
    }

    public Source source() {
        return chosen.source();
    }

    public String version() {
        return chosen.version();
    }

    public FfmpegBuild build() {
        return chosen;
    }

    public FfmpegBuild.Needs needs() {
        return needs;
    }

    public Map<String, String> passedOver() {
        return Map.copyOf(passedOver);
    }

    /**
     * The ffmpeg on PATH, or empty when it does not run at all (a half-installed package missing a
     * shared library, say): the node then falls back to the bundled build instead of refusing to start.
     */
    Optional<FfmpegBuild> systemCandidate(Path ffmpeg, Optional<Path> ffprobe) {
        try {
            return Optional.of(probe(ffmpeg, ffprobe, Source.SYSTEM));
        } catch (IllegalStateException e) {
            passedOver.put(Source.SYSTEM + " " + ffmpeg, e.getMessage());
            LOG.warnf("Not using the system ffmpeg at %s: %s", ffmpeg, e.getMessage());
            return Optional.empty();
        }
    }

    private FfmpegBuild probe(Path ffmpeg, Optional<Path> ffprobe, Source source) {
        String version = FfmpegBuild.parseVersion(run(ffmpeg, "-version"));
        return new FfmpegBuild(ffmpeg, ffprobe, source, version, FfmpegBuild.parseCodecList(run(ffmpeg, "-encoders")),
                FfmpegBuild.parseCodecList(run(ffmpeg, "-decoders")), FfmpegBuild.parseOptions(run(ffmpeg, "-h", "long")));
    }

    private String run(Path ffmpeg, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner"));
        cmd.addAll(List.of(args));
        try {
            ProcessRunner.Result r = runner.run(cmd, Duration.ofSeconds(30));
            if (!r.ok()) {
                throw new IllegalStateException("ffmpeg at " + ffmpeg + " does not run: " + r.stderrTail());
            }
            return r.stdout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing ffmpeg", e);
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg at " + ffmpeg + " cannot be started: " + e.getMessage(), e);
        }
    }

    private static Path requireExecutable(Path p, String setting) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(setting + " points to " + p + ", which is not an executable file");
        }
        return p;
    }

    private static Optional<Path> sibling(Path ffmpeg, String name) {
        Path sibling = ffmpeg.resolveSibling(name);
        return Files.isExecutable(sibling) ? Optional.of(sibling) : Optional.empty();
    }
}
