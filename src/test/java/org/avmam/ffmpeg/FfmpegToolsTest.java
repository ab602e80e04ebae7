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

    @Test
    void theBundledBuildComesFirstUnlessTheSystemsIsPreferredAndALackingOneIsPassedOver() throws IOException {
        FfmpegBuild bundled = new FfmpegBuild(Path.of("bundled/ffmpeg"), Optional.of(Path.of("bundled/ffprobe")), FfmpegTools.Source.BUNDLED,
                "6.1.1", FfmpegBuild.parseCodecList(recorded("bytedeco-6.1.1-encoders.txt")),
                FfmpegBuild.parseCodecList(recorded("bytedeco-6.1.1-decoders.txt")), FfmpegBuild.parseOptions(recorded("bytedeco-6.1.1-help-long.txt")));
        FfmpegBuild system = new FfmpegBuild(Path.of("/usr/bin/ffmpeg"), Optional.of(Path.of("/usr/bin/ffprobe")), FfmpegTools.Source.SYSTEM,
                "5.1.6", bundled.encoders(), bundled.decoders(), bundled.options());
        FfmpegBuild old = new FfmpegBuild(Path.of("/usr/bin/ffmpeg"), Optional.empty(), FfmpegTools.Source.SYSTEM, "4.4.1",
                FfmpegBuild.parseCodecList(recorded("jave-4.4-encoders.txt")), Set.of("hevc", "h264", "mjpeg"),
                FfmpegBuild.parseOptions(recorded("jave-4.4-help-long.txt")));
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<Optional<FfmpegBuild>> systemProbe = () -> {
            probed.incrementAndGet();
            return Optional.of(system);
        };

        FfmpegTools tools = new FfmpegTools(null, new org.avmam.process.ProcessRunner(), null);
        assertEquals(Optional.of(bundled), tools.choose(List.of(() -> Optional.of(bundled), systemProbe), NEEDS), "the default order");
        assertEquals(0, probed.get(), "the system ffmpeg is not even probed when the bundled build will do");
        assertEquals(Optional.of(system), tools.choose(List.of(systemProbe, () -> Optional.of(bundled)), NEEDS), "use-system=true");
        // No bundled build for this platform: the system's, when capable, is the fallback.
        assertEquals(Optional.of(system), tools.choose(List.of(Optional::empty, systemProbe), NEEDS));
        // A system ffmpeg that is preferred but too old is passed over, with the reason, for the bundled build.
        assertEquals(Optional.of(bundled), tools.choose(List.of(() -> Optional.of(old), () -> Optional.of(bundled)), NEEDS));
        assertEquals("ffmpeg 4.4.1 lacks no ffprobe beside it, option -fps_mode", tools.passedOver().get("SYSTEM /usr/bin/ffmpeg"));
        assertEquals(Optional.empty(), tools.choose(List.of(() -> Optional.of(old), Optional::empty), NEEDS), "nothing usable");
    }
}
