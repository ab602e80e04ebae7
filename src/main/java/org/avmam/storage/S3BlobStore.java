package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Originals in an S3-compatible bucket ({@code avmam.storage.primary.kind=s3}). Uploads are
 * received and hashed in this node's staging folder as with the local store, then go up under
 * their digest; the staged file then stays in the node's cache, so the pipeline that follows does
 * not fetch what was just sent. The tools that need a file (ffmpeg, Vosk) get one from the cache,
 * fetched and verified on a miss; the least recently used leave once the cache is over its size.
 */
public class S3BlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);

    private final S3ObjectStore objects;
    private final Staging staging;
    private final Path cache;
    private final long cacheMaxBytes;

    S3BlobStore(S3ObjectStore objects, Staging staging, Path cache, long cacheMaxBytes) {
        this.objects = objects;
        this.staging = staging;
        this.cache = cache.toAbsolutePath();
        this.cacheMaxBytes = cacheMaxBytes;
    }

    void removeLeftovers() throws IOException {
        staging.removeLeftovers();
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String name() {
        return objects.name();
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        Staging.Staged s = staging.receive(in, maxBytes);
        try {
            return putFile(s.file(), s.sha256());
        } finally {
            Files.deleteIfExists(s.file());
        }
    }

    @Override
    public StoredBlob putFile(Path file) throws IOException {
        return putFile(file, Staging.hashAndSync(file));
    }

    @Override
    public StoredBlob putFile(Path file, String sha256) throws IOException {
        long size = Files.size(file);
        boolean present = objects.exists(sha256);
        if (present) {
            // Met again: a sweep must not take it for an orphan while its new asset is being recorded.
            objects.touch(sha256);
        } else {
            objects.write(sha256, file);
        }
        keepInCache(file, sha256);
        return new StoredBlob(sha256, size, present);
    }

    @Override
    public Path stagingFile() throws IOException {
        return staging.newFile();
    }

    Path cached(String sha256) {
        return cache.resolve(Sha256.fanOut(sha256));
    }

    @Override
    public Path path(String sha256) throws IOException {
        Path file = cached(sha256);
        if (Files.isRegularFile(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return file;
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), sha256 + ".", ".fetch");
        try {
            try (InputStream in = objects.open(sha256); var out = Files.newOutputStream(temp)) {
                String read = Sha256.of(new TeeInputStream(in, out));
                if (!read.equals(sha256)) {
                    throw new IOException("the primary store's copy of " + sha256 + " reads back as " + read + ": it is damaged");
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        evict(file);
        return file;
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        Path file = cached(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public boolean contains(String sha256) {
        try {
            return objects.exists(sha256);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return objects.exists(sha256);
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        return objects.open(sha256, offset, length);
    }

    @Override
    public void write(String sha256, Path file) throws IOException {
        objects.write(sha256, file);
        Files.deleteIfExists(cached(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        objects.delete(sha256);
        Files.deleteIfExists(cached(sha256));
    }

    @Override
    public int sweep(Predicate<String> referenced, Duration grace) throws IOException {
        Instant cutoff = Instant.now().minus(grace);
        List<String> old = new ArrayList<>();
        objects.list(o -> {
            if (o.lastModified().isBefore(cutoff)) {
                old.add(o.sha256());
            }
        });
        AtomicInteger removed = new AtomicInteger();
        for (String sha : old) {
            if (referenced.test(sha)) {
                continue;
            }
            delete(sha);
            removed.incrementAndGet();
            LOG.infof("Removed blob %s from store '%s': no asset references it", sha, name());
        }
        return removed.get();
    }

    private void keepInCache(Path file, String sha256) throws IOException {
        Path target = cached(sha256);
        if (Files.isRegularFile(target)) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        evict(target);
    }

    /** Least recently used first, until the cache fits; the file just added stays. */
    private synchronized void evict(Path keep) throws IOException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        record Entry(Path file, long size, FileTime used) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (var walk = Files.walk(cache, 3)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!Sha256.HEX.matcher(p.getFileName().toString()).matches()) {
                    continue;
                }
                try {
                    Entry e = new Entry(p, Files.size(p), Files.getLastModifiedTime(p));
                    entries.add(e);
                    total += e.size();
                } catch (java.nio.file.NoSuchFileException gone) {
                    // evicted meanwhile by another thread of this node
                }
            }
        }
        if (total <= cacheMaxBytes) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= cacheMaxBytes) {
                break;
            }
            if (e.file().equals(keep)) {
                continue;
            }
            // A tool still reading the file keeps its open descriptor: removing the name does not cut it off.
            Files.deleteIfExists(e.file());
            total -= e.size();
        }
    }
}
