package org.avmam.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rungs of an HLS ladder a source gets: those no taller than the source (no upscaling),
 * at least the lowest one, each sized to keep the source's displayed aspect ratio. The rung's
 * height is the shorter side, so a portrait phone video gets 360/720/1080 px wide variants.
 */
public final class HlsLadder {

    public record Variant(int width, int height, String videoBitrate, String maxBitrate, String audioBitrate) {}

    private HlsLadder() {}

    public static List<Variant> plan(List<TranscodeProfile.Rung> ladder, int[] display) {
        if (display == null) {
            throw new IllegalArgumentException("the source's picture size is unknown, so no HLS ladder can be planned");
        }
        int w = display[0];
        int h = display[1];
        int shorter = Math.min(w, h);
        List<TranscodeProfile.Rung> sorted = ladder.stream().sorted((x, y) -> Integer.compare(x.height(), y.height())).toList();
        List<Variant> out = new ArrayList<>();
        for (TranscodeProfile.Rung r : sorted) {
            if (r.height() <= shorter || out.isEmpty()) {
                int side = Math.min(r.height(), shorter);
                int other = even((double) side * Math.max(w, h) / shorter);
                side = even(side);
                out.add(w >= h
                        ? new Variant(other, side, r.videoBitrate(), r.maxBitrate(), r.audioBitrate())
                        : new Variant(side, other, r.videoBitrate(), r.maxBitrate(), r.audioBitrate()));
            }
        }
        return out;
    }

    static int even(double v) {
        return Math.max(2, (int) Math.round(v / 2) * 2);
    }
}
