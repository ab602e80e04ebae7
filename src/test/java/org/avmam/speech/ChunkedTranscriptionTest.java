package org.avmam.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real Vosk on real (synthesised) speech: three sentences with 1.5 s pauses, recognised as one
 * stream and as chunks cut at the pauses. Recognition inside a chunk may differ a little from the
 * single stream (Vosk adapts to the speaker as it goes), but at every cut the words either side
 * must be the same words at the same times: none lost, none doubled, none cut in two.
 */
@QuarkusTest
class ChunkedTranscriptionTest {

    private static final Path SPEECH = Path.of("src/test/resources/media/speech/three-sentences.m4a");
    private static final double DURATION = 13.811;

    @Inject
    VoskTranscriber transcriber;

    @Test
    void chunksCutAtSilencesGiveTheSameWordsAtTheSameTimes() throws Exception {
        Transcript whole = transcriber.transcribe(SPEECH, "en", DURATION, f -> {}, 1000);
        List<Double> progress = new ArrayList<>();
        Transcript chunked = transcriber.transcribe(SPEECH, "en", DURATION, progress::add, 4);

        List<ChunkPlanner.Chunk> chunks = ChunkPlanner.plan(transcriber.silences(SPEECH), DURATION, 4);
        assertEquals(3, chunks.size(), "two cuts, one in each pause: " + chunks);
        assertTrue(whole.text().contains("river") && whole.text().contains("bridge") && whole.text().contains("museum"), whole.text());
        for (ChunkPlanner.Chunk c : chunks.subList(1, chunks.size())) {
            double cut = c.start();
            for (Transcript.Word w : chunked.words()) {
                assertTrue(w.end() <= cut || w.start() >= cut, w + " straddles the cut at " + cut);
            }
            assertSameWord(lastBefore(whole, cut), lastBefore(chunked, cut));
            assertSameWord(firstAfter(whole, cut), firstAfter(chunked, cut));
            assertEquals(countNear(whole, cut), countNear(chunked, cut), "words within 0.5 s of the cut at " + cut);
        }
        assertTrue(Math.abs(whole.words().size() - chunked.words().size()) <= 3, whole.text() + " | " + chunked.text());
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.size() > 3, "progress is reported along the way");
    }

    private static Transcript.Word lastBefore(Transcript t, double cut) {
        return t.words().stream().filter(w -> w.end() <= cut).reduce((a, b) -> b).orElseThrow();
    }

    private static Transcript.Word firstAfter(Transcript t, double cut) {
        return t.words().stream().filter(w -> w.start() >= cut).findFirst().orElseThrow();
    }

    private static long countNear(Transcript t, double cut) {
        return t.words().stream().filter(w -> w.end() > cut - 0.5 && w.start() < cut + 0.5).count();
    }

    private static void assertSameWord(Transcript.Word expected, Transcript.Word actual) {
        assertEquals(expected.word(), actual.word());
        assertEquals(expected.start(), actual.start(), 0.06, "start of " + expected.word());
        assertEquals(expected.end(), actual.end(), 0.06, "end of " + expected.word());
    }

    @Test
    void sentencesBecomeSegmentsAtThePauses() throws Exception {
        Transcript t = transcriber.transcribe(SPEECH, "en", DURATION, f -> {}, 1000);
        List<Segment> segments = Segmenter.segments(t.words(), "en");
        assertEquals(3, segments.size(), segments.toString());
        assertTrue(segments.get(1).text().contains("bridge"), segments.get(1).text());
        assertTrue(segments.get(1).start() > 4 && segments.get(1).start() < 6.5, "second sentence starts after the first pause");
    }
}
