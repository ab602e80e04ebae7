package org.avmam.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Puts a crafted EXIF block (written here from the EXIF 2.32 / TIFF 6 layout, little-endian) into
 * a JPEG, for metadata no camera should write: a GPS latitude of 213°, or an ExifOffset pointer
 * stored as SHORT.
 */
public final class ExifWriter {

    private ExifWriter() {}

    /** {@code jpeg} with an APP1 Exif segment after its SOI holding a GPS IFD at {@code latitude}, {@code longitude} (degrees). */
    public static byte[] withGps(byte[] jpeg, int latitude, int longitude) {
        ByteBuffer t = tiff();
        int ifd0 = 8;
        int gps = ifd0 + 2 + 2 * 12 + 4;
        t.position(ifd0);
        t.putShort((short) 2);
        ascii(t, 0x010f, "avmam\0", gps + 2 + 4 * 12 + 4 + 48);
        entry(t, 0x8825, 4, 1, gps);
        t.putInt(0);
        int rationals = gps + 2 + 4 * 12 + 4;
        t.putShort((short) 4);
        entry(t, 0x0001, 2, 2, 'N');
        entry(t, 0x0002, 5, 3, rationals);
        entry(t, 0x0003, 2, 2, 'E');
        entry(t, 0x0004, 5, 3, rationals + 24);
        t.putInt(0);
        for (int deg : new int[] {latitude, longitude}) {
            t.putInt(deg).putInt(1).putInt(0).putInt(1).putInt(0).putInt(1);
        }
        t.put("avmam\0".getBytes(StandardCharsets.US_ASCII));
        return insert(jpeg, t);
    }

    /** {@code jpeg} with an EXIF block whose ExifOffset pointer is stored as SHORT (type 3), not LONG. */
    public static byte[] withShortExifOffset(byte[] jpeg) {
        ByteBuffer t = tiff();
        int ifd0 = 8;
        int exif = ifd0 + 2 + 12 + 4;
        int date = exif + 2 + 12 + 4;
        t.position(ifd0);
        t.putShort((short) 1);
        entry(t, 0x8769, 3, 1, exif); // SHORT: wrong, though the value fits
        t.putInt(0);
        t.putShort((short) 1);
        ascii(t, 0x9003, "2019:04:17 10:15:30\0", date);
        t.putInt(0);
        t.put("2019:04:17 10:15:30\0".getBytes(StandardCharsets.US_ASCII));
        return insert(jpeg, t);
    }

    private static ByteBuffer tiff() {
        ByteBuffer t = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        return t;
    }

    private static void ascii(ByteBuffer t, int tag, String value, int offset) {
        entry(t, tag, 2, value.length(), offset);
    }

    private static void entry(ByteBuffer t, int tag, int type, int count, int value) {
        t.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            t.putShort((short) value).putShort((short) 0);
        } else {
            t.putInt(value);
        }
    }

    private static byte[] insert(byte[] jpeg, ByteBuffer tiff) {
        int n = tiff.position();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jpeg, 0, 2);
        o.write(0xff);
        o.write(0xe1);
        int len = 2 + 6 + n;
        o.write(len >> 8);
        o.write(len);
        o.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        o.write(tiff.array(), 0, n);
        o.write(jpeg, 2, jpeg.length - 2);
        return o.toByteArray();
    }
}
