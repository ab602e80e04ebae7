package org.avmam;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The settings that are off by default, switched on together so that their tests share one start
 * of the application: four-eyes review and the anonymous reading room.
 */
public class AlternativeSettings implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("avmam.review.four-eyes", "true", "avmam.access.reading-room", "true", "avmam.speech.enabled", "false");
    }
}
