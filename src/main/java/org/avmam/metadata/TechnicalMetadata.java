package org.avmam.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What avmam learnt about a file, normalised from the tools' raw output (ffprobe JSON,
 * metadata-extractor directories). Stored as JSON on the asset and shown as its {@code technical}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TechnicalMetadata(
        String container,
        Double durationSeconds,
        Long bitRate,
        Integer width,
        Integer height,
        boolean hasVideo,
        boolean hasAudio,
        List<Stream> streams,
        Embedded embedded,
        String probedWith) {

    /**
     * {@code frameRate} is the average rate; {@code baseFrameRate} the rate every timestamp of a
     * variable-rate stream fits on (ffprobe's r_frame_rate), which is what a phone meant to record.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stream(
            int index,
            String type,
            String codec,
            String profile,
            Integer width,
            Integer height,
            String frameRate,
            String pixelFormat,
            Integer rotation,
            Integer sampleRate,
            Integer channels,
            String channelLayout,
            Long bitRate,
            String baseFrameRate) {}

    /** Descriptive values embedded by the camera or earlier software. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Embedded(
            String make,
            String model,
            String lens,
            String captureTime,
            Integer orientation,
            Double latitude,
            Double longitude,
            String title,
            String caption,
            List<String> keywords,
            String creator,
            String copyright) {

        public static final Embedded NONE = new Embedded(null, null, null, null, null, null, null, null, null, List.of(), null, null);
    }
}
