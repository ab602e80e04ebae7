package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.avmam.asset.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Detection from bytes, on small files ffmpeg made (src/test/resources/media/formats). */
class ContentDetectorTest {

    private final ContentDetector detector = new ContentDetector();

    @ParameterizedTest
    @CsvSource({
        "formats/a.mkv, video/x-matroska, VIDEO",
        "formats/a.ts, video/mp2t, VIDEO",
        "formats/a.mov, video/quicktime, VIDEO",
        "event-0417.mp4, video/mp4, VIDEO",
        "formats/a.m4a, audio/mp4, AUDIO",
        "formats/a.wav, audio/vnd.wave, AUDIO",
        "formats/a.mp3, audio/mpeg, AUDIO",
        "formats/a.png, image/png, IMAGE",
        "formats/a.webp, image/webp, IMAGE",
        "formats/a.tiff, image/tiff, IMAGE",
        "camera.jpg, image/jpeg, IMAGE",
    })
    void detectsFromTheBytes(String file, String mime, MediaType kind) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of("src/test/resources/media", file)))) {
            ContentDetector.Detected d = detector.detect(in);
            assertEquals(mime, d.mimeType());
            assertEquals(Optional.of(kind), d.mediaType());
            assertEquals(Files.readAllBytes(Path.of("src/test/resources/media", file)).length, in.readAllBytes().length,
                    "the stream is left at its start");
        }
    }

    @Test
    void textIsNotMedia() throws Exception {
        ContentDetector.Detected d = detector.detect(new ByteArrayInputStream("minutes of the meeting".getBytes()));
        assertEquals("text/plain", d.mimeType());
        assertEquals(Optional.empty(), d.mediaType());
    }
}
