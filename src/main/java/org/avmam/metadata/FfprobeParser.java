package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises ffprobe's JSON ({@code -show_format -show_streams}) into {@link TechnicalMetadata}.
 * Pure: tests feed it recorded ffprobe output.
 */
public final class FfprobeParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** ISO 6709 as QuickTime writes it: "+31.2304+121.4737+004.000/". */
    private static final Pattern ISO6709 = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)");

    private FfprobeParser() {}

    public static TechnicalMetadata parse(String ffprobeJson) throws IOException {
        JsonNode root = JSON.readTree(ffprobeJson);
        JsonNode format = root.path("format");
        List<TechnicalMetadata.Stream> streams = new ArrayList<>();
        Integer width = null;
        Integer height = null;
        boolean hasVideo = false;
        boolean hasAudio = false;
        for (JsonNode s : root.path("streams")) {
            String type = text(s, "codec_type");
            boolean attachedPicture = s.path("disposition").path("attached_pic").asInt(0) == 1;
            if ("video".equals(type) && !attachedPicture) {
                hasVideo = true;
                if (width == null) {
                    width = integer(s, "width");
                    height = integer(s, "height");
                }
            }
            if ("audio".equals(type)) {
                hasAudio = true;
            }
            streams.add(new TechnicalMetadata.Stream(
                    s.path("index").asInt(),
                    type,
                    text(s, "codec_name"),
                    text(s, "profile"),
                    integer(s, "width"),
                    integer(s, "height"),
                    "video".equals(type) ? text(s, "avg_frame_rate") : null,
                    text(s, "pix_fmt"),
                    rotation(s),
                    integer(s, "sample_rate"),
                    integer(s, "channels"),
                    text(s, "channel_layout"),
                    longValue(s, "bit_rate"),
                    "video".equals(type) ? text(s, "r_frame_rate") : null,
                    level(s),
                    text(s, "field_order"),
                    bitDepth(s),
                    text(s, "color_primaries"),
                    text(s, "color_transfer"),
                    text(s, "color_space"),
                    text(s, "display_aspect_ratio"),
                    text(s, "sample_fmt")));
        }
        JsonNode tags = format.path("tags");
        TechnicalMetadata.Embedded embedded = new TechnicalMetadata.Embedded(
                tag(tags, "com.apple.quicktime.make", "make"),
                tag(tags, "com.apple.quicktime.model", "model"),
                null,
                tag(tags, "com.apple.quicktime.creationdate", "creation_time"),
                null,
                location(tags, 1),
                location(tags, 2),
                tag(tags, "title"),
                tag(tags, "comment", "description"),
                List.of(),
                tag(tags, "artist", "author"),
                tag(tags, "copyright"));
        return new TechnicalMetadata(
                text(format, "format_name"),
                doubleValue(format, "duration"),
                longValue(format, "bit_rate"),
                width,
                height,
                hasVideo,
                hasAudio,
                streams,
                embedded,
                "ffprobe",
                null,
                avDetails(root, tags, streams));
    }

    /** Timecode, creation time and BWF bext; null when the file says none of them. */
    static TechnicalMetadata.AvDetails avDetails(JsonNode root, JsonNode formatTags, List<TechnicalMetadata.Stream> streams) {
        String timecode = tag(formatTags, "timecode");
        for (JsonNode s : root.path("streams")) {
            if (timecode == null) {
                timecode = tag(s.path("tags"), "timecode");
            }
        }
        Long timeReference = null;
        String ref = tag(formatTags, "time_reference");
        if (ref != null && ref.matches("\\d+")) {
            timeReference = Long.valueOf(ref);
        }
        TechnicalMetadata.Bext bext = null;
        String created = tag(formatTags, "creation_time");
        // ffmpeg's WAV reader hands the bext fields over under generic names: description → comment,
        // originator → encoded_by, origination date/time → date/creation_time.
        if (ref != null || tag(formatTags, "coding_history") != null || tag(formatTags, "originator_reference") != null) {
            String date = tag(formatTags, "date");
            bext = new TechnicalMetadata.Bext(tag(formatTags, "comment", "description"), tag(formatTags, "encoded_by", "originator"),
                    tag(formatTags, "originator_reference"), date, created, timeReference, tag(formatTags, "umid"),
                    tag(formatTags, "coding_history"));
            created = date != null && created != null ? date + "T" + created : date;
            Integer rate = streams.stream().filter(x -> "audio".equals(x.type())).map(TechnicalMetadata.Stream::sampleRate)
                    .filter(r -> r != null && r > 0).findFirst().orElse(null);
            if (timecode == null && timeReference != null && rate != null) {
                timecode = timecodeOfSamples(timeReference, rate, 25);
            }
        }
        return timecode == null && created == null && bext == null ? null : new TechnicalMetadata.AvDetails(timecode, created, bext);
    }

    /** A BWF time reference (samples since midnight) as SMPTE HH:MM:SS:FF at {@code fps}. */
    static String timecodeOfSamples(long samples, int sampleRate, int fps) {
        long frames = samples * fps / sampleRate;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", frames / (3600L * fps) % 24, frames / (60L * fps) % 60,
                frames / fps % 60, frames % fps);
    }

    /** H.264/HEVC levels are reported ×10 or ×30 (41 = 4.1; HEVC 120 = 4.0); others as given. */
    private static String level(JsonNode s) {
        if (!s.has("level") || s.path("level").asInt(-99) < 0) {
            return null;
        }
        int l = s.path("level").asInt();
        String codec = text(s, "codec_name");
        if ("h264".equals(codec)) {
            return l % 10 == 0 ? String.valueOf(l / 10) : (l / 10) + "." + (l % 10);
        }
        if ("hevc".equals(codec)) {
            return String.format(Locale.ROOT, "%.1f", l / 30.0);
        }
        return String.valueOf(l);
    }

    /** Bits per sample of the picture or the sound: stated, or read off the pixel format (yuv420p10le → 10). */
    private static Integer bitDepth(JsonNode s) {
        for (String key : List.of("bits_per_raw_sample", "bits_per_sample")) {
            Integer v = s.has(key) ? Integer.valueOf(s.path(key).asInt(0)) : null;
            if (v != null && v > 0) {
                return v;
            }
        }
        String pix = text(s, "pix_fmt");
        if (pix != null) {
            Matcher m = Pattern.compile("p(\\d{2})(le|be)$").matcher(pix);
            return m.find() ? Integer.valueOf(m.group(1)) : 8;
        }
        return null;
    }

    private static Integer rotation(JsonNode stream) {
        for (JsonNode sd : stream.path("side_data_list")) {
            if (sd.has("rotation")) {
                return sd.get("rotation").asInt();
            }
        }
        String rotate = stream.path("tags").path("rotate").asText(null);
        return rotate == null ? null : Integer.valueOf(rotate);
    }

    private static Double location(JsonNode tags, int group) {
        String iso = tag(tags, "com.apple.quicktime.location.ISO6709", "location");
        if (iso == null) {
            return null;
        }
        Matcher m = ISO6709.matcher(iso);
        return m.find() ? Double.valueOf(m.group(group)) : null;
    }

    private static String tag(JsonNode tags, String... names) {
        for (String name : names) {
            // Containers differ in tag case ("Make" in some MOV files); compare case-insensitively.
            var it = tags.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && !e.getValue().asText().isBlank()) {
                    return e.getValue().asText().strip();
                }
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : (int) Double.parseDouble(t);
    }

    private static Long longValue(JsonNode n, String field) {
        String t = text(n, field);
        return t == null || t.equals("N/A") ? null : (long) Double.parseDouble(t);
    }

    private static Double doubleValue(JsonNode n, String field) {
        String t = text(n, field);
        return t == null || t.equals("N/A") ? null : Double.valueOf(t);
    }
}
