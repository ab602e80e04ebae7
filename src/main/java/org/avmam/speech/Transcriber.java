package org.avmam.speech;

import java.nio.file.Path;

/** Speech to text. The Vosk implementation is the real one; the interface keeps the pipeline apart from it. */
public interface Transcriber {

    /** Whether a model is configured for this language (a BCP 47 tag). */
    boolean supports(String language);

    Transcript transcribe(Path media, String language) throws Exception;
}
