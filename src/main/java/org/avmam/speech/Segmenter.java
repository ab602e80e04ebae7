package org.avmam.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a word stream into segments: at pauses, and before a segment grows past what one
 * caption can show. Pure.
 */
public final class Segmenter {

    /** A silence at least this long ends a phrase. */
    static final double PAUSE_SECONDS = 0.6;
    /** Longest segment, in seconds: a caption stays readable and a search hit stays precise. */
    static final double MAX_SECONDS = 7.0;
    /** Longest segment, in characters of text (about two caption lines). */
    static final int MAX_CHARS = 84;

    private Segmenter() {}

    public static List<Segment> segments(List<Transcript.Word> words, String language) {
        List<Segment> out = new ArrayList<>();
        List<Transcript.Word> current = new ArrayList<>();
        for (Transcript.Word w : words) {
            if (!current.isEmpty()) {
                Transcript.Word first = current.get(0);
                Transcript.Word last = current.get(current.size() - 1);
                boolean pause = w.start() - last.end() >= PAUSE_SECONDS;
                boolean tooLong = w.end() - first.start() > MAX_SECONDS
                        || Transcript.join(language, append(current, w)).length() > MAX_CHARS;
                if (pause || tooLong) {
                    out.add(segment(out.size() + 1, current, language));
                    current = new ArrayList<>();
                }
            }
            current.add(w);
        }
        if (!current.isEmpty()) {
            out.add(segment(out.size() + 1, current, language));
        }
        return out;
    }

    private static List<Transcript.Word> append(List<Transcript.Word> words, Transcript.Word w) {
        List<Transcript.Word> l = new ArrayList<>(words);
        l.add(w);
        return l;
    }

    private static Segment segment(int id, List<Transcript.Word> words, String language) {
        return new Segment(id, words.get(0).start(), words.get(words.size() - 1).end(), null,
                Transcript.join(language, words), List.copyOf(words));
    }
}
