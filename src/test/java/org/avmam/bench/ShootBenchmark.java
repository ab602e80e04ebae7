package org.avmam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.avmam.ServiceProcess;
import org.avmam.TestFfmpeg;
import org.avmam.cli.ImportAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A 500-photo shoot through the packaged service end to end (the folder imported with
 * {@code avmam import}: upload, probe, validation, then renders), timed until every thumbnail is
 * ready, against {@code vipsthumbnail} making the same thumbnails (320 px JPEG and WebP) of the same
 * photos in the same run, two processes at once as the service has two image workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShootBenchmark {

    private static final Path WORK = Path.of("target/bench/shoot").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PHOTOS = 500;

    private ServiceProcess server;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder md = new StringBuilder("## A shoot browsable as a grid (500 photos end to end against vipsthumbnail)\n\n");

    @BeforeAll
    void start() throws Exception {
        server = BenchmarkReport.startService(WORK, List.of(),
                Map.of("AVMAM_SPEECH_ENABLED", "false", "AVMAM_PIPELINE_IMAGE_WORKERS", "2"));
        base = BenchmarkReport.base(server);
    }

    @AfterAll
    void stop() throws Exception {
        BenchmarkReport.finish(server, "shoot", md);
    }

    @Test
    void thumbnailsOfAShootAgainstVips() throws Exception {
        Path photos = Files.createDirectories(WORK.resolve("photos"));
        // 6 MP camera-size JPEGs with grain (so neither side gets an easy, flat picture).
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=3000x2000:rate=25", "-vf", "noise=alls=8:allf=t", "-frames:v",
                String.valueOf(PHOTOS), "-q:v", "3", photos.resolve("DSC_%04d.jpg").toString());

        // vipsthumbnail, two processes at once: the thumbnail profile's two files per photo; then, as the yardstick of the
        // photo renditions has been, the thumbnail's and the preview's four.
        long vipsCpuBefore = cpu(ProcessHandle.current().pid())[1];
        double vipsSecs = vips(photos, WORK.resolve("vips-thumbnails"), false);
        double vipsCpu = (cpu(ProcessHandle.current().pid())[1] - vipsCpuBefore) / TICKS;
        double vipsBothSecs = vips(photos, WORK.resolve("vips-both"), true);

        // avmam: the folder imported as a photographer's shoot; the clock stops when the last thumbnail is ready.
        AtomicLong lastThumbnail = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        long[] cpuBefore = cpu(server.pid());
        long clientCpuBefore = cpu(ProcessHandle.current().pid())[0];
        long t0 = System.nanoTime();
        Thread watcher = Thread.ofPlatform().start(() -> {
            try {
                while (!done.get()) {
                    JsonNode s = get("/api/v1/profiles/image-thumbnail");
                    if (s.path("current").asInt() >= PHOTOS) {
                        lastThumbnail.set(System.nanoTime());
                        done.set(true);
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                done.set(true);
            }
        });
        int[] imported = ImportAccess.run(base, org.avmam.ServiceProcess.auth().substring(7), photos, WORK.resolve("import-report.csv"), new PrintStream(OutputStream.nullOutputStream()));
        double importSecs = (System.nanoTime() - t0) / 1e9;
        double clientCpu = (cpu(ProcessHandle.current().pid())[0] - clientCpuBefore) / TICKS;
        assertEquals(PHOTOS, imported[0]);
        watcher.join(Duration.ofMinutes(30).toMillis());
        assertTrue(lastThumbnail.get() > 0, "every thumbnail became ready: " + get("/api/v1/profiles/image-thumbnail"));
        double thumbsSecs = (lastThumbnail.get() - t0) / 1e9;
        long[] cpuAtThumbnails = cpu(server.pid());
        Instant deadline = Instant.now().plusSeconds(1800);
        while (get("/api/v1/profiles/image-preview").path("current").asInt() < PHOTOS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        double allSecs = (System.nanoTime() - t0) / 1e9;
        assertEquals(PHOTOS, get("/api/v1/profiles/image-preview").path("current").asInt(), "every preview made too");
        Received alone = receiveOnly(photos);

        md.append(String.format(Locale.ROOT, "%d JPEGs of 3000×2000 (~%d KB) from one folder. avmam: `avmam import` of the folder "
                        + "into the packaged service (2 image workers), from the first upload until `GET /api/v1/profiles/image-thumbnail` "
                        + "counts every thumbnail (JPEG and WebP, 320 px) ready: upload and hashing, probe and validation on ingest "
                        + "included; previews and perceptual hashes come after the thumbnails on the image queue. vips: `vipsthumbnail` "
                        + "(libvips %s) making the same two files per photo, two processes at once, 50 photos per process.%n%n"
                        + "| | time | photos/s | ratio to vips thumbnails | ratio to vips thumbnails + previews |%n|---|---|---|---|---|%n"
                        + "| vipsthumbnail, thumbnails (2 files a photo) | %.1f s | %.1f | 1.00 | |%n"
                        + "| vipsthumbnail, thumbnails and previews (4 files a photo) | %.1f s | %.1f | | 1.00 |%n"
                        + "| avmam, receiving alone: a service with its workers off (upload, hashing, storing, the asset) | %.1f s | %.1f | %.2f | %.2f |%n"
                        + "| avmam, the uploads alone (`avmam import` finished) | %.1f s | %.1f | %.2f | %.2f |%n"
                        + "| avmam, every thumbnail ready, end to end | %.1f s | %.1f | **%.2f** | **%.2f** |%n"
                        + "| avmam, every preview ready too | %.1f s | %.1f | %.2f | %.2f |%n%n"
                        + "Target: every thumbnail within 1.0× the vips time.%n%n"
                        + "CPU from the first upload to the last thumbnail (`/proc/<pid>/stat`): the service's JVM %.1f s, the ffmpeg runs it "
                        + "waited for (its children) %.1f s; the importing client (`avmam import`, in the benchmark's JVM) %.1f s up to the "
                        + "end of its uploads. Receiving alone: the service's JVM %.1f s. vipsthumbnail, for the thumbnails: %.1f s.%n",
                PHOTOS, Files.size(photos.resolve("DSC_0001.jpg")) / 1024, IngestBenchmark.sh("vips --version").strip(),
                vipsSecs, PHOTOS / vipsSecs, vipsBothSecs, PHOTOS / vipsBothSecs,
                alone.seconds(), PHOTOS / alone.seconds(), alone.seconds() / vipsSecs, alone.seconds() / vipsBothSecs,
                importSecs, PHOTOS / importSecs, importSecs / vipsSecs, importSecs / vipsBothSecs,
                thumbsSecs, PHOTOS / thumbsSecs, thumbsSecs / vipsSecs, thumbsSecs / vipsBothSecs,
                allSecs, PHOTOS / allSecs, allSecs / vipsSecs, allSecs / vipsBothSecs,
                (cpuAtThumbnails[0] - cpuBefore[0]) / TICKS, (cpuAtThumbnails[1] - cpuBefore[1]) / TICKS, clientCpu, alone.serviceCpu(),
                vipsCpu));
    }

    private record Received(double seconds, double serviceCpu) {}

    /**
     * The same folder imported into a second service whose workers are off: what receiving the shoot costs before any photo is
     * looked at, the floor under the end-to-end time on the same two cores.
     */
    private Received receiveOnly(Path photos) throws Exception {
        try (ServiceProcess only = BenchmarkReport.startService(WORK.resolveSibling("shoot-receive"), List.of(),
                Map.of("AVMAM_SPEECH_ENABLED", "false", "AVMAM_PIPELINE_WORKERS", "false"))) {
            long[] before = cpu(only.pid());
            long t0 = System.nanoTime();
            int[] imported = ImportAccess.run(BenchmarkReport.base(only), ServiceProcess.auth().substring(7), photos,
                    WORK.resolve("receive-report.csv"), new PrintStream(OutputStream.nullOutputStream()));
            double secs = (System.nanoTime() - t0) / 1e9;
            assertEquals(PHOTOS, imported[0], "the second service received every photo");
            return new Received(secs, (cpu(only.pid())[0] - before[0]) / TICKS);
        }
    }

    /** Clock ticks a second in /proc (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    /** A process's own CPU time and that of the children it has waited for, in clock ticks (fields 14+15 and 16+17). */
    private static long[] cpu(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // the command name may hold spaces
        // f[0] is field 3 (state), so field n is f[n - 3].
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }

    /** vipsthumbnail over the folder in two processes of 50 photos each; returns the seconds it took. */
    private static double vips(Path photos, Path out, boolean previews) throws Exception {
        Files.createDirectories(out);
        String cmd = "vipsthumbnail \"$@\" -s 320 -o " + out + "/%s-t.jpg[Q=80] && vipsthumbnail \"$@\" -s 320 -o " + out + "/%s-t.webp[Q=80]";
        if (previews) {
            cmd += " && vipsthumbnail \"$@\" -s 2048 -o " + out + "/%s-p.jpg[Q=85] && vipsthumbnail \"$@\" -s 2048 -o " + out
                    + "/%s-p.webp[Q=85]";
        }
        long t0 = System.nanoTime();
        IngestBenchmark.sh("cd '" + photos + "' && ls *.jpg | xargs -P 2 -n 50 sh -c '" + cmd + "' _");
        double secs = (System.nanoTime() - t0) / 1e9;
        try (var files = Files.list(out)) {
            assertEquals((previews ? 4L : 2L) * PHOTOS, files.count(), "vips made every file");
        }
        return secs;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", org.avmam.ServiceProcess.auth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
