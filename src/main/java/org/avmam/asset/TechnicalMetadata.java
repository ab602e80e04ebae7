package org.avmam.asset;

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
        String probedWith,
        ImageMetadata image,
        AvDetails av) {

    public TechnicalMetadata(String container, Double durationSeconds, Long bitRate, Integer width, Integer height, boolean hasVideo,
            boolean hasAudio, List<Stream> streams, Embedded embedded, String probedWith) {
        this(container, durationSeconds, bitRate, width, height, hasVideo, hasAudio, streams, embedded, probedWith, null, null);
    }

    public TechnicalMetadata(String container, Double durationSeconds, Long bitRate, Integer width, Integer height, boolean hasVideo,
            boolean hasAudio, List<Stream> streams, Embedded embedded, String probedWith, ImageMetadata image) {
        this(container, durationSeconds, bitRate, width, height, hasVideo, hasAudio, streams, embedded, probedWith, image, null);
    }

    /**
     * What an audio or video file says of itself beyond its streams: the start timecode (a video's
     * timecode track or tag; a Broadcast WAV's time reference as HH:MM:SS:FF), the creation time,
     * and the BWF {@code bext} chunk that radio and field recorders write.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AvDetails(String timecode, String creationTime, Bext bext) {}

    /** EBU Tech 3285 broadcast extension chunk. {@code timeReference}: samples since midnight. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bext(String description, String originator, String originatorReference, String originationDate,
            String originationTime, Long timeReference, String umid, String codingHistory) {}

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
            String baseFrameRate,
            String level,
            String fieldOrder,
            Integer bitDepth,
            String colourPrimaries,
            String colourTransfer,
            String colourSpace,
            String displayAspectRatio,
            String sampleFormat) {

        public Stream(int index, String type, String codec, String profile, Integer width, Integer height, String frameRate,
                String pixelFormat, Integer rotation, Integer sampleRate, Integer channels, String channelLayout, Long bitRate,
                String baseFrameRate) {
            this(index, type, codec, profile, width, height, frameRate, pixelFormat, rotation, sampleRate, channels, channelLayout,
                    bitRate, baseFrameRate, null, null, null, null, null, null, null, null);
        }
    }

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
