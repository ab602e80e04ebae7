package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
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
    void broadcastWavKeepsItsBextAndTimeReferenceAsTimecode() throws Exception {
        TechnicalMetadata md = parse("bwf.json");
        TechnicalMetadata.Bext bext = md.av().bext();
        assertEquals("Oral history: Li Hua, tape 3", bext.description());
        assertEquals("SoundDevices 702", bext.originator());
        assertEquals("CNSHA0001", bext.originatorReference());
        assertEquals("2024-05-01", bext.originationDate());
        assertEquals("10:15:30", bext.originationTime());
        assertEquals(1765440000L, bext.timeReference());
        assertEquals("A=PCM,F=48000,W=24,M=mono,T=702", bext.codingHistory());
        // 1,765,440,000 samples at 48 kHz = 36,780 s after midnight = 10:13:00.
        assertEquals("10:13:00:00", md.av().timecode());
        assertEquals("2024-05-01T10:15:30", md.av().creationTime());
        assertEquals(24, md.streams().getFirst().bitDepth());
        assertEquals("s32", md.streams().getFirst().sampleFormat());
    }

    @Test
    void videoTimecodeFieldOrderBitDepthAndLevel() throws Exception {
        assertEquals("10:00:00:00", parse("timecode.json").av().timecode());
        TechnicalMetadata interlaced = parse("interlaced.json");
        assertEquals("tt", interlaced.streams().getFirst().fieldOrder());
        assertEquals(8, interlaced.streams().getFirst().bitDepth());
        TechnicalMetadata hevc = parse("hevc-10bit.json");
        assertEquals(10, hevc.streams().getFirst().bitDepth(), "from yuv420p10le");
        assertEquals("hevc", hevc.streams().getFirst().codec());
        assertEquals("progressive", hevc.streams().getFirst().fieldOrder());
        assertEquals(null, hevc.av(), "nothing to say: no timecode, no creation time, no bext");
        assertEquals("3", parse("event-0417.json").streams().getFirst().level(), "H.264 level 30 is 3");
        assertEquals("2.0", hevc.streams().getFirst().level(), "HEVC level 60 is 2.0");
    }

    @Test
    void malformedOutputIsAnError() {
        assertThrows(java.io.IOException.class, () -> FfprobeParser.parse("{ not json"));
    }

    @Test
    void withOnlyFfmpegTheRawObjectKeptIsJave2sParse() throws Exception {
        java.nio.file.Path ffmpeg = org.avmam.TestFfmpeg.ffmpeg();
        Probed p = AvProbe.probeWithJave(org.avmam.Fixtures.SPEECH_VIDEO, ffmpeg);
        assertEquals("ffmpeg (JAVE2)", p.technical().probedWith());
        com.fasterxml.jackson.databind.JsonNode raw = org.avmam.common.Json.mapper().readTree(p.raw());
        assertEquals("JAVE2 MultimediaInfo", raw.path("tool").asText());
        assertEquals(p.technical().width().intValue(), raw.path("info").path("video").path("size").path("width").asInt());
        assertEquals(p.technical().durationSeconds(), raw.path("info").path("duration").asLong() / 1000.0, 0.001);
    }
}
