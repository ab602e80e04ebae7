package org.avmam.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.transcode.TranscodeProfile.Output;

/**
 * Builds ffmpeg argument lists from a profile. Pure: tests assert the exact arguments without
 * running anything. Output names are relative: ffmpeg runs in the rendition's (temporary)
 * folder, which keeps HLS playlists' references relative and the arguments independent of where
 * the data directory lives.
 */
public final class FfmpegCommands {

    /** Written by the filmstrip command; the WebVTT track refers to it. */
    public static final String SPRITE = "filmstrip.jpg";

    /** Passes frames whose average luma is neither black (≤ 24) nor blown-out white (≥ 232). */
    static final String NOT_BLACK_OR_WHITE = "signalstats,metadata=select:key=lavfi.signalstats.YAVG:value=24:function=greater,"
            + "metadata=select:key=lavfi.signalstats.YAVG:value=232:function=less";

    /** The render node VA-API encoders use (the first GPU). */
    static final String VAAPI_DEVICE = "/dev/dri/renderD128";

    private FfmpegCommands() {}

    /**
     * What the command is made from: the source's metadata; whether ffmpeg may decode it at 1/2,
     * 1/4 or 1/8 size (a JPEG of the size the metadata states); the video encoder of this run;
     * whether the picture is already upright; whether a poster may be any frame at all.
     */
    public record Source(TechnicalMetadata technical, boolean reducedDecode, String videoCodec, boolean upright, boolean anyFrame) {

        public Source(TechnicalMetadata technical, boolean reducedDecode, String videoCodec) {
            this(technical, reducedDecode, videoCodec, false, false);
        }

        public Source(TechnicalMetadata technical, boolean reducedDecode, String videoCodec, boolean upright) {
            this(technical, reducedDecode, videoCodec, upright, false);
        }

        Source withCodec(String codec) {
            return new Source(technical, reducedDecode, codec, upright, anyFrame);
        }

        /** For a poster of a video that is black or blank throughout: any frame will have to do. */
        Source withAnyFrame() {
            return new Source(technical, reducedDecode, videoCodec, upright, true);
        }

        Double duration() {
            return technical == null ? null : technical.durationSeconds();
        }

        /** The EXIF orientation still to apply: none when the decoder already turned the picture upright. */
        Integer orientation() {
            return upright || technical == null || technical.embedded() == null ? null : technical.embedded().orientation();
        }

        /** Width and height as shown: a phone video stored landscape with a 90° rotation is portrait. */
        int[] display() {
            if (technical == null || technical.width() == null || technical.height() == null) {
                return null;
            }
            int rotation = technical.streams() == null ? 0 : technical.streams().stream()
                    .filter(s -> "video".equals(s.type()) && s.rotation() != null)
                    .mapToInt(TechnicalMetadata.Stream::rotation).findFirst().orElse(0);
            boolean quarter = Math.abs(rotation) % 180 == 90;
            return quarter ? new int[] {technical.height(), technical.width()} : new int[] {technical.width(), technical.height()};
        }

        /**
         * The rate the video was meant to have, snapped to a broadcast rate: the base rate of a
         * variable-rate stream (a phone's 30 fps with dropped frames is 30, not its 27.4 average),
         * else the average.
         */
        String frameRate() {
            if (technical == null || technical.streams() == null) {
                return null;
            }
            return technical.streams().stream().filter(s -> "video".equals(s.type()))
                    .flatMap(s -> java.util.stream.Stream.of(s.baseFrameRate(), s.frameRate()))
                    .filter(r -> r != null).map(FfmpegCommands::snapFrameRate).filter(r -> r != null).findFirst().orElse(null);
        }
    }

    public static List<String> build(Path ffmpeg, TranscodeProfile profile, Path input, Source source) {
        return build(ffmpeg, profile, input, source, null);
    }

    /** As above, with the profile's watermark PNG (absolute) for the profiles that carry one. */
    public static List<String> build(Path ffmpeg, TranscodeProfile profile, Path input, Source source, Path watermark) {
        Output o = profile.output();
        if (o.watermark() != null && watermark == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " carries a watermark; give its file");
        }
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "warning"));
        if (o.kind() != TranscodeProfile.Kind.WAVEFORM) {
            // Machine-readable progress on stdout; stderr stays for warnings and errors.
            a.addAll(List.of("-progress", "pipe:1", "-nostats"));
        }
        switch (o.kind()) {
            case IMAGE -> image(a, profile, input, source, watermark);
            case POSTER -> {
                a.addAll(List.of("-ss", seconds(posterTime(o, source.technical()))));
                a.addAll(input(input, source));
                // Frames that are nearly black or nearly white (fades, slates, lens cap) are dropped first;
                // thumbnail=N then picks the most representative of N frames, which passes over flat ones.
                a.addAll(List.of("-vf", (source.anyFrame() ? "" : NOT_BLACK_OR_WHITE + ",") + "thumbnail=60," + fit(o),
                        "-frames:v", "1", "-update", "1"));
                a.addAll(List.of("-q:v", String.valueOf(jpegQscale(o.quality())), "-f", o.container(), profile.mainFile()));
            }
            case VIDEO -> {
                if (source.videoCodec().endsWith("_vaapi")) {
                    a.addAll(List.of("-vaapi_device", VAAPI_DEVICE));
                }
                a.addAll(input(input, source));
                if (watermark != null) {
                    a.addAll(List.of("-i", watermark.toString()));
                }
                a.addAll(List.of("-map", watermark != null ? "[v]" : "0:v:0", "-map", "0:a:0?"));
                List<String> filters = new ArrayList<>();
                if (Boolean.TRUE.equals(o.deinterlace())) {
                    filters.add("yadif=deint=interlaced");
                }
                filters.add(fit(o));
                String rate = o.frameRate() == TranscodeProfile.FrameRate.CONSTANT ? source.frameRate() : null;
                if (Boolean.TRUE.equals(o.burnTimecode())) {
                    filters.add(timecode(rate == null ? "25" : rate));
                }
                if (watermark != null) {
                    // The mark is the second input; the chain becomes a graph whose output is the video mapped above.
                    a.addAll(List.of("-filter_complex", "[0:v:0]" + String.join(",", filters) + "[base];" + watermark(o, source) + "[v]"));
                } else {
                    videoFilters(a, filters, source.videoCodec());
                }
                videoCodec(a, o, source.videoCodec());
                if (o.frameRate() == TranscodeProfile.FrameRate.CONSTANT) {
                    a.addAll(List.of("-fps_mode", "cfr"));
                    if (rate != null) {
                        a.addAll(List.of("-r", rate));
                    }
                }
                gop(a, o, o.gopSeconds());
                audio(a, o);
                container(a, o, profile.mainFile());
            }
            case HLS -> hls(a, profile, input, source);
            case CLIP -> throw new IllegalArgumentException("profile " + profile.name() + " exports clips; it renders no whole record");
            case FILMSTRIP -> {
                Filmstrip plan = Filmstrip.plan(o, source.duration(), source.display());
                a.addAll(input(input, source));
                a.addAll(List.of("-map", "0:v:0", "-an"));
                a.addAll(List.of("-vf", plan.filter(), "-fps_mode", "passthrough", "-frames:v", "1", "-update", "1",
                        "-q:v", String.valueOf(jpegQscale(o.quality())), "-f", "image2", SPRITE));
            }
            case AUDIO -> {
                a.addAll(input(input, source));
                a.addAll(List.of("-map", "0:a:0", "-vn"));
                audio(a, o);
                container(a, o, profile.mainFile());
            }
            case WAVEFORM -> {
                a.addAll(input(input, source));
                a.addAll(List.of("-map", "0:a:0", "-vn", "-ac", "1",
                    "-ar", String.valueOf(Waveform.SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"));
            }
        }
        return a;
    }

    /**
     * Thumbnails and previews: orientation applied from the EXIF value the probe read (ffmpeg's
     * own handling differs between versions, so it is switched off), every format written from one
     * decode, and JPEGs decoded at the smallest of 1/1…1/8 size that is still large enough.
     */
    /**
     * The watermark (input 1) scaled to half the picture's width, keeping its own aspect, and laid
     * over the middle of the picture ([base]). The width is worked out here from the source's
     * display size and the profile's box (scale2ref sizes the mark inconsistently across ffmpeg versions).
     */
    static String watermark(Output o, Source source) {
        int[] d = source.display();
        int width = 640;
        if (d != null) {
            boolean turned = source.orientation() != null && source.orientation() >= 5; // EXIF 5-8 swap the sides
            double w = turned ? d[1] : d[0];
            double h = turned ? d[0] : d[1];
            double scale = Math.min(1.0, Math.min(o.maxWidth() == null ? 1.0 : o.maxWidth() / w, o.maxHeight() == null ? 1.0 : o.maxHeight() / h));
            width = Math.max(2, (int) Math.round(w * scale / 2) & ~1);
        }
        return "[1:v]scale=" + width + ":-2[mark];[base][mark]overlay=x=(W-w)/2:y=(H-h)/2:format=auto";
    }

    private static void image(List<String> a, TranscodeProfile profile, Path input, Source source, Path watermark) {
        a.addAll(imageInputOptions(profile, source));
        a.addAll(org.avmam.process.FfmpegInput.args(input, null));
        if (watermark != null) {
            a.addAll(List.of("-i", watermark.toString()));
        }
        a.addAll(imageOutputs(profile, source, watermark != null));
    }

    /** What goes before a still's input: the reduced JPEG decode the profile allows, and no automatic rotation. */
    static List<String> imageInputOptions(TranscodeProfile profile, Source source) {
        List<String> a = new ArrayList<>();
        int lowres = source.reducedDecode() ? lowres(profile.output(), source.technical()) : 0;
        if (lowres > 0) {
            a.addAll(List.of("-lowres", String.valueOf(lowres)));
        }
        a.add("-noautorotate");
        return a;
    }

    /**
     * What follows a still's input (and its watermark, the second input): the filter graph from
     * input 0 and one output per format, named after the profile, relative to the working folder.
     */
    static List<String> imageOutputs(TranscodeProfile profile, Source source, boolean watermark) {
        Output o = profile.output();
        List<String> a = new ArrayList<>();
        List<String> formats = profile.formats();
        StringBuilder graph = new StringBuilder("[0:v:0]");
        String orient = orientation(source.orientation());
        if (orient != null) {
            graph.append(orient).append(',');
        }
        graph.append(fit(o));
        if (watermark) {
            graph.append("[base];").append(watermark(o, source));
        }
        if (formats.size() > 1) {
            graph.append(",split=").append(formats.size());
            for (int i = 0; i < formats.size(); i++) {
                graph.append("[o").append(i).append(']');
            }
        } else {
            graph.append("[o0]");
        }
        a.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < formats.size(); i++) {
            String f = formats.get(i);
            a.addAll(List.of("-map", "[o" + i + "]", "-frames:v", "1", "-update", "1"));
            switch (f) {
                case "webp" -> a.addAll(List.of("-c:v", "libwebp", "-quality", String.valueOf(quality(o)), "-f", "webp"));
                case "png" -> a.addAll(List.of("-c:v", "png", "-f", "image2"));
                default -> a.addAll(List.of("-c:v", "mjpeg", "-q:v", String.valueOf(jpegQscale(o.quality())), "-f", "image2"));
            }
            a.add(profile.name() + "." + f);
        }
        return a;
    }

    /** An audio or video original with its probed container pinned and nothing but file: allowed. */
    private static List<String> input(Path input, Source source) {
        return org.avmam.process.FfmpegInput.args(input, source.technical() == null ? null : source.technical().container());
    }

    private static void hls(List<String> a, TranscodeProfile profile, Path input, Source source) {
        Output o = profile.output();
        List<HlsLadder.Variant> variants = HlsLadder.plan(o.ladder(), source.display());
        boolean audio = source.technical() != null && source.technical().hasAudio() && o.audioCodec() != null;
        a.addAll(input(input, source));
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (Boolean.TRUE.equals(o.deinterlace())) {
            graph.append("yadif=deint=interlaced,");
        }
        graph.append("split=").append(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < variants.size(); i++) {
            HlsLadder.Variant v = variants.get(i);
            graph.append(";[s").append(i).append("]scale=").append(v.width()).append(':').append(v.height())
                    .append(",format=yuv420p[v").append(i).append(']');
        }
        a.addAll(List.of("-filter_complex", graph.toString()));
        StringBuilder streamMap = new StringBuilder();
        for (int i = 0; i < variants.size(); i++) {
            a.addAll(List.of("-map", "[v" + i + "]"));
            if (audio) {
                a.addAll(List.of("-map", "0:a:0"));
            }
            streamMap.append(i == 0 ? "" : " ").append("v:").append(i).append(audio ? ",a:" + i : "");
        }
        a.addAll(List.of("-c:v", source.videoCodec()));
        if (o.preset() != null && isSoftware(source.videoCodec())) {
            a.addAll(List.of("-preset", o.preset()));
        }
        for (int i = 0; i < variants.size(); i++) {
            HlsLadder.Variant v = variants.get(i);
            a.addAll(List.of("-b:v:" + i, v.videoBitrate(), "-maxrate:v:" + i, v.maxBitrate(), "-bufsize:v:" + i, v.maxBitrate()));
            if (audio) {
                a.addAll(List.of("-b:a:" + i, v.audioBitrate()));
            }
        }
        double segment = o.segmentSeconds() == null ? 6 : o.segmentSeconds();
        // A keyframe at every segment boundary, so every segment starts cleanly at the same time in every rung.
        gop(a, o, segment);
        if (audio) {
            a.addAll(List.of("-c:a", o.audioCodec(), "-ac", String.valueOf(o.audioChannels() == null ? 2 : o.audioChannels())));
        }
        a.addAll(List.of("-f", "hls", "-hls_time", seconds(segment), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
                "-master_pl_name", profile.mainFile(), "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", "v%v/seg%05d.m4s", "-var_stream_map", streamMap.toString(), "v%v/index.m3u8"));
    }

    /** Hardware encoders that take frames in GPU memory get them uploaded at the end of the filter chain. */
    private static void videoFilters(List<String> a, List<String> filters, String codec) {
        List<String> f = new ArrayList<>(filters);
        if (codec.endsWith("_vaapi")) {
            f.add("format=nv12");
            f.add("hwupload");
        }
        a.addAll(List.of("-vf", String.join(",", f)));
    }

    /** Software and hardware encoders name their quality and speed settings differently. */
    private static void videoCodec(List<String> a, Output o, String codec) {
        a.addAll(List.of("-c:v", codec));
        if (codec.endsWith("_nvenc")) {
            a.addAll(List.of("-preset", "p4"));
            if (o.crf() != null) {
                a.addAll(List.of("-rc", "vbr", "-cq", String.valueOf(o.crf())));
            }
        } else if (codec.endsWith("_vaapi")) {
            if (o.crf() != null) {
                a.addAll(List.of("-qp", String.valueOf(o.crf())));
            }
        } else {
            a.addAll(List.of("-pix_fmt", o.pixelFormat() == null ? "yuv420p" : o.pixelFormat()));
            if (o.preset() != null) {
                a.addAll(List.of("-preset", o.preset()));
            }
            if (o.crf() != null) {
                a.addAll(List.of("-crf", String.valueOf(o.crf())));
            }
        }
        if (o.videoBitrate() != null) {
            a.addAll(List.of("-b:v", o.videoBitrate()));
        }
        if (o.maxBitrate() != null) {
            a.addAll(List.of("-maxrate", o.maxBitrate(), "-bufsize", o.maxBitrate()));
        }
    }

    static boolean isSoftware(String codec) {
        return !(codec.endsWith("_nvenc") || codec.endsWith("_vaapi") || codec.endsWith("_qsv"));
    }

    private static void gop(List<String> a, Output o, Double gopSeconds) {
        if (o.gopFrames() != null) {
            a.addAll(List.of("-g", String.valueOf(o.gopFrames()), "-keyint_min", String.valueOf(o.gopFrames())));
            if (o.gopFrames() == 1) {
                a.addAll(List.of("-bf", "0"));
            }
        } else if (gopSeconds != null) {
            // Keyframes by time, not by frame count, so the GOP bound holds at any frame rate.
            a.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + seconds(gopSeconds) + ")"));
            a.addAll(List.of("-sc_threshold", "0"));
        }
    }

    private static void container(List<String> a, Output o, String file) {
        if (Boolean.TRUE.equals(o.faststart())) {
            a.addAll(List.of("-movflags", "+faststart"));
        }
        a.addAll(List.of("-f", o.container(), file));
    }

    /** Fits inside maxWidth×maxHeight keeping the aspect ratio, never upscaling, even dimensions. */
    static String fit(Output o) {
        if (o.maxWidth() == null && o.maxHeight() == null) {
            return "scale=trunc(iw/2)*2:trunc(ih/2)*2";
        }
        int w = o.maxWidth() == null ? 1_000_000 : o.maxWidth();
        int h = o.maxHeight() == null ? 1_000_000 : o.maxHeight();
        return "scale=w='min(" + w + ",iw)':h='min(" + h + ",ih)':force_original_aspect_ratio=decrease:force_divisible_by=2";
    }

    /** The ffmpeg filter that turns stored pixels upright for an EXIF orientation (1-8). */
    static String orientation(Integer exif) {
        if (exif == null) {
            return null;
        }
        return switch (exif) {
            case 2 -> "hflip";
            case 3 -> "hflip,vflip";
            case 4 -> "vflip";
            case 5 -> "transpose=0";
            case 6 -> "transpose=1";
            case 7 -> "transpose=3";
            case 8 -> "transpose=2";
            default -> null;
        };
    }

    /**
     * The largest JPEG decode reduction (2^k, k ≤ 3) whose result is still at least as large as
     * the box the image is fitted into, so the reduced decode never costs resolution.
     */
    static int lowres(Output o, TechnicalMetadata t) {
        if (t == null || t.width() == null || t.height() == null || o.maxWidth() == null || o.maxHeight() == null) {
            return 0;
        }
        double w = t.width();
        double h = t.height();
        // Either way up: the orientation is applied after decoding.
        double scale = Math.max(Math.min(o.maxWidth() / w, o.maxHeight() / h), Math.min(o.maxWidth() / h, o.maxHeight() / w));
        int k = 0;
        while (k < 3 && scale * (1 << (k + 1)) <= 1.0) {
            k++;
        }
        return k;
    }

    static String timecode(String rate) {
        return "drawtext=timecode='00\\:00\\:00\\:00':rate=" + rate
                + ":fontcolor=white:fontsize=h/18:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h-th-h/30";
    }

    static double posterTime(Output o, TechnicalMetadata source) {
        double fraction = o.posterAt() == null ? 0.1 : o.posterAt();
        Double duration = source == null ? null : source.durationSeconds();
        return duration == null ? 0 : Math.max(0, duration * fraction);
    }

    /** Profiles state image quality as 1-100 (as libwebp and vips do); 85 is a typical photo preview. */
    static int quality(Output o) {
        return o.quality() == null ? 85 : Math.max(1, Math.min(100, o.quality()));
    }

    /** ffmpeg's JPEG scale (2 best … 31 worst) for a 1-100 quality: 90 → 3, 85 → 4, 75 → 6. */
    static int jpegQscale(Integer quality) {
        int q = quality == null ? 85 : Math.max(1, Math.min(100, quality));
        return Math.max(2, Math.min(31, Math.round((100 - q) / 5f) + 1));
    }

    /**
     * Broadcast rates are stored as ratios that drift in averages (29.969 for 30000/1001, 25.003
     * for 25); an edit proxy wants the exact rate. Unknown or implausible rates give null.
     */
    static String snapFrameRate(String ratio) {
        double fps;
        try {
            String[] p = ratio.split("/");
            fps = p.length == 2 ? Double.parseDouble(p[0]) / Double.parseDouble(p[1]) : Double.parseDouble(ratio);
        } catch (NumberFormatException e) {
            return null;
        }
        if (!(fps > 1 && fps <= 240)) {
            return null;
        }
        String[] standard = {"24000/1001", "24", "25", "30000/1001", "30", "48", "50", "60000/1001", "60", "120"};
        double[] values = {23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 120};
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(fps - values[i]) / values[i] < 0.01) {
                return standard[i];
            }
        }
        return String.format(Locale.ROOT, "%.3f", fps);
    }

    private static void audio(List<String> a, Output o) {
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
        if (o.audioSampleRate() != null) {
            a.addAll(List.of("-ar", String.valueOf(o.audioSampleRate())));
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
