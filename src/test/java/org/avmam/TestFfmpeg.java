package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avmam.ffmpeg.BundledFfmpegLocator;

/**
 * The ffmpeg and ffprobe tests make their crafted inputs with: the build's own, so the suite needs
 * no media tools on the machine (the service under test chooses its own by capability).
 */
public final class TestFfmpeg {

    private static final BundledFfmpegLocator LOCATOR = BundledFfmpegLocator.unpackInto(Path.of("target/test-tools"))
            .orElseThrow(() -> new IllegalStateException("the bundled ffmpeg (org.bytedeco:ffmpeg linux-x86_64-gpl) is not on the test classpath"));

    private TestFfmpeg() {}

    public static Path ffmpeg() {
        return Path.of(LOCATOR.getExecutablePath());
    }

    public static Path ffprobe() {
        return LOCATOR.ffprobe();
    }

    /** Runs ffmpeg with {@code args} (after {@code -v error -y}) and fails the test with its output if it fails. */
    public static void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ffmpeg " + String.join(" ", args) + ": " + log);
    }

    /** Runs ffprobe with {@code args} and returns its stdout, failing the test if it fails. */
    public static String probe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffprobe().toString(), "-hide_banner", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ffprobe " + String.join(" ", args) + ": " + out);
        return out;
    }
}
