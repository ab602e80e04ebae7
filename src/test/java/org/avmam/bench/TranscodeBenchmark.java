package org.avmam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avmam.ServiceProcess;
import org.avmam.cli.ImportAccess;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.transcode.FfmpegCommands;
import org.avmam.transcode.ProfileRegistry;
import org.avmam.transcode.TranscodeProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every video and audio profile made by the packaged service against raw ffmpeg running the
 * identical argument list (built by the same {@link FfmpegCommands}) on the same file in the
 * same run; and thumbnails plus previews of 500 photos against vipsthumbnail making the same
 * four files per photo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscodeBenchmark {

    private static final Path WORK = Path.of("target/bench/transcode").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PHOTOS = 500;

    private ServiceProcess server;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder md = new StringBuilder("## Transcoding (the packaged service against raw ffmpeg and vipsthumbnail)\n\n");

    @BeforeAll
    void start() throws Exception {
        server = BenchmarkReport.startService(WORK, List.of(),
                Map.of("AVMAM_SPEECH_ENABLED", "false", "AVMAM_PIPELINE_IMAGE_WORKERS", "2", "AVMAM_PIPELINE_TRANSCODE_WORKERS", "1"));
        base = BenchmarkReport.base(server);
    }

    @AfterAll
    void stop() throws Exception {
        BenchmarkReport.finish(server, "transcode", md);
    }

    @Test
    void transcode() throws Exception {
        profilesAgainstRawFfmpeg();
        photosAgainstVips();
    }

    private void profilesAgainstRawFfmpeg() throws Exception {
        Path video = WORK.resolve("event-1080p.mp4");
        double seconds = 60;
        // Camera-like load: moving test pattern with film grain, 1080p25, stereo sound.
        IngestBenchmark.sh("ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=1920x1080:rate=25:duration=" + (int) seconds
                + " -f lavfi -i sine=frequency=220:duration=" + (int) seconds + " -ac 2 -vf noise=alls=12:allf=t -c:v libx264 -preset veryfast"
                + " -b:v 12M -c:a aac -b:a 192k -shortest '" + video + "'");
        // A two-hour interview as the recorder wrote it: 48 kHz 16-bit stereo WAV, 1.4 GB.
        Path audio = WORK.resolve("interview-2h.wav");
        IngestBenchmark.sh("ffmpeg -nostdin -loglevel error -f lavfi -i 'anoisesrc=d=7200:c=pink:a=0.2' -ar 48000 -ac 2 -c:a pcm_s16le '"
                + audio + "'");
        String videoId = uploadAndSettle(video);
        String audioId = uploadAndSettle(audio);

        md.append(String.format(Locale.ROOT, "### Each profile against raw ffmpeg with identical arguments%n%n"
                + "Sources: a %.0f s 1080p25 H.264 video at 12 Mbit/s with grain and stereo AAC; a two-hour 48 kHz 16-bit stereo WAV "
                + "(1.4 GB, an interview's length). "
                + "avmam = the render as the service ran it (ffmpeg at `nice 10`, progress parsing, coverage check, peaks and PNG for "
                + "the waveform, the folder swap, the database rows); queue = from the request to the job being DONE. "
                + "Raw = `nice -n 10 ffmpeg` with the same argument list (the priority avmam runs it at), run right before. "
                + "Realtime = source duration / avmam time.%n%n"
                + "Peak RSS = the most the service's JVM and the ffmpeg it ran held in memory together during the render (the "
                + "local OpenSearch node not counted).%n%n"
                + "| profile | raw ffmpeg | avmam | ratio | request → done | realtime | peak RSS |%n|---|---|---|---|---|---|---|%n", seconds));
        List<String[]> runs = List.of(
                new String[] {videoId, "video-proxy-720p"}, new String[] {videoId, "video-edit-proxy"},
                new String[] {videoId, "video-hls"}, new String[] {videoId, "video-exhibition-master"},
                new String[] {videoId, "video-poster"}, new String[] {videoId, "video-filmstrip"},
                new String[] {videoId, "audio-waveform"}, new String[] {audioId, "audio-proxy"}, new String[] {audioId, "audio-waveform"});
        List<Double> ratios = new ArrayList<>();
        for (String[] run : runs) {
            JsonNode asset = get("/api/v1/assets/" + run[0]);
            TechnicalMetadata technical = JSON.treeToValue(asset.get("technical"), TechnicalMetadata.class);
            TranscodeProfile profile = ProfileRegistry.parse(Path.of("transcode-profiles", run[1] + ".yaml"));
            Path blob = WORK.resolve("data/blobs").resolve(asset.get("sha256").asText().substring(0, 2))
                    .resolve(asset.get("sha256").asText().substring(2, 4)).resolve(asset.get("sha256").asText());
            List<String> cmd = FfmpegCommands.build(Path.of(ffmpeg()), profile, blob,
                    new FfmpegCommands.Source(technical, false, profile.output().videoCodec()));
            Path rawDir = Files.createDirectories(WORK.resolve("raw-" + run[1]));
            // The same priority avmam gives it (ProcessRunner runs tools at nice 10, so media work yields to the API).
            List<String> niced = new ArrayList<>(List.of("nice", "-n", "10"));
            niced.addAll(cmd);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(niced).directory(rawDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(WORK.resolve("raw-" + run[1] + ".log").toFile()).start();
            assertEquals(0, p.waitFor(), "raw ffmpeg for " + run[1]);
            double raw = (System.nanoTime() - t0) / 1e9;

            java.util.concurrent.atomic.AtomicLong peakKb = new java.util.concurrent.atomic.AtomicLong();
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long kb = IngestBenchmark.rssKb(server.pid()) + ProcessHandle.of(server.pid()).stream()
                            .flatMap(ProcessHandle::descendants)
                            .filter(h -> h.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                            .mapToLong(h -> IngestBenchmark.rssKb(h.pid())).sum();
                    peakKb.accumulateAndGet(kb, Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long r0 = System.nanoTime();
            JsonNode job = post("/api/v1/assets/" + run[0] + "/renditions/" + run[1]);
            awaitDone(job.get("url").asText());
            double requestToDone = (System.nanoTime() - r0) / 1e9;
            sampler.interrupt();
            sampler.join();
            JsonNode rendition = null;
            for (JsonNode r : get("/api/v1/assets/" + run[0]).get("renditions")) {
                if (r.get("profile").asText().equals(run[1])) {
                    rendition = r;
                }
            }
            assertTrue(rendition != null && rendition.get("state").asText().equals("READY"), run[1] + ": " + rendition);
            double avmam = rendition.get("elapsedMs").asLong() / 1000.0;
            double source = technical.durationSeconds();
            ratios.add(avmam / raw);
            md.append(String.format(Locale.ROOT, "| %s%s | %.2f s | %.2f s | %.3f | %.2f s | %.1f× | %d MB |%n", run[1],
                    run[0].equals(audioId) ? " (2 h WAV)" : "", raw, avmam, avmam / raw, requestToDone, source / avmam,
                    peakKb.get() / 1024));
        }
        md.append(String.format(Locale.ROOT, "%nTarget: ratio at most 1.05 per profile. Worst ratio here: %.3f. "
                + "Renders ran one at a time (1 transcode worker), on 2 cores.%n%n", ratios.stream().mapToDouble(d -> d).max().orElse(0)));
    }

    private void photosAgainstVips() throws Exception {
        Path photos = Files.createDirectories(WORK.resolve("photos"));
        // 6 MP camera-size JPEGs with grain (so neither side gets an easy, flat picture).
        IngestBenchmark.sh("ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=3000x2000:rate=25 -vf noise=alls=8:allf=t -frames:v "
                + PHOTOS + " -q:v 3 '" + photos + "/DSC_%04d.jpg'");
        int[] imported = ImportAccess.run(base, org.avmam.ServiceProcess.auth().substring(7), photos, WORK.resolve("import-report.csv"), new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(PHOTOS, imported[0]);
        awaitIdle(List.of("image-thumbnail", "image-preview"), 1800);
        while (count("PROCESSING") + count("RECEIVED") > 0) {
            Thread.sleep(500);
        }

        // avmam: both profiles rebuilt for every photo, two image workers (one per core).
        long t0 = System.nanoTime();
        JsonNode thumbs = post("/api/v1/profiles/image-thumbnail/rebuild?all=true");
        JsonNode previews = post("/api/v1/profiles/image-preview/rebuild?all=true");
        assertEquals(PHOTOS, thumbs.get("queued").asInt());
        assertEquals(PHOTOS, previews.get("queued").asInt());
        awaitIdle(List.of("image-thumbnail", "image-preview"), 1800);
        double avmam = (System.nanoTime() - t0) / 1e9;
        JsonNode thumbStatus = get("/api/v1/profiles/image-thumbnail");
        assertEquals(0, thumbStatus.get("failed").asInt());

        // vipsthumbnail: the same four files per photo (320 px JPEG and WebP, 2048 px JPEG and WebP), two processes at once.
        Path out = Files.createDirectories(WORK.resolve("vips"));
        String vips = "cd '" + photos + "' && ls *.jpg | xargs -P 2 -n 50 sh -c '"
                + "vipsthumbnail \"$@\" -s 320 -o " + out + "/%s-t.jpg[Q=80] && vipsthumbnail \"$@\" -s 320 -o " + out + "/%s-t.webp[Q=80] && "
                + "vipsthumbnail \"$@\" -s 2048 -o " + out + "/%s-p.jpg[Q=85] && vipsthumbnail \"$@\" -s 2048 -o " + out
                + "/%s-p.webp[Q=85]' _";
        long v0 = System.nanoTime();
        IngestBenchmark.sh(vips);
        double vipsSecs = (System.nanoTime() - v0) / 1e9;
        try (var files = Files.list(out)) {
            assertEquals(4L * PHOTOS, files.count(), "vips made four files per photo");
        }
        md.append(String.format(Locale.ROOT, "### Thumbnail and preview of %d photos against vipsthumbnail%n%n"
                        + "%d JPEGs of 3000×2000 (~%d KB). Each side makes the same four files per photo: a 320 px JPEG and WebP, a "
                        + "2048 px JPEG and WebP. avmam: `POST /api/v1/profiles/{image-thumbnail,image-preview}/rebuild?all=true` until "
                        + "no job is left (2 image workers, queue and database included); vips: `vipsthumbnail` (libvips %s) in two "
                        + "processes at once.%n%n| | time | photos/s | ratio to vips |%n|---|---|---|---|%n"
                        + "| vipsthumbnail | %.1f s | %.1f | 1.00 |%n| avmam | %.1f s | %.1f | **%.2f** |%n%n"
                        + "Target: at most 1.5× the vips time.%n%n",
                PHOTOS, PHOTOS, Files.size(photos.resolve("DSC_0001.jpg")) / 1024, IngestBenchmark.sh("vips --version").strip(),
                vipsSecs, PHOTOS / vipsSecs, avmam, PHOTOS / avmam, avmam / vipsSecs));
    }

    // --- helpers

    private String uploadAndSettle(Path file) throws Exception {
        JsonNode a = JSON.readTree(IngestBenchmark.sh("curl -sf -F 'file=@" + file + "' " + base + "/api/v1/assets"));
        String id = a.get("id").asText();
        Instant deadline = Instant.now().plusSeconds(1800);
        while (Instant.now().isBefore(deadline)) {
            String state = get("/api/v1/assets/" + id).get("state").asText();
            if (state.equals("READY")) {
                return id;
            }
            assertTrue(!state.equals("FAILED"), "asset failed: " + get("/api/v1/assets/" + id));
            Thread.sleep(500);
        }
        throw new AssertionError("asset " + id + " not ready");
    }

    private void awaitDone(String jobUrl) throws Exception {
        Instant deadline = Instant.now().plusSeconds(3600);
        while (Instant.now().isBefore(deadline)) {
            String state = get(jobUrl).get("state").asText();
            if (state.equals("DONE")) {
                return;
            }
            assertTrue(!state.equals("FAILED") && !state.equals("CANCELLED"), jobUrl + ": " + get(jobUrl));
            // Not faster: every poll is a request the service answers on the same two cores as ffmpeg.
            Thread.sleep(500);
        }
        throw new AssertionError(jobUrl + " did not finish");
    }

    private void awaitIdle(List<String> profiles, int seconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            long open = 0;
            for (String p : profiles) {
                JsonNode s = get("/api/v1/profiles/" + p);
                open += s.get("pending").asLong() + s.get("running").asLong();
            }
            if (open == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("renders of " + profiles + " still open");
    }

    private int count(String state) throws Exception {
        return get("/api/v1/assets?state=" + state + "&size=500").size();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", org.avmam.ServiceProcess.auth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", org.avmam.ServiceProcess.auth()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static String ffmpeg() {
        return org.avmam.process.Executables.onPath("ffmpeg").orElseThrow().toString();
    }
}
