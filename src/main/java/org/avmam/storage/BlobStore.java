package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed storage of originals. Blobs are written once and never modified; an identical
 * blob is recognised by its SHA-256 and not stored twice. Implementations: {@link LocalBlobStore}
 * (the data folder) and {@link S3BlobStore} (a bucket, with a local cache for the tools that read
 * files); {@link Stores} chooses by configuration.
 */
public interface BlobStore extends ObjectStore {

    /**
     * Streams {@code in} into the store, hashing on the way (the bytes are read once). Stops with
     * {@link TooLargeException} once more than {@code maxBytes} arrived, leaving nothing behind.
     */
    StoredBlob put(InputStream in, long maxBytes) throws IOException;

    /**
     * Takes in a complete file (a finished resumable upload): hashed by one read, then moved (on
     * another filesystem: copied, synced and verified first). The file is gone afterwards, unless
     * the call fails.
     */
    StoredBlob putFile(Path file) throws IOException;

    /**
     * As {@link #putFile(Path)}, for a file whose SHA-256 the caller computed while writing it
     * (and already synced): moved without reading it again.
     */
    StoredBlob putFile(Path file, String sha256) throws IOException;

    /**
     * A new empty file on the store's own filesystem, for a caller that writes and hashes an upload
     * itself and then hands it to {@link #putFile(Path, String)}, which moves it without copying.
     * The caller deletes it if it does not hand it over; a node removes its leftovers at start.
     */
    Path stagingFile() throws IOException;

    /**
     * A readable local path of the blob (for ffmpeg and friends). A store that is not a local
     * folder fetches the blob into this node's cache first, verified by its digest.
     */
    Path path(String sha256) throws IOException;

    /** The blob as a local file when it is one already (no fetch): delivery then uses it, else ranged reads. */
    java.util.Optional<Path> localFile(String sha256);

    boolean contains(String sha256);

    /**
     * Removes blobs that no asset references and that nobody has stored or met for at least
     * {@code grace} (a crash between storing a blob and recording its asset leaves one behind).
     * {@code referenced} answers from the database. Returns how many went.
     */
    int sweep(java.util.function.Predicate<String> referenced, java.time.Duration grace) throws IOException;

    /** What {@link #put} stored: the digest, the size, and whether the blob was already there. */
    record StoredBlob(String sha256, long size, boolean alreadyPresent) {}

    class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("the file is larger than the limit of " + maxBytes + " bytes");
        }
    }
}
