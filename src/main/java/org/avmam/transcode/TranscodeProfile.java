package org.avmam.transcode;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.avmam.asset.MediaType;

/**
 * One rendition recipe, read from {@code transcode-profiles/<name>.yaml}. A changed recipe must
 * get a new {@code version}, so renditions made by an older one can be found and remade.
 */
public record TranscodeProfile(
        String name,
        int version,
        String description,
        AppliesTo appliesTo,
        Trigger trigger,
        Output output) {

    public enum Trigger {
        @JsonProperty("on-ingest")
        ON_INGEST,
        @JsonProperty("on-demand")
        ON_DEMAND
    }

    /** Which assets the profile is for. */
    public record AppliesTo(List<MediaType> mediaTypes, boolean requiresVideo, boolean requiresAudio) {}

    public enum Kind {
        /** A still image scaled from an image. */
        IMAGE,
        /** A representative still frame of a video. */
        POSTER,
        /** A video file (proxy, master). */
        VIDEO,
        /** An audio file. */
        AUDIO
    }

    /**
     * The output. {@code maxWidth}/{@code maxHeight} bound the size keeping the aspect ratio
     * (never upscaling); {@code gopSeconds} is the longest distance between keyframes.
     */
    public record Output(
            Kind kind,
            String container,
            String extension,
            String contentType,
            Integer maxWidth,
            Integer maxHeight,
            Integer quality,
            String videoCodec,
            String preset,
            Integer crf,
            Double gopSeconds,
            Boolean deinterlace,
            Boolean faststart,
            String audioCodec,
            String audioBitrate,
            Integer audioChannels,
            Double posterAt) {}

    public boolean appliesTo(MediaType mediaType, boolean hasVideo, boolean hasAudio) {
        return appliesTo.mediaTypes().contains(mediaType)
                && (!appliesTo.requiresVideo() || hasVideo)
                && (!appliesTo.requiresAudio() || hasAudio);
    }
}
