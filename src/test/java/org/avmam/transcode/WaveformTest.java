package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class WaveformTest {

    /** One second of silence, then one second of a full-scale square wave. */
    private static byte[] pcm() {
        byte[] b = new byte[2 * 2 * Waveform.SAMPLE_RATE];
        for (int i = Waveform.SAMPLE_RATE; i < 2 * Waveform.SAMPLE_RATE; i++) {
            short s = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }

    @Test
    void peaksFollowTheSignalInAudiowaveformsFormat() throws Exception {
        Waveform w = new Waveform(100);
        w.read(new ByteArrayInputStream(pcm()), n -> {});
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        w.writeJson(json);
        JsonNode peaks = new ObjectMapper().readTree(json.toByteArray());
        assertEquals(2, peaks.get("version").asInt());
        assertEquals(160, peaks.get("samples_per_pixel").asInt());
        assertEquals(16000, peaks.get("sample_rate").asInt());
        assertEquals(8, peaks.get("bits").asInt());
        assertEquals(200, peaks.get("length").asInt());
        assertEquals(400, peaks.get("data").size());
        assertEquals(0, peaks.get("data").get(0).asInt(), "silence: min 0");
        assertEquals(0, peaks.get("data").get(1).asInt(), "silence: max 0");
        assertEquals(-128, peaks.get("data").get(300).asInt(), "square wave: min at full scale");
        assertEquals(127, peaks.get("data").get(301).asInt(), "square wave: max at full scale");
    }

    @Test
    void samplesSplitAcrossReadsAreJoined() throws Exception {
        // A pipe hands over odd byte counts: a sample cut between two reads must not be lost or garbled.
        InputStream oneByteAtATime = new FilterInputStream(new ByteArrayInputStream(pcm())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        Waveform w = new Waveform(100);
        w.read(oneByteAtATime, n -> {});
        assertEquals(2L * Waveform.SAMPLE_RATE, w.samples());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        w.writeJson(json);
        JsonNode data = new ObjectMapper().readTree(json.toByteArray()).get("data");
        assertEquals(-128, data.get(300).asInt());
        assertEquals(127, data.get(301).asInt());
    }

    @Test
    void pngShowsSilenceThinAndSoundFull() throws Exception {
        Waveform w = new Waveform(100);
        w.read(new ByteArrayInputStream(pcm()), n -> {});
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        w.writePng(png, 200, 100);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertEquals(200, img.getWidth());
        assertEquals(0xffffff, img.getRGB(50, 5) & 0xffffff, "silent half: nothing near the top");
        assertEquals(0x1f4e79, img.getRGB(50, 50) & 0xffffff, "silent half: a line at the centre");
        assertEquals(0x1f4e79, img.getRGB(150, 5) & 0xffffff, "loud half: the wave reaches the top");
        assertEquals(0x1f4e79, img.getRGB(150, 95) & 0xffffff, "and the bottom");
    }
}
