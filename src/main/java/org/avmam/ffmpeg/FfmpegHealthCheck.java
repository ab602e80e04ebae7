package org.avmam.ffmpeg;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The ffmpeg this node chose, what the profiles need of it, and the candidates it passed over with the reason. */
@Readiness
@ApplicationScoped
public class FfmpegHealthCheck implements HealthCheck {

    private final FfmpegTools tools;

    public FfmpegHealthCheck(FfmpegTools tools) {
        this.tools = tools;
    }

    @Override
    public HealthCheckResponse call() {
        FfmpegBuild b = tools.build();
        FfmpegBuild.Needs needs = tools.needs();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("ffmpeg")
                .status(Files.isExecutable(b.ffmpeg()) && b.missing(needs).isEmpty())
                .withData("ffmpeg", b.ffmpeg().toString())
                .withData("source", b.source().name())
                .withData("version", b.version())
                .withData("ffprobe", b.ffprobe().map(Path::toString).orElse("none"))
                .withData("encoders", String.join(",", needs.encoders()))
                .withData("decoders", String.join(",", needs.decoders()))
                .withData("missing", String.join(", ", b.missing(needs)));
        tools.passedOver().forEach((candidate, why) -> r.withData("passed over: " + candidate, why));
        return r.build();
    }
}
