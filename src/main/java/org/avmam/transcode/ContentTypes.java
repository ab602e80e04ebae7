package org.avmam.transcode;

import java.util.Locale;
import java.util.Map;

/** The media type of a rendition file, by the extensions avmam itself writes. */
public final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("png", "image/png"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("m4s", "video/iso.segment"),
            Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("json", "application/json"));

    private ContentTypes() {}

    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }
}
