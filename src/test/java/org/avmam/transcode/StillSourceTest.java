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
        Path dng = RawFixtures.dngWithAbbreviatedPreview(dir, jpeg);
        Path out = dir.resolve("out.jpg");
        assertTrue(RawPreview.extractLargestJpeg(dng, out));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1024, img.getWidth());
        assertEquals(683, img.getHeight());
        BufferedImage original = ImageIO.read(jpeg.toFile());
        assertEquals(original.getRGB(512, 340), img.getRGB(512, 340), "the same picture, decoded with its own tables");
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
