package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256, the digest every store is addressed by and every copy is checked against. */
public final class Sha256 {

    static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Reads the stream to its end, in 1 MiB reads. */
    public static String of(InputStream in) throws IOException {
        MessageDigest d = digest();
        byte[] buffer = new byte[1 << 20];
        int n;
        while ((n = in.read(buffer)) > 0) {
            d.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String require(String sha256) {
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return sha256;
    }

    /** {@code ab/cd/abcd…}: the fan-out every folder store uses, so no folder holds millions of names. */
    static String fanOut(String sha256) {
        require(sha256);
        return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }
}
