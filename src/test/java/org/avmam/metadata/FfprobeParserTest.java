package org.avmam.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Against ffprobe output recorded from the fixtures (src/test/resources/ffprobe). */
class FfprobeParserTest {

    private static TechnicalMetadata parse(String name) throws Exception {
        return FfprobeParser.parse(Files.readString(Path.of("src/test/resources/ffprobe", name)));
    }

    @Test
    void videoWithSpeech() throws Exception {
        TechnicalMetadata md = parse("event-0417.json");
        assertEquals(7.32, md.durationSeconds(), 0.001);
        assertEquals(640, md.width());
        assertEquals(360, md.height());
        assertTrue(md.hasVideo());
        assertTrue(md.hasAudio());
        assertEquals(2, md.streams().size());
        TechnicalMetadata.Stream v = md.streams().get(0);
        assertEquals("h264", v.codec());
        assertEquals("High", v.profile());
        assertEquals("25/1", v.frameRate());
        assertEquals("yuv420p", v.pixelFormat());
        TechnicalMetadata.Stream a = md.streams().get(1);
        assertEquals("aac", a.codec());
        assertEquals(22050, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals("mono", a.channelLayout());
    }

    @Test
    void phoneVideoRotationMakeModelAndLocation() throws Exception {
        TechnicalMetadata md = parse("phone-rotated.json");
        assertEquals(90, md.streams().get(0).rotation());
        assertFalse(md.hasAudio());
        assertEquals("Apple", md.embedded().make());
        assertEquals("iPhone 12", md.embedded().model());
        assertEquals(31.2304, md.embedded().latitude(), 1e-6);
        assertEquals(121.4737, md.embedded().longitude(), 1e-6);
    }

    @Test
    void malformedOutputIsAnError() {
        assertThrows(java.io.IOException.class, () -> FfprobeParser.parse("{ not json"));
    }
}
