package org.avmam.ingest;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.avmam.storage.BlobStore;
import org.avmam.storage.DirectFileWriter;

/**
 * Carries an upload's bytes from the event loop, where they arrive, to the worker thread that
 * hashes and writes them. Built for multi-gigabyte bodies on few cores, where every copy and every
 * hand-over shows:
 * <ul>
 * <li>the event loop only queues what it receives; buffers go through a lock-free queue as they
 * are, and the worker is woken only when it sleeps (a monitor per piece would cost a wake-up per
 * few KiB);</li>
 * <li>the worker hashes each buffer (SHA-256, the costliest step of an upload) and passes it to a
 * {@link DirectFileWriter}, whose disk writes run behind it, so receiving, hashing and writing
 * proceed at once and the file is never read back;</li>
 * <li>the sender is paused when its share of a node-wide {@link #BUDGET} waits (at most
 * {@value #MAX_HIGH_WATER} bytes) and resumed at a third of it, which bounds an upload's memory
 * whatever its size, and all uploads' memory however many there are.</li>
 * </ul>
 *
 * <p>The event-loop side ({@link #offer}, {@link #end}, {@link #fail}) must be called from one
 * thread, the request's event loop; the worker side from one worker thread.
 */
public final class UploadPipe {

    /**
     * The most one upload holds before its sender is paused. A deep queue keeps the three stages
     * busy through each other's hiccups; a shallow one pauses and resumes the connection
     * thousands of times per upload and leaves the CPU idle in between.
     */
    static final int MAX_HIGH_WATER = 12 * 1024 * 1024;
    static final int MIN_HIGH_WATER = 1024 * 1024;
    /** What all uploads of this node together hold at most (beyond the 1 MiB each always has). */
    static final long BUDGET = 48L * 1024 * 1024;
    /** Pipes not closed yet: the budget is shared among them. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();
    /** Enough for Tika's magic of every supported format. */
    public static final int HEAD_BYTES = 64 * 1024;

    /** Pauses and resumes the sender; both are called on the event loop. */
    public interface FlowControl {
        void pause();

        void resume();

        /** Runs {@code task} on the event loop (the worker asks for a resume this way). */
        void onEventLoop(Runnable task);
    }

    private final FlowControl flow;
    private final MessageDigest digest;
    private final ConcurrentLinkedQueue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean resumePosted = new AtomicBoolean();
    private final byte[] head = new byte[HEAD_BYTES];
    private volatile int headLength;
    private volatile boolean ended;
    private volatile Throwable failure;
    private volatile boolean discarding;
    private volatile Thread waiter;
    /** Event loop only: whether this pipe paused the sender. Volatile so the worker may read it. */
    private volatile boolean paused;
    private long offered;
    private String sha256;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code digest}: the SHA-256 to update with every byte as it is written, or null. */
    public UploadPipe(FlowControl flow, MessageDigest digest) {
        this.flow = flow;
        this.digest = digest;
        OPEN.incrementAndGet();
    }

    /** This upload's share of the {@link #BUDGET}: 12 MiB while at most four upload, 1 MiB from 48 on. */
    static int highWater() {
        return (int) Math.max(MIN_HIGH_WATER, Math.min(MAX_HIGH_WATER, BUDGET / Math.max(1, OPEN.get())));
    }

    /** Where a paused sender is resumed. */
    static int lowWater() {
        return highWater() / 3;
    }

    // ---- event-loop side ----

    /** A buffer of the upload, in order. The pipe takes the caller's reference to it. */
    public void offer(ByteBuf buf) {
        int n = buf.readableBytes();
        if (discarding || n == 0) {
            buf.release();
            return;
        }
        int h = headLength;
        if (h < HEAD_BYTES) {
            int take = Math.min(n, HEAD_BYTES - h);
            buf.getBytes(buf.readerIndex(), head, h, take);
            headLength = h + take;
        }
        offered += n;
        queue.add(buf);
        if (discarding) {
            // close() ran while this buffer was on its way in and may have missed it.
            dropQueued();
            return;
        }
        if (queued.addAndGet(n) > highWater() && !paused) {
            paused = true;
            flow.pause();
            // The worker may have emptied the queue between the two lines above, seen no pause and
            // asked for no resume: it would then wait for bytes that never come.
            if (queued.get() < lowWater()) {
                paused = false;
                flow.resume();
            }
        }
        wake();
    }

    /** The upload's last byte has been offered. */
    public void end() {
        ended = true;
        wake();
    }

    /** The upload broke off (the connection dropped, or the body turned out malformed). */
    public void fail(Throwable t) {
        if (failure == null && !ended) {
            failure = t;
        }
        ended = true;
        wake();
    }

    /**
     * A pipe fed by a whole request body (a tus PATCH). Call on the request's event loop before
     * any of the body has been read.
     */
    public static UploadPipe ofBody(io.vertx.core.http.HttpServerRequest request, MessageDigest digest) {
        UploadPipe pipe = new UploadPipe(flowOf(request), digest);
        // retain(): the pipe releases what it is given; Vert.x's heap buffers ignore both.
        request.handler(b -> pipe.offer(b.getByteBuf().retain()));
        request.endHandler(v -> pipe.end());
        request.exceptionHandler(pipe::fail);
        startBody(request);
        return pipe;
    }

    /**
     * Lets the body flow. A client that sent {@code Expect: 100-continue} (curl does for any
     * upload over 1 MB) waits for the interim answer before it sends the body, one second by
     * default, so it gets one now that the request's headers have been accepted.
     */
    static void startBody(io.vertx.core.http.HttpServerRequest request) {
        String expect = request.getHeader("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            request.response().writeContinue();
        }
        request.resume();
    }

    /** Pausing and resuming {@code request} on the event loop it arrived on (the caller's). */
    static FlowControl flowOf(io.vertx.core.http.HttpServerRequest request) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return new FlowControl() {
            @Override
            public void pause() {
                request.pause();
            }

            @Override
            public void resume() {
                request.resume();
            }

            @Override
            public void onEventLoop(Runnable task) {
                context.runOnContext(v -> task.run());
            }
        };
    }

    /** Bytes received and not yet written. */
    long queuedBytes() {
        return queued.get();
    }

    /** Bytes offered so far (event loop). */
    public long offered() {
        return offered;
    }

    private void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    // ---- worker side ----

    /**
     * The first {@value #HEAD_BYTES} bytes (fewer if the upload is shorter), for content
     * detection, without taking them out of the pipe. Waits until they have arrived.
     */
    public byte[] head() throws IOException {
        while (headLength < HEAD_BYTES && !ended) {
            await(() -> headLength >= HEAD_BYTES || ended);
        }
        int n = headLength;
        return java.util.Arrays.copyOf(head, n);
    }

    /**
     * Hands everything to {@code out} until the upload ends; the caller then finishes or abandons
     * the file. Stops with {@link BlobStore.TooLargeException} once more than {@code maxBytes}
     * arrived. When the upload broke off, returns what came before (see {@link #failure()}).
     *
     * @param extra a digest to update with the bytes too (a tus chunk's checksum), or null
     * @return the number of bytes handed over
     */
    public long drainTo(DirectFileWriter out, long maxBytes, MessageDigest extra) throws IOException {
        long written = 0;
        while (true) {
            ByteBuf b = queue.poll();
            if (b == null) {
                if (ended && queue.isEmpty()) {
                    return written;
                }
                await(() -> !queue.isEmpty() || ended);
                continue;
            }
            int n = b.readableBytes();
            try {
                if (written + n > maxBytes) {
                    throw new BlobStore.TooLargeException(maxBytes);
                }
                ByteBuffer bytes = b.nioBuffer();
                if (digest != null) {
                    digest.update(bytes.duplicate());
                }
                if (extra != null) {
                    extra.update(bytes.duplicate());
                }
                out.write(bytes);
                written += n;
            } finally {
                taken(n);
                b.release();
            }
        }
    }

    /** The SHA-256 of every byte offered, in hex; only once the upload is {@link #complete()}. */
    public String sha256() {
        if (digest == null || !complete()) {
            throw new IllegalStateException("the upload is not complete, or was not hashed");
        }
        if (sha256 == null) {
            sha256 = java.util.HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /**
     * Throws why the upload broke off, if it did: its own problem as it is (a malformed body's
     * 400), an I/O failure as it is, anything else as a broken connection.
     */
    public void throwIfBroken() throws IOException {
        rethrow(failure);
    }

    static void rethrow(Throwable t) throws IOException {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw new IOException("the connection broke: " + t.getMessage(), t);
        }
    }

    /** Why the upload broke off, or null if it ended normally (or has not ended yet). */
    public Throwable failure() {
        return failure;
    }

    /** Whether every byte has been offered and the upload did not break off. */
    public boolean complete() {
        return ended && failure == null;
    }

    /**
     * The worker is done with the upload, early or not (a refused type, a size limit, a failure):
     * whatever else arrives is dropped, and a paused sender is resumed, so the client can finish
     * sending and read the answer instead of waiting on a connection nobody reads.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OPEN.decrementAndGet();
        }
        discarding = true;
        dropQueued();
        postResume();
    }

    private void dropQueued() {
        for (ByteBuf b; (b = queue.poll()) != null; ) {
            taken(b.readableBytes());
            b.release();
        }
    }

    private void taken(int n) {
        if (queued.addAndGet(-n) < lowWater() && paused) {
            postResume();
        }
    }

    private void postResume() {
        if (resumePosted.compareAndSet(false, true)) {
            flow.onEventLoop(() -> {
                resumePosted.set(false);
                if (paused && (discarding || queued.get() < lowWater())) {
                    paused = false;
                    flow.resume();
                }
            });
        }
    }

    /** Sleeps until {@code ready} may hold; checked again after registering, so no wake-up is missed. */
    private void await(java.util.function.BooleanSupplier ready) throws IOException {
        waiter = Thread.currentThread();
        try {
            if (!ready.getAsBoolean()) {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while waiting for the upload");
            }
        } finally {
            waiter = null;
        }
    }
}
