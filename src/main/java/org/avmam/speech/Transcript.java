package org.avmam.speech;

import java.util.List;
import java.util.stream.Collectors;

/** A machine transcript: the words with their timings (seconds) and confidence. */
public record Transcript(String language, String model, List<Word> words) {

    public record Word(String word, double start, double end, double confidence) {}

    public String text() {
        return join(language, words);
    }

    /**
     * Joins words as the language writes them. Chinese and Japanese models emit one token per
     * word, and those languages put no spaces between words.
     */
    public static String join(String language, List<Word> words) {
        return words.stream().map(Word::word).collect(Collectors.joining(noSpaces(language) ? "" : " "));
    }

    public static boolean noSpaces(String language) {
        return language != null && (language.startsWith("zh") || language.startsWith("ja"));
    }
}
