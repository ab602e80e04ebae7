package org.avmam.clips.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avmam.clips.FrameRate;
import org.avmam.process.FfmpegInput;
import org.avmam.transcode.TranscodeProfile;

/**
 * The ffmpeg and ffprobe command lines of a clip export, as pure functions (tested by their
 * arguments). Times are frame boundaries of the source's exact rate, written with microsecond
 * precision, far below half a frame.
 */
public final class ClipCommands {

    /** Encoders that re-encode a smart cut's head and tail in the source's own codec. */
    static final Map<String, String> MATCHING_ENCODERS = Map.of("h264", "libx264", "hevc", "libx265", "mpeg2video", "mpeg2video");

    /** ffprobe's profile names → the encoder's (libx264's -profile:v). */
    private static final Map<String, String> H264_PROFILES = Map.of("constrained baseline", "baseline", "baseline", "baseline",
            "main", "main", "high", "high", "high 10", "high10", "high 4:2:2", "high422", "high 4:4:4 predictive", "high444");

    private ClipCommands() {}

    /** How the source is given to ffmpeg: its path and its detected demuxer (pinned, file: only). */
    public record Input(Path file, String format) {}

    /** Video encoding settings of a re-encoded stretch. */
    public record Encoding(String codec, List<String> args, String filter) {}

    /** Seconds of a frame boundary, as an ffmpeg time (microseconds). */
    static String time(long frames, FrameRate rate) {
        return new BigDecimal(frames).multiply(new BigDecimal(rate.den()))
                .divide(new BigDecimal(rate.num()), MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    /** Half a frame before frame {@code f}: an accurate seek to there starts decoding output at exactly frame f. */
    static String halfFrameBefore(long f, FrameRate rate) {
        return time(Math.max(0, 2 * f - 1), new FrameRate(rate.num() * 2, rate.den()));
    }

    /** The video packets of [from, to] seconds of stream time (absolute: the demuxer seeks to the keyframe before). */
    public static List<String> probePackets(Path ffprobe, Input in, double from, double to) {
        List<String> a = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error", "-select_streams", "v:0",
                "-read_intervals", String.format(Locale.ROOT, "%.6f%%%.6f", Math.max(0, from), to),
                "-show_entries", "stream=time_base,start_time:packet=pts,dts,flags:format=start_time", "-of", "json"));
        a.addAll(inputArgs(in));
        return a;
    }

    /** Re-encodes frames [from, from + frames) of the source's first video stream into {@code out}. */
    public static List<String> encode(Path ffmpeg, Input in, FrameRate rate, long from, long frames, Encoding enc, String muxer, Path out) {
        List<String> a = head(ffmpeg);
        a.addAll(List.of("-progress", "pipe:1", "-ss", halfFrameBefore(from, rate)));
        a.addAll(inputArgs(in));
        a.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-map_metadata", "-1", "-frames:v", String.valueOf(frames),
                "-fps_mode", "passthrough"));
        if (enc.filter() != null) {
            a.addAll(List.of("-vf", enc.filter()));
        }
        a.addAll(List.of("-c:v", enc.codec()));
        a.addAll(enc.args());
        a.addAll(List.of("-f", muxer, out.toString()));
        return a;
    }

    /** Copies {@code packets} video packets from the clean cut point {@code from} (a keyframe) into {@code out}. */
    public static List<String> copy(Path ffmpeg, Input in, FrameRate rate, long from, long packets, String muxer, Path out) {
        List<String> a = head(ffmpeg);
        // A hair after the keyframe: the demuxer seeks back to the keyframe at or before it, which is this one.
        a.addAll(List.of("-ss", time(from, rate).equals("0.000000") ? "0" : plusMicro(time(from, rate))));
        a.addAll(inputArgs(in));
        a.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-map_metadata", "-1", "-c:v", "copy", "-frames:v", String.valueOf(packets),
                "-f", muxer, out.toString()));
        return a;
    }

    private static String plusMicro(String seconds) {
        return new BigDecimal(seconds).add(new BigDecimal("0.000500")).toPlainString();
    }

    /** An ffconcat list of the stretches, each with its exact duration, so the timeline has no gap or overlap. */
    public static String concatList(List<String> files, List<Long> frames, FrameRate rate) {
        StringBuilder b = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < files.size(); i++) {
            b.append("file ").append(files.get(i)).append('\n').append("duration ").append(time(frames.get(i), rate)).append('\n');
        }
        return b.toString();
    }

    /**
     * The final file: the video stretches ({@code video}: one file, or an ffconcat list), the sound
     * of [from, from + frames) decoded from the source and cut to the sample, a timecode track, and
     * no metadata of the source beyond what is set here.
     */
    public static List<String> mux(Path ffmpeg, Path video, boolean concat, Input in, boolean withAudio, FrameRate rate, long from, long frames,
            TranscodeProfile.Output o, String timecode, String title, Path out) {
        List<String> a = head(ffmpeg);
        int audioInput = 0;
        if (video != null) {
            if (concat) {
                a.addAll(List.of("-f", "concat", "-safe", "0"));
            }
            a.addAll(List.of("-i", video.toString()));
            audioInput = 1;
        }
        if (withAudio) {
            a.addAll(List.of("-ss", time(from, rate), "-t", time(frames, rate)));
            a.addAll(inputArgs(in));
        }
        if (video != null) {
            a.addAll(List.of("-map", "0:v:0", "-c:v", "copy"));
        }
        if (withAudio) {
            a.addAll(List.of("-map", audioInput + ":a:0", "-c:a", o.audioCodec()));
            if (o.audioBitrate() != null) {
                a.addAll(List.of("-b:a", o.audioBitrate()));
            }
            if (o.audioSampleRate() != null) {
                a.addAll(List.of("-ar", String.valueOf(o.audioSampleRate())));
            }
            if (o.audioChannels() != null) {
                a.addAll(List.of("-ac", String.valueOf(o.audioChannels())));
            }
        }
        a.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1"));
        if (title != null) {
            a.addAll(List.of("-metadata", "title=" + title));
        }
        if (video != null && timecode != null) {
            a.addAll(List.of("-timecode", timecode));
        }
        if (Boolean.TRUE.equals(o.faststart())) {
            a.addAll(List.of("-movflags", "+faststart"));
        }
        a.addAll(List.of("-f", o.container(), out.toString()));
        return a;
    }

    /** The source codec's own encoder, with the source's profile and pixel format (a smart cut's re-encoded frames). */
    public static Encoding matching(String codec, String profile, String pixelFormat, TranscodeProfile.Output o) {
        String encoder = MATCHING_ENCODERS.get(codec);
        if (encoder == null) {
            return null;
        }
        List<String> args = new ArrayList<>();
        if (pixelFormat != null) {
            args.addAll(List.of("-pix_fmt", pixelFormat));
        }
        switch (encoder) {
            case "libx264" -> {
                String p = profile == null ? null : H264_PROFILES.get(profile.toLowerCase(Locale.ROOT));
                if (p != null) {
                    args.addAll(List.of("-profile:v", p));
                }
                args.addAll(List.of("-preset", o.preset() == null ? "medium" : o.preset(), "-crf", String.valueOf(o.crf() == null ? 14 : o.crf())));
            }
            case "libx265" -> args.addAll(List.of("-preset", o.preset() == null ? "medium" : o.preset(), "-crf",
                    String.valueOf(o.crf() == null ? 14 : o.crf()), "-x265-params", "log-level=error"));
            default -> args.addAll(List.of("-q:v", "2"));
        }
        return new Encoding(encoder, args, null);
    }

    /** The profile's own encoding (the whole range re-encoded), scaled to fit its bounds. */
    public static Encoding profile(TranscodeProfile.Output o, String codec) {
        List<String> args = new ArrayList<>();
        if (o.videoProfile() != null) {
            args.addAll(List.of("-profile:v", o.videoProfile()));
        }
        args.addAll(List.of("-pix_fmt", o.pixelFormat() == null ? "yuv420p" : o.pixelFormat()));
        if (o.preset() != null) {
            args.addAll(List.of("-preset", o.preset()));
        }
        if (o.crf() != null) {
            args.addAll(List.of("-crf", String.valueOf(o.crf())));
        }
        if (o.videoBitrate() != null) {
            args.addAll(List.of("-b:v", o.videoBitrate()));
        }
        if (codec.startsWith("prores")) {
            args.addAll(List.of("-vendor", "apl0"));
        }
        if (codec.equals("libx265")) {
            args.addAll(List.of("-x265-params", "log-level=error"));
        }
        String filter = o.maxWidth() == null && o.maxHeight() == null ? null
                : "scale=w='min(" + (o.maxWidth() == null ? 100000 : o.maxWidth()) + ",iw)':h='min(" + (o.maxHeight() == null ? 100000 : o.maxHeight())
                        + ",ih)':force_original_aspect_ratio=decrease:force_divisible_by=2";
        return new Encoding(codec, args, filter);
    }

    private static List<String> head(Path ffmpeg) {
        return new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-y"));
    }

    private static List<String> inputArgs(Input in) {
        return FfmpegInput.args(in.file(), in.format());
    }
}
