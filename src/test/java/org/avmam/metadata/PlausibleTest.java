package org.avmam.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlausibleTest {

    @Test
    void impossibleValuesAreLeftOutAndNamed() {
        List<String> w = new ArrayList<>();
        assertNull(Plausible.coordinate(213.0, 90, "GPS latitude", w));
        assertNull(Plausible.coordinate(-181.5, 180, "GPS longitude", w));
        assertEquals(31.2, Plausible.coordinate(31.2, 90, "GPS latitude", w));
        assertNull(Plausible.date("1601-01-01T00:00:00", "EXIF DateTimeOriginal", w));
        assertNull(Plausible.date("2999-05-01T10:00:00", "EXIF DateTimeOriginal", w));
        assertEquals("1888-05-01T10:00:00", Plausible.date("1888-05-01T10:00:00", "EXIF DateTimeOriginal", w));
        assertNull(Plausible.dimension(0, "image width", w));
        assertNull(Plausible.duration(-3.0, w));
        assertEquals(6, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("GPS latitude 213.0° is beyond ±90°"), w.get(0));
        assertTrue(w.get(3).contains("in the future"), w.get(3));
    }

    @Test
    void jpegStructureNamesTheMissingEndAndAcceptsASoundFile() throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src/test/resources/media/camera.jpg"));
        assertEquals(List.of(), FormatValidator.jpegStructure(ByteBuffer.wrap(photo), photo.length));
        byte[] cut = Arrays.copyOf(photo, photo.length * 2 / 3);
        assertEquals(List.of("cut off: the JPEG has no end-of-image (EOI) marker, so its image data is incomplete"),
                FormatValidator.jpegStructure(ByteBuffer.wrap(cut), cut.length));
        byte[] header = Arrays.copyOf(photo, 300);
        assertTrue(FormatValidator.jpegStructure(ByteBuffer.wrap(header), header.length).getFirst().startsWith("cut off"));
    }

    /**
     * Scan data longer than the validator's read chunk, with restart markers throughout and one out of order exactly where a
     * chunk ends: every marker is seen once, the misplaced one named with its offset, and the segment after the scan found.
     */
    @Test
    void restartMarkersAreCheckedAcrossTheWholeScan() {
        int chunk = 64 * 1024;
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0}); // SOF0, one component
        jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0, 0, 63, 0}); // SOS
        int scanStart = jpeg.size();
        java.util.Random random = new java.util.Random(7);
        int restart = 0;
        int misplacedAt = -1;
        int wrong = -1;
        while (jpeg.size() < scanStart + 3 * chunk) {
            int b = random.nextInt(256);
            if (misplacedAt < 0 && jpeg.size() >= scanStart + chunk - 3) {
                // The chunk's last byte is 0xFF and its marker byte the next chunk's first: a restart marker out of order.
                while (jpeg.size() < scanStart + chunk - 1) {
                    jpeg.write(0x12);
                }
                misplacedAt = jpeg.size();
                wrong = (restart + 3) % 8;
                jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) (0xd0 + wrong)});
                restart = (wrong + 1) % 8;
            } else if (b == 0xff) {
                jpeg.writeBytes(new byte[] {(byte) 0xff, 0}); // a stuffed 0xFF
            } else if (random.nextInt(4000) == 0) {
                jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) (0xd0 + restart)});
                restart = (restart + 1) % 8;
            } else {
                jpeg.write(b);
            }
        }
        jpeg.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
        byte[] bytes = jpeg.toByteArray();
        List<String> problems = FormatValidator.jpegStructure(ByteBuffer.wrap(bytes), bytes.length);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("damaged entropy data: restart marker RST" + wrong + " at offset " + misplacedAt + " where RST"),
                problems.getFirst());
        // Cut just after the misplaced marker's first byte: the scan runs to the end of the file, with no EOI.
        byte[] cut = Arrays.copyOf(bytes, misplacedAt + 1);
        assertEquals(List.of("cut off: the JPEG has no end-of-image (EOI) marker, so its image data is incomplete"),
                FormatValidator.jpegStructure(ByteBuffer.wrap(cut), cut.length));
    }

    @Test
    void exifPointerTypesAreChecked() throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src/test/resources/media/camera.jpg"));
        byte[] plain = Arrays.copyOf(photo, photo.length);
        int tiff = ExifStructure.tiffStart(ExifWriter.withShortExifOffset(plain));
        assertTrue(tiff > 0);
        byte[] crafted = ExifWriter.withShortExifOffset(plain);
        List<String> w = ExifStructure.check(ByteBuffer.wrap(crafted, tiff, crafted.length - tiff).slice());
        assertEquals(List.of("EXIF: the ExifOffset pointer (tag 0x8769) in IFD0 is stored as SHORT, not LONG; read anyway"), w);
        int own = ExifStructure.tiffStart(photo);
        assertEquals(List.of(), ExifStructure.check(ByteBuffer.wrap(photo, own, photo.length - own).slice()), "a camera's EXIF is sound");
    }
}
