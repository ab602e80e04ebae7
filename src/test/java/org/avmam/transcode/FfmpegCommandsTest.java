package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avmam.asset.TechnicalMetadata;
import org.junit.jupiter.api.Test;

class FfmpegCommandsTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path IN = Path.of("/data/blobs/aa/bb/in");
    private static final List<String> HEAD = List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "warning",
            "-progress", "pipe:1", "-nostats");

    private static TranscodeProfile shipped(String name) throws Exception {
        return ProfileRegistry.parse(Path.of("transcode-profiles", name + ".yaml"));
    }

    private static TechnicalMetadata video(double seconds, int w, int h, String rate, Integer rotation) {
        return new TechnicalMetadata("mov", seconds, null, w, h, true, true,
                List.of(new TechnicalMetadata.Stream(0, "video", "h264", null, w, h, rate, "yuv420p", rotation, null, null, null, null, null)),
                null, "ffprobe");
    }

    private static FfmpegCommands.Source sw(TechnicalMetadata t) {
        return new FfmpegCommands.Source(t, false, "libx264");
    }

    private static List<String> with(List<String> tail) {
        List<String> all = new java.util.ArrayList<>(HEAD);
        all.addAll(tail);
        return all;
    }

    @Test
    void videoProxy720p() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-proxy-720p"), IN, sw(video(60, 1920, 1080, "25/1", null)));
        assertEquals(with(List.of("-protocol_whitelist", "file", "-f", "mov", "-i", "file:" + IN, "-map", "0:v:0", "-map", "0:a:0?",
                "-vf", "yadif=deint=interlaced,scale=w='min(1280,iw)':h='min(720,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "23",
                "-force_key_frames", "expr:gte(t,n_forced*1.000)", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart",
                "-f", "mp4", "video-proxy-720p.mp4")), cmd);
    }

    @Test
    void proxyOnNvencUsesItsOwnQualitySettings() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-proxy-720p"), IN,
                new FfmpegCommands.Source(video(60, 1920, 1080, "25/1", null), false, "h264_nvenc"));
        int c = cmd.indexOf("-c:v");
        assertEquals(List.of("-c:v", "h264_nvenc", "-preset", "p4", "-rc", "vbr", "-cq", "23"), cmd.subList(c, c + 8));
        assertFalse(cmd.contains("-crf"), "x264's -crf means nothing to NVENC");
    }

    @Test
    void proxyOnVaapiUploadsFramesToTheGpu() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-proxy-720p"), IN,
                new FfmpegCommands.Source(video(60, 1920, 1080, "25/1", null), false, "h264_vaapi"));
        assertEquals(List.of("-vaapi_device", "/dev/dri/renderD128", "-protocol_whitelist"), cmd.subList(HEAD.size(), HEAD.size() + 3));
        assertTrue(cmd.get(cmd.indexOf("-vf") + 1).endsWith(",format=nv12,hwupload"));
        assertEquals("23", cmd.get(cmd.indexOf("-qp") + 1));
    }

    @Test
    void editProxyIsAllIntraAtTheSourcesConstantRate() throws Exception {
        // A phone's variable-rate video averages 29.97 fps: the edit proxy gets exactly 30000/1001.
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-edit-proxy"), IN, sw(video(60, 1920, 1080, "2997/100", null)));
        int r = cmd.indexOf("-fps_mode");
        assertEquals(List.of("-fps_mode", "cfr", "-r", "30000/1001", "-g", "1", "-keyint_min", "1", "-bf", "0"), cmd.subList(r, r + 10));
        assertEquals(List.of("-c:a", "aac", "-b:a", "256k", "-ac", "2", "-ar", "48000"), cmd.subList(r + 10, r + 18));
    }

    @Test
    void burntInTimecodeRunsAtTheOutputRate() {
        assertEquals("drawtext=timecode='00\\:00\\:00\\:00':rate=25:fontcolor=white:fontsize=h/18:box=1:boxcolor=black@0.6"
                + ":x=(w-tw)/2:y=h-th-h/30", FfmpegCommands.timecode("25"));
    }

    @Test
    void posterSeeksTenPercentInAndSkipsBlackFrames() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-poster"), IN, sw(video(120, 1920, 1080, "25/1", null)));
        assertEquals(with(List.of("-ss", "12.000", "-protocol_whitelist", "file", "-f", "mov", "-i", "file:" + IN,
                "-vf", "signalstats,metadata=select:key=lavfi.signalstats.YAVG:value=24:function=greater,"
                        + "metadata=select:key=lavfi.signalstats.YAVG:value=232:function=less,"
                        + "thumbnail=60,scale=w='min(1280,iw)':h='min(720,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
                "-frames:v", "1", "-update", "1", "-q:v", "3", "-f", "image2", "video-poster.jpg")), cmd);
    }

    @Test
    void posterOfUnknownDurationStartsAtZero() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-poster"), IN, sw(null));
        assertEquals("0.000", cmd.get(cmd.indexOf("-ss") + 1));
    }

    @Test
    void thumbnailOfAnUprightJpegDecodesAtAnEighthAndWritesBothFormats() throws Exception {
        TechnicalMetadata photo = photo(6000, 4000, 6);
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("image-thumbnail"), IN, new FfmpegCommands.Source(photo, true, null));
        assertEquals(with(List.of("-lowres", "3", "-noautorotate", "-protocol_whitelist", "file", "-i", "file:" + IN,
                "-filter_complex", "[0:v:0]transpose=1,scale=w='min(320,iw)':h='min(320,ih)':force_original_aspect_ratio=decrease"
                        + ":force_divisible_by=2,split=2[o0][o1]",
                "-map", "[o0]", "-frames:v", "1", "-update", "1", "-c:v", "mjpeg", "-q:v", "5", "-f", "image2", "image-thumbnail.jpg",
                "-map", "[o1]", "-frames:v", "1", "-update", "1", "-c:v", "libwebp", "-quality", "80", "-f", "webp", "image-thumbnail.webp")), cmd);
    }

    @Test
    void previewDecodesOnlyAsSmallAsStillCoversTheBox() throws Exception {
        TranscodeProfile.Output preview = shipped("image-preview").output();
        assertEquals(1, FfmpegCommands.lowres(preview, photo(6000, 4000, 1)), "3000×2000 still covers 2048");
        assertEquals(0, FfmpegCommands.lowres(preview, photo(4000, 3000, 1)), "2000×1500 would not");
        TranscodeProfile.Output thumb = shipped("image-thumbnail").output();
        assertEquals(2, FfmpegCommands.lowres(thumb, photo(1600, 1200, 1)));
        assertEquals(0, FfmpegCommands.lowres(thumb, photo(300, 200, 1)));
        assertEquals(0, FfmpegCommands.lowres(thumb, null), "size unknown: decode in full");
    }

    @Test
    void everyExifOrientationHasItsFilter() {
        assertEquals(null, FfmpegCommands.orientation(1));
        assertEquals("hflip", FfmpegCommands.orientation(2));
        assertEquals("hflip,vflip", FfmpegCommands.orientation(3));
        assertEquals("vflip", FfmpegCommands.orientation(4));
        assertEquals("transpose=0", FfmpegCommands.orientation(5));
        assertEquals("transpose=1", FfmpegCommands.orientation(6));
        assertEquals("transpose=3", FfmpegCommands.orientation(7));
        assertEquals("transpose=2", FfmpegCommands.orientation(8));
        assertEquals(null, FfmpegCommands.orientation(42), "a nonsense value is ignored, not obeyed");
    }

    @Test
    void hlsLadderOfA720pSourceStopsAt720() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-hls"), IN, sw(video(60, 1280, 720, "25/1", null)));
        assertEquals("[0:v:0]yadif=deint=interlaced,split=2[s0][s1];[s0]scale=640:360,format=yuv420p[v0];"
                + "[s1]scale=1280:720,format=yuv420p[v1]", cmd.get(cmd.indexOf("-filter_complex") + 1));
        assertEquals("v:0,a:0 v:1,a:1", cmd.get(cmd.indexOf("-var_stream_map") + 1));
        assertEquals(List.of("-b:v:0", "800k", "-maxrate:v:0", "1200k", "-bufsize:v:0", "1200k", "-b:a:0", "96k"),
                cmd.subList(cmd.indexOf("-b:v:0"), cmd.indexOf("-b:v:0") + 8));
        int f = cmd.indexOf("hls");
        assertEquals(List.of("hls", "-hls_time", "4.000", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
                "-hls_flags", "independent_segments", "-master_pl_name", "master.m3u8", "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", "v%v/seg%05d.m4s", "-var_stream_map", "v:0,a:0 v:1,a:1", "v%v/index.m3u8"),
                cmd.subList(f, cmd.size()));
        assertEquals("expr:gte(t,n_forced*4.000)", cmd.get(cmd.indexOf("-force_key_frames") + 1), "a keyframe starts every segment");
    }

    @Test
    void filmstripAndAudioAndWaveform() throws Exception {
        List<String> strip = FfmpegCommands.build(FFMPEG, shipped("video-filmstrip"), IN, sw(video(42, 1920, 1080, "25/1", null)));
        assertEquals(with(List.of("-protocol_whitelist", "file", "-f", "mov", "-i", "file:" + IN, "-map", "0:v:0", "-an",
                "-vf", "select='gte(t\\,5.000*selected_n)',scale=160:90,tile=9x1", "-fps_mode", "passthrough", "-frames:v", "1",
                "-update", "1", "-q:v", "6", "-f", "image2", "filmstrip.jpg")),
                strip);
        List<String> audio = FfmpegCommands.build(FFMPEG, shipped("audio-proxy"), IN, sw(null));
        assertEquals(with(List.of("-protocol_whitelist", "file", "-i", "file:" + IN, "-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-movflags", "+faststart", "-f", "mp4", "audio-proxy.m4a")), audio);
        List<String> wave = FfmpegCommands.build(FFMPEG, shipped("audio-waveform"), IN, sw(null));
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "warning",
                "-protocol_whitelist", "file", "-i", "file:" + IN, "-map", "0:a:0", "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"),
                wave, "the PCM goes to stdout, so no -progress there");
    }

    @Test
    void frameRatesSnapToBroadcastRates() {
        assertEquals("30000/1001", FfmpegCommands.snapFrameRate("30000/1001"));
        assertEquals("25", FfmpegCommands.snapFrameRate("25/1"));
        assertEquals("25", FfmpegCommands.snapFrameRate("2501/100"));
        assertEquals("24000/1001", FfmpegCommands.snapFrameRate("23976/1000"));
        assertEquals("12.500", FfmpegCommands.snapFrameRate("25/2"));
        assertEquals(null, FfmpegCommands.snapFrameRate("0/0"));
        assertEquals(null, FfmpegCommands.snapFrameRate("90000/1"), "a time base, not a frame rate");
    }

    @Test
    void qualityMapsOntoJpegScale() {
        assertEquals(3, FfmpegCommands.jpegQscale(90));
        assertEquals(4, FfmpegCommands.jpegQscale(85));
        assertEquals(2, FfmpegCommands.jpegQscale(100));
        assertEquals(21, FfmpegCommands.jpegQscale(1));
        assertEquals(6, FfmpegCommands.jpegQscale(75));
    }

    private static TechnicalMetadata photo(int w, int h, int orientation) {
        return new TechnicalMetadata("JPEG", null, null, w, h, false, false, List.of(),
                new TechnicalMetadata.Embedded(null, null, null, null, orientation, null, null, null, null, List.of(), null, null), "me");
    }
}
