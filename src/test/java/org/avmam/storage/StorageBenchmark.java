package org.avmam.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.avmam.bench.BenchmarkReport;
import org.avmam.common.FileTrees;
import org.junit.jupiter.api.Test;

/**
 * The two loops that decide how an archive of hundreds of terabytes is sized: a fixity check (one
 * SHA-256 pass over a stored copy) against {@code sha256sum} of the same file, and an upload of a
 * large original to an S3 bucket in 64 MiB parts, four at a time (S3Proxy on this machine) against {@code cp} of
 * the same file onto the same disk, with the heap it needs. Size: -Dbench.storage.gib (4).
 */
class StorageBenchmark {

    private static final Path WORK = Path.of("target/bench/storage").toAbsolutePath();

    @Test
    void fixityAndMultipartUploadAgainstTheRawTools() throws Exception {
        int gib = Integer.getInteger("bench.storage.gib", 4);
        FileTrees.clear(WORK);
        Path file = WORK.resolve("reel.mxf");
        sh("head -c " + gib + "G /dev/urandom > '" + file + "'");
        sh("cat '" + file + "' > /dev/null"); // the same warm page cache for every pass

        long t0 = System.nanoTime();
        String raw = sh("sha256sum '" + file + "'").substring(0, 64);
        double rawHash = (System.nanoTime() - t0) / 1e9;
        FsObjectStore folder = new FsObjectStore("replica", WORK);
        Path stored = WORK.resolve(Sha256.fanOut(raw));
        Files.createDirectories(stored.getParent());
        Files.move(file, stored);
        long t1 = System.nanoTime();
        String ours;
        try (InputStream in = folder.open(raw)) {
            ours = Sha256.of(in);
        }
        double ourHash = (System.nanoTime() - t1) / 1e9;
        assertEquals(raw, ours);

        Path copy = WORK.resolve("cp-target.bin");
        long t2 = System.nanoTime();
        sh("cp '" + stored + "' '" + copy + "' && sync -f '" + copy + "'");
        double rawCopy = (System.nanoTime() - t2) / 1e9;
        Files.delete(copy);

        // A 1 GiB original first: the heap an upload needs must not grow with the file.
        Path small = WORK.resolve("small.bin");
        sh("head -c 1G '" + stored + "' > '" + small + "'");
        String smallSha = sh("sha256sum '" + small + "'").substring(0, 64);
        S3ProxyServer server = new S3ProxyServer(WORK.resolve("s3")).start();
        double upload;
        long peak;
        long smallPeak;
        try (S3ObjectStore s3 = new S3ObjectStore("primary", new S3ObjectStore.Settings(Optional.of(URI.create(server.endpoint())),
                "us-east-1", "bench", "", Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY), true, 64L << 20, 4))) {
            s3.exists(raw); // the bucket made, the connection warm
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            s3.write(smallSha, small);
            smallPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t3 = System.nanoTime();
            s3.write(raw, stored);
            sh("sync -f '" + server.objectFile("bench", raw) + "'");
            upload = (System.nanoTime() - t3) / 1e9;
            peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            try (InputStream in = s3.open(raw)) {
                assertEquals(raw, Sha256.of(in), "the object reads back whole");
            }
        } finally {
            server.stop();
        }
        FileTrees.delete(WORK);

        double mib = 1024.0 * gib;
        BenchmarkReport.write("storage", String.format(Locale.ROOT, "## Fixity checks and multipart uploads of a %d GiB original%n%n"
                + "One file of random bytes, page cache warm. Fixity: avmam's check (`Sha256.of` over the stored copy, as `FixityChecker` "
                + "reads it) against `sha256sum` of the same file. Upload: `S3ObjectStore.write` to a bucket on S3Proxy 4.1.0 (filesystem "
                + "backend, on this machine's disk; 64 MiB parts, four in flight, each read from the file as it is sent) until the object is synced, against "
                + "`cp` of the same file onto the same disk and `sync`: what the server must do at the least.%n%n"
                + "| | avmam | raw tool | ratio avmam / raw (time) |%n|---|---|---|---|%n"
                + "| SHA-256 of %d GiB | %.1f s (%.0f MiB/s) | sha256sum %.1f s (%.0f MiB/s) | %.2f |%n"
                + "| upload of %d GiB | %.1f s (%.0f MiB/s) | cp + sync %.1f s (%.0f MiB/s) | %.2f |%n%n"
                + "Peak heap during the upload (young garbage included): %.0f MiB for the file of %d MiB, %.0f MiB for one of 1024 MiB "
                + "uploaded before it in the same JVM.%n"
                + "Reproduce: `./mvnw -Pbench verify -Dit.test=StorageBenchmark` (`-Dbench.storage.gib=N` for another size).%n",
                gib, gib, ourHash, mib / ourHash, rawHash, mib / rawHash, ourHash / rawHash, gib, upload, mib / upload, rawCopy,
                mib / rawCopy, upload / rawCopy, peak / 1048576.0, (long) mib, smallPeak / 1048576.0));
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), command);
        return out;
    }
}
