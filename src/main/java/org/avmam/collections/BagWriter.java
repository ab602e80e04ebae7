package org.avmam.collections;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a BagIt 1.0 bag (RFC 8493) as a zip, streaming: each payload file is read once, through a
 * 64 KiB buffer, into an uncompressed entry (media do not compress), its SHA-512 computed on the
 * way; its SHA-256 is the one the archive already holds for an original (no second read). The tag
 * files come last, since the manifests and the Payload-Oxum are known only then.
 */
final class BagWriter {

    /** A payload file: its path under data/, where its bytes are, its size, and its SHA-256 if held. */
    record Payload(String path, Path file, byte[] bytes, long size, String sha256) {}

    private final ZipOutputStream zip;
    private final String root;
    private final Map<String, String[]> manifest = new LinkedHashMap<>();
    private final Map<String, byte[]> tags = new LinkedHashMap<>();
    private long octets;
    private long count;

    BagWriter(OutputStream out, String root) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.zip.setLevel(Deflater.NO_COMPRESSION);
        this.root = root;
    }

    void payload(Payload p, LongConsumer written) throws IOException {
        MessageDigest sha512 = digest("SHA-512");
        MessageDigest sha256 = p.sha256() == null ? digest("SHA-256") : null;
        zip.putNextEntry(new ZipEntry(root + "/data/" + p.path()));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = p.file() != null ? Files.newInputStream(p.file()) : new java.io.ByteArrayInputStream(p.bytes())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                zip.write(buffer, 0, n);
                sha512.update(buffer, 0, n);
                if (sha256 != null) {
                    sha256.update(buffer, 0, n);
                }
                written.accept(n);
            }
        }
        zip.closeEntry();
        manifest.put("data/" + p.path(), new String[] {p.sha256() != null ? p.sha256() : hex(sha256), hex(sha512)});
        octets += p.size();
        count++;
    }

    /** The tag files and the end of the zip. */
    void finish(Map<String, String> bagInfo) throws IOException {
        tag("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        StringBuilder info = new StringBuilder();
        bagInfo.forEach((k, v) -> info.append(k).append(": ").append(v.replace("\n", " ")).append('\n'));
        info.append("Payload-Oxum: ").append(octets).append('.').append(count).append('\n');
        tag("bag-info.txt", info.toString());
        for (int i = 0; i < 2; i++) {
            StringBuilder m = new StringBuilder();
            int algo = i;
            manifest.forEach((path, hashes) -> m.append(hashes[algo]).append("  ").append(encode(path)).append('\n'));
            tag(i == 0 ? "manifest-sha256.txt" : "manifest-sha512.txt", m.toString());
        }
        StringBuilder tm = new StringBuilder();
        for (Map.Entry<String, byte[]> t : new ArrayList<>(tags.entrySet())) {
            tm.append(hex(digest("SHA-256").digest(t.getValue()))).append("  ").append(t.getKey()).append('\n');
        }
        write("tagmanifest-sha256.txt", tm.toString().getBytes(StandardCharsets.UTF_8));
        zip.finish();
    }

    private void tag(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tags.put(name, bytes);
        write(name, bytes);
    }

    private void write(String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(root + "/" + name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** RFC 8493 §2.1.3: CR, LF and % in a manifest's paths are percent-encoded. */
    static String encode(String path) {
        return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

}
