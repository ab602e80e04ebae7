package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * This node's folder of uploads being received: each is written, hashed on the way and synced
 * before a store takes it in. Per node: at start a node removes its own leftovers (uploads cut
 * off by a crash), never another node's.
 */
final class Staging {

    private static final int BUFFER = 1 << 20;

    private final Path dir;

    Staging(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    void removeLeftovers() throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.newDirectoryStream(dir, "upload-*.part")) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    Path newFile() throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "upload-", ".part");
    }

    /** A received, synced file and its digest. */
    record Staged(Path file, String sha256, long size) {}

    /** Writes the stream to a new staging file; deletes it and stops once more than {@code maxBytes} arrived. */
    Staged receive(InputStream in, long maxBytes) throws IOException {
        Path temp = newFile();
        boolean kept = false;
        try {
            MessageDigest digest = Sha256.digest();
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                // Whole buffers: a multipart parser hands over a few KiB per read, and a write per read
                // would make a 2 GB upload half a million system calls.
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobStore.TooLargeException(maxBytes);
                    }
                    digest.update(buffer, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            }
            kept = true;
            return new Staged(temp, HexFormat.of().formatHex(digest.digest()), size);
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Hashes a complete file by one read, and syncs it. */
    static String hashAndSync(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            while (in.read(buf) != -1) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
            in.force(true);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
