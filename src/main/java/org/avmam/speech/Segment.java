package org.avmam.speech;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A phrase of a transcript: what a caption shows and what a search hit points to. {@code id} is
 * stable across edits, so a correction can name the segment it changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Segment(int id, double start, double end, String speaker, String text, List<Transcript.Word> words) {

    public Segment withText(String newText) {
        return new Segment(id, start, end, speaker, newText, words);
    }

    public Segment withTiming(double newStart, double newEnd) {
        return new Segment(id, newStart, newEnd, speaker, text, words);
    }

    public Segment withSpeaker(String newSpeaker) {
        return new Segment(id, start, end, newSpeaker, text, words);
    }
}
