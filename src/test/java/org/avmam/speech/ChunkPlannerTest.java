package org.avmam.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.avmam.speech.ChunkPlanner.Chunk;
import org.avmam.speech.ChunkPlanner.Silence;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {

    @Test
    void cutsInTheMiddleOfTheSilenceNearestEachTarget() {
        List<Silence> silences = List.of(new Silence(20, 21), new Silence(55, 57), new Silence(70, 71), new Silence(118, 120),
                new Silence(150, 151));
        assertEquals(List.of(new Chunk(0, 56), new Chunk(56, 119), new Chunk(119, 200)),
                ChunkPlanner.plan(silences, 200, 60));
    }

    @Test
    void shortRecordingsAreOneChunk() {
        assertEquals(List.of(new Chunk(0, 80)), ChunkPlanner.plan(List.of(new Silence(40, 41)), 80, 60));
    }

    @Test
    void speechWithNoSilenceIsNeverCut() {
        assertEquals(List.of(new Chunk(0, 300)), ChunkPlanner.plan(List.of(), 300, 60));
    }

    @Test
    void chunksCoverTheRecordingWithoutGapsOrOverlap() {
        List<Silence> silences = List.of(new Silence(3, 3.5), new Silence(7, 8), new Silence(12.2, 12.6), new Silence(16, 16.4));
        List<Chunk> chunks = ChunkPlanner.plan(silences, 20, 4);
        assertEquals(0, chunks.get(0).start());
        assertEquals(20, chunks.get(chunks.size() - 1).end());
        for (int i = 1; i < chunks.size(); i++) {
            assertEquals(chunks.get(i - 1).end(), chunks.get(i).start());
        }
        assertEquals(List.of(new Chunk(0, 3.25), new Chunk(3.25, 7.5), new Chunk(7.5, 12.4), new Chunk(12.4, 16.2), new Chunk(16.2, 20)), chunks);
    }
}
