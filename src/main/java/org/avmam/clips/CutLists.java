package org.avmam.clips;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avmam.common.Json;

/**
 * Cut lists that editing software opens, written from a {@link CutList}: CMX3600 EDL, FCPXML
 * 1.10 (Final Cut Pro, DaVinci Resolve), FCP7 XML (xmeml 5, Premiere) and OpenTimelineIO JSON.
 * Every one carries, per clip, the source file name, archival code, title and source in/out
 * timecode. Media are referred to as {@code media/<file name>}, relative, as a package lays them out.
 */
public final class CutLists {

    private CutLists() {}

    public static final Map<String, String> TYPES = Map.of("edl", "text/plain; charset=utf-8", "fcpxml", "application/xml; charset=utf-8",
            "xmeml", "application/xml; charset=utf-8", "otio", "application/json");

    public static final Map<String, String> EXTENSIONS = Map.of("edl", "edl", "fcpxml", "fcpxml", "xmeml", "xml", "otio", "otio");

    public static String write(String format, CutList c) {
        return switch (format) {
            case "edl" -> edl(c);
            case "fcpxml" -> fcpxml(c);
            case "xmeml" -> xmeml(c);
            case "otio" -> otio(c);
            default -> throw new IllegalArgumentException(format);
        };
    }

    static String mediaPath(String fileName) {
        return "media/" + fileName;
    }

    // CMX3600: 8-character reels, two timecodes each side, comments after each event.
    static String edl(CutList c) {
        StringBuilder b = new StringBuilder();
        b.append("TITLE: ").append(ascii(c.title(), 70)).append("\r\n");
        b.append("FCM: ").append(c.rate().dropFrame() ? "DROP FRAME" : "NON-DROP FRAME").append("\r\n");
        Map<String, CutList.Event> reels = new LinkedHashMap<>();
        c.events().stream().filter(e -> !e.gap()).forEach(e -> reels.putIfAbsent(e.reel(), e));
        reels.forEach((reel, e) -> b.append("* REEL ").append(reel).append(" = ").append(e.archivalCode() == null ? "(no archival code)" : e.archivalCode())
                .append(" ").append(ascii(e.fileName(), 200)).append("\r\n"));
        b.append("\r\n");
        for (CutList.Event e : c.events()) {
            String track = e.gap() ? "V" : e.video() && e.audio() ? "B" : e.video() ? "V" : "A";
            String srcIn = e.gap() ? Timecode.format(0, c.rate()) : e.sourceInTimecode();
            String srcOut = e.gap() ? Timecode.format(e.recordOut() - e.recordIn(), c.rate()) : e.sourceOutTimecode();
            b.append(String.format("%03d  %-8s %-5s C        %s %s %s %s\r\n", e.number(), e.gap() ? "BL" : e.reel(), track, srcIn, srcOut,
                    Timecode.format(c.recordStart() + e.recordIn(), c.rate()), Timecode.format(c.recordStart() + e.recordOut(), c.rate())));
            if (!e.gap()) {
                b.append("* FROM CLIP NAME: ").append(ascii(e.title(), 200)).append("\r\n");
                b.append("* SOURCE FILE: ").append(ascii(e.fileName(), 200)).append("\r\n");
                if (e.archivalCode() != null) {
                    b.append("* ARCHIVAL CODE: ").append(ascii(e.archivalCode(), 200)).append("\r\n");
                }
            }
        }
        return b.toString();
    }

    /** EDLs are read as ASCII by most software: other characters become their \\u escapes, line breaks spaces. */
    static String ascii(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp == '\r' || cp == '\n' || cp == '\t') {
                b.append(' ');
            } else if (cp < 0x20 || cp > 0x7e) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.length() <= max ? b.toString() : b.substring(0, max);
    }

    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (cp >= 0x20 || cp == '\n' || cp == '\t') {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    static String fcpxml(CutList c) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n<fcpxml version=\"1.10\">\n");
        b.append("  <resources>\n");
        b.append("    <format id=\"r0\" frameDuration=\"").append(c.rate().rational(1)).append("\"").append(size(c)).append("/>\n");
        Map<java.util.UUID, String> assets = new LinkedHashMap<>();
        Map<String, String> formats = new LinkedHashMap<>();
        for (CutList.Event e : c.events()) {
            if (e.gap() || assets.containsKey(e.assetId())) {
                continue;
            }
            String key = e.sourceRate() + "/" + e.width() + "x" + e.height();
            boolean fresh = !formats.containsKey(key);
            String fmt = formats.computeIfAbsent(key, k -> "r" + (formats.size() + 1));
            if (fresh) {
                b.append("    <format id=\"").append(fmt).append("\" frameDuration=\"").append(e.sourceRate().rational(1)).append("\"")
                        .append(e.width() == null ? "" : " width=\"" + e.width() + "\" height=\"" + e.height() + "\"").append("/>\n");
            }
            String id = "a" + (assets.size() + 1);
            assets.put(e.assetId(), id);
            b.append("    <asset id=\"").append(id).append("\" name=\"").append(xml(e.fileName())).append("\" uid=\"").append(e.assetId())
                    .append("\" start=\"").append(e.sourceRate().rational(e.sourceStartFrame())).append("\" duration=\"")
                    .append(e.sourceRate().rational(e.sourceFrames())).append("\" hasVideo=\"").append(e.video() ? 1 : 0)
                    .append("\" hasAudio=\"").append(e.audio() ? 1 : 0).append("\"").append(e.video() ? " format=\"" + fmt + "\"" : "")
                    .append(">\n      <media-rep kind=\"original-media\" src=\"").append(xml(url(e.fileName()))).append("\"/>\n");
            if (e.archivalCode() != null) {
                b.append("      <metadata><md key=\"com.apple.proapps.studio.reel\" value=\"").append(xml(e.reel())).append("\"/>")
                        .append("<md key=\"com.apple.proapps.mio.cameraName\" value=\"").append(xml(e.archivalCode())).append("\"/></metadata>\n");
            }
            b.append("    </asset>\n");
        }
        b.append("  </resources>\n  <library>\n    <event name=\"avmam\">\n      <project name=\"").append(xml(c.title())).append("\">\n");
        b.append("        <sequence format=\"r0\" duration=\"").append(c.rate().rational(c.duration())).append("\" tcStart=\"")
                .append(c.rate().rational(c.recordStart())).append("\" tcFormat=\"").append(c.rate().dropFrame() ? "DF" : "NDF")
                .append("\">\n          <spine>\n");
        for (CutList.Event e : c.events()) {
            String offset = c.rate().rational(c.recordStart() + e.recordIn());
            String duration = c.rate().rational(e.recordOut() - e.recordIn());
            if (e.gap()) {
                b.append("            <gap name=\"Gap\" offset=\"").append(offset).append("\" duration=\"").append(duration).append("\"/>\n");
                continue;
            }
            b.append("            <asset-clip ref=\"").append(assets.get(e.assetId())).append("\" name=\"").append(xml(e.title()))
                    .append("\" offset=\"").append(offset).append("\" start=\"").append(e.sourceRate().rational(e.sourceStartFrame() + e.sourceIn()))
                    .append("\" duration=\"").append(duration).append("\"").append(e.video() ? "" : " audioRole=\"dialogue\"").append(">\n");
            b.append("              <note>").append(xml(note(e))).append("</note>\n");
            b.append("            </asset-clip>\n");
        }
        b.append("          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n");
        return b.toString();
    }

    private static String size(CutList c) {
        return c.events().stream().filter(e -> !e.gap() && e.width() != null).findFirst()
                .map(e -> " width=\"" + e.width() + "\" height=\"" + e.height() + "\"").orElse("");
    }

    static String note(CutList.Event e) {
        return (e.archivalCode() == null ? "" : e.archivalCode() + " · ") + e.fileName() + " · " + e.sourceInTimecode() + "–" + e.sourceOutTimecode();
    }

    static String url(String fileName) {
        return mediaPath(URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String rate(FrameRate r) {
        return "<rate><timebase>" + r.nominal() + "</timebase><ntsc>" + (r.den() == 1001 ? "TRUE" : "FALSE") + "</ntsc></rate>";
    }

    static String xmeml(CutList c) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n<xmeml version=\"5\">\n");
        b.append("  <sequence id=\"sequence-1\">\n    <name>").append(xml(c.title())).append("</name>\n    <duration>").append(c.duration())
                .append("</duration>\n    ").append(rate(c.rate())).append("\n    <timecode>").append(rate(c.rate())).append("<string>")
                .append(Timecode.format(c.recordStart(), c.rate())).append("</string><frame>").append(c.recordStart())
                .append("</frame><displayformat>").append(c.rate().dropFrame() ? "DF" : "NDF").append("</displayformat></timecode>\n");
        Map<java.util.UUID, String> files = new LinkedHashMap<>();
        for (String kind : new String[] {"video", "audio"}) {
            b.append("    <media>\n      <").append(kind).append(">\n        <track>\n");
            int n = 0;
            for (CutList.Event e : c.events()) {
                if (e.gap() || (kind.equals("video") ? !e.video() : !e.audio())) {
                    continue;
                }
                n++;
                b.append("          <clipitem id=\"").append(kind).append("-clipitem-").append(n).append("\">\n");
                b.append("            <name>").append(xml(e.title())).append("</name>\n            <duration>").append(e.sourceFrames())
                        .append("</duration>\n            ").append(rate(e.sourceRate())).append("\n            <start>").append(e.recordIn())
                        .append("</start>\n            <end>").append(e.recordOut()).append("</end>\n            <in>").append(e.sourceIn())
                        .append("</in>\n            <out>").append(e.sourceOut()).append("</out>\n");
                String fileId = files.get(e.assetId());
                if (fileId != null) {
                    b.append("            <file id=\"").append(fileId).append("\"/>\n");
                } else {
                    fileId = "file-" + (files.size() + 1);
                    files.put(e.assetId(), fileId);
                    b.append("            <file id=\"").append(fileId).append("\">\n              <name>").append(xml(e.fileName()))
                            .append("</name>\n              <pathurl>").append(xml(url(e.fileName()))).append("</pathurl>\n              ")
                            .append(rate(e.sourceRate())).append("\n              <duration>").append(e.sourceFrames())
                            .append("</duration>\n              <timecode>").append(rate(e.sourceRate())).append("<string>")
                            .append(Timecode.format(e.sourceStartFrame(), e.sourceRate())).append("</string><frame>").append(e.sourceStartFrame())
                            .append("</frame><displayformat>").append(e.sourceRate().dropFrame() ? "DF" : "NDF").append("</displayformat><reel><name>")
                            .append(xml(e.reel())).append("</name></reel></timecode>\n              <media>")
                            .append(e.video() ? "<video/>" : "").append(e.audio() ? "<audio/>" : "").append("</media>\n            </file>\n");
                }
                b.append("            <comments><mastercomment1>").append(xml(e.archivalCode())).append("</mastercomment1><mastercomment2>")
                        .append(xml(e.sourceInTimecode() + "–" + e.sourceOutTimecode())).append("</mastercomment2></comments>\n");
                b.append("          </clipitem>\n");
            }
            b.append("        </track>\n      </").append(kind).append(">\n    </media>\n");
        }
        b.append("  </sequence>\n</xmeml>\n");
        // One <media> holding both tracks, as FCP7 writes it.
        return b.toString().replace("    </media>\n    <media>\n", "");
    }

    private static ObjectNode time(FrameRate rate, long frames) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("OTIO_SCHEMA", "RationalTime.1");
        t.put("rate", (double) rate.num() / rate.den());
        t.put("value", (double) frames);
        return t;
    }

    private static ObjectNode range(FrameRate rate, long start, long duration) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("OTIO_SCHEMA", "TimeRange.1");
        r.set("duration", time(rate, duration));
        r.set("start_time", time(rate, start));
        return r;
    }

    static String otio(CutList c) {
        ObjectNode tl = Json.mapper().createObjectNode();
        tl.put("OTIO_SCHEMA", "Timeline.1");
        tl.putObject("metadata").putObject("avmam").put("rate", c.rate().toString());
        tl.put("name", c.title());
        tl.set("global_start_time", time(c.rate(), c.recordStart()));
        ObjectNode stack = tl.putObject("tracks");
        stack.put("OTIO_SCHEMA", "Stack.1");
        stack.putObject("metadata");
        stack.put("name", "tracks");
        stack.putNull("source_range");
        stack.putArray("effects");
        stack.putArray("markers");
        ArrayNode tracks = stack.putArray("children");
        for (String kind : new String[] {"Video", "Audio"}) {
            ObjectNode track = tracks.addObject();
            track.put("OTIO_SCHEMA", "Track.1");
            track.putObject("metadata");
            track.put("name", kind.charAt(0) + "1");
            track.putNull("source_range");
            track.putArray("effects");
            track.putArray("markers");
            track.put("kind", kind);
            ArrayNode children = track.putArray("children");
            for (CutList.Event e : c.events()) {
                boolean on = !e.gap() && (kind.equals("Video") ? e.video() : e.audio());
                ObjectNode item = children.addObject();
                if (!on) {
                    item.put("OTIO_SCHEMA", "Gap.1");
                    item.putObject("metadata");
                    item.put("name", "");
                    item.set("source_range", range(c.rate(), 0, e.recordOut() - e.recordIn()));
                    item.putArray("effects");
                    item.putArray("markers");
                    continue;
                }
                item.put("OTIO_SCHEMA", "Clip.2");
                ObjectNode md = item.putObject("metadata").putObject("avmam");
                md.put("clip", e.clipId().toString());
                md.put("asset", e.assetId().toString());
                md.put("title", e.title());
                md.put("archivalCode", e.archivalCode());
                md.put("sourceFile", e.fileName());
                md.put("sourceIn", e.sourceInTimecode());
                md.put("sourceOut", e.sourceOutTimecode());
                md.put("reel", e.reel());
                item.put("name", e.title());
                // The record side is what a Track sums; the source range is in the source's own rate and timecode.
                item.set("source_range", range(e.sourceRate(), e.sourceStartFrame() + e.sourceIn(), e.sourceOut() - e.sourceIn()));
                item.putArray("effects");
                item.putArray("markers");
                item.put("active_media_reference_key", "DEFAULT_MEDIA");
                ObjectNode ref = item.putObject("media_references").putObject("DEFAULT_MEDIA");
                ref.put("OTIO_SCHEMA", "ExternalReference.1");
                ref.putObject("metadata");
                ref.put("name", e.fileName());
                ref.set("available_range", range(e.sourceRate(), e.sourceStartFrame(), e.sourceFrames()));
                ref.putNull("available_image_bounds");
                ref.put("target_url", url(e.fileName()));
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tl);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
