package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StillSourceTest {

    private static final Path RAW = Path.of("src/test/resources/media/raw");

    @TempDir
    Path dir;

    @Test
    void takesTheCamerasPreviewOutOfADng() throws Exception {
        Path out = dir.resolve("p.jpg");
        assertTrue(RawPreview.extractLargestJpeg(RAW.resolve("preview.dng"), out));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1536, img.getWidth());
        assertEquals(1024, img.getHeight());
    }

    /**
     * A DNG that keeps its 1024×683 preview as the file's last bytes, in a SubIFD, as an abbreviated JPEG, its tables in the
     * IFD's JPEGTables (TIFF technote 2): the byte scan alone found a stream no decoder can read.
     */
    @Test
    void takesAPreviewFromADngSubIfdWithItsTablesPutBack() throws Exception {
        Path jpeg = dir.resolve("preview.jpg");
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
        // Little-endian TIFF: header, IFD0 (subfile type, SubIFDs → the preview IFD), the preview IFD, tables, strip.
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 30 + 66 + t.length + s.length + 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int ifd0 = 8;
        int ifd1 = ifd0 + 2 + 2 * 12 + 4;
        int tablesAt = ifd1 + 2 + 5 * 12 + 4;
        int stripAt = tablesAt + t.length;
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        b.putShort((short) 2);
        entry(b, 0xfe, 4, 1, 1);
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

        Path out = dir.resolve("out.jpg");
        assertTrue(RawPreview.extractLargestJpeg(dng, out));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1024, img.getWidth());
        assertEquals(683, img.getHeight());
        BufferedImage original = ImageIO.read(jpeg.toFile());
        assertEquals(original.getRGB(512, 340), img.getRGB(512, 340), "the same picture, decoded with its own tables");
    }

    private static void entry(java.nio.ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    @Test
    void passesOverTheLosslessRawDataOfACr2() throws Exception {
        Path out = dir.resolve("p.jpg");
        assertTrue(RawPreview.extractLargestJpeg(RAW.resolve("preview.cr2"), out));
        assertEquals(1536, ImageIO.read(out.toFile()).getWidth(), "the preview, not the 3456×2304 lossless sensor data");
    }

    @Test
    void findsNothingWhereThereIsNoCompleteJpeg() throws Exception {
        Path noise = dir.resolve("noise.nef");
        byte[] b = new byte[100_000];
        new java.util.Random(7).nextBytes(b);
        b[5000] = (byte) 0xff;
        b[5001] = (byte) 0xd8;
        b[5002] = (byte) 0xff;
        Files.write(noise, b);
        assertFalse(RawPreview.extractLargestJpeg(noise, dir.resolve("x.jpg")));
        byte[] jpeg = Files.readAllBytes(Path.of("src/test/resources/media/camera.jpg"));
        Path cut = dir.resolve("cut.dng");
        Files.write(cut, java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        assertFalse(RawPreview.extractLargestJpeg(cut, dir.resolve("y.jpg")), "a JPEG without its end is not a preview");
    }

    @Test
    void rawIsKnownByTypeOrByExtensionOfATiff() {
        assertTrue(StillSource.isRaw("image/x-canon-cr2", "a.cr2"));
        assertTrue(StillSource.isRaw("image/tiff", "DSC_0001.NEF"));
        assertFalse(StillSource.isRaw("image/tiff", "scan.tif"));
        assertFalse(StillSource.isRaw("image/jpeg", "renamed.nef"), "a JPEG named .nef is a JPEG");
    }
}
