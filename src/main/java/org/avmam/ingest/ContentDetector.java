package org.avmam.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.Tika;
import org.avmam.asset.MediaType;

/**
 * Decides what a file is from its bytes (Apache Tika's magic), never from its name or the
 * client's Content-Type.
 *
 * <p>Tika's core magic calls every ISO-BMFF file with a non-QuickTime brand (MP4 from cameras and
 * phones) video/quicktime, and does not recognise MPEG transport streams (AVCHD .mts/.m2ts) or name
 * Matroska as video; those three are refined here from the same first bytes.
 */
@ApplicationScoped
public class ContentDetector {

    private static final int PEEK = 1024;
    private static final int TS_PACKET = 188;

    /** ISO-BMFF major brands (ftyp) → media type. */
    private static final Map<String, String> BRANDS = Map.ofEntries(
            Map.entry("qt  ", "video/quicktime"),
            Map.entry("M4A ", "audio/mp4"),
            Map.entry("M4B ", "audio/mp4"),
            Map.entry("M4V ", "video/x-m4v"),
            Map.entry("3gp4", "video/3gpp"),
            Map.entry("3gp5", "video/3gpp"),
            Map.entry("3gp6", "video/3gpp"),
            Map.entry("3g2a", "video/3gpp2"),
            Map.entry("heic", "image/heic"),
            Map.entry("heix", "image/heic"),
            Map.entry("mif1", "image/heif"),
            Map.entry("msf1", "image/heif-sequence"),
            Map.entry("avif", "image/avif"),
            Map.entry("crx ", "image/x-canon-cr3"));

    private final Tika tika = new Tika();

    /** {@code refusal}: why a file that looks like media is refused anyway (a playlist, SVG), else null. */
    public record Detected(String mimeType, Optional<MediaType> mediaType, String refusal) {
        public Detected(String mimeType, Optional<MediaType> mediaType) {
            this(mimeType, mediaType, null);
        }
    }

    /**
     * Formats that point at other files or URLs instead of holding media. ffmpeg follows what they
     * list ({@code file://}, {@code http://}), so they never reach it, whatever their name.
     */
    private static final java.util.Set<String> REFERENCE_TYPES = java.util.Set.of("audio/x-mpegurl", "application/x-mpegurl",
            "application/vnd.apple.mpegurl", "audio/mpegurl", "audio/x-scpls", "application/sdp", "video/x-ms-asf-plugin",
            "video/x-ms-asx", "audio/x-ms-wax", "video/x-ms-wvx", "application/smil+xml", "application/smil", "application/dash+xml",
            "application/xspf+xml", "video/x-nut");

    /**
     * Sniffs a stream that supports mark/reset; the stream is left where it was, so the same
     * bytes can go on to the blob store.
     */
    public Detected detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detection needs a stream with mark/reset");
        }
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        // Only the bytes: passing the name would let the extension decide.
        String mime = refine(tika.detect(in), head);
        String refusal = refusal(mime, head);
        return new Detected(mime, refusal == null ? mediaTypeOf(mime) : Optional.empty(), refusal);
    }

    /** Why this content is refused although its type may say audio, video or image; null when it is not. */
    static String refusal(String mime, byte[] head) {
        String text = leadingText(head);
        if (REFERENCE_TYPES.contains(mime) || text.startsWith("#EXTM3U") || text.startsWith("#EXTINF") || text.startsWith("ffconcat")
                || text.startsWith("[playlist]") || text.startsWith("<asx") || text.startsWith("<smil") || text.contains("<MPD")
                || text.startsWith("v=0\n") || text.startsWith("v=0\r\n") || startsWith(head, "nut/multimedia container")
                || isQuickTimeReference(head)) {
            return "it is a playlist or reference file (" + mime + "): it names other files or URLs instead of holding media, "
                    + "and avmam never follows them; upload the media files themselves";
        }
        if (mime.equals("image/svg+xml") || text.startsWith("<svg") || (text.startsWith("<?xml") && text.contains("<svg"))) {
            return "it is an SVG drawing, a document that can carry scripts: avmam takes photographs and scans, not SVG";
        }
        return null;
    }

    /** The head as text with a byte-order mark and leading white space removed (empty when it is binary). */
    private static String leadingText(byte[] head) {
        int start = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        for (int i = start; i < head.length; i++) {
            if (head[i] == 0) {
                return "";
            }
        }
        return new String(head, start, head.length - start, StandardCharsets.UTF_8).stripLeading();
    }

    private static boolean startsWith(byte[] head, String prefix) {
        return head.length >= prefix.length() && new String(head, 0, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    /** A QuickTime reference movie: a {@code moov} whose {@code rmra} atom points at other movies. */
    private static boolean isQuickTimeReference(byte[] head) {
        String latin = new String(head, StandardCharsets.ISO_8859_1);
        return latin.contains("moov") && latin.contains("rmra");
    }

    static String refine(String tikaType, byte[] head) {
        if (head.length >= 12 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            return BRANDS.getOrDefault(brand, tikaType.startsWith("audio/") ? tikaType : "video/mp4");
        }
        if (tikaType.equals("application/x-matroska")) {
            return "video/x-matroska";
        }
        if (tikaType.equals("application/octet-stream") && (isTransportStream(head, 0) || isTransportStream(head, 4))) {
            return "video/mp2t";
        }
        return tikaType;
    }

    /** MPEG-TS: a 0x47 sync byte every 188 bytes (BDAV/AVCHD .m2ts adds a 4-byte prefix to each packet). */
    private static boolean isTransportStream(byte[] head, int offset) {
        int stride = offset == 0 ? TS_PACKET : TS_PACKET + 4;
        int checked = 0;
        for (int i = offset; i < head.length; i += stride) {
            if (head[i] != 0x47) {
                return false;
            }
            checked++;
        }
        return checked >= 3;
    }

    static Optional<MediaType> mediaTypeOf(String mime) {
        if (mime.startsWith("image/")) {
            return Optional.of(MediaType.IMAGE);
        }
        if (mime.startsWith("video/") || mime.equals("application/mxf")) {
            return Optional.of(MediaType.VIDEO);
        }
        if (mime.startsWith("audio/")) {
            return Optional.of(MediaType.AUDIO);
        }
        return Optional.empty();
    }
}
