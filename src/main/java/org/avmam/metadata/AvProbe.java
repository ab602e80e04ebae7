package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.ffmpeg.FfmpegTools;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.info.AudioInfo;
import ws.schild.jave.info.MultimediaInfo;
import ws.schild.jave.info.VideoInfo;

/**
 * Audio/video technical metadata. ffprobe JSON when ffprobe exists; with only JAVE2's bundled
 * ffmpeg, JAVE2's parse of ffmpeg's own stream report (fewer fields, same shape).
 */
@ApplicationScoped
public class AvProbe {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final FfmpegTools tools;
    private final ProcessRunner runner;

    public AvProbe(FfmpegTools tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    public TechnicalMetadata probe(Path file) throws IOException, InterruptedException {
        return probeWithRaw(file, null).technical();
    }

    /** {@code mimeType}: the detected type, whose demuxer is pinned (null lets ffprobe probe, still with file: only). */
    public Probed probeWithRaw(Path file, String mimeType) throws IOException, InterruptedException {
        if (tools.ffprobe().isEmpty()) {
            return probeWithJave(file, tools.ffmpeg());
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(tools.ffprobe().get().toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams"));
        cmd.addAll(org.avmam.process.FfmpegInput.args(file, org.avmam.process.FfmpegInput.demuxerFor(mimeType)));
        ProcessRunner.Result r = runner.run(cmd, TIMEOUT);
        if (!r.ok()) {
            throw new JobFailure("the file cannot be read as audio or video: it is cut off, damaged or not a media file "
                    + "(ffprobe: " + r.stderrTail().strip().replaceAll("\\[[^]]+ @ 0x[0-9a-f]+\\] ", "")
                            .replace("file:" + file, "the file").replace("\n", "; ") + ")");
        }
        TechnicalMetadata md = FfprobeParser.parse(r.stdout());
        if (!md.hasVideo() && !md.hasAudio()) {
            throw new JobFailure("the file holds no audio or video stream");
        }
        return new Probed(md, r.stdout());
    }

    /**
     * JAVE2's parse of ffmpeg's stream report, normalised; the raw object kept for audit is JAVE2's
     * own (format, duration, streams and the container's metadata tags, as JSON).
     */
    static Probed probeWithJave(Path file, Path ffmpeg) {
        MultimediaInfo info;
        try {
            info = new MultimediaObject(file.toFile(), () -> ffmpeg.toString()).getInfo();
        } catch (Exception e) {
            throw new JobFailure("ffmpeg cannot read the file: " + e.getMessage(), e);
        }
        List<TechnicalMetadata.Stream> streams = new ArrayList<>();
        VideoInfo v = info.getVideo();
        AudioInfo a = info.getAudio();
        if (v != null) {
            streams.add(new TechnicalMetadata.Stream(streams.size(), "video", v.getDecoder(), null,
                    v.getSize() == null ? null : v.getSize().getWidth(), v.getSize() == null ? null : v.getSize().getHeight(),
                    String.valueOf(v.getFrameRate()), null, null, null, null, null, (long) v.getBitRate(), null));
        }
        if (a != null) {
            streams.add(new TechnicalMetadata.Stream(streams.size(), "audio", a.getDecoder(), null, null, null, null, null,
                    null, a.getSamplingRate(), a.getChannels(), null, (long) a.getBitRate(), null));
        }
        if (streams.isEmpty()) {
            throw new JobFailure("the file holds no audio or video stream");
        }
        TechnicalMetadata md = new TechnicalMetadata(info.getFormat(), info.getDuration() / 1000.0, null,
                v == null || v.getSize() == null ? null : v.getSize().getWidth(),
                v == null || v.getSize() == null ? null : v.getSize().getHeight(),
                v != null, a != null, streams, TechnicalMetadata.Embedded.NONE, "ffmpeg (JAVE2)");
        return new Probed(md, org.avmam.common.Json.write(java.util.Map.of("tool", "JAVE2 MultimediaInfo", "info", info)));
    }
}
