package org.avmam.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;
import org.avmam.bench.BenchmarkReport;
import org.avmam.common.FileTrees;
import org.junit.jupiter.api.Test;

/**
 * A package of many gigabytes: the bag writer (streaming each payload once into a stored zip
 * entry, SHA-512 on the way, SHA-256 taken from what the archive holds) against {@code zip -0}
 * of the same files in the same run, with the writer's peak heap. Size: -Dbench.package.gib (10).
 */
class PackageBenchmark {

    private static final Path WORK = Path.of("target/bench/package").toAbsolutePath();

    @Test
    void bagAgainstZipStore() throws Exception {
        int gib = Integer.getInteger("bench.package.gib", 10);
        FileTrees.clear(WORK);
        Path media = Files.createDirectories(WORK.resolve("media"));
        List<BagWriter.Payload> payloads = new ArrayList<>();
        for (int i = 0; i < gib; i++) {
            Path f = media.resolve(String.format(Locale.ROOT, "reel-%02d.mxf", i));
            sh("head -c 1G /dev/urandom > '" + f + "'");
            // The archive holds each original's SHA-256 from ingest; the writer does not read a file twice for it.
            String sha256 = sh("sha256sum '" + f + "'").substring(0, 64);
            payloads.add(new BagWriter.Payload("originals/" + f.getFileName(), f, null, Files.size(f), sha256));
        }
        long total = payloads.stream().mapToLong(BagWriter.Payload::size).sum();
        sh("cat '" + media + "'/* > /dev/null"); // the same warm page cache for both

        Path zip = WORK.resolve("raw.zip");
        long t0 = System.nanoTime();
        sh("cd '" + media + "' && zip -0 -q '" + zip + "' *");
        double raw = (System.nanoTime() - t0) / 1e9;
        Files.delete(zip);

        Path bag = WORK.resolve("bag.zip");
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t1 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bag), 1 << 20)) {
            BagWriter w = new BagWriter(out, "bench-bag");
            for (BagWriter.Payload p : payloads) {
                w.payload(p, n -> { });
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("Source-Organization", "avmam benchmark");
            w.finish(info);
        }
        double avmam = (System.nanoTime() - t1) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        try (ZipFile z = new ZipFile(bag.toFile())) {
            assertEquals(gib, z.stream().filter(e -> e.getName().contains("/data/")).count());
        }
        FileTrees.delete(WORK);

        double mibs = 1024.0 * gib;
        BenchmarkReport.write("package", String.format(Locale.ROOT, "## A %d GiB package against `zip -0`%n%n"
                + "%d payload files of 1 GiB (random bytes: media do not compress), page cache warm for both. avmam = the bag writer "
                + "the package job runs (stored zip entries, SHA-512 computed on the way, SHA-256 taken from ingest, then bagit.txt, "
                + "bag-info.txt and the manifests); raw = `zip -0 -q` of the same files, in the same run.%n%n"
                + "| | avmam bag | zip -0 | throughput ratio (target ≥ 0.8) |%n|---|---|---|---|%n"
                + "| %d GiB | %.1f s (%.0f MiB/s) | %.1f s (%.0f MiB/s) | %.2f |%n%n"
                + "Peak heap while writing the bag: %.0f MiB (payload bytes %d).%n"
                + "Reproduce: `./mvnw -Pbench verify -Dit.test=PackageBenchmark` (`-Dbench.package.gib=N` for another size).%n",
                gib, gib, gib, avmam, mibs / avmam, raw, mibs / raw, raw / avmam, peak / 1048576.0, total));
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), command);
        return out;
    }
}
