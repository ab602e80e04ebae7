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
    private final org.avmam.access.AccessPolicy policy;

    public AssetViews(ProfileRegistry profiles, org.avmam.access.AccessPolicy policy) {
        this.profiles = profiles;
        this.policy = policy;
    }

    private AssetView.RenditionView renditionView(UUID id, Rendition r) {
        String base = "/api/v1/assets/" + id + "/renditions/" + r.profile + "/";
        List<String> files = r.state != Rendition.State.READY ? null : r.fileList().stream().map(f -> base + f).toList();
        Boolean current = profiles.get(r.profile).map(p -> p.version() == r.profileVersion).orElse(null);
        return new AssetView.RenditionView(r.profile, r.profileVersion, current, r.state,
                files == null || files.isEmpty() ? null : files.getFirst(), r.contentType, r.sizeBytes, files, r.encoder, r.notes,
                r.elapsedMs, r.error);
    }

    /**
     * The asset as the current caller may see it: whole, or for a PARTLY_OPEN record seen from
     * outside, only what its review opened (named elements, named renditions, the transcript's
     * open ranges), with the file's name, supplied fields and technical metadata left out.
     */
    @Transactional
    public AssetView view(UUID id) {
        Asset a = policy.visible(id);
        org.avmam.access.OpenParts parts = policy.parts(policy.caller(), a);
        List<AssetView.RenditionView> renditions = Rendition.ofAsset(id).stream()
                .filter(r -> parts == null || parts.rendition(r.profile))
                .map(r -> renditionView(id, r)).toList();
        boolean hasTranscript = TranscriptVersion.current(id).isPresent() && (parts == null || !parts.ranges().isEmpty());
        boolean whole = parts == null;
        try {
            return new AssetView(a.id, a.state, a.mediaType, a.mimeType, whole ? a.sha256 : null, a.sizeBytes,
                    whole ? a.originalFilename : null, whole || parts.element("title") ? a.title : null,
                    a.language, whole ? a.batchId : null,
                    whole ? AssetService.shownIfVisible(a.duplicateOf, o -> policy.maySee(policy.caller(), o)) : null,
                    a.supplied == null || !whole ? null : Json.mapper().readTree(a.supplied),
                    a.warningList().isEmpty() || !whole ? null : a.warningList(),
                    a.technical == null || !whole ? null : Json.mapper().readTree(a.technical), a.failedStep,
                    a.failureReason, renditions, hasTranscript ? "/api/v1/assets/" + id + "/transcript" : null,
                    // The WebVTT captions track for the proxy player (<track kind="captions" src=…>).
                    hasTranscript ? "/api/v1/assets/" + id + "/transcript?format=vtt" : null,
                    a.fonds, a.archivalCode, a.openStatus, a.securityClassification, a.retentionPeriod, a.createdAt, a.updatedAt,
                    whole ? a.uploadedBy : null, whole ? (a.openParts == null ? null : org.avmam.access.OpenParts.read(a.openParts)) : parts,
                    a.reReviewOn);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
