package org.avmam.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading what an ffmpeg build can do from its own output, recorded in src/test/resources/ffmpeg. */
class FfmpegToolsTest {

    private static final FfmpegBuild.Needs NEEDS = new FfmpegBuild.Needs(Set.of("libx264", "aac", "mjpeg", "libwebp"),
            FfmpegTools.PIPELINE_DECODERS, FfmpegTools.PIPELINE_OPTIONS);

    private static String recorded(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/ffmpeg", name));
    }

    @Test
    void readsTheVersionFromTheFirstLine() {
        assertEquals("5.1.6-0+deb12u1", FfmpegBuild.parseVersion("ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers\nbuilt with gcc"));
        assertEquals("n4.4-78-g031c0cb0b4-static", FfmpegBuild.parseVersion("ffmpeg version n4.4-78-g031c0cb0b4-static https://johnvansickle.com"));
    }

    @Test
    void theBundledBuildHasEverythingTheProfilesNeed() throws IOException {
        FfmpegBuild b = new FfmpegBuild(Path.of("ffmpeg"), Optional.of(Path.of("ffprobe")), FfmpegTools.Source.BUNDLED, "6.1.1",
                FfmpegBuild.parseCodecList(recorded("bytedeco-6.1.1-encoders.txt")),
                FfmpegBuild.parseCodecList(recorded("bytedeco-6.1.1-decoders.txt")),
                FfmpegBuild.parseOptions(recorded("bytedeco-6.1.1-help-long.txt")));
        assertTrue(b.encoders().containsAll(Set.of("libx264", "libx265", "libwebp", "aac", "prores_ks", "mjpeg")), b.encoders().toString());
        assertTrue(b.decoders().contains("hevc"));
        assertTrue(b.options().contains("fps_mode"));
        assertEquals(List.of(), b.missing(NEEDS));
    }

    @Test
    void anFfmpegWithoutFpsModeIsNamedForWhatItLacks() throws IOException {
        // JAVE2's bundled 4.4: the build that made every filmstrip fail with "Unrecognized option 'fps_mode'".
        FfmpegBuild old = new FfmpegBuild(Path.of("ffmpeg"), Optional.empty(), FfmpegTools.Source.SYSTEM, "4.4.1",
                FfmpegBuild.parseCodecList(recorded("jave-4.4-encoders.txt")), Set.of("hevc", "h264", "mjpeg"),
                FfmpegBuild.parseOptions(recorded("jave-4.4-help-long.txt")));
        assertTrue(old.encoders().contains("libx264"));
        assertEquals(List.of("no ffprobe beside it", "option -fps_mode"), old.missing(NEEDS));
    }

    @Test
    void aSystemFfmpegThatDoesNotRunIsPassedOverNotFatal(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // What a half-installed Debian ffmpeg looks like: it exits at once, naming the library it cannot load.
        Path broken = dir.resolve("ffmpeg");
        Files.writeString(broken, "#!/bin/sh\necho 'ffmpeg: error while loading shared libraries: libblas.so.3' >&2\nexit 127\n");
        assertTrue(broken.toFile().setExecutable(true));
        FfmpegTools tools = new FfmpegTools(null, new org.avmam.process.ProcessRunner(), null);
        assertEquals(Optional.empty(), tools.systemCandidate(broken, Optional.empty()));
        String why = tools.passedOver().get("SYSTEM " + broken);
        assertTrue(why != null && why.contains("libblas.so.3"), String.valueOf(tools.passedOver()));
    }
}
