package org.avmam.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avmam.metadata.TechnicalMetadata;

/**
 * Builds ffmpeg argument lists from a profile. Pure: tests assert the exact arguments without
 * running anything.
 */
public final class FfmpegCommands {

    private FfmpegCommands() {}

    public static List<String> build(Path ffmpeg, TranscodeProfile profile, Path input, Path output, TechnicalMetadata source) {
        TranscodeProfile.Output o = profile.output();
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        switch (o.kind()) {
            case IMAGE -> {
                a.addAll(List.of("-i", input.toString()));
                a.addAll(List.of("-vf", scale(o)));
                a.addAll(List.of("-frames:v", "1"));
                quality(a, o);
            }
            case POSTER -> {
                double at = posterTime(o, source);
                a.addAll(List.of("-ss", seconds(at), "-i", input.toString()));
                // thumbnail=N picks the most representative of N frames: it skips black and flat frames.
                a.addAll(List.of("-vf", "thumbnail=60," + scale(o)));
                a.addAll(List.of("-frames:v", "1"));
                quality(a, o);
            }
            case VIDEO -> {
                a.addAll(List.of("-i", input.toString()));
                a.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
                String filters = (Boolean.TRUE.equals(o.deinterlace()) ? "yadif=deint=interlaced," : "") + scale(o);
                a.addAll(List.of("-vf", filters));
                a.addAll(List.of("-c:v", o.videoCodec(), "-pix_fmt", "yuv420p"));
                if (o.preset() != null) {
                    a.addAll(List.of("-preset", o.preset()));
                }
                if (o.crf() != null) {
                    a.addAll(List.of("-crf", String.valueOf(o.crf())));
                }
                if (o.gopSeconds() != null) {
                    // Keyframes by time, not by frame count, so the GOP bound holds at any frame rate.
                    a.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + seconds(o.gopSeconds()) + ")"));
                    a.addAll(List.of("-sc_threshold", "0"));
                }
                audio(a, o);
                if (Boolean.TRUE.equals(o.faststart())) {
                    a.addAll(List.of("-movflags", "+faststart"));
                }
            }
            case AUDIO -> {
                a.addAll(List.of("-i", input.toString(), "-map", "0:a:0", "-vn"));
                audio(a, o);
            }
        }
        a.addAll(List.of("-f", o.container(), output.toString()));
        return a;
    }

    /** Fits inside maxWidth×maxHeight keeping the aspect ratio, never upscaling, even dimensions. */
    static String scale(TranscodeProfile.Output o) {
        if (o.maxWidth() == null && o.maxHeight() == null) {
            return "scale=trunc(iw/2)*2:trunc(ih/2)*2";
        }
        int w = o.maxWidth() == null ? 1_000_000 : o.maxWidth();
        int h = o.maxHeight() == null ? 1_000_000 : o.maxHeight();
        return "scale=w='min(" + w + ",iw)':h='min(" + h + ",ih)':force_original_aspect_ratio=decrease:force_divisible_by=2";
    }

    static double posterTime(TranscodeProfile.Output o, TechnicalMetadata source) {
        double fraction = o.posterAt() == null ? 0.1 : o.posterAt();
        Double duration = source == null ? null : source.durationSeconds();
        return duration == null ? 0 : Math.max(0, duration * fraction);
    }

    private static void quality(List<String> a, TranscodeProfile.Output o) {
        if (o.quality() != null) {
            a.addAll(List.of("-q:v", String.valueOf(o.quality())));
        }
    }

    private static void audio(List<String> a, TranscodeProfile.Output o) {
        if (o.audioCodec() == null) {
            a.add("-an");
            return;
        }
        a.addAll(List.of("-c:a", o.audioCodec()));
        if (o.audioBitrate() != null) {
            a.addAll(List.of("-b:a", o.audioBitrate()));
        }
        if (o.audioChannels() != null) {
            a.addAll(List.of("-ac", String.valueOf(o.audioChannels())));
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
