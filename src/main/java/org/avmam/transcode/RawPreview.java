package org.avmam.transcode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The camera's own JPEG rendering inside a RAW file: the largest complete baseline or progressive
 * JPEG, never the lossless-JPEG sensor data. TIFF-based RAWs (DNG, CR2, NEF, ARW, PEF, ...) are
 * walked by their structure first: every IFD, its SubIFDs (where DNG keeps its previews) and the
 * EXIF IFD, taking {@code JPEGInterchangeFormat} and JPEG-compressed strips (with the IFD's
 * {@code JPEGTables} put back into an abbreviated stream). Anything the structure does not name
 * (maker notes, CR3's boxes) is found by scanning the bytes for complete JPEG streams.
 */
final class RawPreview {

    private static final int TAG_SUBFILE_TYPE = 0xfe;
    private static final int TAG_COMPRESSION = 0x103;
    private static final int TAG_STRIP_OFFSETS = 0x111;
    private static final int TAG_STRIP_BYTE_COUNTS = 0x117;
    private static final int TAG_SUB_IFDS = 0x14a;
    private static final int TAG_JPEG_TABLES = 0x15b;
    private static final int TAG_JPEG_OFFSET = 0x201;
    private static final int TAG_JPEG_LENGTH = 0x202;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int MAX_IFDS = 64;

    private RawPreview() {}

    /** Writes the largest decodable JPEG found inside {@code file} to {@code out}; false if there is none. */
    static boolean extractLargestJpeg(Path file, Path out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return false;
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] best = null;
            long bestPixels = 0;
            for (byte[] candidate : fromTiffStructure(b)) {
                long[] found = scanJpeg(ByteBuffer.wrap(candidate), 0, candidate.length);
                if (found != null && found[1] > bestPixels) {
                    best = java.util.Arrays.copyOf(candidate, (int) found[0]);
                    bestPixels = found[1];
                }
            }
            long[] scanned = scanBytes(b, (int) size);
            if (scanned != null && scanned[2] > bestPixels) {
                best = new byte[(int) (scanned[1] - scanned[0])];
                b.get((int) scanned[0], best);
            }
            if (best == null) {
                return false;
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                o.write(best);
            }
            return true;
        }
    }

    /** The JPEG streams a TIFF-based RAW names in its IFDs; empty for anything that is not TIFF or is damaged. */
    static List<byte[]> fromTiffStructure(ByteBuffer file) {
        List<byte[]> out = new ArrayList<>();
        if (file.limit() < 8) {
            return out;
        }
        ByteBuffer b = file.duplicate();
        if (b.get(0) == 'I' && b.get(1) == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b.get(0) == 'M' && b.get(1) == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            return out;
        }
        if (b.getShort(2) != 42) {
            return out;
        }
        Deque<Long> pending = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        pending.add(b.getInt(4) & 0xffffffffL);
        try {
            while (!pending.isEmpty() && seen.size() < MAX_IFDS) {
                long ifd = pending.poll();
                if (ifd < 8 || ifd + 2 > b.limit() || !seen.add(ifd)) {
                    continue;
                }
                int entries = b.getShort((int) ifd) & 0xffff;
                long compression = -1;
                long[] strips = null;
                long[] stripCounts = null;
                long jpegOffset = -1;
                long jpegLength = -1;
                byte[] tables = null;
                for (int e = 0; e < entries; e++) {
                    int at = (int) ifd + 2 + e * 12;
                    if (at + 12 > b.limit()) {
                        break;
                    }
                    int tag = b.getShort(at) & 0xffff;
                    switch (tag) {
                        case TAG_COMPRESSION -> compression = values(b, at)[0];
                        case TAG_STRIP_OFFSETS -> strips = values(b, at);
                        case TAG_STRIP_BYTE_COUNTS -> stripCounts = values(b, at);
                        case TAG_JPEG_OFFSET -> jpegOffset = values(b, at)[0];
                        case TAG_JPEG_LENGTH -> jpegLength = values(b, at)[0];
                        case TAG_JPEG_TABLES -> tables = bytes(b, at);
                        case TAG_SUB_IFDS -> {
                            for (long sub : values(b, at)) {
                                pending.add(sub);
                            }
                        }
                        case TAG_EXIF_IFD -> pending.add(values(b, at)[0]);
                        case TAG_SUBFILE_TYPE -> { }
                        default -> { }
                    }
                }
                if (jpegOffset > 0 && jpegLength > 0 && jpegOffset + jpegLength <= b.limit()) {
                    out.add(slice(b, jpegOffset, jpegLength));
                }
                if ((compression == 6 || compression == 7) && strips != null && stripCounts != null && strips.length == 1
                        && stripCounts.length == 1 && strips[0] + stripCounts[0] <= b.limit()) {
                    out.add(withTables(slice(b, strips[0], stripCounts[0]), tables));
                }
                int next = (int) ifd + 2 + entries * 12;
                if (next + 4 <= b.limit()) {
                    pending.add(b.getInt(next) & 0xffffffffL);
                }
            }
        } catch (IndexOutOfBoundsException damaged) {
            // A damaged IFD: what was found before it stands, and the byte scan still looks at the rest.
        }
        return out;
    }

    /**
     * A strip stored as an abbreviated JPEG (its Huffman and quantisation tables in the IFD's
     * {@code JPEGTables}, as TIFF technote 2 allows) made whole: the tables go in after its SOI.
     */
    static byte[] withTables(byte[] strip, byte[] tables) {
        if (tables == null || tables.length < 4 || strip.length < 2 || hasHuffmanTables(strip)) {
            return strip;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(strip.length + tables.length);
        o.write(strip, 0, 2);
        int end = tables.length;
        if ((tables[end - 2] & 0xff) == 0xff && (tables[end - 1] & 0xff) == 0xd9) {
            end -= 2;
        }
        o.write(tables, 2, end - 2); // without the tables' own SOI and EOI
        o.write(strip, 2, strip.length - 2);
        return o.toByteArray();
    }

    private static boolean hasHuffmanTables(byte[] jpeg) {
        int p = 2;
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xff) == 0xff) {
            int marker = jpeg[p + 1] & 0xff;
            if (marker == 0xc4) {
                return true;
            }
            if (marker == 0xda) {
                return false;
            }
            p += 2 + (((jpeg[p + 2] & 0xff) << 8) | (jpeg[p + 3] & 0xff));
        }
        return false;
    }

    private static byte[] slice(ByteBuffer b, long offset, long length) {
        byte[] out = new byte[(int) length];
        b.get((int) offset, out);
        return out;
    }

    /** The values of a SHORT or LONG entry (inline when they fit in four bytes). */
    private static long[] values(ByteBuffer b, int entry) {
        int type = b.getShort(entry + 2) & 0xffff;
        long count = b.getInt(entry + 4) & 0xffffffffL;
        int width = type == 3 ? 2 : 4;
        if (count == 0 || count > 1 << 16 || (type != 3 && type != 4 && type != 13)) {
            return new long[] {-1};
        }
        int at = count * width <= 4 ? entry + 8 : b.getInt(entry + 8);
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = width == 2 ? b.getShort(at + i * 2) & 0xffff : b.getInt(at + i * 4) & 0xffffffffL;
        }
        return out;
    }

    /** The bytes of an UNDEFINED entry (JPEGTables). */
    private static byte[] bytes(ByteBuffer b, int entry) {
        long count = b.getInt(entry + 4) & 0xffffffffL;
        if (count > 1 << 20) {
            return null;
        }
        int at = count <= 4 ? entry + 8 : b.getInt(entry + 8);
        return slice(b, at, count);
    }

    /** {start, end, pixels} of the largest complete JPEG found by scanning the bytes, or null. */
    private static long[] scanBytes(ByteBuffer b, int size) {
        long[] best = null;
        for (int i = 0; i + 3 < size; i++) {
            if ((b.get(i) & 0xff) == 0xff && (b.get(i + 1) & 0xff) == 0xd8 && (b.get(i + 2) & 0xff) == 0xff) {
                long[] found = scanJpeg(b, i, size);
                if (found != null) {
                    if (best == null || found[1] > best[2]) {
                        best = new long[] {i, found[0], found[1]};
                    }
                    i = (int) found[0] - 1;
                }
            }
        }
        return best;
    }

    /**
     * Walks one JPEG's segments from its SOI. Returns {end offset (after EOI), width × height} for a
     * complete baseline, extended or progressive JPEG, null for anything else (lossless raw data,
     * a false match, a cut-off stream).
     */
    static long[] scanJpeg(java.nio.ByteBuffer b, int start, int limit) {
        int p = start + 2;
        long pixels = -1;
        // p + 2, not p + 4: a preview that ends the file has its EOI in the last two bytes (a DNG's often does).
        while (p + 2 <= limit) {
            if ((b.get(p) & 0xff) != 0xff) {
                return null;
            }
            int marker = b.get(p + 1) & 0xff;
            if (marker == 0xff) {
                p++;
                continue;
            }
            if (marker == 0xd9) {
                return pixels > 0 ? new long[] {p + 2, pixels} : null;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                p += 2;
                continue;
            }
            if (p + 4 > limit) {
                return null;
            }
            int len = ((b.get(p + 2) & 0xff) << 8) | (b.get(p + 3) & 0xff);
            if (len < 2 || p + 2 + len > limit) {
                return null;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2) {
                    return null; // lossless or arithmetic: raw sensor data, not a picture to show
                }
                if (len < 8) {
                    return null;
                }
                int h = ((b.get(p + 5) & 0xff) << 8) | (b.get(p + 6) & 0xff);
                int w = ((b.get(p + 7) & 0xff) << 8) | (b.get(p + 8) & 0xff);
                pixels = (long) w * h;
            }
            p += 2 + len;
            if (marker == 0xda) {
                // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
                while (p + 1 < limit) {
                    if ((b.get(p) & 0xff) == 0xff) {
                        int next = b.get(p + 1) & 0xff;
                        if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) {
                            break;
                        }
                    }
                    p++;
                }
            }
        }
        return null;
    }
}
