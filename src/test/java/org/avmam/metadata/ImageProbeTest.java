package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image metadata from crafted files (see media/metadata/SOURCES.md): every carrier of Chinese text, every field. */
class ImageProbeTest {

    private static final Path DIR = Path.of("src/test/resources/media/metadata");
    private final ImageProbe probe = new ImageProbe();

    private ImageMetadata image(String file) throws Exception {
        TechnicalMetadata t = probe.probe(DIR.resolve(file));
        assertNotNull(t.image(), file);
        return t.image();
    }

    @Test
    void iptcDeclaredUtf8() throws Exception {
        ImageMetadata m = image("zh-iptc-utf8.jpg");
        assertEquals("市政府新闻发布会", m.caption());
        assertEquals(List.of("会议", "人大"), m.keywords());
        assertEquals("张伟", m.creator());
        assertEquals("上海", m.city());
        assertEquals("发布会", m.title());
    }

    @Test
    void iptcWithoutCharsetInGb18030() throws Exception {
        ImageMetadata m = image("zh-iptc-gb18030.jpg");
        assertEquals("档案馆开放日活动", m.caption());
        assertEquals(List.of("开放日"), m.keywords());
        assertEquals("李娜", m.creator());
    }

    @Test
    void windowsXpTags() throws Exception {
        ImageMetadata m = image("zh-xp.jpg");
        assertEquals("城市规划展览", m.title());
        assertEquals("市民参观城市规划展览馆", m.caption());
        assertEquals(List.of("展览", "规划"), m.keywords());
        assertEquals("王芳", m.creator());
    }

    @Test
    void xmpWinsOverIptcAndCarriesPlacesAndPeople() throws Exception {
        ImageMetadata m = image("zh-xmp.jpg");
        assertEquals("人民代表大会开幕", m.title());
        assertEquals("第十六届人民代表大会第一次会议开幕", m.caption(), "XMP's description, not the older IPTC caption");
        assertEquals(List.of("人大", "会议"), m.keywords());
        assertEquals("陈明", m.creator());
        assertEquals("市档案馆", m.credit());
        assertEquals("世博中心", m.location());
        assertEquals("上海", m.city());
        assertEquals(List.of("张三", "李四"), m.personsShown());
        TechnicalMetadata t = probe.probe(DIR.resolve("zh-xmp.jpg"));
        assertEquals("第十六届人民代表大会第一次会议开幕", t.embedded().caption(), "search sees the same caption");
    }

    @Test
    void everyExifAndGpsField() throws Exception {
        ImageMetadata m = image("exif-full.jpg");
        assertEquals("Canon", m.make());
        assertEquals("Canon EOS R5", m.model());
        assertEquals("012345678901", m.bodySerial());
        assertEquals("RF24-70mm F2.8 L IS USM", m.lens());
        assertEquals("9876543", m.lensSerial());
        assertEquals("1/250", m.exposureTime());
        assertEquals(5.6, m.fNumber());
        assertEquals(400, m.iso());
        assertEquals(35.0, m.focalLength());
        assertEquals(35, m.focalLength35mm());
        assertEquals("2024-05-01T10:15:30+08:00", m.captured());
        assertEquals("2024-05-01T10:15:30+08:00", m.digitised());
        assertEquals("2024-05-02T09:00:00+08:00", m.modified());
        assertEquals(31.2304, m.latitude(), 1e-6);
        assertEquals(121.4737, m.longitude(), 1e-6);
        assertEquals(12.5, m.altitude());
        assertEquals(270.0, m.imageDirection());
        assertEquals("2024-05-01T02:15:30Z", m.gpsTime());
        assertEquals(6, m.orientation());
        assertEquals("Artifex Software sRGB ICC Profile", m.colourProfile());
        // Ghostscript's sRGB profile really does carry a zero creation date: named, not fatal.
        assertEquals(List.of("ICC Profile: ICC data describes an invalid date/time: year=0 month=0 day=0 hour=0 minute=0 second=0"),
                m.warnings());
    }

    @Test
    void malformedExifKeepsWhatCouldBeReadAndSaysWhatWasWrong() throws Exception {
        ImageMetadata m = image("malformed-exif.jpg");
        assertEquals("仍可读取的标题", m.title(), "the XMP survives the broken EXIF");
        assertFalse(m.warnings().isEmpty(), "the broken IFD is named");
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("Exif")), m.warnings().toString());
    }

    @Test
    void hugeDeclaredDimensionsAreReadNotAllocated() throws Exception {
        TechnicalMetadata t = probe.probe(DIR.resolve("huge-declared.png"));
        assertEquals(200000, t.width());
        assertEquals(200000, t.height());
    }

    @Test
    void aFileWithNoReadableMetadataIsNotAFailure() throws Exception {
        Path junk = java.nio.file.Files.createTempFile("junk", ".jpg");
        java.nio.file.Files.write(junk, "not an image at all, just words".getBytes(StandardCharsets.UTF_8));
        TechnicalMetadata t = probe.probe(junk);
        assertEquals(1, t.image().warnings().size());
        assertTrue(t.image().warnings().getFirst().startsWith("no metadata could be read"), t.image().warnings().toString());
    }

    @Test
    void undeclaredTextIsUtf8WhenItCanBeElseGb18030() {
        assertEquals("上海", TextDecoding.undeclared("上海".getBytes(StandardCharsets.UTF_8)));
        assertEquals("上海", TextDecoding.undeclared("上海".getBytes(Charset.forName("GB18030"))));
        assertEquals("Shanghai", TextDecoding.undeclared("Shanghai\0\0".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("标题", TextDecoding.utf16le("标题\0".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(null, TextDecoding.undeclared(new byte[] {0, 0}));
    }
}
