package org.avmam.similar;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.ffmpeg.FfmpegTools;

/**
 * Perceptual hashes of pictures and of video frames, made by ffmpeg shrinking them to 9×8 grey
 * pixels (area averaging) and {@link PerceptualHash} turning those into bits.
 *
 * <p>Video is sampled at fixed times (every {@link #INTERVAL_SECONDS} s, or evenly when that
 * would be more than {@link #MAX_FRAMES} frames) rather than at the encoder's keyframes: a copy
 * re-encoded elsewhere has its keyframes at other times, while frames at the same times still
 * match, and so does a still taken from the footage.
 */
@ApplicationScoped
public class Fingerprinter {

    static final double INTERVAL_SECONDS = 2.0;
    static final int MAX_FRAMES = 300;

    /** A hash and where in the recording it was taken (0 for a picture). */
    public record Frame(double position, long hash) {}

    private final FfmpegTools ffmpeg;
    private final ProcessRunner runner;

    public Fingerprinter(FfmpegTools ffmpeg, ProcessRunner runner) {
        this.ffmpeg = ffmpeg;
        this.runner = runner;
    }

    public Frame picture(Path file) throws IOException, InterruptedException {
        List<Long> h = run(org.avmam.common.Lists.concat(List.of(ffmpeg.ffmpeg().toString(), "-v", "error"),
                org.avmam.process.FfmpegInput.args(file.toAbsolutePath(), null), List.of("-frames:v", "1",
                "-vf", "scale=" + PerceptualHash.WIDTH + ":" + PerceptualHash.HEIGHT + ":flags=area,format=gray", "-f", "rawvideo", "-")),
                Duration.ofMinutes(2));
        if (h.isEmpty()) {
            throw new JobFailure("ffmpeg could not decode a picture to hash");
        }
        return new Frame(0, h.getFirst());
    }

    public List<Frame> video(Path file, double durationSeconds) throws IOException, InterruptedException {
        double interval = durationSeconds > INTERVAL_SECONDS * MAX_FRAMES ? durationSeconds / MAX_FRAMES : INTERVAL_SECONDS;
        // fps=1/interval takes the frame at interval/2, 3·interval/2 ...: the middle of each slot.
        List<Long> h = run(org.avmam.common.Lists.concat(List.of(ffmpeg.ffmpeg().toString(), "-v", "error"),
                org.avmam.process.FfmpegInput.args(file.toAbsolutePath(), null), List.of("-an", "-sn", "-dn",
                "-vf", "fps=1/" + interval + ",scale=" + PerceptualHash.WIDTH + ":" + PerceptualHash.HEIGHT + ":flags=area,format=gray",
                "-frames:v", Integer.toString(MAX_FRAMES), "-f", "rawvideo", "-")), Duration.ofMinutes(10).plusSeconds((long) durationSeconds));
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            frames.add(new Frame(Math.round((i + 0.5) * interval * 1000) / 1000.0, h.get(i)));
        }
        if (frames.isEmpty()) {
            throw new JobFailure("ffmpeg could not decode any frame of the video to hash");
        }
        return frames;
    }

    private List<Long> run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ProcessRunner.Result r = runner.stream(command, timeout, in -> {
            try {
                in.transferTo(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null);
        if (!r.ok() && raw.size() < PerceptualHash.FRAME_BYTES) {
            throw new JobFailure("ffmpeg could not decode the file to hash it: " + r.stderrTail());
        }
        return PerceptualHash.frames(raw.toByteArray());
    }
}
