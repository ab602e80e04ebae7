package org.avmam.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 stores against a real S3 server (S3Proxy), no mock: multipart, ranges, the cache, the sweep, an outage. */
class S3StoreTest {

    static S3ProxyServer server;
    static Path serverDir;

    @BeforeAll
    static void startServer() throws Exception {
        serverDir = Files.createTempDirectory("s3proxy-unit");
        server = new S3ProxyServer(serverDir).start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    static S3ObjectStore.Settings s3(String endpoint, String bucket, String prefix) {
        return new S3ObjectStore.Settings(Optional.of(URI.create(endpoint)), "us-east-1", bucket, prefix, Optional.of(S3ProxyServer.ACCESS_KEY),
                Optional.of(S3ProxyServer.SECRET_KEY), true, 5 * 1024 * 1024, 2);
    }

    static String sha(byte[] b) {
        return HexFormat.of().formatHex(Sha256.digest().digest(b));
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackWholeAndByRange(@TempDir Path tmp) throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024 + 123];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("big.bin"), bytes);
        String sha = sha(bytes);
        try (S3ObjectStore store = new S3ObjectStore("replica", s3(server.endpoint(), "unit-multipart", "originals/"))) {
            assertFalse(store.exists(sha));
            assertThrows(NoSuchFileException.class, () -> store.open(sha).close());
            store.write(sha, file);
            assertTrue(store.exists(sha));
            try (InputStream in = store.open(sha)) {
                assertEquals(sha, Sha256.of(in), "three parts of 5 MiB and a tail, joined as sent");
            }
            try (InputStream in = store.open(sha, 6 * 1024 * 1024 - 10, 20)) {
                assertArrayEquals(Arrays.copyOfRange(bytes, 6 * 1024 * 1024 - 10, 6 * 1024 * 1024 + 10), in.readAllBytes(),
                        "a range across a part boundary");
            }
            assertTrue(Files.isRegularFile(server.objectFile("unit-multipart", "originals/" + sha)), "the key is the prefix and the digest");
            store.delete(sha);
            assertFalse(store.exists(sha));
        }
    }

    @Test
    void thePrimaryOnS3KeepsUploadsInTheCacheFetchesWhatItLacksAndSweepsOnlyOrphans(@TempDir Path tmp) throws Exception {
        S3ObjectStore objects = new S3ObjectStore("primary", s3(server.endpoint(), "unit-primary", ""));
        S3BlobStore blobs = new S3BlobStore(objects, new Staging(tmp.resolve("staging")), tmp.resolve("cache"), 1024);
        byte[] a = "the first original".getBytes();
        byte[] b = "a second original, longer than the first".getBytes();
        BlobStore.StoredBlob first = blobs.put(new ByteArrayInputStream(a), 1 << 20);
        assertEquals(sha(a), first.sha256());
        assertFalse(first.alreadyPresent());
        assertTrue(blobs.localFile(first.sha256()).isPresent(), "the staged upload stays as the cache's copy");
        assertTrue(blobs.put(new ByteArrayInputStream(a), 1 << 20).alreadyPresent(), "the same bytes again are not stored twice");
        assertThrows(BlobStore.TooLargeException.class, () -> blobs.put(new ByteArrayInputStream(b), 10));

        Files.delete(blobs.localFile(first.sha256()).orElseThrow());
        Path fetched = blobs.path(first.sha256());
        assertArrayEquals(a, Files.readAllBytes(fetched), "a cache miss fetches the blob, checked against its digest");

        // Damaged at the server: a fetch refuses to hand it to a tool as if it were sound.
        Files.delete(fetched);
        Files.write(server.objectFile("unit-primary", first.sha256()), "tampered".getBytes());
        java.io.IOException damaged = assertThrows(java.io.IOException.class, () -> blobs.path(first.sha256()));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        assertTrue(blobs.localFile(first.sha256()).isEmpty(), "nothing damaged is left in the cache");

        BlobStore.StoredBlob second = blobs.put(new ByteArrayInputStream(b), 1 << 20);
        assertEquals(0, blobs.sweep(sha -> false, Duration.ofHours(1)), "young blobs are within their grace");
        assertEquals(1, blobs.sweep(sha -> sha.equals(second.sha256()), Duration.ZERO), "only the unreferenced one goes");
        assertTrue(objects.exists(second.sha256()));
        assertFalse(objects.exists(first.sha256()));
    }

    @Test
    void theCacheEvictsTheLeastRecentlyUsedCopyAndNeverTheBucketsObject(@TempDir Path tmp) throws Exception {
        S3ObjectStore objects = new S3ObjectStore("primary", s3(server.endpoint(), "unit-cache", ""));
        S3BlobStore blobs = new S3BlobStore(objects, new Staging(tmp.resolve("staging")), tmp.resolve("cache"), 50);
        byte[] a = "thirty bytes of the first one.".getBytes();
        byte[] b = "thirty bytes of the second one".getBytes();
        String first = blobs.put(new ByteArrayInputStream(a), 1 << 20).sha256();
        String second = blobs.put(new ByteArrayInputStream(b), 1 << 20).sha256();
        assertTrue(blobs.localFile(first).isEmpty(), "sixty bytes do not fit in fifty: the older copy left the cache");
        assertTrue(blobs.localFile(second).isPresent());
        assertTrue(objects.exists(first), "the bucket's object is not the cache's to delete");
        assertArrayEquals(a, Files.readAllBytes(blobs.path(first)), "fetched back on its next use");
        assertTrue(blobs.localFile(second).isEmpty(), "and now the other one is the least recently used");
        assertTrue(objects.exists(second));
    }

    @Test
    void aServerThatIsDownIsUnavailableNotMissing(@TempDir Path tmp) throws Exception {
        S3ProxyServer down = new S3ProxyServer(tmp.resolve("down"));
        try (S3ObjectStore store = new S3ObjectStore("offsite", s3(down.endpoint(), "never", ""))) {
            String sha = sha("x".getBytes());
            assertThrows(StoreUnavailableException.class, () -> store.exists(sha));
            assertThrows(StoreUnavailableException.class, () -> store.write(sha, Files.writeString(tmp.resolve("x"), "x")));
        }
    }

    @Test
    void aFolderReplicaThatIsNotMountedIsUnavailable(@TempDir Path tmp) throws Exception {
        FsObjectStore store = new FsObjectStore("replica", tmp.resolve("not-mounted"));
        String sha = sha("y".getBytes());
        assertThrows(StoreUnavailableException.class, () -> store.write(sha, Files.writeString(tmp.resolve("y"), "y")));
        assertFalse(Files.exists(tmp.resolve("not-mounted")), "nothing written to the local disk in its place");
    }
}
