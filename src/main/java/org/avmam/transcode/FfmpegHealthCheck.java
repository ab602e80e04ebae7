package org.avmam.transcode;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class FfmpegHealthCheck implements HealthCheck {

    private final FfmpegTools tools;

    public FfmpegHealthCheck(FfmpegTools tools) {
        this.tools = tools;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ffmpeg")
                .status(Files.isExecutable(tools.ffmpeg()))
                .withData("ffmpeg", tools.ffmpeg().toString())
                .withData("source", tools.source().name())
                .withData("version", tools.version())
                .withData("ffprobe", tools.ffprobe().map(Path::toString).orElse("none"))
                .build();
    }
}
