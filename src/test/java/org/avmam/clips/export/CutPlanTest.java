package org.avmam.clips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CutPlanTest {

    /** Closed GOPs of {@code gop} frames with B-frames (I P B B ...), in decode order, as x264 lays them out. */
    static List<CutPlan.Packet> closedGops(int frames, int gop) {
        List<CutPlan.Packet> out = new ArrayList<>();
        for (int g = 0; g < frames; g += gop) {
            out.add(new CutPlan.Packet(g, true));
            for (int f = g + 1; f < Math.min(frames, g + gop); f += 3) {
                int p = Math.min(f + 2, Math.min(frames, g + gop) - 1);
                out.add(new CutPlan.Packet(p, false));
                for (int b = f; b < p; b++) {
                    out.add(new CutPlan.Packet(b, false));
                }
            }
        }
        return out;
    }

    @Test
    void cleanCutPointsAreTheKeyframesOfClosedGops() {
        assertEquals(new TreeSet<>(List.of(0L, 120L, 240L)), CutPlan.cutPoints(closedGops(360, 120), false));
        assertEquals(new TreeSet<>(List.of(0L, 120L, 240L, 360L)), CutPlan.cutPoints(closedGops(360, 120), true), "the end is a cut point");
    }

    @Test
    void anOpenGopsKeyframeIsNoCutPoint() {
        // The second GOP is open: its leading B-frames 6 and 7 are decoded after its keyframe 8 but shown before it.
        List<CutPlan.Packet> p = List.of(new CutPlan.Packet(0, true), new CutPlan.Packet(3, false), new CutPlan.Packet(1, false),
                new CutPlan.Packet(2, false), new CutPlan.Packet(5, false), new CutPlan.Packet(4, false), new CutPlan.Packet(8, true),
                new CutPlan.Packet(6, false), new CutPlan.Packet(7, false), new CutPlan.Packet(11, false), new CutPlan.Packet(9, false),
                new CutPlan.Packet(10, false), new CutPlan.Packet(12, true), new CutPlan.Packet(13, false));
        assertEquals(new TreeSet<>(List.of(0L, 12L)), CutPlan.cutPoints(p, false));
        assertEquals(CutPlan.Method.REENCODE, CutPlan.plan(6, 12, p, CutPlan.cutPoints(p, false), true).method(),
                "nothing is copied from an unclean keyframe");
    }

    @Test
    void smartCutReencodesHeadAndTailAndCopiesTheGopsBetween() {
        List<CutPlan.Packet> p = closedGops(750, 120);
        CutPlan plan = CutPlan.plan(250, 550, p, CutPlan.cutPoints(p, true), true);
        assertEquals(CutPlan.Method.SMART_CUT, plan.method());
        assertEquals(List.of(new CutPlan.Segment(CutPlan.Kind.ENCODE, 250, 360, 0), new CutPlan.Segment(CutPlan.Kind.COPY, 360, 480, 120),
                new CutPlan.Segment(CutPlan.Kind.ENCODE, 480, 550, 0)), plan.segments());
        assertEquals(180, plan.encodedFrames());
        assertEquals(300, plan.frames());
    }

    @Test
    void noWholeGopInsideMeansReencodeAndCutPointsAtBothEndsMeanCopy() {
        List<CutPlan.Packet> p = closedGops(750, 120);
        assertEquals(CutPlan.Method.REENCODE, CutPlan.plan(250, 350, p, CutPlan.cutPoints(p, true), true).method());
        assertEquals(CutPlan.Method.COPY, CutPlan.plan(240, 480, p, CutPlan.cutPoints(p, true), true).method());
        assertEquals(CutPlan.Method.REENCODE, CutPlan.plan(240, 480, p, CutPlan.cutPoints(p, true), false).method(), "another codec");
        List<CutPlan.Packet> intra = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            intra.add(new CutPlan.Packet(i, true));
        }
        CutPlan all = CutPlan.plan(13, 57, intra, CutPlan.cutPoints(intra, true), true);
        assertEquals(CutPlan.Method.COPY, all.method(), "an intra-only source is copied from any frame");
        assertEquals(44, all.segments().getFirst().packets());
    }
}
