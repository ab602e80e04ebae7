package org.avmam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.avmam.common.Json;
import org.avmam.speech.Transcript;
import org.avmam.speech.VoskModels;
import org.avmam.speech.VoskTranscriberAccess;
import org.junit.jupiter.api.Test;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * avmam's transcription against raw Vosk (one recogniser fed by ffmpeg, as the Vosk examples do)
 * with the same model on the same audio: word error rate, speed, and memory on an hour of speech.
 * Recorded speech and references: src/test/resources/bench/speech/SOURCES.md.
 */
@QuarkusTest
class SpeechBenchmark {

    private static final Path DIR = Path.of("src/test/resources/bench/speech");
    private static final List<String> CLIPS = List.of("jfk.flac", "OSR_us_000_0034_8k.wav");

    @Inject
    VoskTranscriberAccess avmam;

    @Inject
    VoskModels models;

    @Test
    void werSpeedAndMemory() throws Exception {
        StringBuilder md = new StringBuilder("## Speech (Vosk, model `vosk-model-en` 0.3.45)\n\n");

        // Word error rate on recorded speech.
        int refWords = 0;
        int rawEdits = 0;
        int avmamEdits = 0;
        int chunkedEdits = 0;
        md.append("### Word error rate on recorded English speech\n\n")
                .append("| clip | reference words | raw Vosk WER | avmam WER | avmam, cut every 10 s, WER |\n|---|---|---|---|---|\n");
        for (String clip : CLIPS) {
            Path audio = DIR.resolve(clip);
            List<String> ref = Wer.words(Files.readString(DIR.resolve(clip.replaceAll("\\.[a-z0-9]+$", ".txt"))));
            double duration = duration(audio);
            int raw = Wer.edits(ref, Wer.words(rawVosk(audio)));
            int ours = Wer.edits(ref, Wer.words(avmam.transcribe(audio, duration).text()));
            int chunked = Wer.edits(ref, Wer.words(avmam.transcribe(audio, duration, 10).text()));
            refWords += ref.size();
            rawEdits += raw;
            avmamEdits += ours;
            chunkedEdits += chunked;
            md.append(String.format(Locale.ROOT, "| %s (%.0f s) | %d | %.1f %% | %.1f %% | %.1f %% |%n", clip, duration, ref.size(),
                    pct(raw, ref.size()), pct(ours, ref.size()), pct(chunked, ref.size())));
        }
        md.append(String.format(Locale.ROOT, "| **all** | %d | **%.1f %%** | **%.1f %%** | **%.1f %%** |%n%n", refWords,
                pct(rawEdits, refWords), pct(avmamEdits, refWords), pct(chunkedEdits, refWords)));
        md.append(String.format(Locale.ROOT, "Difference avmam − raw Vosk: %+.1f percentage points (target: within ±0.5); "
                + "with 10-second chunks: %+.1f.%n%n", pct(avmamEdits, refWords) - pct(rawEdits, refWords),
                pct(chunkedEdits, refWords) - pct(rawEdits, refWords)));

        // Speed on a ten-minute recording.
        Path tenMinutes = concat(600, "ten-minutes.wav");
        double d10 = duration(tenMinutes);
        long t0 = System.nanoTime();
        rawVosk(tenMinutes);
        double rawSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        avmam.transcribe(tenMinutes, d10);
        double avmamSeconds = (System.nanoTime() - t0) / 1e9;
        md.append("### Speed on a ten-minute recording (the clips above, repeated with 1 s pauses)\n\n")
                .append("| | wall time | realtime factor (audio ÷ wall) |\n|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| raw Vosk, one stream | %.1f s | %.1f× |%n", rawSeconds, d10 / rawSeconds))
                .append(String.format(Locale.ROOT, "| avmam, cut at silences into one chunk per recogniser, %d recognisers | %.1f s | %.1f× |%n%n",
                        avmam.parallelism(), avmamSeconds, d10 / avmamSeconds))
                .append(String.format(Locale.ROOT, "avmam is **%.2f×** faster than single-stream raw Vosk (target: at least 1.8×).%n%n",
                        rawSeconds / avmamSeconds));

        // Memory on an hour.
        Path hour = concat(3600, "one-hour.wav");
        double dh = duration(hour);
        System.gc();
        long heapBefore = heapUsed();
        long rssBefore = rssKb();
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        AtomicLong peakRss = new AtomicLong(rssBefore);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                peakHeap.accumulateAndGet(heapUsed(), Math::max);
                peakRss.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t0 = System.nanoTime();
        Transcript t = avmam.transcribe(hour, dh);
        double hourSeconds = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.join();
        t0 = System.nanoTime();
        rawVosk(hour);
        double rawHourSeconds = (System.nanoTime() - t0) / 1e9;
        md.append("### Speed and memory on a one-hour recording\n\n")
                .append(String.format(Locale.ROOT, "Raw Vosk, one stream: %.0f s (%.1f× realtime); avmam: %.0f s (%.1f× realtime): "
                        + "**%.2f×** faster.%n%n", rawHourSeconds, dh / rawHourSeconds, hourSeconds, dh / hourSeconds,
                        rawHourSeconds / hourSeconds))
                .append(String.format(Locale.ROOT, "%.0f min of audio, %d words, in %.0f s (%.1f× realtime). ", dh / 60,
                        t.words().size(), hourSeconds, dh / hourSeconds))
                .append(String.format(Locale.ROOT, "Peak JVM heap in use: %d MB (%d MB before). Peak resident memory of the "
                        + "service process (JVM, Vosk model and recognisers): %d MB (%d MB before). The audio is streamed, never "
                        + "held whole: an hour of 16 kHz PCM alone would be %d MB.%n", peakHeap.get() >> 20, heapBefore >> 20,
                        peakRss.get() >> 10, rssBefore >> 10, (long) (dh * 32_000) >> 20));
        BenchmarkReport.write("speech", md.toString());
        System.out.println(md);
    }

    /** Raw Vosk: ffmpeg decodes to 16 kHz PCM, one recogniser reads it, as in Vosk's own examples. */
    private String rawVosk(Path audio) throws Exception {
        Model model = models.modelFor("en");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-i", audio.toString(), "-ac", "1", "-ar",
                "16000", "-f", "s16le", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder text = new StringBuilder();
        try (Recognizer rec = new Recognizer(model, 16000); InputStream in = ffmpeg.getInputStream()) {
            byte[] buf = new byte[8000];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (rec.acceptWaveForm(buf, n)) {
                    text.append(' ').append(Json.mapper().readTree(rec.getResult()).path("text").asText());
                }
            }
            text.append(' ').append(Json.mapper().readTree(rec.getFinalResult()).path("text").asText());
        }
        assertEquals(0, ffmpeg.waitFor());
        return text.toString();
    }

    /** The benchmark clips, resampled to 16 kHz mono and repeated with 1 s pauses to about {@code seconds}. */
    private static Path concat(double seconds, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench"));
        Path out = dir.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        List<String> parts = new ArrayList<>();
        for (String clip : CLIPS) {
            Path p = dir.resolve(clip + ".16k.wav");
            run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", DIR.resolve(clip).toString(), "-af", "apad=pad_dur=1",
                    "-ac", "1", "-ar", "16000", p.toString());
            parts.add(p.toAbsolutePath().toString());
        }
        double cycle = 0;
        for (String clip : CLIPS) {
            cycle += duration(DIR.resolve(clip)) + 1;
        }
        int copies = (int) Math.ceil(seconds / cycle);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < copies; i++) {
            for (String p : parts) {
                list.append("file '").append(p).append("'\n");
            }
        }
        Path listFile = dir.resolve(name + ".txt");
        Files.writeString(listFile, list);
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", listFile.toString(), "-c", "copy",
                out.toString());
        return out;
    }

    private static double duration(Path p) throws Exception {
        Process pr = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", p.toString()).start();
        String out = new String(pr.getInputStream().readAllBytes()).strip();
        assertEquals(0, pr.waitFor());
        return Double.parseDouble(out);
    }

    private static void run(String... cmd) throws Exception {
        assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), String.join(" ", cmd));
    }

    private static double pct(int edits, int words) {
        return 100.0 * edits / words;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }
}
