package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A folder replica ({@code avmam.storage.replica.kind=fs}): copies under {@code ab/cd/<sha256>}.
 * The folder must exist: a network share that is not mounted reads as an unavailable store,
 * never as an empty folder to fill on the local disk.
 */
public class FsObjectStore implements ObjectStore {

    private final String name;
    private final Path root;

    public FsObjectStore(String name, Path root) {
        this.name = name;
        this.root = root.toAbsolutePath();
    }

    @Override
    public String kind() {
        return "fs";
    }

    @Override
    public String name() {
        return name;
    }

    private Path file(String sha256) throws StoreUnavailableException {
        if (!Files.isDirectory(root)) {
            throw new StoreUnavailableException("the folder " + root + " of store '" + name + "' is missing (not mounted?)", null);
        }
        return root.resolve(Sha256.fanOut(sha256));
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return Files.isRegularFile(file(sha256));
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        Path f = file(sha256);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null, "store '" + name + "' holds no copy of " + sha256);
        }
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public void write(String sha256, Path source) throws IOException {
        Path target = file(sha256);
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, sha256 + ".", ".copy");
        try {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long size = in.size();
                long done = 0;
                while (done < size) {
                    done += in.transferTo(done, size - done, out);
                }
                out.force(true);
            }
            // Replacing a damaged copy is a rename over it: a reader sees the old bytes or the new, never a mixture.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LocalBlobStore.syncDirectory(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        Path f = file(sha256);
        if (Files.deleteIfExists(f)) {
            LocalBlobStore.syncDirectory(f.getParent());
        }
    }

    /** Stops after {@code remaining} bytes: a range read. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
