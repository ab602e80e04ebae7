package org.avmam.clips.export;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;
import org.avmam.clips.FrameRate;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.ffmpeg.FfmpegTools;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.transcode.TranscodeProfile;

/**
 * Cuts one clip out of an original with ffmpeg: plans from the packets ({@link CutPlan}), makes
 * each stretch (re-encoded or copied), joins them on exact frame durations, adds the sound cut to
 * the sample and a timecode track, and checks that the file holds exactly the frames planned.
 */
@ApplicationScoped
public class ClipCutter {

    /** Packets read either side of the clip to find its keyframes: longer than any archive source's GOP. */
    private static final double PROBE_MARGIN_SECONDS = 30;

    private final ProcessRunner runner;
    private final FfmpegTools tools;
    private final AvmamConfig config;

    public ClipCutter(ProcessRunner runner, FfmpegTools tools, AvmamConfig config) {
        this.runner = runner;
        this.tools = tools;
        this.config = config;
    }

    /** What the source is, as far as the cut needs to know. */
    public record Source(ClipCommands.Input input, boolean hasVideo, boolean hasAudio, String codec, String profile, String pixelFormat,
            Integer width, Integer height, double durationSeconds) {}

    /** [in, out) in frames of {@code rate}; {@code timecode}: the in point's, for the timecode track. */
    public record Request(Source source, FrameRate rate, long in, long out, TranscodeProfile profile, String timecode, String title) {}

    public record Result(CutPlan.Method method, long frames, long encodedFrames, String encoder, String note) {}

    /**
     * Whether the profile keeps the source's codec as it is, so GOPs may be copied: {@code source},
     * or the source codec's own encoder with nothing (size, pixel format, profile) to change.
     */
    static boolean keepsCodec(TranscodeProfile.Output o, Source s) {
        if (TranscodeProfile.SOURCE_CODEC.equals(o.videoCodec())) {
            return true;
        }
        String matching = s.codec() == null ? null : ClipCommands.MATCHING_ENCODERS.get(s.codec());
        if (matching == null || !matching.equals(o.videoCodec())) {
            return false;
        }
        boolean fits = (o.maxWidth() == null || (s.width() != null && s.width() <= o.maxWidth()))
                && (o.maxHeight() == null || (s.height() != null && s.height() <= o.maxHeight()));
        boolean samePixels = o.pixelFormat() == null || o.pixelFormat().equals(s.pixelFormat());
        ClipCommands.Encoding m = ClipCommands.matching(s.codec(), s.profile(), s.pixelFormat(), o);
        boolean sameProfile = o.videoProfile() == null || (m != null && m.args().contains(o.videoProfile()));
        return fits && samePixels && sameProfile;
    }

    public Result cut(Request r, Path work, Path out, DoubleConsumer progress) throws IOException, InterruptedException {
        TranscodeProfile.Output o = r.profile().output();
        Source s = r.source();
        Path ffmpeg = tools.ffmpeg();
        long frames = r.out() - r.in();
        Duration timeout = timeout(r.rate().seconds(frames));
        Path video = null;
        boolean concat = false;
        CutPlan plan = null;
        String encoder = null;
        List<String> notes = new ArrayList<>();
        if (s.hasVideo()) {
            boolean keep = keepsCodec(o, s);
            List<CutPlan.Packet> packets = List.of();
            TreeSet<Long> cuts = new TreeSet<>();
            if (keep) {
                Probe p = probe(s, r);
                packets = p.packets();
                cuts = CutPlan.cutPoints(packets, p.reachedEnd());
            }
            plan = CutPlan.plan(r.in(), r.out(), packets, cuts, keep);
            ClipCommands.Encoding enc;
            if (!keep) {
                encoder = o.videoCodec();
                enc = ClipCommands.profile(o, encoder);
            } else {
                enc = ClipCommands.matching(s.codec(), s.profile(), s.pixelFormat(), o);
                if (enc == null && plan.encodedFrames() > 0) {
                    // Frames to re-encode in a codec avmam has no matching encoder for (VP9, say): re-encode it all instead.
                    notes.add(s.codec() + " cannot be smart-cut here: re-encoded with " + o.fallbackVideoCodec());
                    plan = new CutPlan(CutPlan.Method.REENCODE, List.of(new CutPlan.Segment(CutPlan.Kind.ENCODE, r.in(), r.out(), 0)));
                    encoder = o.fallbackVideoCodec();
                    enc = ClipCommands.profile(o, encoder);
                } else if (enc != null && plan.encodedFrames() > 0) {
                    encoder = enc.codec();
                }
            }
            progress.accept(0.05);
            boolean single = plan.segments().size() == 1;
            List<String> files = new ArrayList<>();
            List<Long> lengths = new ArrayList<>();
            double total = 0;
            for (CutPlan.Segment seg : plan.segments()) {
                total += weight(seg);
            }
            double done = 0;
            for (int i = 0; i < plan.segments().size(); i++) {
                CutPlan.Segment seg = plan.segments().get(i);
                String name = "part-" + i + (single ? ".mov" : ".ts");
                Path file = work.resolve(name);
                double base = done;
                double share = weight(seg) / total;
                List<String> cmd = seg.kind() == CutPlan.Kind.COPY
                        ? ClipCommands.copy(ffmpeg, s.input(), r.rate(), seg.from(), seg.packets(), single ? "mov" : "mpegts", file)
                        : ClipCommands.encode(ffmpeg, s.input(), r.rate(), seg.from(), seg.frames(), enc, single ? "mov" : "mpegts", file);
                run(cmd, timeout, work, seg.frames(), r.rate(), f -> progress.accept(0.05 + 0.85 * (base + share * f)));
                done += share;
                files.add(name);
                lengths.add(seg.frames());
            }
            if (single) {
                video = work.resolve(files.getFirst());
            } else {
                video = work.resolve("parts.ffconcat");
                Files.writeString(video, ClipCommands.concatList(files, lengths, r.rate()), StandardCharsets.UTF_8);
                concat = true;
            }
        }
        run(ClipCommands.mux(ffmpeg, video, concat, s.input(), s.hasAudio(), r.rate(), r.in(), frames, o, r.timecode(), r.title(), out),
                timeout, work, 0, r.rate(), f -> { });
        if (plan != null) {
            long got = countPackets(out);
            if (got != plan.frames()) {
                throw new JobFailure("the export holds " + got + " frames where " + plan.frames() + " were cut (" + plan.method() + "); "
                        + "the source's timestamps may be irregular: try a profile that re-encodes, such as clip-edit-prores");
            }
        }
        progress.accept(1.0);
        CutPlan.Method method = plan == null ? CutPlan.Method.REENCODE : plan.method();
        return new Result(method, frames, plan == null ? 0 : plan.encodedFrames(), encoder, notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** Copying is I/O, re-encoding is work: a copied frame weighs a twentieth of an encoded one in the progress. */
    private static double weight(CutPlan.Segment s) {
        return Math.max(1, s.kind() == CutPlan.Kind.COPY ? s.frames() / 20.0 : s.frames());
    }

    private Duration timeout(double seconds) {
        Duration byLength = Duration.ofMillis((long) (seconds * config.ffmpeg().timeoutFactor() * 1000));
        return byLength.compareTo(config.ffmpeg().timeout()) > 0 ? byLength : config.ffmpeg().timeout();
    }

    private record Probe(List<CutPlan.Packet> packets, boolean reachedEnd) {}

    private Probe probe(Source s, Request r) throws IOException, InterruptedException {
        Path ffprobe = tools.ffprobe().orElseThrow(() -> new JobFailure("no ffprobe beside " + tools.ffmpeg() + ": a smart cut reads the "
                + "source's keyframes with it"));
        double in = r.rate().seconds(r.in());
        double out = r.rate().seconds(r.out());
        // read_intervals are stream times, not counted from the file's start: the margin covers a transport stream's offset.
        List<String> cmd = ClipCommands.probePackets(ffprobe, s.input(), in - PROBE_MARGIN_SECONDS, out + PROBE_MARGIN_SECONDS);
        ProcessRunner.Result got = runner.run(cmd, config.ffmpeg().timeout());
        if (!got.ok()) {
            throw new JobFailure("ffprobe could not read the source's packets: " + got.stderrTail());
        }
        return new Probe(packets(Json.read(got.stdout(), JsonNode.class), r.rate()), out + PROBE_MARGIN_SECONDS >= s.durationSeconds());
    }

    /** ffprobe's packets (decode order) → the frames they show, counted from the file's start at the clip's rate. */
    static List<CutPlan.Packet> packets(JsonNode json, FrameRate rate) {
        JsonNode stream = json.path("streams").path(0);
        String[] tb = stream.path("time_base").asText("1/1000").split("/");
        double tbSeconds = Double.parseDouble(tb[0]) / Double.parseDouble(tb[1]);
        double start = json.path("format").path("start_time").asDouble(stream.path("start_time").asDouble(0));
        List<CutPlan.Packet> out = new ArrayList<>();
        for (JsonNode p : json.path("packets")) {
            JsonNode pts = p.get("pts");
            if (pts == null || !pts.isNumber()) {
                continue;
            }
            long frame = Math.round((pts.asLong() * tbSeconds - start) * rate.num() / rate.den());
            out.add(new CutPlan.Packet(frame, p.path("flags").asText("").startsWith("K")));
        }
        return out;
    }

    private long countPackets(Path file) throws IOException, InterruptedException {
        Path ffprobe = tools.ffprobe().orElse(null);
        if (ffprobe == null) {
            return -1;
        }
        ProcessRunner.Result res = runner.run(List.of(ffprobe.toString(), "-v", "error", "-select_streams", "v:0", "-count_packets",
                "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file.toString()), config.ffmpeg().timeout());
        if (!res.ok()) {
            throw new JobFailure("the export cannot be read back: " + res.stderrTail());
        }
        return Long.parseLong(res.stdout().strip().split("[,\\s]")[0]);
    }

    /** Runs ffmpeg, reading its -progress lines (out_time_us) into a fraction of {@code frames}. */
    private void run(List<String> cmd, Duration timeout, Path work, long frames, FrameRate rate, DoubleConsumer progress)
            throws IOException, InterruptedException {
        double seconds = rate.seconds(frames);
        ProcessRunner.Result res = runner.stream(cmd, timeout, in -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("out_time_us=") && seconds > 0) {
                        try {
                            progress.accept(Math.min(1, Long.parseLong(line.substring(12).strip()) / 1e6 / seconds));
                        } catch (NumberFormatException notYet) {
                            // "N/A" before the first frame
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, work);
        if (!res.ok()) {
            throw new JobFailure("ffmpeg could not cut the clip (exit " + res.exitCode() + "): " + res.stderrTail().strip()
                    .lines().reduce((a, b) -> b).orElse("no message"));
        }
    }
}
