package org.avmam.transcode;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.avmam.config.AvmamConfig;
import org.avmam.process.Executables;
import org.avmam.process.ProcessRunner;
import org.jboss.logging.Logger;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * Which ffmpeg and ffprobe this node uses, decided once at start: a configured path, else the
 * system binaries on PATH, else JAVE2's bundled ffmpeg (which comes without ffprobe). The version
 * is probed at start and reported by the health check.
 */
@Startup
@ApplicationScoped
public class FfmpegTools {

    private static final Logger LOG = Logger.getLogger(FfmpegTools.class);

    public enum Source {
        CONFIGURED,
        SYSTEM,
        JAVE_BUNDLED
    }

    private final AvmamConfig.Ffmpeg config;
    private final ProcessRunner runner;
    private Path ffmpeg;
    private Optional<Path> ffprobe;
    private Source source;
    private String version;

    public FfmpegTools(AvmamConfig config, ProcessRunner runner) {
        this.config = config.ffmpeg();
        this.runner = runner;
    }

    @PostConstruct
    void locate() {
        if (config.ffmpegPath().isPresent()) {
            ffmpeg = requireExecutable(config.ffmpegPath().get(), "avmam.ffmpeg.ffmpeg-path (AVMAM_FFMPEG_FFMPEG_PATH)");
            source = Source.CONFIGURED;
        } else {
            Optional<Path> onPath = Executables.onPath("ffmpeg");
            if (onPath.isPresent()) {
                ffmpeg = onPath.get();
                source = Source.SYSTEM;
            } else {
                ffmpeg = Path.of(new DefaultFFMPEGLocator().getExecutablePath());
                source = Source.JAVE_BUNDLED;
            }
        }
        ffprobe = config.ffprobePath()
                .map(p -> requireExecutable(p, "avmam.ffmpeg.ffprobe-path (AVMAM_FFMPEG_FFPROBE_PATH)"))
                .or(() -> source == Source.JAVE_BUNDLED ? Optional.empty() : siblingOrPath(ffmpeg, "ffprobe"));
        version = probeVersion();
        LOG.infof("ffmpeg: %s (%s, %s); ffprobe: %s", ffmpeg, source, version,
                ffprobe.map(Path::toString).orElse("none, using ffmpeg's own probe output"));
    }

    public Path ffmpeg() {
        return ffmpeg;
    }

    public Optional<Path> ffprobe() {
        return ffprobe;
    }

    public Source source() {
        return source;
    }

    public String version() {
        return version;
    }

    private String probeVersion() {
        try {
            ProcessRunner.Result r = runner.run(List.of(ffmpeg.toString(), "-hide_banner", "-version"), Duration.ofSeconds(20));
            if (!r.ok()) {
                throw new IllegalStateException("ffmpeg at " + ffmpeg + " does not run: " + r.stderrTail());
            }
            return parseVersion(r.stdout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing ffmpeg", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ffmpeg at " + ffmpeg + " cannot be started: " + e.getMessage(), e);
        }
    }

    /** "ffmpeg version 5.1.6-0+deb12u1 Copyright …" → "5.1.6-0+deb12u1". */
    static String parseVersion(String versionOutput) {
        String first = versionOutput.lines().findFirst().orElse("");
        String[] words = first.split("\\s+");
        return words.length >= 3 && words[1].equals("version") ? words[2] : first.strip();
    }

    private static Path requireExecutable(Path p, String setting) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(setting + " points to " + p + ", which is not an executable file");
        }
        return p;
    }

    private static Optional<Path> siblingOrPath(Path ffmpeg, String name) {
        Path sibling = ffmpeg.resolveSibling(name);
        return Files.isExecutable(sibling) ? Optional.of(sibling) : Executables.onPath(name);
    }

}
