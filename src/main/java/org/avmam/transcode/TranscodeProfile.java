package org.avmam.transcode;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.avmam.asset.MediaType;
import org.avmam.asset.TechnicalMetadata;

/**
 * One rendition recipe, read from {@code transcode-profiles/<name>.yaml}. A changed recipe must
 * get a new {@code version} (the registry refuses to start otherwise), so renditions made by an
 * older one can be found and remade.
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

    /**
     * Which assets the profile is for: media types, streams the source must have, and size bounds
     * (a 320 px source needs no 2048 px preview; a 5-second clip needs no HLS ladder).
     */
    public record AppliesTo(
            List<MediaType> mediaTypes,
            boolean requiresVideo,
            boolean requiresAudio,
            Integer minWidth,
            Integer minHeight,
            Double minDurationSeconds,
            Double maxDurationSeconds) {}

    public enum Kind {
        /** A still image scaled from an image, in one or more formats. */
        IMAGE,
        /** A representative still frame of a video. */
        POSTER,
        /** A video file (browse proxy, edit proxy, exhibition master). */
        VIDEO,
        /** An HTTP Live Streaming ladder: master playlist, one variant playlist and fMP4 segments per rung. */
        HLS,
        /** A sprite sheet of frames at a fixed interval and a WebVTT thumbnails track pointing into it. */
        FILMSTRIP,
        /** An audio file. */
        AUDIO,
        /** Peaks JSON (audiowaveform / peaks.js format) and a PNG drawn from it. */
        WAVEFORM,
        /**
         * A clip exported from the original (not a rendition of a whole asset): {@code video-codec: source}
         * keeps the source's codec with a smart cut, any other codec re-encodes the clip's range.
         */
        CLIP
    }

    /** The video codec of a clip profile that keeps the source's (smart cut, or stream copy of intra-only sources). */
    public static final String SOURCE_CODEC = "source";

    /** How a video rendition's frame rate follows the source. */
    public enum FrameRate {
        /** Keep the source timestamps (variable frame rate stays variable). */
        @JsonProperty("source")
        SOURCE,
        /** Constant frame rate at the source's average rate: every frame has a fixed place, as editing needs. */
        @JsonProperty("constant")
        CONSTANT
    }

    /** One rung of an HLS ladder. */
    public record Rung(int height, String videoBitrate, String maxBitrate, String audioBitrate) {}

    /**
     * The output. {@code maxWidth}/{@code maxHeight} bound the size keeping the aspect ratio
     * (never upscaling); {@code gopSeconds} is the longest distance between keyframes and
     * {@code gopFrames} a fixed GOP in frames (1 = all-intra). {@code watermark} is a PNG (with
     * its own transparency), relative to the profiles folder, laid over the middle of every
     * picture at half its width: the visible mark of proxies handed to outside partners.
     */
    public record Output(
            Kind kind,
            String container,
            String extension,
            List<String> formats,
            Integer maxWidth,
            Integer maxHeight,
            Integer quality,
            String videoCodec,
            List<String> hardwareCodecs,
            String preset,
            Integer crf,
            String videoBitrate,
            String maxBitrate,
            String pixelFormat,
            Double gopSeconds,
            Integer gopFrames,
            FrameRate frameRate,
            Boolean deinterlace,
            Boolean faststart,
            Boolean burnTimecode,
            String audioCodec,
            String audioBitrate,
            Integer audioChannels,
            Integer audioSampleRate,
            Double posterAt,
            List<Rung> ladder,
            Double segmentSeconds,
            Double intervalSeconds,
            Integer maxTiles,
            Integer tileWidth,
            Integer columns,
            Integer peaksPerSecond,
            Integer imageWidth,
            Integer imageHeight,
            String videoProfile,
            String fallbackVideoCodec,
            String watermark) {}

    public boolean appliesTo(MediaType mediaType, TechnicalMetadata source) {
        boolean hasVideo = source != null && source.hasVideo();
        boolean hasAudio = source != null && source.hasAudio();
        if (!appliesTo.mediaTypes().contains(mediaType)
                || (appliesTo.requiresVideo() && !hasVideo)
                || (appliesTo.requiresAudio() && !hasAudio)) {
            return false;
        }
        Integer w = source == null ? null : source.width();
        Integer h = source == null ? null : source.height();
        Double d = source == null ? null : source.durationSeconds();
        return (appliesTo.minWidth() == null || (w != null && w >= appliesTo.minWidth()))
                && (appliesTo.minHeight() == null || (h != null && h >= appliesTo.minHeight()))
                && (appliesTo.minDurationSeconds() == null || (d != null && d >= appliesTo.minDurationSeconds()))
                && (appliesTo.maxDurationSeconds() == null || (d != null && d <= appliesTo.maxDurationSeconds()));
    }

    /** The name of the rendition's main file: the one {@code /renditions/{profile}} serves. */
    public String mainFile() {
        return switch (output.kind()) {
            case HLS -> "master.m3u8";
            case FILMSTRIP -> "thumbnails.vtt";
            case WAVEFORM -> "peaks.json";
            case IMAGE -> name + "." + formats().getFirst();
            default -> name + "." + output.extension();
        };
    }

    /** The ffmpeg encoders this profile cannot be made without (hardware ones are optional: they fall back). */
    public java.util.Set<String> encodersNeeded() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (output.kind() == Kind.CLIP && SOURCE_CODEC.equals(output.videoCodec())) {
            // The smart cut re-encodes the head and tail of a GOP with the source codec's own encoder.
            out.addAll(java.util.List.of("libx264", "libx265"));
        } else if (output.videoCodec() != null) {
            out.add(output.videoCodec());
        }
        if (output.fallbackVideoCodec() != null) {
            out.add(output.fallbackVideoCodec());
        }
        if (output.audioCodec() != null) {
            out.add(output.audioCodec());
        }
        switch (output.kind()) {
            case IMAGE -> formats().forEach(f -> out.add(switch (f) {
                case "webp" -> "libwebp";
                case "png" -> "png";
                default -> "mjpeg";
            }));
            case POSTER, FILMSTRIP -> out.add("mjpeg");
            case WAVEFORM -> out.add("pcm_s16le");
            default -> { }
        }
        return out;
    }

    /** An image profile's files, one per format, named after the profile. */
    public List<String> imageFiles() {
        return formats().stream().map(f -> name + "." + f).toList();
    }

    /** Image formats made, the first being the main file's. */
    public List<String> formats() {
        return output.formats() == null || output.formats().isEmpty() ? List.of(output.extension()) : output.formats();
    }
}
