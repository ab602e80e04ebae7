package org.avmam.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.avmam.config.AvmamConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

    @TempDir
    Path dataDir;

    LocalBlobStore store;

    @BeforeEach
    void setUp() {
        store = new LocalBlobStore(dataDir.resolve("blobs"), new Staging(dataDir.resolve("tmp").resolve("test-node")));
    }

    @Test
    void storesUnderTheSha256FanOutPath() throws Exception {
        byte[] bytes = new byte[3_000_000];
        new Random(7).nextBytes(bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        BlobStore.StoredBlob blob = store.put(new ByteArrayInputStream(bytes), Long.MAX_VALUE);

        assertEquals(expected, blob.sha256());
        assertEquals(bytes.length, blob.size());
        assertFalse(blob.alreadyPresent());
        Path path = store.path(expected);
        assertEquals(dataDir.resolve("blobs").resolve(expected.substring(0, 2)).resolve(expected.substring(2, 4))
                .resolve(expected).toAbsolutePath(), path);
        assertArrayEquals(bytes, Files.readAllBytes(path));
        assertTrue(store.contains(expected));
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        byte[] bytes = "same bytes".getBytes(StandardCharsets.UTF_8);
        BlobStore.StoredBlob first = store.put(new ByteArrayInputStream(bytes), 100);
        BlobStore.StoredBlob second = store.put(new ByteArrayInputStream(bytes), 100);
        assertEquals(first.sha256(), second.sha256());
        assertTrue(second.alreadyPresent());
        assertTempEmpty();
    }

    @Test
    void tooLargeLeavesNothingBehind() throws Exception {
        assertThrows(BlobStore.TooLargeException.class, () -> store.put(new ByteArrayInputStream(new byte[101]), 100));
        assertTempEmpty();
        assertFalse(Files.exists(dataDir.resolve("blobs")));
    }

    @Test
    void aRestartRemovesUploadsCutOffByACrash() throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve("tmp/test-node")).resolve("upload-123.part");
        Files.writeString(leftover, "half an upload");
        Path otherNode = Files.createDirectories(dataDir.resolve("tmp/other-node")).resolve("upload-456.part");
        Files.writeString(otherNode, "another node's upload in flight");
        store.removeLeftovers();
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(otherNode), "never another node's files");
    }

    @Test
    void movesAFinishedFileIn() throws Exception {
        Path file = dataDir.resolve("finished.part");
        Files.writeString(file, "a finished resumable upload");
        BlobStore.StoredBlob blob = store.putFile(file);
        assertFalse(Files.exists(file), "moved, not copied");
        assertEquals("a finished resumable upload", Files.readString(store.path(blob.sha256())));
    }

    /** A staging file on another filesystem (tmpfs here): copied, synced, verified, only then the source removed. */
    @Test
    void aFileOnAnotherFilesystemIsCopiedVerifiedAndOnlyThenRemoved() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(dataDir)), "needs /dev/shm on another filesystem than " + dataDir);
        Path file = Files.createTempFile(shm, "avmam-test-", ".part");
        Files.writeString(file, "an upload staged on another mount");
        BlobStore.StoredBlob blob = store.putFile(file);
        assertFalse(blob.alreadyPresent(), "a new blob, not taken for one already there");
        assertEquals("an upload staged on another mount", Files.readString(store.path(blob.sha256())));
        assertFalse(Files.exists(file), "the source goes once the copy is verified");

        Path other = Files.createTempFile(shm, "avmam-test-", ".part");
        Files.writeString(other, "bytes whose stated digest is wrong");
        String wrong = "ab".repeat(32);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> store.putFile(other, wrong));
        assertTrue(e.getMessage().contains("reads back as"), e.getMessage());
        assertFalse(Files.exists(store.path(wrong)), "nothing stored under a digest the bytes do not have");
        assertTrue(Files.exists(other), "a failed move leaves the source where it was");
        Files.deleteIfExists(other);
    }

    /** The folder sync that makes a blob's name durable: when it fails, the put fails, naming the folder. */
    @Test
    void aFailedFolderSyncIsAnError() {
        Path gone = dataDir.resolve("no-such-folder");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LocalBlobStore.syncDirectory(gone));
        assertTrue(e.getMessage().contains("cannot sync the blob store folder " + gone), e.getMessage());
    }

    @Test
    void rejectsAnythingButADigest() {
        assertThrows(IllegalArgumentException.class, () -> store.path("../../etc/passwd"));
    }

    private void assertTempEmpty() throws Exception {
        try (Stream<Path> s = Files.list(dataDir.resolve("tmp").resolve("test-node"))) {
            assertEquals(0, s.count());
        }
    }
}
