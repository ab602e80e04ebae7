package org.avmam.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionFormatsTest {

    private static final List<Segment> SEGMENTS = List.of(
            new Segment(1, 0.5, 2.25, null, "The river flooded the old market.", null),
            new Segment(2, 3661.0, 3663.5, "Interviewer", "And then? <laughs> A & B --> C", null));

    @Test
    void webVtt() {
        assertEquals("""
                WEBVTT

                1
                00:00:00.500 --> 00:00:02.250
                The river flooded the old market.

                2
                01:01:01.000 --> 01:01:03.500
                <v Interviewer>And then? &lt;laughs> A &amp; B → C
                """, CaptionFormats.webVtt(SEGMENTS));
    }

    @Test
    void srt() {
        assertEquals("""
                1
                00:00:00,500 --> 00:00:02,250
                The river flooded the old market.

                2
                01:01:01,000 --> 01:01:03,500
                Interviewer: And then? <laughs> A & B --> C

                """, CaptionFormats.srt(SEGMENTS));
    }

    @Test
    void text() {
        assertEquals("[00:00:00] The river flooded the old market.\n[01:01:01] Interviewer: And then? <laughs> A & B --> C\n",
                CaptionFormats.text(SEGMENTS));
    }
}
