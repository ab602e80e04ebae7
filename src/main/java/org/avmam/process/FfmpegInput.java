package org.avmam.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How ffmpeg and ffprobe are given an original: only the {@code file} protocol, for that one path
 * (written as a {@code file:} URL so no part of it is read as another protocol), and the format
 * that was detected pinned with {@code -f}, so a file cannot talk ffmpeg into another demuxer
 * (a playlist, a concat list, an SDP description) that opens other files or URLs.
 */
public final class FfmpegInput {

    /** Detected media types → ffmpeg demuxers. Types not listed are probed by ffmpeg, still with file: only. */
    private static final Map<String, String> DEMUXERS = Map.ofEntries(
            Map.entry("video/mp4", "mov"), Map.entry("video/quicktime", "mov"), Map.entry("video/3gpp", "mov"),
            Map.entry("video/3gpp2", "mov"), Map.entry("video/x-m4v", "mov"), Map.entry("audio/mp4", "mov"),
            Map.entry("video/x-matroska", "matroska"), Map.entry("video/webm", "matroska"), Map.entry("audio/webm", "matroska"),
            Map.entry("video/mp2t", "mpegts"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/vnd.wave", "wav"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/x-flac", "flac"),
            Map.entry("audio/flac", "flac"), Map.entry("audio/ogg", "ogg"), Map.entry("video/ogg", "ogg"),
            Map.entry("audio/opus", "ogg"), Map.entry("video/x-msvideo", "avi"), Map.entry("application/mxf", "mxf"),
            Map.entry("video/mpeg", "mpeg"), Map.entry("audio/aac", "aac"), Map.entry("audio/x-aac", "aac"),
            Map.entry("audio/x-aiff", "aiff"), Map.entry("video/x-flv", "flv"), Map.entry("video/x-ms-wmv", "asf"),
            Map.entry("video/x-ms-asf", "asf"), Map.entry("audio/x-ms-wma", "asf"), Map.entry("video/x-dv", "dv"));

    private FfmpegInput() {}

    /**
     * The input arguments for {@code file}, ending with {@code -i}. {@code format}: an ffmpeg
     * demuxer name, or ffprobe's {@code format_name} list (its first name is taken), or null.
     */
    public static List<String> args(Path file, String format) {
        List<String> a = new ArrayList<>(List.of("-protocol_whitelist", "file"));
        if (format != null && !format.isBlank()) {
            a.addAll(List.of("-f", format.split(",", 2)[0].strip()));
        }
        a.addAll(List.of("-i", "file:" + file));
        return a;
    }

    /** The demuxer for a detected media type, or null when ffmpeg should probe (still with file: only). */
    public static String demuxerFor(String mimeType) {
        return mimeType == null ? null : DEMUXERS.get(mimeType);
    }
}
