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
