package org.avmam.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static Transcript.Word w(String word, double start, double end) {
        return new Transcript.Word(word, start, end, 1.0);
    }

    @Test
    void splitsAtPauses() {
        List<Segment> s = Segmenter.segments(List.of(w("the", 0, 0.2), w("river", 0.25, 0.6), w("flooded", 1.5, 2.0), w("again", 2.05, 2.4)), "en");
        assertEquals(2, s.size());
        assertEquals(new Segment(1, 0, 0.6, null, "the river", List.of(w("the", 0, 0.2), w("river", 0.25, 0.6))), s.get(0));
        assertEquals("flooded again", s.get(1).text());
        assertEquals(1.5, s.get(1).start());
        assertEquals(2.4, s.get(1).end());
        assertEquals(2, s.get(1).id());
    }

    @Test
    void neverLongerThanOneCaption() {
        List<Transcript.Word> words = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            words.add(w("word" + i, i * 0.4, i * 0.4 + 0.35));
        }
        List<Segment> segments = Segmenter.segments(words, "en");
        for (Segment s : segments) {
            assertTrue(s.end() - s.start() <= Segmenter.MAX_SECONDS, s.toString());
            assertTrue(s.text().length() <= Segmenter.MAX_CHARS, s.toString());
        }
        assertEquals(100, segments.stream().mapToInt(s -> s.words().size()).sum(), "no word lost or doubled");
    }

    @Test
    void chineseIsJoinedWithoutSpaces() {
        List<Segment> s = Segmenter.segments(List.of(w("城市", 0, 0.4), w("档案馆", 0.45, 1.0)), "zh-CN");
        assertEquals("城市档案馆", s.get(0).text());
    }

    @Test
    void noWordsNoSegments() {
        assertEquals(List.of(), Segmenter.segments(List.of(), "en"));
    }
}
