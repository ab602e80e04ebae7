package org.avmam.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;
import org.avmam.metadata.FfprobeParser;
import org.avmam.asset.TechnicalMetadata;
import org.junit.jupiter.api.Test;

/** The DA/T 63 elements of a recording, filled from ffprobe's report through the crosswalk (no database). */
class CrosswalkTest {

    private static Object value(DescriptionSchema schema, String key, Map<String, Object> sources) {
        Crosswalk.Source s = Crosswalk.fill(schema.element(key).orElseThrow(), sources);
        return s == null ? null : s.value();
    }

    @Test
    void aBroadcastWavFillsTitleRecordistAndTechnicalElements() throws Exception {
        TechnicalMetadata t = FfprobeParser.parse(Files.readString(Path.of("src/test/resources/ffprobe/bwf.json")));
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.mediaType = MediaType.AUDIO;
        a.mimeType = "audio/vnd.wave";
        a.originalFilename = "interview.wav";
        a.sha256 = "a".repeat(64);
        a.openStatus = OpenStatus.UNREVIEWED;
        a.createdAt = Instant.now();
        Map<String, Object> sources = Crosswalk.sources(a, t, null, null, List.of());
        DescriptionSchema av = DescriptionSchema.AV;
        assertEquals(t.av().bext().description(), value(av, "title", sources), "BWF bext description as the title");
        assertEquals(t.av().bext().originator(), value(av, "recordist", sources));
        assertEquals(t.durationSeconds(), value(av, "duration", sources));
        assertEquals(t.streams().getFirst().sampleRate(), value(av, "sampleRate", sources));
        assertEquals("LY", value(av, "categoryCode", sources));
        assertEquals("件", value(av, "aggregationLevel", sources));
        assertNull(value(av, "archivalCode", sources), "not arranged yet");
        assertEquals(DescriptionSchema.AV, DescriptionSchema.of(MediaType.VIDEO));
        assertTrue(av.elements().stream().anyMatch(e -> e.number().equals("M7") && e.zh().equals("题名")));
    }

    @Test
    void aVideoFillsItsCodingFrameRateAndScanType() throws Exception {
        TechnicalMetadata t = FfprobeParser.parse(Files.readString(Path.of("src/test/resources/ffprobe/interlaced.json")));
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.mediaType = MediaType.VIDEO;
        a.createdAt = Instant.now();
        Map<String, Object> sources = Crosswalk.sources(a, t, null, null, List.of());
        TechnicalMetadata.Stream v = t.streams().stream().filter(s -> "video".equals(s.type())).findFirst().orElseThrow();
        assertEquals(v.codec(), value(DescriptionSchema.AV, "videoCoding", sources));
        assertEquals(v.fieldOrder(), value(DescriptionSchema.AV, "scanType", sources));
        assertEquals(v.width() + "×" + v.height(), value(DescriptionSchema.AV, "resolution", sources));
        assertEquals("LX", value(DescriptionSchema.AV, "categoryCode", sources));
    }
}
