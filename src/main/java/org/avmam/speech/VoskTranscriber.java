package org.avmam.speech;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleConsumer;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.ffmpeg.FfmpegTools;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk speech recognition. ffmpeg decodes the audio to 16 kHz mono 16-bit PCM on its stdout and
 * the recogniser consumes it as it arrives: a recording is never held in memory whole.
 *
 * <p>A long recording is cut in the middle of silences ({@link ChunkPlanner}) into about one chunk per
 * core, recognised in parallel; word times are shifted by each chunk's start.
 */
@ApplicationScoped
public class VoskTranscriber implements Transcriber {

    static final int SAMPLE_RATE = 16_000;
    private static final int BYTES_PER_SECOND = SAMPLE_RATE * 2;
    private static final int BUFFER = 8_000; // 0.25 s of audio

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
    public Transcript transcribe(Path media, String language, double durationSeconds, DoubleConsumer progress)
            throws IOException, InterruptedException {
        // One chunk per recogniser: a fresh Vosk recogniser starts with cold caches (its lookahead graph is
        // composed as it decodes), so many short chunks cost more than they save.
        double shortest = config.speech().chunkLength().toMillis() / 1000.0;
        return transcribe(media, language, durationSeconds, progress, Math.max(shortest, durationSeconds / parallelism()));
    }

    /** As {@link #transcribe(Path, String, double, DoubleConsumer)}, cutting near every {@code target} seconds. */
    Transcript transcribe(Path media, String language, double durationSeconds, DoubleConsumer progress, double target)
            throws IOException, InterruptedException {
        models.acquire();
        try {
            return transcribeWith(models.modelFor(language), media, language, durationSeconds, progress, target);
        } finally {
            models.release();
        }
    }

    private Transcript transcribeWith(Model model, Path media, String language, double durationSeconds, DoubleConsumer progress,
            double target) throws IOException, InterruptedException {
        List<ChunkPlanner.Chunk> chunks = durationSeconds > 1.5 * target
                ? ChunkPlanner.plan(silences(media), durationSeconds, target)
                : List.of(new ChunkPlanner.Chunk(0, 0));
        DoubleAdder done = new DoubleAdder();
        DoubleConsumer perChunk = seconds -> {
            done.add(seconds);
            if (durationSeconds > 0) {
                progress.accept(done.sum() / durationSeconds);
            }
        };
        List<Transcript.Word> words = new ArrayList<>();
        if (chunks.size() == 1) {
            words.addAll(recognise(model, media, null, perChunk));
        } else {
            int threads = Math.min(chunks.size(), parallelism());
            try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("vosk-", 0).factory())) {
                List<Future<List<Transcript.Word>>> parts = new ArrayList<>();
                for (ChunkPlanner.Chunk c : chunks) {
                    parts.add(pool.submit(() -> recognise(model, media, c, perChunk)));
                }
                for (Future<List<Transcript.Word>> f : parts) {
                    words.addAll(f.get());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }
        progress.accept(1.0);
        String name = models.pathFor(language).map(p -> p.getFileName().toString()).orElse("?");
        return new Transcript(language, "vosk:" + name, words);
    }

    int parallelism() {
        int p = config.speech().parallelism();
        return p > 0 ? p : Runtime.getRuntime().availableProcessors();
    }

    /** Recognises the chunk (the whole file when null); word times are relative to the file. */
    private List<Transcript.Word> recognise(Model model, Path media, ChunkPlanner.Chunk chunk, DoubleConsumer secondsDone)
            throws IOException, InterruptedException {
        double offset = chunk == null ? 0 : chunk.start();
        List<Transcript.Word> words = new ArrayList<>();
        try (Recognizer rec = new Recognizer(model, SAMPLE_RATE)) {
            rec.setWords(true);
            ProcessRunner.Result r = runner.stream(decodeCommand(tools.ffmpeg(), media, chunk), config.ffmpeg().timeout(), in -> {
                try {
                    feed(rec, in, offset, words, secondsDone);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, null);
            if (!r.ok()) {
                throw new JobFailure("ffmpeg cannot decode the audio: " + r.stderrTail());
            }
            words.addAll(parseWords(rec.getFinalResult(), offset));
        }
        return words;
    }

    /** ffmpeg → 16 kHz mono s16le on stdout, first audio stream only, optionally one chunk of it. */
    static List<String> decodeCommand(Path ffmpeg, Path media, ChunkPlanner.Chunk chunk) {
        List<String> c = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error"));
        if (chunk != null) {
            c.addAll(List.of("-ss", seconds(chunk.start()), "-t", seconds(chunk.length())));
        }
        c.addAll(org.avmam.process.FfmpegInput.args(media, null));
        c.addAll(List.of("-map", "0:a:0", "-vn", "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE),
                "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"));
        return c;
    }

    /** ffmpeg's silencedetect, printed to stdout as frame metadata so that no log tail is lost. */
    static List<String> silenceCommand(Path ffmpeg, Path media) {
        List<String> c = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error"));
        c.addAll(org.avmam.process.FfmpegInput.args(media, null));
        c.addAll(List.of("-map", "0:a:0", "-vn", "-ac", "1", "-af", "silencedetect=noise=-35dB:duration=0.3,ametadata=mode=print:file=-",
                "-f", "null", "-"));
        return c;
    }

    List<ChunkPlanner.Silence> silences(Path media) throws IOException, InterruptedException {
        ProcessRunner.Result r = runner.run(silenceCommand(tools.ffmpeg(), media), config.ffmpeg().timeout());
        if (!r.ok()) {
            throw new JobFailure("ffmpeg cannot decode the audio: " + r.stderrTail());
        }
        return parseSilences(r.stdout());
    }

    /** "lavfi.silence_start=12.3" … "lavfi.silence_end=13.1" lines → silences. */
    static List<ChunkPlanner.Silence> parseSilences(String metadata) {
        List<ChunkPlanner.Silence> out = new ArrayList<>();
        Double start = null;
        for (String line : metadata.split("\n")) {
            String l = line.strip();
            if (l.startsWith("lavfi.silence_start=")) {
                start = Double.valueOf(l.substring("lavfi.silence_start=".length()));
            } else if (l.startsWith("lavfi.silence_end=") && start != null) {
                out.add(new ChunkPlanner.Silence(Math.max(0, start), Double.parseDouble(l.substring("lavfi.silence_end=".length()))));
                start = null;
            }
        }
        return out;
    }

    private static void feed(Recognizer rec, InputStream pcm, double offset, List<Transcript.Word> words,
            DoubleConsumer secondsDone) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = pcm.readNBytes(buf, 0, buf.length)) > 0) {
            if (rec.acceptWaveForm(buf, n)) {
                words.addAll(parseWords(rec.getResult(), offset));
            }
            secondsDone.accept((double) n / BYTES_PER_SECOND);
        }
    }

    /** Vosk's result JSON: {"result":[{"conf":1.0,"start":0.5,"end":0.9,"word":"hello"}],"text":"hello"}. */
    static List<Transcript.Word> parseWords(String voskJson, double offset) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(voskJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Transcript.Word> out = new ArrayList<>();
        for (JsonNode w : root.path("result")) {
            out.add(new Transcript.Word(w.path("word").asText(), round(w.path("start").asDouble() + offset),
                    round(w.path("end").asDouble() + offset), w.path("conf").asDouble(1.0)));
        }
        return out;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
