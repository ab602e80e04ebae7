package org.avmam.speech;

import java.util.List;

/** A machine transcript: the words with their timings (seconds) and confidence. */
public record Transcript(String language, String model, List<Word> words) {

    public record Word(String word, double start, double end, double confidence) {}

    /**
     * The running text. Chinese and Japanese models emit one token per word with no spaces
     * between them in writing, so those languages are joined without spaces.
     */
    public String text() {
        String sep = language != null && (language.startsWith("zh") || language.startsWith("ja")) ? "" : " ";
        return String.join(sep, words.stream().map(Word::word).toList());
    }
}
