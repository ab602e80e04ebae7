package org.avmam.speech;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Lets the benchmarks (another package) call the transcriber with an explicit chunk length. */
@ApplicationScoped
public class VoskTranscriberAccess {

    private final VoskTranscriber transcriber;

    public VoskTranscriberAccess(VoskTranscriber transcriber) {
        this.transcriber = transcriber;
    }

    public Transcript transcribe(Path media, double durationSeconds, double chunkSeconds) throws Exception {
        return transcriber.transcribe(media, "en", durationSeconds, f -> {}, chunkSeconds);
    }

    /** Exactly as the pipeline calls it. */
    public Transcript transcribe(Path media, double durationSeconds) throws Exception {
        return transcriber.transcribe(media, "en", durationSeconds, f -> {});
    }

    public int parallelism() {
        return transcriber.parallelism();
    }
}
