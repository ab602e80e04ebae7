package org.avmam.clips.export;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How a clip [in, out) of a video is cut, decided from the source's packets alone (no decoding):
 * which stretches are copied bit for bit and which are re-encoded.
 *
 * <p>A frame is a <em>clean cut point</em> when it is a keyframe, every packet before it in decode
 * order shows before it, and every packet from it on shows at or after it. Copying from one clean
 * cut point to the next takes whole closed GOPs and nothing else; an open GOP's leading B-frames
 * (which refer back across the keyframe) make its keyframe unclean, so it is never a copy boundary.
 * A smart cut re-encodes from the in point to the first clean cut point, copies to the last one
 * before the out point, and re-encodes the rest.
 */
public record CutPlan(Method method, List<Segment> segments) {

    public enum Method {
        /** Every frame copied: the in and out points are clean cut points (all of an intra-only source's frames are). */
        COPY,
        /** The head and/or tail re-encoded with the source's codec, the GOPs between copied. */
        SMART_CUT,
        /** The whole range re-encoded. */
        REENCODE
    }

    public enum Kind { COPY, ENCODE }

    /** Frames [from, to) of the source; a COPY segment also knows how many packets it takes. */
    public record Segment(Kind kind, long from, long to, long packets) {
        public long frames() {
            return to - from;
        }
    }

    /** One video packet in decode order: the frame it shows (from its pts) and whether it is a keyframe. */
    public record Packet(long frame, boolean key) {}

    /**
     * The clean cut points among {@code packets} (decode order). {@code reachedEnd}: the packets run
     * to the end of the stream, so the frame after the last one is a cut point too.
     */
    public static TreeSet<Long> cutPoints(List<Packet> packets, boolean reachedEnd) {
        int n = packets.size();
        long[] suffixMin = new long[n + 1];
        suffixMin[n] = Long.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            suffixMin[i] = Math.min(suffixMin[i + 1], packets.get(i).frame());
        }
        TreeSet<Long> out = new TreeSet<>();
        long prefixMax = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Packet p = packets.get(i);
            if (p.key() && prefixMax < p.frame() && suffixMin[i] >= p.frame()) {
                out.add(p.frame());
            }
            prefixMax = Math.max(prefixMax, p.frame());
        }
        if (reachedEnd && n > 0) {
            out.add(prefixMax + 1);
        }
        return out;
    }

    /**
     * The plan for [in, out). {@code keepCodec}: the output keeps the source's codec, so stretches may
     * be copied; otherwise everything is re-encoded.
     */
    public static CutPlan plan(long in, long out, List<Packet> packets, TreeSet<Long> cutPoints, boolean keepCodec) {
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("an empty or negative range: " + in + "–" + out);
        }
        if (!keepCodec) {
            return new CutPlan(Method.REENCODE, List.of(new Segment(Kind.ENCODE, in, out, 0)));
        }
        Long first = cutPoints.ceiling(in);
        Long last = cutPoints.floor(out);
        if (first == null || last == null || first >= last) {
            // No whole GOP inside the range: nothing to copy.
            return new CutPlan(Method.REENCODE, List.of(new Segment(Kind.ENCODE, in, out, 0)));
        }
        List<Segment> segments = new ArrayList<>();
        if (in < first) {
            segments.add(new Segment(Kind.ENCODE, in, first, 0));
        }
        long count = packets.stream().filter(p -> p.frame() >= first && p.frame() < last).count();
        segments.add(new Segment(Kind.COPY, first, last, count));
        if (last < out) {
            segments.add(new Segment(Kind.ENCODE, last, out, 0));
        }
        return new CutPlan(segments.size() == 1 ? Method.COPY : Method.SMART_CUT, List.copyOf(segments));
    }

    public long encodedFrames() {
        return segments.stream().filter(s -> s.kind() == Kind.ENCODE).mapToLong(Segment::frames).sum();
    }

    public long frames() {
        return segments.stream().mapToLong(Segment::frames).sum();
    }
}
