package org.avmam.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate: word-level Levenshtein distance over the reference length. */
final class Wer {

    private Wer() {}

    static List<String> words(String text) {
        String normal = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
        return normal.isEmpty() ? List.of() : Arrays.asList(normal.split("\\s+"));
    }

    /** Substitutions + deletions + insertions needed to turn the hypothesis into the reference. */
    static int edits(List<String> reference, List<String> hypothesis) {
        int[] prev = new int[hypothesis.size() + 1];
        int[] cur = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int sub = prev[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hypothesis.size()];
    }
}
