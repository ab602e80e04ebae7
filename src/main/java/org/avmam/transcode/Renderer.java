package org.avmam.transcode;

import org.avmam.ffmpeg.FfmpegTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;

/**
 * Makes one rendition into a folder: runs ffmpeg with the profile's arguments (hardware encoder
 * first where there is one, the software codec when it fails), reports progress from ffmpeg's
 * {@code -progress} output, finishes what ffmpeg does not make itself (the filmstrip's WebVTT,
 * the waveform's peaks and PNG) and checks that a timed rendition covers its source: ffmpeg
 * reading a cut-off file often ends "successfully" with half the programme.
 */
@ApplicationScoped
public class Renderer {

    private final ProcessRunner runner;
    private final HardwareEncoders encoders;
    private final Path ffmpeg;
    private final Duration minTimeout;
    private final double timeoutFactor;
    private final Path profilesDir;

    public record Result(String encoder, List<String> files, String notes) {}

    @jakarta.inject.Inject
    public Renderer(ProcessRunner runner, HardwareEncoders encoders, FfmpegTools tools, AvmamConfig config) {
        this(runner, encoders, tools.ffmpeg(), config.ffmpeg().timeout(), config.ffmpeg().timeoutFactor(), config.profilesDir());
    }

    public Renderer(ProcessRunner runner, HardwareEncoders encoders, Path ffmpeg, Duration minTimeout, double timeoutFactor, Path profilesDir) {
        this.profilesDir = profilesDir;
        this.runner = runner;
        this.encoders = encoders;
        this.ffmpeg = ffmpeg;
        this.minTimeout = minTimeout;
        this.timeoutFactor = timeoutFactor;
    }

    /**
     * Renders into {@code dir} (empty, and thrown away by the caller on failure).
     *
     * @throws JobFailure with ffmpeg's own words when the rendition cannot be made from this source
     */
    public Result render(TranscodeProfile profile, Path input, Path dir, FfmpegCommands.Source source, DoubleConsumer progress)
            throws IOException, InterruptedException {
        TranscodeProfile.Kind kind = profile.output().kind();
        boolean encodesVideo = kind == TranscodeProfile.Kind.VIDEO || kind == TranscodeProfile.Kind.HLS;
        // Stills, audio and waveforms encode no video: one run, no encoder to choose.
        List<String> candidates = encodesVideo ? encoders.candidates(profile) : java.util.Collections.singletonList(null);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String codec = candidates.get(i);
            boolean last = i == candidates.size() - 1;
            FfmpegCommands.Source withCodec = source.withCodec(codec);
            List<String> cmd;
            try {
                // Absolute: ffmpeg runs in the rendition's folder, and the data directory may be given relative.
                Path watermark = profile.output().watermark() == null ? null : profilesDir.resolve(profile.output().watermark()).toAbsolutePath();
                cmd = FfmpegCommands.build(ffmpeg, profile, input.toAbsolutePath(), withCodec, watermark);
            } catch (IllegalArgumentException e) {
                throw new JobFailure("profile " + profile.name() + " cannot be made from this source: " + e.getMessage());
            }
            Run run = run(profile, cmd, dir, source, progress);
            if (run.result.ok() && run.failure == null && kind == TranscodeProfile.Kind.POSTER && !source.anyFrame()
                    && !Files.exists(dir.resolve(profile.mainFile()))) {
                // Not one frame passed the black/white filter: the video is black or blank throughout.
                Result any = render(profile, input, dir, source.withAnyFrame(), progress);
                return new Result(any.encoder(), any.files(), "every frame is black or blank: the poster is one of them");
            }
            if (run.result.ok() && run.failure == null) {
                finish(profile, dir, source, run);
                if (i > 0) {
                    notes.add("encoded with " + codec);
                }
                return new Result(encodesVideo ? codec : null, files(dir), notes.isEmpty() ? null : String.join("; ", notes));
            }
            String reason = run.failure != null ? run.failure : "ffmpeg exited with " + describeExit(run.result) + ": " + run.result.stderrTail();
            if (last) {
                throw new JobFailure(profile.name() + ": " + reason);
            }
            // A hardware encoder that fails (driver, session limit, unsupported size) is not the source's fault.
            notes.add(codec + " failed (" + abbreviate(reason, 300) + ")");
            org.avmam.common.FileTrees.clear(dir);
        }
        throw new IllegalStateException("no encoder to try");
    }

    private record Run(ProcessRunner.Result result, String failure, Waveform waveform) {}

    private Run run(TranscodeProfile profile, List<String> cmd, Path dir, FfmpegCommands.Source source, DoubleConsumer progress)
            throws IOException, InterruptedException {
        Double duration = source.duration();
        AtomicLong outTimeMicros = new AtomicLong(-1);
        Waveform waveform = profile.output().kind() == TranscodeProfile.Kind.WAVEFORM
                ? new Waveform(profile.output().peaksPerSecond() == null ? 100 : profile.output().peaksPerSecond())
                : null;
        ProcessRunner.Result r = runner.stream(cmd, timeout(duration), in -> {
            try {
                if (waveform != null) {
                    waveform.read(in, samples -> {
                        if (duration != null && duration > 0) {
                            progress.accept(samples / (double) Waveform.SAMPLE_RATE / duration);
                        }
                    });
                } else {
                    readProgress(in, outTimeMicros, duration, progress);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, dir);
        double produced = waveform != null ? waveform.samples() / (double) Waveform.SAMPLE_RATE : outTimeMicros.get() / 1e6;
        String failure = r.ok() ? coverage(profile, duration, produced, r.stderrTail()) : null;
        return new Run(r, failure, waveform);
    }

    /** ffmpeg's -progress blocks: key=value lines; out_time_us is the position written so far. */
    static void readProgress(java.io.InputStream in, AtomicLong outTimeMicros, Double duration, DoubleConsumer progress)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("out_time_us=")) {
                try {
                    long us = Long.parseLong(line.substring("out_time_us=".length()).strip());
                    outTimeMicros.set(Math.max(outTimeMicros.get(), us));
                    if (duration != null && duration > 0) {
                        progress.accept(us / 1e6 / duration);
                    }
                } catch (NumberFormatException ignored) {
                    // "N/A" before the first frame is written
                }
            }
        }
    }

    /**
     * A video or audio rendition must last as long as its source (within 2 %, at least a second):
     * a shorter one means ffmpeg met the end of a damaged or cut-off file and stopped early.
     */
    static String coverage(TranscodeProfile profile, Double source, double produced, String stderr) {
        TranscodeProfile.Kind kind = profile.output().kind();
        boolean timed = kind == TranscodeProfile.Kind.VIDEO || kind == TranscodeProfile.Kind.HLS
                || kind == TranscodeProfile.Kind.AUDIO || kind == TranscodeProfile.Kind.WAVEFORM;
        if (!timed || source == null || source <= 0) {
            return null;
        }
        if (produced < source - Math.max(1.0, source * 0.02)) {
            return String.format(Locale.ROOT, "the rendition covers only %.1f s of the source's %.1f s: the source is damaged or "
                    + "cut short%s", Math.max(0, produced), source, stderr == null || stderr.isBlank() ? "" : "; ffmpeg said: " + stderr);
        }
        return null;
    }

    private void finish(TranscodeProfile profile, Path dir, FfmpegCommands.Source source, Run run) throws IOException {
        TranscodeProfile.Output o = profile.output();
        switch (o.kind()) {
            case FILMSTRIP -> {
                Filmstrip plan = Filmstrip.plan(o, source.duration(), source.display());
                Files.writeString(dir.resolve(profile.mainFile()), plan.vtt(FfmpegCommands.SPRITE), StandardCharsets.UTF_8);
            }
            case WAVEFORM -> {
                try (OutputStream out = Files.newOutputStream(dir.resolve(profile.mainFile()))) {
                    run.waveform.writeJson(out);
                }
                try (OutputStream out = Files.newOutputStream(dir.resolve("waveform.png"))) {
                    run.waveform.writePng(out, o.imageWidth() == null ? 1800 : o.imageWidth(),
                            o.imageHeight() == null ? 280 : o.imageHeight());
                }
            }
            default -> {
                // ffmpeg wrote everything
            }
        }
        List<String> expected = o.kind() == TranscodeProfile.Kind.FILMSTRIP ? List.of(profile.mainFile(), FfmpegCommands.SPRITE)
                : o.kind() == TranscodeProfile.Kind.IMAGE ? profile.imageFiles()
                : List.of(profile.mainFile());
        for (String f : expected) {
            if (!Files.isRegularFile(dir.resolve(f)) || Files.size(dir.resolve(f)) == 0) {
                throw new JobFailure(profile.name() + ": ffmpeg reported success but wrote no " + f + "; ffmpeg said: "
                        + run.result.stderrTail());
            }
        }
    }

    Duration timeout(Double sourceSeconds) {
        if (sourceSeconds == null || sourceSeconds <= 0) {
            return minTimeout;
        }
        Duration scaled = Duration.ofMillis((long) (sourceSeconds * timeoutFactor * 1000));
        return scaled.compareTo(minTimeout) > 0 ? scaled : minTimeout;
    }

    /** The rendition's files, relative to its folder, with '/' separators, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static String describeExit(ProcessRunner.Result r) {
        return r.exitCode() == -1 ? "a timeout" : "code " + r.exitCode();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
