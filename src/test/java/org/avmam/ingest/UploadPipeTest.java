package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.avmam.storage.BlobStore;
import org.avmam.storage.DirectFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over from the event loop to the writing worker, with a single-thread executor standing
 * in for the event loop: every byte arrives, in order, hashed; memory stays bounded by pausing the
 * sender; a broken or refused upload ends the worker's wait.
 */
class UploadPipeTest {

    @TempDir
    Path dir;

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        eventLoop.shutdownNow();
    }

    /** A sender that sends only while not paused, as a TCP peer does. */
    private final class Sender implements UploadPipe.FlowControl {
        final AtomicBoolean paused = new AtomicBoolean();
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicLong peakQueued = new AtomicLong();

        @Override
        public void pause() {
            paused.set(true);
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            paused.set(false);
        }

        @Override
        public void onEventLoop(Runnable task) {
            eventLoop.execute(task);
        }

        /** Offers {@code data} in network-sized pieces on the "event loop", waiting while paused. */
        Future<?> send(UploadPipe pipe, byte[] data, boolean end) {
            return Executors.newSingleThreadExecutor().submit(() -> {
                Random r = new Random(1);
                for (int at = 0; at < data.length; ) {
                    while (paused.get()) {
                        Thread.onSpinWait();
                    }
                    int n = Math.min(data.length - at, 1 + r.nextInt(65_536));
                    int from = at;
                    eventLoop.submit(() -> pipe.offer(Unpooled.wrappedBuffer(data, from, n))).get();
                    at += n;
                    peakQueued.accumulateAndGet(pipe.queuedBytes(), Math::max);
                }
                if (end) {
                    eventLoop.submit(pipe::end).get();
                }
                return null;
            });
        }
    }

    @Test
    void everyByteArrivesInOrderHashedWithBoundedMemory() throws Exception {
        byte[] data = new byte[40 * 1024 * 1024 + 3];
        new Random(2).nextBytes(data);
        Sender sender = new Sender();
        UploadPipe pipe = new UploadPipe(sender, MessageDigest.getInstance("SHA-256"));
        Future<?> sending = sender.send(pipe, data, true);
        Path f = Files.createFile(dir.resolve("up.part"));
        try (DirectFileWriter out = DirectFileWriter.open(f, 0, true)) {
            // A slow disk: the worker falls behind and the sender must be paused.
            assertArrayEquals(Arrays.copyOf(data, UploadPipe.HEAD_BYTES), pipe.head());
            org.avmam.Fixtures.await("the sender to be paused while the worker does not read", java.time.Duration.ofSeconds(10),
                    sender.paused::get);
            assertEquals(data.length, pipe.drainTo(out, Long.MAX_VALUE, null));
            out.finish();
        }
        sending.get(10, TimeUnit.SECONDS);
        assertTrue(pipe.complete());
        assertNull(pipe.failure());
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), pipe.sha256());
        assertTrue(sender.pauses.get() > 0, "the sender was paused while the worker lagged");
        assertTrue(sender.peakQueued.get() <= UploadPipe.MAX_HIGH_WATER + 65_536, "held at most " + sender.peakQueued.get());
        assertEquals(data.length, pipe.offered());
        pipe.close();
    }

    @Test
    void uploadsAtOnceShareOneMemoryBudget() {
        int before = UploadPipe.highWater();
        java.util.List<UploadPipe> pipes = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pipes.add(new UploadPipe(new Sender(), null));
        }
        // A hundred uploads at once: each holds the minimum, not 12 MiB (1.2 GB in all).
        assertEquals(UploadPipe.MIN_HIGH_WATER, UploadPipe.highWater());
        pipes.subList(0, 90).forEach(UploadPipe::close);
        pipes.get(0).close(); // closing twice gives back nothing twice
        int ten = UploadPipe.highWater();
        assertTrue(ten < UploadPipe.MAX_HIGH_WATER && ten > UploadPipe.MIN_HIGH_WATER, "ten uploads get " + ten);
        assertTrue((long) ten * 10 <= UploadPipe.BUDGET, "ten uploads hold at most the budget");
        pipes.subList(90, 100).forEach(UploadPipe::close);
        assertEquals(before, UploadPipe.highWater());
    }

    @Test
    void aBrokenConnectionEndsTheWaitWithWhatArrived() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Sender sender = new Sender();
        UploadPipe pipe = new UploadPipe(sender, null);
        sender.send(pipe, data, false).get(10, TimeUnit.SECONDS);
        IOException broke = new IOException("connection reset");
        eventLoop.submit(() -> pipe.fail(broke)).get();
        Path f = Files.createFile(dir.resolve("broken.part"));
        try (DirectFileWriter out = DirectFileWriter.open(f, 0, true)) {
            assertEquals(data.length, pipe.drainTo(out, Long.MAX_VALUE, null));
            out.finish();
        }
        assertSame(broke, pipe.failure());
        assertTrue(!pipe.complete());
        assertThrows(IllegalStateException.class, pipe::sha256);
        assertArrayEquals(data, Files.readAllBytes(f));
        pipe.close();
    }

    @Test
    void tooManyBytesStopTheWorkerAndClosingResumesTheSender() throws Exception {
        byte[] data = new byte[30 * 1024 * 1024];
        Sender sender = new Sender();
        UploadPipe pipe = new UploadPipe(sender, null);
        Future<?> sending = sender.send(pipe, data, true);
        Path f = Files.createFile(dir.resolve("big.part"));
        try (DirectFileWriter out = DirectFileWriter.open(f, 0, true)) {
            assertThrows(BlobStore.TooLargeException.class, () -> pipe.drainTo(out, 1024 * 1024, null));
        }
        // Nobody reads any more: the queue fills to its bound and the sender is paused.
        org.avmam.Fixtures.await("the sender to be paused once the worker stopped reading", java.time.Duration.ofSeconds(10),
                sender.paused::get);
        // The worker gave up: the rest of the body is dropped, and the paused sender is let go.
        pipe.close();
        sending.get(10, TimeUnit.SECONDS);
        assertTrue(!sender.paused.get(), "the sender was let go and finished sending");
        assertEquals(0, pipe.queuedBytes());
    }
}
