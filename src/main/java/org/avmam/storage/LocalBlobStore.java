package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Blobs under {@code <data-dir>/blobs/ab/cd/abcd…} (SHA-256 fan-out). A put goes to a temp file in
 * the same filesystem, is fsynced, then atomically renamed into place, so a crash never leaves a
 * half-written blob at a content address.
 */
public class LocalBlobStore implements BlobStore {

    private static final int BUFFER = 1 << 20;

    private final Path root;
    private final Staging staging;
    /** The same folder read and replaced as any folder store is (range reads, repairs). */
    private final FsObjectStore files;

    LocalBlobStore(Path root, Staging staging) {
        this.root = root.toAbsolutePath();
        this.staging = staging;
        this.files = new FsObjectStore("primary", this.root);
    }

    void removeLeftovers() throws IOException {
        staging.removeLeftovers();
    }

    @Override
    public String kind() {
        return "fs";
    }

    @Override
    public String name() {
        return "primary";
    }

    @Override
    public Path stagingFile() throws IOException {
        return staging.newFile();
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        Staging.Staged s = staging.receive(in, maxBytes);
        try {
            return moveIn(s.file(), s.sha256());
        } finally {
            Files.deleteIfExists(s.file());
        }
    }

    @Override
    public StoredBlob putFile(Path file) throws IOException {
        return movedIn(file, Staging.hashAndSync(file));
    }

    @Override
    public StoredBlob putFile(Path file, String sha256) throws IOException {
        return movedIn(file, sha256);
    }

    /** Moves the file in; the source is removed only once the blob holds its bytes (a failure leaves it where it was). */
    private StoredBlob movedIn(Path file, String sha) throws IOException {
        StoredBlob blob = moveIn(file, sha);
        Files.deleteIfExists(file);
        return blob;
    }

    /** Renames a complete, synced file into place; a blob already there is never written twice. */
    private StoredBlob moveIn(Path file, String sha) throws IOException {
        long size = Files.size(file);
        Path target = path(sha);
        if (Files.exists(target)) {
            // Met again: a sweep must not take it for an orphan while its new asset is being recorded.
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return new StoredBlob(sha, size, true);
        }
        Path folder = target.getParent();
        boolean newFolder = !Files.isDirectory(folder);
        boolean newTopFolder = newFolder && !Files.isDirectory(folder.getParent());
        Files.createDirectories(folder);
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // A concurrent put of the same bytes won the rename: the content is identical.
            return new StoredBlob(sha, size, true);
        } catch (AtomicMoveNotSupportedException e) {
            // The file is on another filesystem (a staging folder on another mount): it is copied, synced and its hash
            // checked against the digest before it takes the blob's name; the caller deletes the source only after.
            copyAcross(file, target, sha);
        }
        target.toFile().setReadOnly();
        syncDirectory(folder);
        // A fan-out folder made for this blob: its own name must last too.
        if (newFolder) {
            syncDirectory(folder.getParent());
        }
        if (newTopFolder) {
            syncDirectory(root);
        }
        return new StoredBlob(sha, size, false);
    }

    private static void copyAcross(Path file, Path target, String sha) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".copy");
        try {
            MessageDigest digest = Sha256.digest();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
                while (in.read(buf) != -1) {
                    buf.flip();
                    digest.update(buf.duplicate());
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                }
                out.force(true);
            }
            String copied = HexFormat.of().formatHex(digest.digest());
            if (!copied.equals(sha)) {
                throw new IOException("the copy of " + file + " into the blob store reads back as " + copied + ", not " + sha
                        + ": the source was not removed");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Makes the rename itself durable: the file's data was synced before it, but the directory
     * entry that names it lives in the folder, and a crash right after a 201 could otherwise leave
     * an asset whose blob has no name. Linux syncs a folder opened for reading.
     */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Without it a crash can lose the blob's name while the asset row says it is stored: the upload fails instead.
            throw new IOException("cannot sync the blob store folder " + dir + " (the new blob's name may not survive a crash): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Path path(String sha256) {
        return root.resolve(Sha256.fanOut(sha256));
    }

    @Override
    public java.util.Optional<Path> localFile(String sha256) {
        return java.util.Optional.of(path(sha256));
    }

    @Override
    public boolean exists(String sha256) {
        return contains(sha256);
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        return files.open(sha256, offset, length);
    }

    /** A repair: the verified copy replaces the damaged one by a rename, read-only like every blob. */
    @Override
    public void write(String sha256, Path file) throws IOException {
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        files.write(sha256, file);
        target.toFile().setReadOnly();
    }

    @Override
    public void delete(String sha256) throws IOException {
        Path target = path(sha256);
        target.toFile().setWritable(true);
        if (Files.deleteIfExists(target)) {
            syncDirectory(target.getParent());
        }
    }

    @Override
    public int sweep(java.util.function.Predicate<String> referenced, java.time.Duration grace) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        java.time.Instant cutoff = java.time.Instant.now().minus(grace);
        try (var walk = Files.walk(root, 3)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!Sha256.HEX.matcher(name).matches() || !p.equals(path(name))) {
                    continue; // temp files of a copy in progress, anything not at a content address
                }
                if (Files.getLastModifiedTime(p).toInstant().isAfter(cutoff) || referenced.test(name)) {
                    continue;
                }
                // Read again after the database said no: an upload that met this blob meanwhile has touched it.
                if (Files.getLastModifiedTime(p).toInstant().isAfter(cutoff)) {
                    continue;
                }
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
                removed++;
                org.jboss.logging.Logger.getLogger(LocalBlobStore.class).infof("Removed blob %s: no asset references it", name);
            }
        }
        return removed;
    }

    @Override
    public boolean contains(String sha256) {
        return Files.exists(path(sha256));
    }
}
