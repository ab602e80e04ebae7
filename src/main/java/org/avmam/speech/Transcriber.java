package org.avmam.speech;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Speech to text. The Vosk implementation is the real one; the interface keeps the pipeline apart from it. */
public interface Transcriber {

    /** Whether a model is configured for this language (a BCP 47 tag). */
    boolean supports(String language);

    /**
     * Transcribes the first audio stream. {@code durationSeconds} (0 when unknown) lets long
     * recordings be split and progress be reported as a fraction to {@code progress}.
     */
    Transcript transcribe(Path media, String language, double durationSeconds, DoubleConsumer progress) throws Exception;
}
