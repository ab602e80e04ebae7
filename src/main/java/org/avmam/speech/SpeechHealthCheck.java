package org.avmam.speech;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class SpeechHealthCheck implements HealthCheck {

    private final VoskModels models;

    public SpeechHealthCheck(VoskModels models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("speech-models").withData("enabled", models.enabled());
        boolean ok = !models.enabled() || !models.configured().isEmpty();
        for (var e : models.configured().entrySet()) {
            boolean present = Files.isDirectory(e.getValue());
            ok &= present;
            b.withData(e.getKey(), e.getValue() + (present ? "" : " (missing)"));
        }
        return b.status(ok).build();
    }
}
