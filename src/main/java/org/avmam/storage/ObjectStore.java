package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * One place that keeps copies of originals under their SHA-256: the primary store, or a replica.
 * Each copy is written whole and read back by the caller that checks it; nothing here trusts a
 * store's own checksums (an S3 multipart ETag is not an MD5 of the object).
 */
public interface ObjectStore {

    /** The store's name in the database and in reports: {@code primary}, {@code replica}, or a replica's own name. */
    String name();

    /** {@code fs} or {@code s3}, as configured. */
    String kind();

    /** Whether the store holds an object under this digest (not whether its bytes are sound). */
    boolean exists(String sha256) throws IOException;

    /**
     * The stored bytes from {@code offset}, {@code length} of them ({@code -1}: to the end).
     * {@link java.nio.file.NoSuchFileException} when there is no such object.
     */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** Stores the file's bytes under the digest, replacing a copy already there (a repair); the caller verified them. */
    void write(String sha256, Path file) throws IOException;

    /** Removes the copy; nothing happens when there is none. */
    void delete(String sha256) throws IOException;

    default InputStream open(String sha256) throws IOException {
        return open(sha256, 0, -1);
    }
}
