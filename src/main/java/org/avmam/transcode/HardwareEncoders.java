package org.avmam.transcode;

import org.avmam.ffmpeg.FfmpegTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.avmam.config.AvmamConfig;
import org.avmam.process.ProcessRunner;
import org.jboss.logging.Logger;

/**
 * Which video encoders a render tries, in order: the hardware encoders its profile names that
 * work on this node, then the profile's software codec. An ffmpeg build lists NVENC or VA-API
 * whether or not the machine has the hardware, so "works" means a one-frame test encode passed
 * (once per encoder per node, on first use).
 */
@ApplicationScoped
public class HardwareEncoders {

    private static final Logger LOG = Logger.getLogger(HardwareEncoders.class);

    private final String ffmpegPath;
    private final ProcessRunner runner;
    private final AvmamConfig.Ffmpeg.HardwareMode mode;
    private final Map<String, Boolean> works = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public HardwareEncoders(FfmpegTools tools, ProcessRunner runner, AvmamConfig config) {
        this(tools.ffmpeg().toString(), runner, config.ffmpeg().hardware());
    }

    /** For tests that run the renderer without the container. */
    public HardwareEncoders(String ffmpeg, ProcessRunner runner, AvmamConfig.Ffmpeg.HardwareMode mode) {
        this.ffmpegPath = ffmpeg;
        this.runner = runner;
        this.mode = mode;
    }

    public List<String> candidates(TranscodeProfile profile) {
        TranscodeProfile.Output o = profile.output();
        List<String> out = new ArrayList<>();
        if (o.hardwareCodecs() != null && mode != AvmamConfig.Ffmpeg.HardwareMode.OFF) {
            for (String codec : o.hardwareCodecs()) {
                if (mode == AvmamConfig.Ffmpeg.HardwareMode.ALWAYS || works.computeIfAbsent(codec, this::test)) {
                    out.add(codec);
                }
            }
        }
        out.add(o.videoCodec());
        return out;
    }

    private boolean test(String codec) {
        List<String> cmd = new ArrayList<>(List.of(ffmpegPath, "-hide_banner", "-nostdin", "-loglevel", "error"));
        if (codec.endsWith("_vaapi")) {
            cmd.addAll(List.of("-vaapi_device", FfmpegCommands.VAAPI_DEVICE));
        }
        cmd.addAll(List.of("-f", "lavfi", "-i", "color=black:s=256x256:d=0.1"));
        if (codec.endsWith("_vaapi")) {
            cmd.addAll(List.of("-vf", "format=nv12,hwupload"));
        }
        cmd.addAll(List.of("-frames:v", "1", "-c:v", codec, "-f", "null", "-"));
        try {
            ProcessRunner.Result r = runner.run(cmd, Duration.ofSeconds(30));
            LOG.infof("Hardware encoder %s: %s", codec, r.ok() ? "works" : "not usable here (" + r.stderrTail() + ")");
            return r.ok();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
