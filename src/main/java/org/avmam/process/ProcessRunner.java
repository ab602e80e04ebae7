package org.avmam.process;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one place external tools are run. Arguments are a list (no shell, no format strings);
 * stdout and stderr are always drained so a chatty tool never blocks; a timeout kills the tool;
 * processes still running at shutdown are killed, so none outlive the service.
 */
@ApplicationScoped
public class ProcessRunner {

    /** Kept of stderr for error messages: the end is where tools say what went wrong. */
    private static final int STDERR_TAIL = 8 * 1024;

    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    public record Result(int exitCode, String stdout, String stderrTail) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs to completion and returns stdout as text (for small outputs such as ffprobe JSON). */
    public Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, timeout, null);
    }

    /** As above, in {@code workDir} (where the tool writes files named relative to it). */
    public Result run(List<String> command, Duration timeout, Path workDir) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Result r = stream(command, timeout, in -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, workDir);
        return new Result(r.exitCode(), out.toString(StandardCharsets.UTF_8), r.stderrTail());
    }

    /**
     * Runs the tool and hands its stdout to {@code stdoutConsumer} as it is produced (ffmpeg
     * decoding audio into Vosk, say). The result's stdout is empty: the consumer had it.
     */
    public Result stream(List<String> command, Duration timeout, Consumer<InputStream> stdoutConsumer, Path workDir)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(niced(command));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        live.add(p);
        TailBuffer err = new TailBuffer(STDERR_TAIL);
        Thread errDrain = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
        Thread outThread = null;
        try {
            p.getOutputStream().close();
            java.util.concurrent.atomic.AtomicReference<RuntimeException> consumerFailure = new java.util.concurrent.atomic.AtomicReference<>();
            // A platform thread: consumers such as Vosk spend their time in native code, which would pin a
            // virtual thread's carrier and starve the other virtual threads of the (core-sized) carrier pool.
            outThread = Thread.ofPlatform().name("tool-stdout").start(() -> {
                try (InputStream in = p.getInputStream()) {
                    stdoutConsumer.accept(in);
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    p.destroyForcibly();
                } catch (RuntimeException e) {
                    // The consumer gave up (cancelled, or failed): stop the tool, which nobody reads any more.
                    consumerFailure.set(e);
                    p.destroyForcibly();
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                awaitConsumer(outThread);
                errDrain.join(1000);
                return new Result(-1, "", "timed out after " + timeout + "; " + err);
            }
            outThread.join();
            errDrain.join();
            if (consumerFailure.get() != null) {
                throw consumerFailure.get();
            }
            return new Result(p.exitValue(), "", err.toString());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            // Never return while the consumer still runs: it may be using what the caller frees next (a Vosk recogniser
            // in native memory; freed under a running acceptWaveForm it is a double free that kills the JVM).
            awaitConsumer(outThread);
            throw e;
        } finally {
            live.remove(p);
        }
    }

    /** Waits for the stdout consumer of a killed tool to return (its stream is at its end), interrupts or not. */
    private static void awaitConsumer(Thread consumer) {
        if (consumer == null) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (consumer.isAlive() && System.nanoTime() < deadline) {
            try {
                consumer.join(1000);
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void killAll(@Observes ShutdownEvent ev) {
        for (Process p : new ArrayList<>(live)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Media work yields to the API: run tools at lower CPU priority where `nice` exists. */
    static final int NICENESS = 10;
    /** Work that may wait for other media work (previews behind thumbnails) yields to it as well. */
    static final int DEFERRED_NICENESS = 19;

    private static final ThreadLocal<Integer> niceness = ThreadLocal.withInitial(() -> NICENESS);

    /** Work that {@link #deferred} runs. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} with every tool it starts on this thread at the lowest CPU priority, so
     * that on a busy node it takes only the CPU that more urgent media work leaves.
     */
    public static void deferred(Work work) throws Exception {
        int before = niceness.get();
        niceness.set(DEFERRED_NICENESS);
        try {
            work.run();
        } finally {
            niceness.set(before);
        }
    }

    static List<String> niced(List<String> command) {
        if (Nice.AVAILABLE) {
            List<String> c = new ArrayList<>(command.size() + 3);
            c.add(Nice.PATH);
            c.add("-n");
            c.add(String.valueOf(niceness.get()));
            c.addAll(command);
            return c;
        }
        return command;
    }

    private static void drain(InputStream in, TailBuffer into) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) != -1) {
                into.append(buf, n);
            }
        } catch (IOException ignored) {
            // The process is gone; what was read is what there is.
        }
    }

    private static final class Nice {
        static final String PATH = "/usr/bin/nice";
        static final boolean AVAILABLE = java.nio.file.Files.isExecutable(Path.of(PATH));
    }

    /** Keeps the last {@code capacity} bytes written. */
    static final class TailBuffer {
        private final byte[] ring;
        private long written;

        TailBuffer(int capacity) {
            ring = new byte[capacity];
        }

        synchronized void append(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (written++ % ring.length)] = b[i];
            }
        }

        @Override
        public synchronized String toString() {
            int len = (int) Math.min(written, ring.length);
            byte[] out = new byte[len];
            long start = written - len;
            for (int i = 0; i < len; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        }
    }
}
