package org.avmam.transcode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** RAW files made by the tests, written from the TIFF 6 / DNG layout. */
public final class RawFixtures {

    private RawFixtures() {}

    /**
     * A DNG whose 1024×683 preview is the file's last bytes, in a SubIFD, as an abbreviated JPEG with
     * its tables in the IFD's JPEGTables (TIFF technote 2); IFD0 states a 6000×4000 sensor. The
     * preview as a plain JPEG is written to {@code jpeg}.
     */
    public static Path dngWithAbbreviatedPreview(Path dir, Path jpeg) throws Exception {
        org.avmam.TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=1024x684", "-vf", "format=yuvj444p,crop=1024:683:0:0", "-frames:v", "1", "-q:v", "3", jpeg.toString());
        byte[] whole = Files.readAllBytes(jpeg);
        java.io.ByteArrayOutputStream tables = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream strip = new java.io.ByteArrayOutputStream();
        tables.write(0xff);
        tables.write(0xd8);
        strip.write(whole, 0, 2);
        int p = 2;
        while (true) {
            int marker = whole[p + 1] & 0xff;
            int len = ((whole[p + 2] & 0xff) << 8) | (whole[p + 3] & 0xff);
            if (marker == 0xda) {
                strip.write(whole, p, whole.length - p);
                break;
            }
            (marker == 0xc4 || marker == 0xdb ? tables : strip).write(whole, p, 2 + len);
            p += 2 + len;
        }
        tables.write(0xff);
        tables.write(0xd9);
        byte[] t = tables.toByteArray();
        byte[] s = strip.toByteArray();
        // Little-endian TIFF: header, IFD0 (subfile type, sensor size, SubIFDs → the preview IFD), the preview IFD, tables, strip.
        ByteBuffer b = ByteBuffer.allocate(8 + 54 + 66 + t.length + s.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        int ifd0 = 8;
        int ifd1 = ifd0 + 2 + 4 * 12 + 4;
        int tablesAt = ifd1 + 2 + 5 * 12 + 4;
        int stripAt = tablesAt + t.length;
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        b.putShort((short) 4);
        entry(b, 0xfe, 4, 1, 0);
        entry(b, 0x100, 4, 1, 6000);
        entry(b, 0x101, 4, 1, 4000);
        entry(b, 0x14a, 4, 1, ifd1);
        b.putInt(0);
        b.putShort((short) 5);
        entry(b, 0xfe, 4, 1, 1);
        entry(b, 0x103, 3, 1, 7);
        entry(b, 0x111, 4, 1, stripAt);
        entry(b, 0x117, 4, 1, s.length);
        entry(b, 0x15b, 7, t.length, tablesAt);
        b.putInt(0);
        b.put(t).put(s);
        Path dng = dir.resolve("abbreviated.dng");
        Files.write(dng, java.util.Arrays.copyOf(b.array(), b.position()));
        return dng;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}

