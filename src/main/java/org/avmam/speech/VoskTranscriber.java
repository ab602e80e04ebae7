package org.avmam.speech;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.transcode.FfmpegTools;
import org.vosk.Recognizer;

/**
 * Vosk speech recognition. ffmpeg decodes any input to 16 kHz mono 16-bit PCM on its stdout and
 * the recogniser consumes it as it arrives: the recording is never held in memory whole.
 */
@ApplicationScoped
public class VoskTranscriber implements Transcriber {

    static final float SAMPLE_RATE = 16_000f;
    private static final int CHUNK = 8_000; // 0.25 s of audio

    private final VoskModels models;
    private final FfmpegTools tools;
    private final ProcessRunner runner;
    private final AvmamConfig config;

    public VoskTranscriber(VoskModels models, FfmpegTools tools, ProcessRunner runner, AvmamConfig config) {
        this.models = models;
        this.tools = tools;
        this.runner = runner;
        this.config = config;
    }

    @Override
    public boolean supports(String language) {
        return models.enabled() && models.pathFor(language).isPresent();
    }

    @Override
    public Transcript transcribe(Path media, String language) throws IOException, InterruptedException {
        List<Transcript.Word> words = new ArrayList<>();
        try (Recognizer rec = new Recognizer(models.modelFor(language), SAMPLE_RATE)) {
            rec.setWords(true);
            ProcessRunner.Result r = runner.stream(decodeCommand(tools.ffmpeg(), media), config.ffmpeg().timeout(), in -> {
                try {
                    feed(rec, in, words);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, null);
            if (!r.ok()) {
                throw new JobFailure("ffmpeg cannot decode the audio: " + r.stderrTail());
            }
            words.addAll(parseWords(rec.getFinalResult()));
        }
        String model = models.pathFor(language).map(p -> p.getFileName().toString()).orElse("?");
        return new Transcript(language, "vosk:" + model, words);
    }

    /** ffmpeg → 16 kHz mono s16le on stdout, first audio stream only. */
    static List<String> decodeCommand(Path ffmpeg, Path media) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", media.toString(),
                "-map", "0:a:0", "-vn", "-ac", "1", "-ar", String.valueOf((int) SAMPLE_RATE), "-f", "s16le",
                "-acodec", "pcm_s16le", "pipe:1");
    }

    private static void feed(Recognizer rec, InputStream pcm, List<Transcript.Word> words) throws IOException {
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = pcm.readNBytes(buf, 0, buf.length)) > 0) {
            if (rec.acceptWaveForm(buf, n)) {
                words.addAll(parseWords(rec.getResult()));
            }
        }
    }

    /** Vosk's result JSON: {"result":[{"conf":1.0,"start":0.5,"end":0.9,"word":"hello"}],"text":"hello"}. */
    static List<Transcript.Word> parseWords(String voskJson) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(voskJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Transcript.Word> out = new ArrayList<>();
        for (JsonNode w : root.path("result")) {
            out.add(new Transcript.Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
                    w.path("conf").asDouble(1.0)));
        }
        return out;
    }
}
