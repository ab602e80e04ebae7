package org.avmam.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * Writes an upload to a file from a given position, bypassing the page cache (O_DIRECT) in whole
 * aligned blocks where the filesystem allows it, and through the page cache where it does not.
 *
 * <p>Why: an upload is written once and read back later by ffmpeg, if at all, so caching it only
 * evicts what other work needs; and buffered writes followed by fsync can be much slower than
 * direct writes of the same bytes, because the page cache flushes in small pieces.
 *
 * <p>Direct I/O needs the buffer's address, the file position and every length to be multiples of
 * the filesystem's block size. The bytes before the first block boundary (a resumed tus upload
 * starts anywhere) and after the last one go through an ordinary channel on the same file, and
 * {@link #finish()} syncs both. A filesystem without O_DIRECT (tmpfs, some network filesystems)
 * gets ordinary buffered writes, which is also what {@code direct = false} asks for.
 */
public final class DirectFileWriter implements Closeable {

    private static final Logger LOG = Logger.getLogger(DirectFileWriter.class);
    private static final int CAPACITY = 1024 * 1024;
    private static final int POOLED_ALIGNMENT = 4096;
    /**
     * Buffers of finished writers, for the next ones: a 20 GB tus upload sent in 5 MB chunks opens
     * 4,000 writers, and direct memory is only given back when the garbage collector gets to it.
     */
    private static final java.util.Map<Path, Integer> DIRECT_BLOCK = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.BlockingQueue<ByteBuffer> POOL = new java.util.concurrent.ArrayBlockingQueue<>(64);

    /** Where the full buffers are written while the caller fills the other one. */
    private static final java.util.concurrent.ExecutorService DISK = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("avmam-disk-", 0).factory());

    /**
     * Buffers per writer: one being filled, the others being written. Several writes in flight
     * absorb the moments when the disk is slow (a virtual disk's latency varies from write to
     * write); with a single one the caller stopped at every slow write, and a third of two cores
     * sat idle during a 2 GB upload. Two when many uploads run at once, where the disk is busy
     * anyway and direct memory (by default as large as the heap) is better kept.
     */
    private static final int DEPTH = 4;
    private static final int DEPTH_WHEN_BUSY = 2;
    private static final int BUSY = 8;
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    private record InFlight(java.util.concurrent.Future<?> write, ByteBuffer buffer) {}

    private final FileChannel buffered;
    private final FileChannel direct;
    private final int block;
    /** The buffer being filled. */
    private ByteBuffer buffer;
    /** Filled buffers whose writes have not finished yet, oldest first. */
    private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
    /** Buffers neither filled nor written. */
    private final java.util.ArrayDeque<ByteBuffer> free = new java.util.ArrayDeque<>();
    private long position;
    private long written;
    /** Whether this writer is in {@link #OPEN}. */
    private final boolean counted;
    private boolean closed;
    /** Bytes to send through the page cache before direct writes are aligned. */
    private long unaligned;

    private DirectFileWriter(FileChannel buffered, FileChannel direct, int block, long position) {
        this.buffered = buffered;
        this.direct = direct;
        this.block = block;
        this.position = position;
        this.unaligned = direct == null ? 0 : (block - position % block) % block;
        this.buffer = take(block);
        int depth = direct == null ? 1 : OPEN.incrementAndGet() > BUSY ? DEPTH_WHEN_BUSY : DEPTH;
        this.counted = direct != null;
        for (int k = 1; k < depth; k++) {
            free.add(take(block));
        }
    }

    /** A buffer of {@link #CAPACITY} bytes whose address is aligned to {@code block}. */
    private static ByteBuffer take(int block) {
        if (POOLED_ALIGNMENT % block == 0) {
            ByteBuffer b = POOL.poll();
            return b != null ? b.clear()
                    : ByteBuffer.allocateDirect(CAPACITY + POOLED_ALIGNMENT).alignedSlice(POOLED_ALIGNMENT).slice(0, CAPACITY);
        }
        int size = CAPACITY - CAPACITY % block;
        return ByteBuffer.allocateDirect(size + block).alignedSlice(block).slice(0, size);
    }

    private static void giveBack(ByteBuffer b) {
        if (b.capacity() == CAPACITY && b.isDirect()) {
            POOL.offer(b);
        }
    }

    /**
     * Writes to an existing {@code file} from {@code position}, truncating whatever lies beyond it
     * (bytes of an interrupted write that were never acknowledged).
     */
    public static DirectFileWriter open(Path file, long position, boolean tryDirect) throws IOException {
        FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            buffered.truncate(position);
            FileChannel direct = null;
            int block = tryDirect ? directBlock(file.toAbsolutePath().getParent()) : 0;
            if (block > 0) {
                try {
                    direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debugf("No direct I/O for %s (%s): writing through the page cache", file, e.getMessage());
                }
            }
            if (direct == null) {
                block = 1;
            }
            return new DirectFileWriter(buffered, direct, block, position);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /**
     * The block size for direct writes in {@code dir}, or 0 where they do not work. Some filesystems
     * accept O_DIRECT when a file is opened and refuse the writes (EINVAL), which would fail an
     * upload halfway; so each folder is tried once, with one aligned block written to a probe file,
     * and the answer kept (uploads land in two folders, and a tus upload opens a writer per chunk).
     */
    static int directBlock(Path dir) {
        return DIRECT_BLOCK.computeIfAbsent(dir, DirectFileWriter::probe);
    }

    private static int probe(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".direct-io-probe-", ".tmp");
            int block = Math.toIntExact(Files.getFileStore(probe).getBlockSize());
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
                ch.write(ByteBuffer.allocateDirect(2 * block).alignedSlice(block).slice(0, block), 0);
            }
            return block;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            LOG.warnf("Direct I/O does not work in %s (%s): uploads there are written through the page cache", dir, e.getMessage());
            return 0;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    LOG.debugf("Could not remove the probe file %s: %s", probe, e.getMessage());
                }
            }
        }
    }

    /** Appends the remaining bytes of {@code src}. */
    public void write(ByteBuffer src) throws IOException {
        buffer();
        while (src.hasRemaining()) {
            if (unaligned > 0) {
                int n = (int) Math.min(unaligned, src.remaining());
                ByteBuffer head = src.slice(src.position(), n);
                writeFully(buffered, head, position);
                src.position(src.position() + n);
                position += n;
                written += n;
                unaligned -= n;
                continue;
            }
            int n = Math.min(src.remaining(), buffer.remaining());
            buffer.put(buffer.position(), src, src.position(), n);
            buffer.position(buffer.position() + n);
            src.position(src.position() + n);
            if (!buffer.hasRemaining()) {
                writeBehind();
            }
        }
    }

    /**
     * Starts writing the full buffer in the background and carries on with another one, so the
     * disk works while the caller hashes the next megabytes (a direct write waits for the disk).
     */
    private void writeBehind() throws IOException {
        if (direct == null || unaligned > 0) {
            flush();
            return;
        }
        ByteBuffer full = buffer.flip();
        long at = position;
        position += full.remaining();
        written += full.remaining();
        inFlight.add(new InFlight(DISK.submit(() -> {
            writeFully(direct, full, at);
            return null;
        }), full));
        nextBuffer();
    }

    /**
     * Takes a free buffer to fill, waiting for the oldest write if none is free. The full one is
     * in flight by now and is no longer {@link #buffer}, so a failed wait cannot leave one buffer
     * both in flight and "being filled", and so given back to the pool twice.
     */
    private void nextBuffer() throws IOException {
        buffer = null;
        ByteBuffer next = free.poll();
        if (next == null) {
            next = awaitOldest();
        }
        buffer = next.clear();
    }

    /** The buffer being filled; none is left once waiting for a failed write threw. */
    private ByteBuffer buffer() throws IOException {
        if (buffer == null) {
            throw new IOException("an earlier write to this file failed");
        }
        return buffer;
    }

    /** Waits for the oldest write in flight and returns its buffer, now unused (also when the write failed). */
    private ByteBuffer awaitOldest() throws IOException {
        InFlight w = inFlight.poll();
        try {
            w.write().get();
            return w.buffer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            free.add(w.buffer());
            throw new java.io.InterruptedIOException("interrupted while writing");
        } catch (java.util.concurrent.ExecutionException e) {
            free.add(w.buffer());
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Waits for every write in flight; the first failure is thrown once all have ended. */
    private void awaitPending() throws IOException {
        IOException failure = null;
        while (!inFlight.isEmpty()) {
            try {
                free.add(awaitOldest());
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Writes what is still buffered and syncs the file (data and size) to the disk.
     *
     * @return the number of bytes written since {@link #open}
     */
    public long finish() throws IOException {
        awaitPending();
        flush();
        buffered.force(true);
        return written;
    }

    /** Drops everything written since {@link #open} (a chunk refused after it arrived). */
    public void abandon() throws IOException {
        awaitPending();
        buffer().clear();
        buffered.truncate(position - written);
        position -= written;
        written = 0;
        unaligned = direct == null ? 0 : (block - position % block) % block;
    }

    private void flush() throws IOException {
        buffer().flip();
        int whole = direct == null ? 0 : buffer.remaining() - buffer.remaining() % block;
        if (whole > 0) {
            writeFully(direct, buffer.slice(0, whole), position);
            position += whole;
            written += whole;
            buffer.position(whole);
        }
        if (buffer.hasRemaining()) {
            // Less than a block at the end of the upload (or no direct I/O): through the page cache.
            int rest = buffer.remaining();
            writeFully(buffered, buffer.slice(buffer.position(), rest), position);
            position += rest;
            written += rest;
            if (direct != null) {
                // The file no longer ends on a block boundary: whatever follows goes this way too.
                unaligned = Long.MAX_VALUE;
            }
        }
        buffer.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long at) throws IOException {
        long p = at;
        while (src.hasRemaining()) {
            p += ch.write(src, p);
        }
    }

    @Override
    public void close() throws IOException {
        try (buffered) {
            try {
                awaitPending();
            } catch (IOException e) {
                // Closing after a failure: the file is abandoned anyway.
            }
            if (buffer != null) {
                giveBack(buffer);
                buffer = null;
            }
            free.forEach(DirectFileWriter::giveBack);
            free.clear();
            if (counted && !closed) {
                OPEN.decrementAndGet();
            }
            closed = true;
            if (direct != null) {
                direct.close();
            }
        }
    }
}
