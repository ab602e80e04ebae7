package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.avmam.metadata.TechnicalMetadata;
import org.junit.jupiter.api.Test;

class FfmpegCommandsTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path IN = Path.of("/data/blobs/aa/bb/in");
    private static final Path OUT = Path.of("/data/renditions/out.part.mp4");

    private static TranscodeProfile shipped(String name) throws Exception {
        return ProfileRegistry.parse(Path.of("transcode-profiles", name + ".yaml"));
    }

    private static TechnicalMetadata lasting(double seconds) {
        return new TechnicalMetadata("mov", seconds, null, 1920, 1080, true, true, List.of(), null, "ffprobe");
    }

    @Test
    void videoProxy720p() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-proxy-720p"), IN, OUT, lasting(60));
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                "-i", IN.toString(), "-map", "0:v:0", "-map", "0:a:0?",
                "-vf", "yadif=deint=interlaced,scale=w='min(1280,iw)':h='min(720,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "23",
                "-force_key_frames", "expr:gte(t,n_forced*1.000)", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart",
                "-f", "mp4", OUT.toString()), cmd);
    }

    @Test
    void posterSeeksTenPercentInAndSkipsBlackFrames() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-poster"), IN, OUT, lasting(120));
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                "-ss", "12.000", "-i", IN.toString(),
                "-vf", "thumbnail=60,scale=w='min(1280,iw)':h='min(720,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
                "-frames:v", "1", "-q:v", "3", "-f", "image2", OUT.toString()), cmd);
    }

    @Test
    void posterOfUnknownDurationStartsAtZero() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("video-poster"), IN, OUT, null);
        assertEquals("0.000", cmd.get(cmd.indexOf("-ss") + 1));
    }

    @Test
    void imageThumbnail() throws Exception {
        List<String> cmd = FfmpegCommands.build(FFMPEG, shipped("image-thumbnail"), IN, OUT, null);
        assertEquals(List.of("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                "-i", IN.toString(),
                "-vf", "scale=w='min(320,iw)':h='min(320,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
                "-frames:v", "1", "-q:v", "4", "-f", "image2", OUT.toString()), cmd);
    }
}
