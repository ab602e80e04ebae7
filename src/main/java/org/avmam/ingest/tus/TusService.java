package org.avmam.ingest.tus;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.config.AvmamConfig;
import org.avmam.ingest.IngestService;
import org.avmam.ingest.UploadPipe;
import org.avmam.storage.DirectFileWriter;
import org.jboss.logging.Logger;

/**
 * tus 1.0.0 uploads (core, creation, creation-with-upload, termination, expiration, checksum).
 * Bytes go to {@code <data-dir>/uploads/<id>.part} at the offset the database acknowledges; a
 * finished upload is moved into the blob store and becomes an asset exactly as a multipart upload.
 */
@ApplicationScoped
public class TusService {

    private static final Logger LOG = Logger.getLogger(TusService.class);
    static final Map<String, String> CHECKSUMS = Map.of("sha1", "SHA-1", "md5", "MD5", "sha256", "SHA-256", "sha512", "SHA-512");

    private final IngestService ingest;
    private final AvmamConfig config;
    private final Path dir;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
    /**
     * The SHA-256 of each upload's bytes so far, kept by the node that received them, so a
     * finished upload moves into the blob store without being read again. A node that did not
     * see every chunk (several nodes, a restart) has no entry, and the file is hashed at the end.
     */
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    private record Running(MessageDigest digest, long covered) {}

    /** The digest a PATCH continues, and the offset it must start at to be of use. */
    public record Hashing(MessageDigest digest, long from) {}

    /**
     * Called as a PATCH starts (on the event loop: no I/O): a copy of the running digest, or a
     * fresh one from 0 (also for {@code id} null, a creation request with a body).
     */
    public Hashing hashing(UUID id) {
        Running r = id == null ? null : running.get(id);
        try {
            return r == null ? new Hashing(MessageDigest.getInstance("SHA-256"), 0)
                    : new Hashing((MessageDigest) r.digest().clone(), r.covered());
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private final org.avmam.config.NodeName node;
    /** Sweeps expired uploads once a minute on every node, whether or not uploads arrive (not on the upload path). */
    private java.util.concurrent.ScheduledExecutorService sweeper;

    public TusService(IngestService ingest, AvmamConfig config, org.avmam.config.NodeName node) {
        this.node = node;
        this.ingest = ingest;
        this.config = config;
        this.dir = config.dataDir().resolve("uploads").toAbsolutePath();
    }

    /** Thrown when a chunk's checksum does not match (tus: 460 Checksum Mismatch). */
    public static class ChecksumMismatch extends RuntimeException {
        ChecksumMismatch(String algorithm) {
            super("the " + algorithm + " checksum of the chunk does not match Upload-Checksum; the chunk was discarded");
        }
    }

    public TusUpload create(long length, String metadataHeader, String createdBy) throws IOException {
        return create(length, metadataHeader, createdBy, null);
    }

    /**
     * tus creation-with-upload: the upload is created already claimed by this request, so its body
     * is appended without a claim of its own; a body that completes the upload makes the asset and
     * finishes the upload in one transaction.
     */
    public TusUpload createWithBody(long length, String metadataHeader, String createdBy, String checksumHeader, UploadPipe body,
            Hashing hashing) throws IOException {
        String claim = newClaim();
        TusUpload u = create(length, metadataHeader, createdBy, claim);
        return appendReleasing(u, checksumHeader, body, hashing, claim);
    }

    private TusUpload create(long length, String metadataHeader, String createdBy, String claim) throws IOException {
        checkLength(length);
        Map<String, String> meta;
        try {
            meta = TusMetadata.parse(metadataHeader);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ingest.validate(IngestService.Description.of(meta)); // a bad batch or language before a byte is sent
        Files.createDirectories(dir);
        TusUpload u = new TusUpload();
        u.id = UUID.randomUUID();
        u.length = length;
        u.offset = 0;
        u.metadata = metadataHeader;
        u.state = TusUpload.State.RECEIVING;
        u.createdAt = Instant.now();
        u.createdBy = createdBy;
        u.expiresAt = u.createdAt.plus(config.upload().tusExpiration());
        u.appendOwner = claim;
        u.appendUntil = claim == null ? null : u.expiresAt;
        Files.createFile(part(u.id));
        QuarkusTransaction.requiringNew().run(u::persist);
        return u;
    }

    /** Upload-Length within the limit (no I/O: the resource calls it on the event loop, before any body is read). */
    public void checkLength(long length) {
        if (length < 0) {
            throw ApiException.badRequest("Upload-Length must be a non-negative integer");
        }
        if (length > config.upload().maxBytes()) {
            throw new ApiException(413, "Content Too Large", "Upload-Length {0} is over the limit of {1} bytes (avmam.upload.max-bytes)", length, config.upload().maxBytes());
        }
    }

    /** The upload, if it is the caller's: another user's upload answers as a missing one. */
    public TusUpload owned(UUID id, String user) {
        TusUpload u = get(id);
        if (u.createdBy != null && !u.createdBy.equals(user)) {
            throw ApiException.notFound("no upload {0}", id);
        }
        return u;
    }

    public TusUpload get(UUID id) {
        TusUpload u = QuarkusTransaction.requiringNew().call(() -> TusUpload.<TusUpload>findById(id));
        if (u == null || u.state == TusUpload.State.TERMINATED) {
            throw ApiException.notFound("no upload {0}", id);
        }
        if (u.state == TusUpload.State.EXPIRED || (u.state == TusUpload.State.RECEIVING && u.expiresAt.isBefore(Instant.now()))) {
            throw new ApiException(410, "Gone", "upload {0} expired; start it again", id);
        }
        return u;
    }

    /**
     * Appends a chunk at {@code offset}. An interrupted chunk keeps what arrived (the client resumes
     * from the new offset) unless it carries a checksum, which only a whole chunk can satisfy.
     *
     * @param hashing the running SHA-256 that {@code body} updates as the bytes arrive
     */
    public TusUpload append(UUID id, long offset, String checksumHeader, UploadPipe body, Hashing hashing) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ApiException(409, "Conflict", "another PATCH of upload {0} is still running", id);
        }
        try {
            TusUpload u = get(id);
            if (u.state != TusUpload.State.RECEIVING) {
                throw new ApiException(409, "Conflict", "upload {0} is already complete", id);
            }
            if (offset != u.offset) {
                throw new ApiException(409, "Conflict", "Upload-Offset {0} does not match the upload's offset {1}", offset, u.offset);
            }
            String claim = newClaim();
            if (!claim(id, offset, claim)) {
                throw new ApiException(409, "Conflict", "another PATCH of upload {0} at offset {1} is running (on this or another node); resume from the offset a HEAD gives", id, offset);
            }
            return appendReleasing(u, checksumHeader, body, hashing, claim);
        } finally {
            lock.unlock();
        }
    }

    private String newClaim() {
        return node.get() + "/" + UUID.randomUUID();
    }

    /** Appends under {@code claim}, then gives the claim up, unless finishing the upload already did. */
    private TusUpload appendReleasing(TusUpload u, String checksumHeader, UploadPipe body, Hashing hashing, String claim)
            throws IOException {
        TusUpload appended = null;
        try {
            appended = appendClaimed(u, checksumHeader, body, hashing, claim);
            return appended;
        } finally {
            if (appended == null || appended.state != TusUpload.State.DONE) {
                release(u.id, claim);
            }
        }
    }

    /**
     * Compare-and-set on the offset in the database: the append is this request's only if the
     * upload is still at {@code offset} and nobody else holds a live claim. A claim lapses after
     * {@code avmam.upload.tus-expiration} if its node died mid-chunk.
     */
    /** Claims this node held when it died: nobody is appending under them any more. */
    void releaseOwnClaims(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        String prefix = node.get() + "/";
        QuarkusTransaction.requiringNew().run(() -> TusUpload.update("appendOwner = null, appendUntil = null "
                + "where locate(?1, appendOwner) = 1", prefix));
    }

    public boolean claim(UUID id, long offset, String owner) {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> TusUpload.update("appendOwner = ?1, appendUntil = ?2 where id = ?3 "
                + "and offset = ?4 and state = ?5 and (appendOwner is null or appendUntil < ?6)", owner,
                now.plus(config.upload().tusExpiration()), id, offset, TusUpload.State.RECEIVING, now)) == 1;
    }

    private void release(UUID id, String owner) {
        QuarkusTransaction.requiringNew().run(() -> TusUpload.update("appendOwner = null, appendUntil = null where id = ?1 "
                + "and appendOwner = ?2", id, owner));
    }

    private TusUpload appendClaimed(TusUpload u, String checksumHeader, UploadPipe body, Hashing hashing, String claim)
            throws IOException {
        UUID id = u.id;
        {
            MessageDigest digest = null;
            byte[] expected = null;
            String algorithm = null;
            if (checksumHeader != null && !checksumHeader.isBlank()) {
                String[] parts = checksumHeader.strip().split(" ", 2);
                algorithm = parts[0];
                String javaName = CHECKSUMS.get(algorithm);
                if (javaName == null || parts.length != 2) {
                    throw ApiException.badRequest("Upload-Checksum must be '<algorithm> <base64>' with one of {0}", CHECKSUMS.keySet());
                }
                try {
                    digest = MessageDigest.getInstance(javaName);
                    expected = Base64.getDecoder().decode(parts[1].strip());
                } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
                    throw ApiException.badRequest("Upload-Checksum is malformed: {0}", e.getMessage());
                }
            }
            long written;
            boolean interrupted;
            // Bytes past the acknowledged offset are from a chunk cut short by a crash: open() drops them.
            try (DirectFileWriter out = DirectFileWriter.open(part(id), u.offset, config.upload().directIo())) {
                try {
                    body.drainTo(out, u.length - u.offset, digest);
                } catch (org.avmam.storage.BlobStore.TooLargeException e) {
                    out.abandon();
                    throw new ApiException(413, "Content Too Large", "the chunk goes past Upload-Length {0}", u.length);
                }
                interrupted = body.failure() != null;
                if (digest != null && (interrupted || !MessageDigest.isEqual(digest.digest(), expected))) {
                    out.abandon();
                    if (interrupted) {
                        return u;
                    }
                    throw new ChecksumMismatch(algorithm);
                }
                written = out.finish();
                if (interrupted) {
                    LOG.infof("Upload %s: the connection broke after %d bytes of the chunk", id, written);
                }
            }
            long newOffset = u.offset + written;
            if (hashing != null && hashing.from() == u.offset) {
                // Every byte the body hashed was written: the digest now covers [0, newOffset).
                running.put(id, new Running(hashing.digest(), newOffset));
            } else {
                running.remove(id);
            }
            Instant expires = Instant.now().plus(config.upload().tusExpiration());
            long from = u.offset;
            if (newOffset == u.length && !interrupted) {
                finish(u, from, claim); // the offset moves with the asset's transaction
                return u;
            }
            int moved = QuarkusTransaction.requiringNew().call(() -> TusUpload.update("offset = ?1, expiresAt = ?2 where id = ?3 "
                    + "and offset = ?4 and appendOwner = ?5", newOffset, expires, id, from, claim));
            if (moved != 1) {
                // Our claim lapsed and another append took over: what we wrote lies past its offset and is dropped.
                throw new ApiException(409, "Conflict", "upload {0} moved on while this chunk was written; resume from its offset", id);
            }
            u.offset = newOffset;
            u.expiresAt = expires;
            return u;
        }
    }

    /**
     * The complete upload becomes an asset; a refusal (unsupported type, …) is kept on the upload.
     * The asset, the upload's last offset, its DONE state and the end of {@code claim} commit
     * together: a crash before leaves the upload at {@code from}, to be resumed, and no asset.
     */
    private void finish(TusUpload u, long from, String claim) throws IOException {
        Map<String, String> meta = TusMetadata.parse(u.metadata);
        try {
            String filename = meta.getOrDefault("filename", meta.getOrDefault("name", "upload-" + u.id));
            Running hashed = running.remove(u.id);
            String sha = hashed != null && hashed.covered() == u.length
                    ? java.util.HexFormat.of().formatHex(hashed.digest().digest()) : null;
            IngestService.Received r = ingest.receiveFile(filename, part(u.id), sha);
            Asset asset = ingest.create(r, IngestService.Description.of(meta).by(u.createdBy), "resumable upload (tus)", a -> {
                if (TusUpload.update("offset = ?1, state = ?2, assetId = ?3, appendOwner = null, appendUntil = null "
                        + "where id = ?4 and offset = ?5 and appendOwner = ?6", u.length, TusUpload.State.DONE, a.id, u.id, from,
                        claim) != 1) {
                    // Our claim lapsed and another append took over: no asset. The blob just stored is referenced by
                    // nothing and goes with the sweep of unreferenced blobs.
                    throw new MovedOn(u.id);
                }
            });
            u.offset = u.length;
            u.state = TusUpload.State.DONE;
            u.assetId = asset.id;
        } catch (MovedOn e) {
            throw new ApiException(409, "Conflict", "upload {0} moved on while this chunk was written; resume from its offset", u.id);
        } catch (ApiException e) {
            Files.deleteIfExists(part(u.id));
            QuarkusTransaction.requiringNew().run(() -> TusUpload.update("state = ?1, error = ?2, offset = ?3 where id = ?4",
                    TusUpload.State.FAILED, e.getMessage(), u.length, u.id));
            throw e;
        }
    }

    private static final class MovedOn extends RuntimeException {
        MovedOn(UUID id) {
            super("upload " + id + " moved on", null, false, false);
        }
    }

    public void terminate(UUID id) throws IOException {
        TusUpload u = get(id);
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ApiException(409, "Conflict", "a PATCH of upload {0} is still running", id);
        }
        try {
            Files.deleteIfExists(part(u.id));
            running.remove(id);
            QuarkusTransaction.requiringNew().run(() -> TusUpload.update("state = ?1 where id = ?2", TusUpload.State.TERMINATED, id));
        } finally {
            lock.unlock();
            locks.remove(id);
        }
    }

    void startSweeping(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("tus-expiry").unstarted(r));
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    void stopSweeping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ev) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Removes the partial data of every upload whose time ran out; returns how many. */
    public int sweep() {
        int removed = 0;
        try {
            for (int n; (n = expireOld()) > 0; ) {
                removed += n;
            }
        } catch (IOException | RuntimeException e) {
            // The next sweep tries again; an expired upload already answers 410 whatever is left on disk.
            LOG.warnf(e, "Could not remove the data of expired uploads (%d removed so far)", removed);
        }
        return removed;
    }

    /** One batch of expired uploads: their partial data removed, their state EXPIRED. */
    private int expireOld() throws IOException {
        List<TusUpload> expired = QuarkusTransaction.requiringNew().call(() -> TusUpload.<TusUpload>find(
                "state = ?1 and expiresAt < ?2", TusUpload.State.RECEIVING, Instant.now()).page(0, 100).list());
        for (TusUpload u : expired) {
            Files.deleteIfExists(part(u.id));
            running.remove(u.id);
            QuarkusTransaction.requiringNew().run(() -> TusUpload.update("state = ?1 where id = ?2", TusUpload.State.EXPIRED, u.id));
        }
        return expired.size();
    }

    private Path part(UUID id) {
        return dir.resolve(id + ".part");
    }
}
