package org.avmam.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans where a long recording is cut for parallel recognition: in the middle of a silence near
 * every {@code target} seconds, so that no word straddles a cut. Pure.
 */
public final class ChunkPlanner {

    /** A silent stretch, in seconds. */
    public record Silence(double start, double end) {
        /** Rounded to the millisecond: the cut is passed to ffmpeg as such, and words are shifted by it. */
        double middle() {
            return Math.round((start + end) * 500) / 1000.0;
        }
    }

    /** A piece of the recording, in seconds from its start. */
    public record Chunk(double start, double end) {
        double length() {
            return end - start;
        }
    }

    private ChunkPlanner() {}

    /**
     * Cuts at the silence whose middle is nearest each target point, looking half a target either
     * side. Where speech runs on with no silence at all, the chunk grows until a silence comes: a
     * long chunk only costs parallelism, a cut through a word would cost the word.
     */
    public static List<Chunk> plan(List<Silence> silences, double duration, double target) {
        List<Chunk> chunks = new ArrayList<>();
        double from = 0;
        while (duration - from > 1.5 * target) {
            double want = from + target;
            Silence best = null;
            for (Silence s : silences) {
                double m = s.middle();
                if (m <= from + target / 2) {
                    continue;
                }
                if (m >= duration - target / 2) {
                    break;
                }
                if (m > want + target / 2 && best != null) {
                    break;
                }
                if (best == null || Math.abs(m - want) < Math.abs(best.middle() - want)) {
                    best = s;
                }
            }
            if (best == null) {
                break;
            }
            chunks.add(new Chunk(from, best.middle()));
            from = best.middle();
        }
        chunks.add(new Chunk(from, duration));
        return chunks;
    }
}
