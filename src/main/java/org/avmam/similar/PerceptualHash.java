package org.avmam.similar;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference hash (dHash): the picture shrunk to 9×8 grey pixels, one bit per pair of
 * neighbours in a row (is the left one brighter?). Resizing, recompression, small colour and
 * brightness changes leave most bits alone; another picture flips about half. Two hashes are
 * compared by how many bits differ (Hamming distance, 0 to 64). Pure.
 */
public final class PerceptualHash {

    public static final int WIDTH = 9;
    public static final int HEIGHT = 8;
    public static final int FRAME_BYTES = WIDTH * HEIGHT;

    private PerceptualHash() {}

    /** The hash of one 9×8 8-bit grey frame starting at {@code offset}. */
    public static long dHash(byte[] grey, int offset) {
        long hash = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH - 1; x++) {
                int left = grey[offset + y * WIDTH + x] & 0xff;
                int right = grey[offset + y * WIDTH + x + 1] & 0xff;
                hash = (hash << 1) | (left > right ? 1 : 0);
            }
        }
        return hash;
    }

    /** Every whole frame of a raw stream of 9×8 grey frames (what ffmpeg writes with -f rawvideo). */
    public static List<Long> frames(byte[] raw) {
        List<Long> hashes = new ArrayList<>();
        for (int off = 0; off + FRAME_BYTES <= raw.length; off += FRAME_BYTES) {
            hashes.add(dHash(raw, off));
        }
        return hashes;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** A frame with nothing in it (black, white, a flat colour) hashes to all zeros: it would match every other flat frame. */
    public static boolean isFlat(long hash) {
        return Long.bitCount(hash) <= 2;
    }
}
