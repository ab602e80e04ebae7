package org.avmam.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.common.Json;
import org.avmam.speech.TranscriptVersion;
import org.avmam.transcode.ProfileRegistry;
import org.avmam.transcode.Rendition;

/** An asset as the API shows it: the record with its renditions and its transcript's links. */
@ApplicationScoped
public class AssetViews {

    private final ProfileRegistry profiles;

    public AssetViews(ProfileRegistry profiles) {
        this.profiles = profiles;
    }

    private AssetView.RenditionView renditionView(UUID id, Rendition r) {
        String base = "/api/v1/assets/" + id + "/renditions/" + r.profile + "/";
        List<String> files = r.state != Rendition.State.READY ? null : r.fileList().stream().map(f -> base + f).toList();
        Boolean current = profiles.get(r.profile).map(p -> p.version() == r.profileVersion).orElse(null);
        return new AssetView.RenditionView(r.profile, r.profileVersion, current, r.state,
                files == null || files.isEmpty() ? null : files.getFirst(), r.contentType, r.sizeBytes, files, r.encoder, r.notes,
                r.elapsedMs, r.error);
    }

    @Transactional
    public AssetView view(UUID id) {
        Asset a = AssetService.require(id);
        List<AssetView.RenditionView> renditions = Rendition.ofAsset(id).stream().map(r -> renditionView(id, r)).toList();
        boolean hasTranscript = TranscriptVersion.current(id).isPresent();
        try {
            return new AssetView(a.id, a.state, a.mediaType, a.mimeType, a.sha256, a.sizeBytes, a.originalFilename, a.title,
                    a.language, a.batchId, a.duplicateOf,
                    a.supplied == null ? null : Json.mapper().readTree(a.supplied),
                    a.warningList().isEmpty() ? null : a.warningList(),
                    a.technical == null ? null : Json.mapper().readTree(a.technical), a.failedStep,
                    a.failureReason, renditions, hasTranscript ? "/api/v1/assets/" + id + "/transcript" : null,
                    // The WebVTT captions track for the proxy player (<track kind="captions" src=…>).
                    hasTranscript ? "/api/v1/assets/" + id + "/transcript?format=vtt" : null,
                    a.fonds, a.archivalCode, a.openStatus, a.securityClassification, a.retentionPeriod, a.createdAt, a.updatedAt);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
