package org.avmam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.avmam.ServiceProcess;
import org.avmam.cli.ImportAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ingest against the packaged service running in its own JVM with a 256 MB heap (-Xmx256m):
 * a 2 GB file by multipart and by tus against cp on the same disk, 20 concurrent uploads checked
 * byte for byte, and 1,000 photos through `avmam import` until their thumbnails exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestBenchmark {

    private static final Path WORK = Path.of("target/bench/ingest").toAbsolutePath();
    private static final long BIG = 2L * 1024 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceProcess server;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder md = new StringBuilder("## Ingest (the packaged service, `-Xmx256m`, in its own JVM)\n\n");

    @BeforeAll
    void start() throws Exception {
        server = BenchmarkReport.startService(WORK, List.of("-Xmx256m", "-XX:+UseSerialGC"), java.util.Map.of());
        base = BenchmarkReport.base(server);
    }

    @AfterAll
    void stop() throws Exception {
        BenchmarkReport.finish(server, "ingest", md);
    }

    @Test
    void ingest() throws Exception {
        bigFile();
        concurrentUploads();
        thousandPhotos();
    }

    private void bigFile() throws Exception {
        Path src = WORK.resolve("interview-2GB.jpg");
        writeMediaLike(src, BIG, 1);
        Path copy = WORK.resolve("copy.jpg");
        AtomicLong peakRss = new AtomicLong();
        // Warm-up, not counted: the first upload after start also pays for JIT compilation and Tika's first detection.
        Path warmUp = WORK.resolve("warm-up.jpg");
        writeMediaLike(warmUp, 256L * 1024 * 1024, 2);
        sh("curl -sf -o /dev/null -F 'file=@" + warmUp + "' " + base + "/api/v1/assets");
        tusUpload(warmUp);
        Files.delete(warmUp);
        Runs warm = rounds(src, copy, false, peakRss);
        double mb = Files.size(src) / 1e6;
        // What SHA-256 of these bytes alone costs one core of this machine (the file is in the page cache after the rounds).
        double hashing = seconds(() -> sha256(src));
        md.append("### A 2 GB file, uploaded over loopback, against `cp` + `sync` of the same file on the same disk\n\n")
                .append("The source file in the page cache for every run (as when a file was just written, and for `cp` the "
                        + "fastest case: only the writing is measured).\n\n")
                .append(table(warm, mb))
                .append(String.format(Locale.ROOT, "%nTarget: at least 0.7 of cp. Ratios to the direct-I/O copy (the disk's own best, "
                        + "and how avmam writes): multipart %.2f, tus %.2f. CPU time of the service per upload (all its threads): "
                        + "multipart %.2f s, tus %.2f s, of which SHA-256 alone is about %.2f s (timed here on the same file, one "
                        + "core, reading it from the page cache). The whole machine (service, curl, the kernel's network and disk "
                        + "work) was busy %.2f CPU-seconds per tus upload: spread perfectly over its %d cores, with no thread ever "
                        + "waiting, that is %.2f s, %.2f of cp; and no upload that hashes its bytes as they arrive can be quicker "
                        + "than SHA-256 alone, %.2f of cp. The service ran with `-Xmx256m` "
                        + "(so its heap never exceeded 256 MB) and stayed at a peak resident size of %d MB; uploads are streamed, "
                        + "never buffered whole. Each upload is hashed (SHA-256) as it arrives, written with direct I/O and "
                        + "fsynced before the answer; a warm-up upload before the rounds is not counted.%n%n",
                        medianRatio(warm.dd, warm.multipart), medianRatio(warm.dd, warm.tus), median(warm.multipartCpu),
                        median(warm.tusCpu), hashing, median(warm.machineCpu), CORES, median(warm.machineCpu) / CORES,
                        median(warm.cp) / (median(warm.machineCpu) / CORES), median(warm.cp) / hashing, peakRss.get() / 1024));
        if (Files.isWritable(DROP_CACHES)) {
            Runs cold = rounds(src, copy, true, peakRss);
            md.append("The source file not in memory (the page cache dropped before every run), as for `avmam import` of an "
                    + "existing folder or a card just inserted: `cp`, `dd` and curl then read the 2 GB from the same disk they "
                    + "write to.\n\n")
                    .append(table(cold, mb))
                    .append("\n");
        } else {
            md.append("(The runs with the source not in memory need root to drop the page cache; skipped.)\n\n");
        }
        Files.delete(src);
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    /** The times of each tool over the rounds, and the service's CPU time per upload. */
    private record Runs(List<Double> cp, List<Double> dd, List<Double> multipart, List<Double> tus, List<Double> multipartCpu,
            List<Double> tusCpu, List<Double> machineCpu) {}

    /**
     * Rounds of each tool once, so a slow spell of the virtual disk hits all alike, and ratios taken within a round.
     * Before every run the previous 2 GB are deleted and the disk is left to settle: this ext4 is mounted with
     * `discard`, and the trim of a deleted 2 GB file, or the write-back of the last run, otherwise lands on the next
     * measurement. Each round uploads different bytes (one byte changed), so no upload is a duplicate of another.
     */
    private Runs rounds(Path src, Path copy, boolean cold, AtomicLong peakRss) throws Exception {
        Runs r = new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < ROUNDS; round++) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(src.toFile(), "rw")) {
                f.seek(100);
                f.write(round + (cold ? 100 : 0));
            }
            settle(copy, cold);
            r.cp.add(seconds(() -> sh("cp '" + src + "' '" + copy + "' && sync '" + copy + "'")));
            settle(copy, cold);
            // The disk's own best: a copy written the way avmam writes, direct I/O in 1 MiB blocks, then fsync.
            r.dd.add(seconds(() -> sh("dd if='" + src + "' of='" + copy + "' bs=1M oflag=direct conv=fsync status=none")));
            settle(copy, cold);
            double cpu = cpuSeconds(server.pid());
            r.multipart.add(watchingRss(peakRss, () -> sh("curl -sf -o /dev/null -F 'file=@" + src + "' " + base + "/api/v1/assets")));
            r.multipartCpu.add(cpuSeconds(server.pid()) - cpu);
            settle(copy, cold);
            cpu = cpuSeconds(server.pid());
            double machine = machineBusySeconds();
            r.tus.add(watchingRss(peakRss, () -> tusUpload(src)));
            r.tusCpu.add(cpuSeconds(server.pid()) - cpu);
            r.machineCpu.add(machineBusySeconds() - machine);
        }
        settle(copy, false);
        return r;
    }

    private static String table(Runs r, double mb) {
        return "| | median time | the " + ROUNDS + " rounds | throughput | ratio to cp (median of the rounds' ratios) |\n"
                + "|---|---|---|---|---|\n"
                + row("cp + sync", r.cp, mb, r.cp)
                + row("dd, direct I/O, 1 MiB blocks, fsync", r.dd, mb, r.cp)
                + row("multipart (curl -F)", r.multipart, mb, r.cp)
                + row("tus, one PATCH (curl -T)", r.tus, mb, r.cp);
    }

    /**
     * CPU time all processes of the machine have used so far, kernel work included (from /proc/stat: every
     * column but idle and iowait, in ticks of 10 ms), summed over the cores.
     */
    static double machineBusySeconds() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy / 100.0;
    }

    /** User and system CPU time a process has used so far, all its threads (from /proc, in clock ticks of 10 ms). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static final int ROUNDS = 5;

    private void tusUpload(Path file) throws Exception {
        String loc = sh("curl -sf -D - -o /dev/null -X POST -H 'Tus-Resumable: 1.0.0' -H 'Upload-Length: " + Files.size(file)
                + "' " + base + "/api/v1/uploads | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p'").strip();
        sh("curl -sf -o /dev/null -X PATCH -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' "
                + "-H 'Content-Type: application/offset+octet-stream' -T '" + file + "' " + loc);
    }

    /** The median over rounds of reference[i] / measured[i]: a ratio taken within one round, then the typical one. */
    private static double medianRatio(List<Double> reference, List<Double> measured) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            ratios.add(reference.get(i) / measured.get(i));
        }
        return median(ratios);
    }

    /**
     * Removes the last copy and lets the disk finish its trims and write-back before the next timed run;
     * {@code cold}: then drops the page cache, so the next run reads its source from the disk.
     */
    private static void settle(Path copy, boolean cold) throws Exception {
        Files.deleteIfExists(copy);
        sh("sync");
        Thread.sleep(6000);
        if (cold) {
            Files.writeString(DROP_CACHES, "3");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void concurrentUploads() throws Exception {
        int n = 20;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = WORK.resolve("card-" + i + ".jpg");
            writeMediaLike(f, 20L * 1024 * 1024, 100 + i);
            files.add(f);
        }
        List<Process> curls = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Path f : files) {
            curls.add(new ProcessBuilder("curl", "-sf", "-F", "file=@" + f, base + "/api/v1/assets")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        int ok = 0;
        int intact = 0;
        for (int i = 0; i < n; i++) {
            Process c = curls.get(i);
            String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (c.waitFor() == 0) {
                ok++;
                JsonNode asset = JSON.readTree(body);
                String expected = sha256(files.get(i));
                String sha = asset.path("sha256").asText();
                Path blob = WORK.resolve("data/blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
                if (expected.equals(sha) && Files.exists(blob) && expected.equals(sha256(blob))) {
                    intact++;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(n, ok, "every upload succeeded");
        assertEquals(n, intact, "every stored blob has the uploaded bytes");
        md.append(String.format(Locale.ROOT, "### 20 concurrent uploads of 20 MB each%n%n%d of %d succeeded; %d of %d stored blobs have "
                + "exactly the uploaded bytes (SHA-256 of the file, of the asset record and of the blob on disk compared); "
                + "%.1f s in all (%.0f MB/s).%n%n", ok, n, intact, n, secs, n * 20.97 / secs));
        for (Path f : files) {
            Files.delete(f);
        }
    }

    private void thousandPhotos() throws Exception {
        Path photos = Files.createDirectories(WORK.resolve("photos"));
        sh("ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=1600x1200:rate=25 -frames:v 1000 -q:v 4 '" + photos
                + "/IMG_%04d.jpg'");
        int readyBefore = count("READY");
        long t0 = System.nanoTime();
        int[] result = ImportAccess.run(base, org.avmam.ServiceProcess.auth().substring(7), photos, WORK.resolve("import-report.csv"), new PrintStream(OutputStream.nullOutputStream()));
        double uploadSecs = (System.nanoTime() - t0) / 1e9;
        assertEquals(1000, result[0], "uploaded");
        Instant deadline = Instant.now().plusSeconds(1800);
        int ready = 0;
        while (Instant.now().isBefore(deadline)) {
            if (count("RECEIVED") + count("PROCESSING") == 0) {
                break;
            }
            Thread.sleep(500);
        }
        ready = count("READY") - readyBefore;
        double endToEnd = (System.nanoTime() - t0) / 1e9;
        assertTrue(ready >= 1000, "all photos READY, got " + ready);
        md.append(String.format(Locale.ROOT, "### 1,000 photos through `avmam import`%n%n1,000 JPEGs (1600×1200, ~%d KB each): "
                + "uploaded in %.1f s (%.1f files/s); all READY with their renditions (thumbnail and preview, each in JPEG and WebP) "
                + "after %.1f s: **%.1f files/s end to end** (2 image workers on 2 cores).%n", Files.size(photos.resolve("IMG_0001.jpg")) / 1024, uploadSecs, 1000 / uploadSecs,
                endToEnd, 1000 / endToEnd));
    }

    private int count(String state) throws Exception {
        int total = 0;
        for (int page = 0; ; page++) {
            JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/assets?size=500&page=" + page
                    + "&state=" + state)).header("Authorization", org.avmam.ServiceProcess.auth()).build(), HttpResponse.BodyHandlers.ofString()).body());
            total += list.size();
            if (list.size() < 500) {
                return total;
            }
        }
    }

    /** A JPEG header, then pseudo-random bytes: sniffed as a photo, fails probing quickly, unique per seed. */
    private static void writeMediaLike(Path f, long size, long seed) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        block[0] = (byte) 0xFF;
        block[1] = (byte) 0xD8;
        block[2] = (byte) 0xFF;
        block[3] = (byte) 0xE0;
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
                block[4] = (byte) (written >>> 20);
            }
        }
    }

    private double watchingRss(AtomicLong peakKb, Action a) throws Exception {
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(rssKb(server.pid()), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            return seconds(a);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    interface Action {
        void run() throws Exception;
    }

    private static double seconds(Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String row(String what, List<Double> runs, double mb, List<Double> cps) {
        double secs = median(runs);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ratios.add(cps.get(i) / runs.get(i));
        }
        return String.format(Locale.ROOT, "| %s | %.2f s | %s | %.0f MB/s | %.2f (%.2f–%.2f) |%n", what, secs,
                String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()), mb / secs,
                median(ratios), java.util.Collections.min(ratios), java.util.Collections.max(ratios));
    }

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), command);
        return out;
    }

    private static String sha256(Path f) throws Exception {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }
}
