package org.avmam.assets;

import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;
import org.avmam.transcode.Rendition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The asset as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetView(
        UUID id,
        AssetState state,
        MediaType mediaType,
        String mimeType,
        String sha256,
        long sizeBytes,
        String originalFilename,
        String title,
        String language,
        UUID batchId,
        UUID duplicateOf,
        JsonNode supplied,
        List<String> warnings,
        JsonNode technical,
        String failedStep,
        String failureReason,
        List<RenditionView> renditions,
        String transcriptUrl,
        String captionsUrl,
        String fonds,
        String archivalCode,
        OpenStatus openStatus,
        String securityClassification,
        String retentionPeriod,
        Instant createdAt,
        Instant updatedAt,
        String uploadedBy,
        /** PARTLY_OPEN: what the review opened; to a caller who sees the record only in part, all there is. */
        org.avmam.access.OpenParts openParts,
        java.time.LocalDate reReviewOn) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * {@code url} is the main file's; {@code files} are the URLs of all its files (HLS playlists and
     * segments, sprite, PNG...); {@code current} is false when the profile has a newer version.
     */
    public record RenditionView(String profile, int profileVersion, Boolean current, Rendition.State state, String url,
            String contentType, Long sizeBytes, List<String> files, String encoder, String notes, Long elapsedMs, String error) {}
}
