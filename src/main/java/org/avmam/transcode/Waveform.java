package org.avmam.transcode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Peaks of an audio signal, computed while ffmpeg decodes it (16-bit mono PCM on a pipe), so a
 * two-hour recording needs only its peaks in memory: two bytes per {@code samplesPerPixel}
 * samples. Written in the JSON format of BBC's audiowaveform (version 2, 8-bit), which peaks.js
 * and wavesurfer read directly, and drawn as a PNG for lists.
 */
public final class Waveform {

    /** Decoding rate: enough for a visual envelope, and a sixth of the work of 96 kHz masters. */
    public static final int SAMPLE_RATE = 16_000;

    private final int samplesPerPixel;
    private byte[] data = new byte[4096];
    private int length;
    private long samples;

    public Waveform(int peaksPerSecond) {
        this.samplesPerPixel = Math.max(1, SAMPLE_RATE / Math.max(1, peaksPerSecond));
    }

    /** Reads PCM until the end of the stream; {@code onSamples} is told the running count (for progress). */
    public void read(InputStream pcm, java.util.function.LongConsumer onSamples) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int inPixel = 0;
        int carry = -1;
        int n;
        while ((n = pcm.read(buf)) != -1) {
            int i = 0;
            if (carry >= 0 && n > 0) {
                int s = (short) ((buf[0] << 8) | carry);
                min = Math.min(min, s);
                max = Math.max(max, s);
                inPixel++;
                samples++;
                carry = -1;
                i = 1;
                if (inPixel == samplesPerPixel) {
                    add(min, max);
                    min = Integer.MAX_VALUE;
                    max = Integer.MIN_VALUE;
                    inPixel = 0;
                }
            }
            for (; i + 1 < n; i += 2) {
                int s = (short) ((buf[i + 1] << 8) | (buf[i] & 0xff));
                if (s < min) {
                    min = s;
                }
                if (s > max) {
                    max = s;
                }
                samples++;
                if (++inPixel == samplesPerPixel) {
                    add(min, max);
                    min = Integer.MAX_VALUE;
                    max = Integer.MIN_VALUE;
                    inPixel = 0;
                }
            }
            if (i < n) {
                carry = buf[i] & 0xff;
            }
            onSamples.accept(samples);
        }
        if (inPixel > 0) {
            add(min, max);
        }
    }

    private void add(int min, int max) {
        if (length + 2 > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[length++] = (byte) (min >> 8);
        data[length++] = (byte) (max >> 8);
    }

    public int peaks() {
        return length / 2;
    }

    public long samples() {
        return samples;
    }

    public void writeJson(OutputStream out) throws IOException {
        Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("{\"version\":2,\"channels\":1,\"sample_rate\":" + SAMPLE_RATE + ",\"samples_per_pixel\":" + samplesPerPixel
                + ",\"bits\":8,\"length\":" + peaks() + ",\"data\":[");
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(Integer.toString(data[i]));
        }
        w.write("]}");
        w.flush();
    }

    /**
     * The envelope drawn across {@code width} columns, centred, in the archive's dark blue on
     * white. A two-colour indexed image: one bit a pixel to fill and to compress.
     */
    public void writePng(OutputStream out, int width, int height) throws IOException {
        java.awt.image.IndexColorModel colours = new java.awt.image.IndexColorModel(1, 2,
                new byte[] {(byte) 0xff, (byte) 0x1f}, new byte[] {(byte) 0xff, (byte) 0x4e}, new byte[] {(byte) 0xff, (byte) 0x79});
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, colours);
        java.awt.image.WritableRaster raster = img.getRaster();
        int mid = height / 2;
        int peaks = peaks();
        int[] column = new int[height];
        for (int x = 0; x < width; x++) {
            int from = (int) ((long) x * peaks / width);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * peaks / width));
            int lo = 0;
            int hi = 0;
            for (int p = from; p < to && p < peaks; p++) {
                lo = Math.min(lo, data[2 * p]);
                hi = Math.max(hi, data[2 * p + 1]);
            }
            int top = Math.max(0, mid - (hi * mid / 128));
            int bottom = Math.min(height - 1, Math.max(top, mid - (lo * mid / 128)));
            java.util.Arrays.fill(column, 0);
            java.util.Arrays.fill(column, top, bottom + 1, 1);
            raster.setSamples(x, 0, 1, height, 0, column);
        }
        ImageIO.write(img, "png", out);
    }
}
