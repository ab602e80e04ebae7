package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.avmam.config.AvmamConfig.Ffmpeg.HardwareMode;
import org.avmam.jobs.JobFailure;
import org.avmam.metadata.FfprobeParser;
import org.avmam.metadata.ImageProbe;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped profiles run by real ffmpeg on the awkward inputs an archive receives; each output
 * is checked with ffprobe. No container: the renderer is plain code around a process.
 */
class RendererTest {

    private static final Path MEDIA = Path.of("src/test/resources/media/transcode");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private static final String FFMPEG = org.avmam.TestFfmpeg.ffmpeg().toString();
    private static final String FFPROBE = org.avmam.TestFfmpeg.ffprobe().toString();

    @TempDir
    Path out;

    private static Renderer renderer(HardwareMode mode, Duration minTimeout, double factor) {
        return new Renderer(RUNNER, new HardwareEncoders(FFMPEG, RUNNER, mode), Path.of(FFMPEG), minTimeout, factor, Path.of("transcode-profiles"));
    }

    private Renderer.Result render(String profile, String fixture) throws Exception {
        return render(renderer(HardwareMode.OFF, Duration.ofMinutes(2), 5), profile, fixture, new ArrayList<>());
    }

    private Renderer.Result render(Renderer r, String profile, String fixture, List<Double> progress) throws Exception {
        Path input = MEDIA.resolve(fixture);
        boolean jpeg = fixture.endsWith(".jpg");
        TechnicalMetadata md = jpeg ? new ImageProbe().probe(input) : probe(input);
        TranscodeProfile p = ProfileRegistry.parse(Path.of("transcode-profiles", profile + ".yaml"));
        return r.render(p, input, out, new FfmpegCommands.Source(md, jpeg, null), progress::add);
    }

    @Test
    void rotatedPhoneVideoIsUprightInTheProxy() throws Exception {
        render("video-proxy-720p", "rotated-phone.mp4");
        JsonNode v = videoStream(out.resolve("video-proxy-720p.mp4"));
        assertEquals(180, v.get("width").asInt());
        assertEquals(320, v.get("height").asInt());
        assertFalse(v.toString().contains("rotation\":-90"), "the pixels are turned, not flagged: " + v);
    }

    @Test
    void interlacedVideoIsDeinterlacedInTheProxy() throws Exception {
        JsonNode source = videoStream(MEDIA.resolve("interlaced.mp4"));
        assertEquals("tt", source.get("field_order").asText());
        render("video-proxy-720p", "interlaced.mp4");
        JsonNode v = videoStream(out.resolve("video-proxy-720p.mp4"));
        assertEquals("progressive", v.get("field_order").asText());
        assertEquals("25/1", v.get("r_frame_rate").asText(), "one frame per interlaced frame");
    }

    @Test
    void variableFrameRateBecomesConstantInTheEditProxyEveryFrameAKeyframe() throws Exception {
        List<Double> progress = new ArrayList<>();
        render(renderer(HardwareMode.OFF, Duration.ofMinutes(2), 5), "video-edit-proxy", "vfr.mp4", progress);
        Path proxy = out.resolve("video-edit-proxy.mp4");
        JsonNode v = videoStream(proxy);
        assertEquals(v.get("r_frame_rate").asText(), v.get("avg_frame_rate").asText(), "constant frame rate");
        JsonNode packets = ffprobe("-select_streams", "v:0", "-show_entries", "packet=flags", proxy.toString()).get("packets");
        assertTrue(packets.size() > 100, "30 fps × 4 s of frames, every one kept: " + packets.size());
        for (JsonNode p : packets) {
            assertTrue(p.get("flags").asText().startsWith("K"), "all-intra: every frame is a keyframe");
        }
        assertFalse(progress.isEmpty(), "ffmpeg's progress was reported");
        assertTrue(progress.getLast() > 0.9, "progress reached the end: " + progress);
    }

    @Test
    void browseProxyOfVariableFrameRateKeepsTheTimingAndScrubsEverySecond() throws Exception {
        render("video-proxy-720p", "vfr.mp4");
        Path proxy = out.resolve("video-proxy-720p.mp4");
        assertEquals(3.95, ffprobe("-show_entries", "format=duration", proxy.toString()).at("/format/duration").asDouble(), 0.1);
        JsonNode keys = ffprobe("-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries", "frame=pts_time", proxy.toString())
                .get("frames");
        double last = -1;
        for (JsonNode k : keys) {
            double t = k.get("pts_time").asDouble();
            assertTrue(t - last <= 1.05 || last < 0, "GOP of at most 1 s, gap " + (t - last) + " at " + t);
            last = t;
        }
    }

    @Test
    void oddSizeGetsTheNearestEvenSize() throws Exception {
        render("video-proxy-720p", "odd-size.mp4");
        JsonNode v = videoStream(out.resolve("video-proxy-720p.mp4"));
        assertEquals(320, v.get("width").asInt());
        assertEquals(240, v.get("height").asInt());
        assertEquals("yuv420p", v.get("pix_fmt").asText(), "plays in browsers");
    }

    @Test
    void tenBitHevcBecomesEightBitH264() throws Exception {
        render("video-proxy-720p", "hevc-10bit.mp4");
        JsonNode v = videoStream(out.resolve("video-proxy-720p.mp4"));
        assertEquals("h264", v.get("codec_name").asText());
        assertEquals("yuv420p", v.get("pix_fmt").asText());
    }

    @Test
    void videoWithoutSoundGetsAProxyWithoutSound() throws Exception {
        render("video-proxy-720p", "no-audio.mp4");
        JsonNode streams = ffprobe("-show_streams", out.resolve("video-proxy-720p.mp4").toString()).get("streams");
        assertEquals(1, streams.size());
        assertEquals("video", streams.get(0).get("codec_type").asText());
    }

    @Test
    void audioOnlyMp4GetsAudioProxyAndWaveform() throws Exception {
        render("audio-proxy", "audio-only.mp4");
        JsonNode a = ffprobe("-show_streams", out.resolve("audio-proxy.m4a").toString()).get("streams").get(0);
        assertEquals("aac", a.get("codec_name").asText());
        assertEquals(2, a.get("channels").asInt());
        Path wave = out.resolveSibling(out.getFileName() + "-wave");
        Files.createDirectories(wave);
        TranscodeProfile p = ProfileRegistry.parse(Path.of("transcode-profiles/audio-waveform.yaml"));
        Renderer.Result r = renderer(HardwareMode.OFF, Duration.ofMinutes(1), 5).render(p, MEDIA.resolve("audio-only.mp4"), wave,
                new FfmpegCommands.Source(probe(MEDIA.resolve("audio-only.mp4")), false, null), f -> {});
        assertEquals(List.of("peaks.json", "waveform.png"), r.files());
        JsonNode peaks = JSON.readTree(wave.resolve("peaks.json").toFile());
        assertEquals(400, peaks.get("length").asInt(), 2, "4 s at 100 peaks a second");
        int loudest = 0;
        for (JsonNode d : peaks.get("data")) {
            loudest = Math.max(loudest, Math.abs(d.asInt()));
        }
        assertTrue(loudest > 10, "a sine wave is not silence: " + loudest);
    }

    @Test
    void truncatedVideoFailsTheProxyWithTheReasonButStillGetsAPoster() throws Exception {
        JobFailure f = assertThrows(JobFailure.class, () -> render("video-proxy-720p", "truncated.mp4"));
        assertTrue(f.getMessage().startsWith("video-proxy-720p: the rendition covers only "), f.getMessage());
        assertTrue(f.getMessage().contains("of the source's 6.0 s"), f.getMessage());
        org.avmam.common.FileTrees.clear(out);
        Renderer.Result poster = render("video-poster", "truncated.mp4");
        assertEquals(List.of("video-poster.jpg"), poster.files());
    }

    @Test
    void posterPassesOverBlackFramesAndStillExistsForAnAllBlackVideo() throws Exception {
        Renderer.Result r = render("video-poster", "black-start.mp4");
        assertTrue(meanLuma(out.resolve("video-poster.jpg")) > 60, "10% in is still black; the poster is from the picture after it");
        assertEquals(null, r.notes());
        org.avmam.common.FileTrees.clear(out);
        Renderer.Result black = render("video-poster", "all-black.mp4");
        assertEquals("every frame is black or blank: the poster is one of them", black.notes());
        assertTrue(meanLuma(out.resolve("video-poster.jpg")) < 30);
    }

    private static double meanLuma(Path jpeg) throws Exception {
        JsonNode frames = ffprobe("-f", "lavfi", "-i", "movie=" + jpeg + ",signalstats", "-show_entries",
                "frame_tags=lavfi.signalstats.YAVG").get("frames");
        return frames.get(0).get("tags").get("lavfi.signalstats.YAVG").asDouble();
    }

    @Test
    void hlsLadderOfASmallSourceHasOneRungAndPlayableSegments() throws Exception {
        Renderer.Result r = render("video-hls", "vfr.mp4");
        assertTrue(r.files().containsAll(List.of("master.m3u8", "v0/index.m3u8", "v0/init.mp4")), r.files().toString());
        String master = Files.readString(out.resolve("master.m3u8"));
        assertTrue(master.contains("RESOLUTION=320x240"), master);
        assertFalse(master.contains("v1/"), "no rung above the source's 240 lines");
        String variant = Files.readString(out.resolve("v0/index.m3u8"));
        assertTrue(variant.contains("#EXT-X-MAP:URI=\"init.mp4\""), variant);
        assertTrue(variant.contains("#EXT-X-ENDLIST"), variant);
        long segments = r.files().stream().filter(f -> f.endsWith(".m4s")).count();
        assertEquals(variant.lines().filter(l -> l.endsWith(".m4s")).count(), segments, "every listed segment exists");
    }

    @Test
    void filmstripSpriteMatchesItsWebVtt() throws Exception {
        Renderer.Result r = render("video-filmstrip", "vfr.mp4");
        assertEquals(List.of("filmstrip.jpg", "thumbnails.vtt"), r.files());
        String vtt = Files.readString(out.resolve("thumbnails.vtt"));
        // The cue ends at the source's end: 3.948 s as ffprobe 5.1 reads it, 3.947 s as 6.1 does.
        assertTrue(vtt.matches("(?s)WEBVTT\n\n00:00:00\\.000 --> 00:00:03\\.94[78]\nfilmstrip\\.jpg#xywh=0,0,160,120\n.*"), vtt);
        JsonNode sprite = videoStream(out.resolve("filmstrip.jpg"));
        assertEquals(160, sprite.get("width").asInt());
        assertEquals(120, sprite.get("height").asInt());
    }

    @Test
    void photoThumbnailIsUprightInJpegAndWebp() throws Exception {
        Renderer.Result r = render("image-thumbnail", "oriented-6.jpg");
        assertEquals(List.of("image-thumbnail.jpg", "image-thumbnail.webp"), r.files());
        for (String f : r.files()) {
            JsonNode v = videoStream(out.resolve(f));
            // Stored 400×200, shown 200×400 (EXIF 6), fitted into 320×320.
            assertEquals(160, v.get("width").asInt(), f + " is portrait: the EXIF orientation was applied");
            assertEquals(320, v.get("height").asInt(), f);
        }
        JsonNode webp = videoStream(out.resolve("image-thumbnail.webp"));
        assertEquals("webp", webp.get("codec_name").asText());
    }

    @Test
    void failingHardwareEncoderFallsBackToSoftware() throws Exception {
        assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "this machine has an NVIDIA GPU: NVENC would work");
        Renderer.Result r = render(renderer(HardwareMode.ALWAYS, Duration.ofMinutes(2), 5), "video-proxy-720p", "no-audio.mp4",
                new ArrayList<>());
        assertEquals("libx264", r.encoder());
        assertTrue(r.notes().startsWith("h264_nvenc failed (ffmpeg exited with code "), r.notes());
        assertTrue(r.notes().endsWith("encoded with libx264"), r.notes());
        assertEquals("h264", videoStream(out.resolve("video-proxy-720p.mp4")).get("codec_name").asText());

        HardwareEncoders auto = new HardwareEncoders(FFMPEG, RUNNER, HardwareMode.AUTO);
        assertEquals(List.of("libx264"), auto.candidates(ProfileRegistry.parse(Path.of("transcode-profiles/video-proxy-720p.yaml"))),
                "auto: encoders that fail their test encode are not tried at all");
    }

    @Test
    void aRunLongerThanItsTimeLimitIsKilledAndSaysSo() throws Exception {
        JobFailure f = assertThrows(JobFailure.class, () -> render(renderer(HardwareMode.OFF, Duration.ofMillis(50), 0.001),
                "video-exhibition-master", "vfr.mp4", new ArrayList<>()));
        assertTrue(f.getMessage().contains("ffmpeg exited with a timeout"), f.getMessage());
    }

    // --- helpers

    private static TechnicalMetadata probe(Path f) throws Exception {
        ProcessRunner.Result r = RUNNER.run(List.of(FFPROBE, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                f.toString()), Duration.ofSeconds(30));
        return FfprobeParser.parse(r.stdout());
    }

    private static JsonNode ffprobe(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(FFPROBE, "-v", "error", "-print_format", "json"));
        cmd.addAll(List.of(args));
        ProcessRunner.Result r = RUNNER.run(cmd, Duration.ofSeconds(30));
        assertTrue(r.ok(), r.stderrTail());
        return JSON.readTree(r.stdout());
    }

    private static JsonNode videoStream(Path f) throws Exception {
        JsonNode s = ffprobe("-select_streams", "v:0", "-show_streams", f.toString()).get("streams");
        assertEquals(1, s.size(), "one video stream in " + f);
        return s.get(0);
    }


    @Test
    void shareProfilesLayTheWatermarkOverTheMiddleOfVideoAndPhotos() throws Exception {
        render("video-proxy-720p", "odd-size.mp4");
        render("video-share-proxy", "odd-size.mp4");
        markedInTheMiddleOnly(out.resolve("video-proxy-720p.mp4"), out.resolve("video-share-proxy.mp4"));
        render("image-preview", "oriented-6.jpg");
        render("image-share-preview", "oriented-6.jpg");
        markedInTheMiddleOnly(out.resolve("image-preview.jpg"), out.resolve("image-share-preview.jpg"));
        assertEquals(videoStream(out.resolve("image-preview.jpg")).get("height").asInt(),
                videoStream(out.resolve("image-share-preview.jpg")).get("height").asInt(), "the mark does not change the picture's size");
    }

    /** The first pictures of a plain and a watermarked rendition (compared at 320×240) differ across the middle and hardly at the top and bottom. */
    private static void markedInTheMiddleOnly(Path plain, Path marked) throws Exception {
        int w = 320;
        int h = 240;
        byte[] a = grayFrame(plain, w, h);
        byte[] b = grayFrame(marked, w, h);
        double middle = 0;
        double edges = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.abs((a[y * w + x] & 0xff) - (b[y * w + x] & 0xff));
                if (y >= h * 45 / 100 && y < h * 55 / 100 && x >= w * 3 / 10 && x < w * 7 / 10) {
                    middle += d / ((h * 55 / 100 - h * 45 / 100) * (w * 7 / 10 - w * 3 / 10));
                } else if (y < h / 6 || y >= h * 5 / 6) {
                    edges += d / (h / 3.0 * w);
                }
            }
        }
        assertTrue(middle > edges + 3, "mean difference in the middle " + middle + ", at the top and bottom " + edges);
    }

    private static byte[] grayFrame(Path file, int w, int h) throws Exception {
        Process p = new ProcessBuilder(FFMPEG, "-v", "error", "-i", file.toString(), "-frames:v", "1", "-vf", "scale=" + w + ":" + h,
                "-pix_fmt", "gray", "-f", "rawvideo", "pipe:1").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] frame = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        assertEquals(w * h, frame.length);
        return frame;
    }
}
