package org.avmam.asset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.common.Json;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;

/** Creating assets and showing them. */
@ApplicationScoped
public class AssetService {

    private final JobQueue jobs;

    public AssetService(JobQueue jobs) {
        this.jobs = jobs;
    }

    /** What ingest learnt about a received file. */
    public record NewAsset(String sha256, long sizeBytes, MediaType mediaType, String mimeType, String originalFilename,
            String title, String language) {}

    /** Records the asset and its first pipeline job in one transaction: neither exists without the other. */
    @Transactional
    public Asset create(NewAsset n) {
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.state = AssetState.RECEIVED;
        a.sha256 = n.sha256();
        a.sizeBytes = n.sizeBytes();
        a.mediaType = n.mediaType();
        a.mimeType = n.mimeType();
        a.originalFilename = n.originalFilename();
        a.title = n.title();
        a.language = n.language();
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.persist();
        jobs.enqueue(a.id, JobType.PROBE, null);
        return a;
    }

    @Transactional
    public Asset get(UUID id) {
        Asset a = Asset.findById(id);
        if (a == null) {
            throw ApiException.notFound("no asset with id " + id);
        }
        return a;
    }

    @Transactional
    public AssetView view(UUID id) {
        Asset a = get(id);
        List<AssetView.RenditionView> renditions = Rendition.ofAsset(id).stream()
                .map(r -> new AssetView.RenditionView(r.profile, r.profileVersion, r.state,
                        r.state == Rendition.State.READY ? "/api/v1/assets/" + id + "/renditions/" + r.profile : null,
                        r.contentType, r.sizeBytes, r.error))
                .toList();
        boolean hasTranscript = org.avmam.speech.TranscriptVersion.current(id).isPresent();
        try {
            return new AssetView(a.id, a.state, a.mediaType, a.mimeType, a.sha256, a.sizeBytes, a.originalFilename, a.title,
                    a.language, a.technical == null ? null : Json.mapper().readTree(a.technical), a.failedStep,
                    a.failureReason, renditions, hasTranscript ? "/api/v1/assets/" + id + "/transcript" : null,
                    // The WebVTT captions track for the proxy player (<track kind="captions" src=…>).
                    hasTranscript ? "/api/v1/assets/" + id + "/transcript?format=vtt" : null,
                    a.createdAt, a.updatedAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
