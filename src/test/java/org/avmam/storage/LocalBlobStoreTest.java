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
        AvmamConfig config = (AvmamConfig) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AvmamConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dataDir")) {
                        return dataDir;
                    }
                    if (method.getName().equals("nodeName")) {
                        return java.util.Optional.of("test-node");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        store = new LocalBlobStore(config, new org.avmam.config.NodeName(config));
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
