package org.avmam.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the EXIF structure metadata-extractor reads past without a word: pointer tags (to the
 * EXIF, GPS and interoperability IFDs) stored with a type other than LONG or IFD, as ExifTool
 * warns about. The values are still read; the file is named as malformed.
 */
public final class ExifStructure {

    private static final Map<Integer, String> POINTERS = Map.of(0x8769, "ExifOffset", 0x8825, "GPSInfo", 0xa005, "InteropOffset",
            0x14a, "SubIFDs");
    private static final String[] TYPES = {"?", "BYTE", "ASCII", "SHORT", "LONG", "RATIONAL", "SBYTE", "UNDEFINED", "SSHORT", "SLONG",
        "SRATIONAL", "FLOAT", "DOUBLE", "IFD"};
    /** An EXIF block is at most 64 KiB (one APP1 segment). */
    private static final int HEAD = 128 * 1024;

    private ExifStructure() {}

    /** Warnings for a JPEG's APP1 Exif block or a TIFF's own structure; empty for other files. */
    public static List<String> warnings(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        int tiff = tiffStart(head);
        return tiff < 0 ? List.of() : check(ByteBuffer.wrap(head, tiff, head.length - tiff).slice());
    }

    /** Where the TIFF structure starts: 0 for a TIFF, after "Exif\0\0" in a JPEG's APP1, -1 when there is none. */
    static int tiffStart(byte[] b) {
        if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I') || (b[0] == 'M' && b[1] == 'M'))) {
            return 0;
        }
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return -1;
        }
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xff) == 0xff) {
            int marker = b[p + 1] & 0xff;
            int len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (marker == 0xda || len < 2) {
                return -1;
            }
            if (marker == 0xe1 && p + 10 <= b.length && new String(b, p + 4, 6, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("Exif\0\0")) {
                return p + 10;
            }
            p += 2 + len;
        }
        return -1;
    }

    static List<String> check(ByteBuffer tiff) {
        List<String> out = new ArrayList<>();
        if (tiff.limit() < 8) {
            return out;
        }
        tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        try {
            walk(tiff, tiff.getInt(4), "IFD0", out, 0);
        } catch (IndexOutOfBoundsException e) {
            out.add("EXIF: an IFD runs past the end of the EXIF block");
        }
        return out;
    }

    private static void walk(ByteBuffer t, int ifd, String name, List<String> out, int depth) {
        if (ifd < 8 || ifd + 2 > t.limit() || depth > 4) {
            return;
        }
        int entries = t.getShort(ifd) & 0xffff;
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + e * 12;
            int tag = t.getShort(at) & 0xffff;
            int type = t.getShort(at + 2) & 0xffff;
            String pointer = POINTERS.get(tag);
            if (pointer == null) {
                continue;
            }
            if (type != 4 && type != 13) {
                out.add(String.format("EXIF: the %s pointer (tag 0x%04x) in %s is stored as %s, not LONG; read anyway", pointer, tag,
                        name, type < TYPES.length ? TYPES[type] : "type " + type));
            } else if (tag != 0x14a) {
                walk(t, t.getInt(at + 8), pointer, out, depth + 1);
            }
        }
    }
}
