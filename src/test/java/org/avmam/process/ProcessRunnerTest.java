package org.avmam.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one process runner, run for real. */
class ProcessRunnerTest {

    /** The niceness of a tool the runner starts, as the kernel gives it (field 19 of /proc/self/stat). */
    private static int toolNiceness(ProcessRunner runner) throws Exception {
        ProcessRunner.Result r = runner.run(List.of("cat", "/proc/self/stat"), Duration.ofSeconds(30));
        assertTrue(r.ok(), r.stderrTail());
        return niceness(r.stdout());
    }

    private static int niceness(String stat) {
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    /** Media tools yield to the API; work deferred behind other media work (previews) yields to that too. */
    @Test
    void toolsRunAtLowPriorityAndDeferredWorkLower() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/nice")),
                "needs /usr/bin/nice (coreutils)");
        ProcessRunner runner = new ProcessRunner();
        // nice adds to the niceness it inherits, up to 19.
        int own = niceness(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat")));
        assertEquals(Math.min(19, own + ProcessRunner.NICENESS), toolNiceness(runner));
        AtomicReference<Integer> deferred = new AtomicReference<>();
        ProcessRunner.deferred(() -> deferred.set(toolNiceness(runner)));
        assertEquals(Math.min(19, own + ProcessRunner.DEFERRED_NICENESS), deferred.get());
        assertEquals(Math.min(19, own + ProcessRunner.NICENESS), toolNiceness(runner), "the thread's next tool is back at the usual priority");
    }

    /**
     * A worker interrupted (shutdown, a lost lease) while a tool streams into a consumer: the call
     * returns only once the consumer has, so the caller may free what the consumer uses (a Vosk
     * recogniser in native memory: freed under a running consumer it was a double free at exit).
     */
    @Test
    void anInterruptedStreamReturnsOnlyAfterItsConsumer() throws Exception {
        ProcessRunner runner = new ProcessRunner();
        CountDownLatch consuming = new CountDownLatch(1);
        AtomicBoolean consumerRunning = new AtomicBoolean();
        AtomicBoolean runningWhenReturned = new AtomicBoolean(true);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                runner.stream(List.of("sh", "-c", "while true; do echo tick; sleep 0.05; done"), Duration.ofMinutes(1), in -> {
                    consumerRunning.set(true);
                    consuming.countDown();
                    try {
                        byte[] buf = new byte[64];
                        while (in.read(buf) != -1) {
                            Thread.sleep(20); // slow, as recognition is
                        }
                        Thread.sleep(300); // still busy with the last of it when the tool is gone
                    } catch (IOException | InterruptedException e) {
                        // the tool was killed
                    } finally {
                        consumerRunning.set(false);
                    }
                }, null);
            } catch (Throwable t) {
                runningWhenReturned.set(consumerRunning.get());
                thrown.set(t);
            }
        });
        assertTrue(consuming.await(10, TimeUnit.SECONDS), "the consumer started");
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(thrown.get() instanceof InterruptedException, "the call ends with the interrupt: " + thrown.get());
        assertEquals(false, runningWhenReturned.get(), "the consumer had returned when the call did");
    }

    @Test
    void aToolsOutputAndExitCodeAreKept() throws Exception {
        ProcessRunner.Result r = new ProcessRunner().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertTrue(r.stderrTail().contains("err"), r.stderrTail());
    }
}
