package org.avmam.ingest;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request body as a blocking {@link InputStream}, for the upload endpoints that hash and store
 * multi-gigabyte bodies on a worker thread. The event loop queues the arriving buffers; the request
 * is paused only when {@value #HIGH_WATER} bytes wait, and resumed when the worker has taken them
 * down to {@value #LOW_WATER}. The framework's own blocking stream pauses and resumes around every
 * few kilobytes, which left a loopback upload at a sixth of the disk's speed (docs/benchmarks.md).
 * Memory stays bounded by the high-water mark per upload (4 MiB: twenty uploads at once fit a
 * 256 MB heap).
 */
public final class RequestBody extends InputStream {

    static final int HIGH_WATER = 4 * 1024 * 1024;
    static final int LOW_WATER = 1024 * 1024;

    private final HttpServerRequest request;
    private final Context context;
    private final Deque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private boolean paused;
    private boolean ended;
    private Throwable failure;
    private boolean discarding;
    private final java.security.MessageDigest digest;

    /** Must be called on the request's event loop, before any of the body has been read. */
    public RequestBody(HttpServerRequest request) {
        this(request, null);
    }

    /**
     * With {@code digest}, every byte is also hashed as it arrives, on the event loop: the worker
     * that writes the bytes then has only the writing to do, and the two run on two cores.
     */
    public RequestBody(HttpServerRequest request, java.security.MessageDigest digest) {
        this.request = request;
        this.digest = digest;
        this.context = Vertx.currentContext();
        request.handler(this::arrived);
        request.endHandler(v -> finished(null));
        request.exceptionHandler(this::finished);
        request.resume();
    }

    private synchronized void arrived(Buffer b) {
        if (discarding) {
            return;
        }
        ByteBuf buf = b.getByteBuf();
        if (digest != null) {
            digest.update(buf.nioBuffer());
        }
        queue.add(buf);
        queued += buf.readableBytes();
        if (queued > HIGH_WATER && !paused) {
            paused = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void finished(Throwable t) {
        if (t != null && failure == null && !ended) {
            failure = t;
        }
        ended = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (queue.isEmpty()) {
            if (failure != null) {
                throw new IOException("the connection broke: " + failure.getMessage(), failure);
            }
            if (ended) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
        }
        int n = 0;
        while (n < len && !queue.isEmpty()) {
            ByteBuf head = queue.peek();
            int take = Math.min(len - n, head.readableBytes());
            head.readBytes(b, off + n, take);
            n += take;
            if (!head.isReadable()) {
                queue.poll();
            }
        }
        queued -= n;
        if (paused && queued < LOW_WATER) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
        return n;
    }

    /**
     * The worker is done with the body, early or not (a refused type, a size limit, a failure):
     * whatever else arrives is dropped, and a paused connection is resumed, so the client can
     * finish sending and read the answer instead of waiting on a connection nobody reads.
     */
    @Override
    public synchronized void close() {
        discarding = true;
        queue.clear();
        queued = 0;
        if (paused) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued);
    }
}
