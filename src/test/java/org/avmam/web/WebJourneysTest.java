package org.avmam.web;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.avmam.Fixtures;

/** The journeys in English: every browser asks for en-GB. */
@QuarkusTest
class WebJourneysTest extends WebJourneys {

    @Override
    String language() {
        return "en-GB";
    }

    @Override
    String keyword() {
        return "Zephyrquay";
    }

    @Override
    List<Path> shoot() {
        return List.of(Fixtures.CAMERA_JPEG, Path.of("src/test/resources/media/formats/a.png"), Fixtures.SPEECH_VIDEO);
    }

    @Override
    String own(String name) {
        return name;
    }

    @Override
    String wrongPasswordDetail() {
        return "wrong user name or password";
    }
}
