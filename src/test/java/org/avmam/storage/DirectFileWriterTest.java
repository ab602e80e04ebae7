package org.avmam.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Direct I/O needs aligned positions and lengths; uploads are neither (a tus chunk resumes at any
 * offset, a file ends anywhere). Every case is written with and without direct I/O and must give
 * the same bytes.
 */
class DirectFileWriterTest {

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in pieces of random size, as network reads arrive. */
    private static long writeInPieces(DirectFileWriter w, byte[] data, long seed) throws Exception {
        Random r = new Random(seed);
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, 1 + r.nextInt(200_000));
            w.write(ByteBuffer.wrap(data, at, n));
            at += n;
        }
        return w.finish();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFileOfOddSizeIsWrittenWhole(boolean direct) throws Exception {
        byte[] data = random(11 * 1024 * 1024 + 12_345, 1); // every buffer of the writer used several times
        Path f = Files.createFile(dir.resolve("a.part"));
        try (DirectFileWriter w = DirectFileWriter.open(f, 0, direct)) {
            assertEquals(data.length, writeInPieces(w, data, 2));
        }
        assertArrayEquals(data, Files.readAllBytes(f));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aResumedChunkAppendsAtAnUnalignedOffsetAndDropsUnacknowledgedBytes(boolean direct) throws Exception {
        byte[] first = random(200_000, 3);
        byte[] second = random(3 * 1024 * 1024 + 7, 4);
        Path f = dir.resolve("b.part");
        // 200,000 bytes acknowledged, then 777 bytes of a chunk cut short by a crash that must go.
        Files.write(f, first);
        Files.write(f, random(777, 5), java.nio.file.StandardOpenOption.APPEND);
        try (DirectFileWriter w = DirectFileWriter.open(f, first.length, direct)) {
            assertEquals(second.length, writeInPieces(w, second, 6));
        }
        byte[] all = Files.readAllBytes(f);
        assertArrayEquals(first, Arrays.copyOf(all, first.length));
        assertArrayEquals(second, Arrays.copyOfRange(all, first.length, all.length));
    }

    @org.junit.jupiter.api.Test
    void directWritesAreTriedOnceAndLeaveNoProbeBehind() throws Exception {
        // This machine's ext4 takes direct writes; the probe's file is gone afterwards.
        assertEquals(4096, DirectFileWriter.directBlock(dir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAbandonedChunkLeavesTheFileAsItWas(boolean direct) throws Exception {
        byte[] first = random(100_001, 7);
        Path f = dir.resolve("c.part");
        Files.write(f, first);
        try (DirectFileWriter w = DirectFileWriter.open(f, first.length, direct)) {
            byte[] refused = random(2 * 1024 * 1024 + 99, 8);
            w.write(ByteBuffer.wrap(refused));
            w.abandon();
            // The writer can go on after abandoning: the next bytes land at the original end.
            byte[] next = random(10, 9);
            w.write(ByteBuffer.wrap(next));
            assertEquals(10, w.finish());
            byte[] all = Files.readAllBytes(f);
            assertEquals(first.length + 10, all.length);
            assertArrayEquals(next, Arrays.copyOfRange(all, first.length, all.length));
        }
    }
}
