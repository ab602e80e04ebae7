package org.avmam.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Strict readers of the four cut-list formats, written from their specifications (CMX3600, FCPXML
 * 1.10, FCP7 XML version 5, OpenTimelineIO's JSON schemas), independent of the writers: each reads
 * back what an editing application would, refuses what it would not, and checks the timeline is
 * continuous. Each answers the cuts in order: source file, title, source in and out timecode, and
 * the record in and out in frames of the sequence from its start.
 */
final class CutListReaders {

    record Cut(String file, String title, String sourceIn, String sourceOut, long recordIn, long recordOut) {}

    static final FrameRate RECORD = new FrameRate(30000, 1001);

    private CutListReaders() {}

    private static final String TC = "\\d{2}:\\d{2}:\\d{2}[:;]\\d{2}";
    private static final Pattern EVENT = Pattern.compile("(\\d{3})  (\\S{1,8}) +(V|A|A2|AA|B|AA/V) +C +(" + TC + ") (" + TC + ") (" + TC + ") (" + TC + ")");

    /** CMX3600: TITLE, FCM, then events of a 3-digit number, a reel of at most 8 characters, track, transition and four timecodes. */
    static List<Cut> edl(String text) {
        String[] lines = text.split("\r\n", -1);
        assertTrue(lines[0].startsWith("TITLE: ") && lines[0].length() <= 77, "TITLE line: " + lines[0]);
        assertTrue(lines[1].equals("FCM: DROP FRAME") || lines[1].equals("FCM: NON-DROP FRAME"), "FCM line: " + lines[1]);
        List<Cut> cuts = new ArrayList<>();
        Map<String, String> reelFiles = new HashMap<>();
        long expectedRecord = -1;
        int expectedNumber = 1;
        String[] pending = null;
        for (int i = 2; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            for (char ch : l.toCharArray()) {
                assertTrue(ch >= 0x20 && ch <= 0x7e, "EDLs are 7-bit ASCII: " + l);
            }
            Matcher m = EVENT.matcher(l);
            if (m.matches()) {
                flush(pending, cuts);
                assertEquals(expectedNumber++, Integer.parseInt(m.group(1)), "events are numbered in order");
                long recIn = Timecode.frames(m.group(6), RECORD);
                long recOut = Timecode.frames(m.group(7), RECORD);
                if (expectedRecord >= 0) {
                    assertEquals(expectedRecord, recIn, "record side continuous at " + l);
                }
                expectedRecord = recOut;
                assertTrue(recOut > recIn, l);
                long start = CutList.hourOne(RECORD);
                pending = m.group(2).equals("BL") ? null
                        : new String[] {m.group(2), m.group(4), m.group(5), String.valueOf(recIn - start), String.valueOf(recOut - start), null, null};
                continue;
            }
            if (l.startsWith("* REEL ")) {
                String[] p = l.substring(7).split(" = ", 2);
                assertTrue(p[0].length() <= 8, "reel table names 8-character reels: " + l);
                reelFiles.put(p[0], p[1]);
                continue;
            }
            if (l.startsWith("* FROM CLIP NAME: ") && pending != null) {
                pending[5] = unescape(l.substring(18));
                continue;
            }
            if (l.startsWith("* SOURCE FILE: ") && pending != null) {
                pending[6] = unescape(l.substring(15));
                assertTrue(reelFiles.get(pending[0]).endsWith(pending[6]), "reel " + pending[0] + " is listed for " + pending[6]);
                continue;
            }
            if (l.startsWith("* ")) {
                continue;
            }
            fail("not a CMX3600 line: '" + l + "'");
        }
        flush(pending, cuts);
        return cuts;
    }

    private static void flush(String[] p, List<Cut> cuts) {
        if (p != null) {
            cuts.add(new Cut(p[6], p[5], p[1], p[2], Long.parseLong(p[3]), Long.parseLong(p[4])));
        }
    }

    private static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9A-F]{4})").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(b).toString();
    }

    /** A time as FCPXML writes it: a whole or rational number of seconds, "1001/30000s". */
    record Time(BigInteger num, BigInteger den) {
        static final Pattern RATIONAL = Pattern.compile("(\\d+)(?:/(\\d+))?s");

        static Time parse(String s) {
            Matcher m = RATIONAL.matcher(s);
            assertTrue(m.matches(), "an FCPXML time is N/Ds or Ns: '" + s + "'");
            return new Time(new BigInteger(m.group(1)), m.group(2) == null ? BigInteger.ONE : new BigInteger(m.group(2)));
        }

        Time plus(Time o) {
            return new Time(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)).reduced();
        }

        Time minus(Time o) {
            return new Time(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den)).reduced();
        }

        Time reduced() {
            BigInteger g = num.gcd(den);
            return g.signum() == 0 ? this : new Time(num.divide(g), den.divide(g));
        }

        /** The nearest frame: a source at another rate than the sequence's is conformed, its out falling between frames. */
        long nearestFrame(Time frameDuration) {
            BigInteger n = num.multiply(frameDuration.den).multiply(BigInteger.TWO).add(den.multiply(frameDuration.num));
            return n.divide(den.multiply(frameDuration.num).multiply(BigInteger.TWO)).longValueExact();
        }

        /** A whole number of frames at this frame duration, or the test fails: edits fall on frame boundaries. */
        long frames(Time frameDuration) {
            BigInteger n = num.multiply(frameDuration.den);
            BigInteger d = den.multiply(frameDuration.num);
            assertEquals(BigInteger.ZERO, n.mod(d), this + " is not on a frame boundary of " + frameDuration);
            return n.divide(d).longValueExact();
        }
    }

    private static Document xml(String text, String doctype) throws Exception {
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE " + doctype + ">"), "XML declaration and DOCTYPE");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (name == null || c.getTagName().equals(name))) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        assertEquals(1, c.size(), "one <" + name + "> in <" + e.getTagName() + ">");
        return c.getFirst();
    }

    private static FrameRate rate(Time frameDuration) {
        return new FrameRate(frameDuration.den.longValueExact(), frameDuration.num.longValueExact());
    }

    static String fileOf(String url) {
        assertTrue(url.startsWith("media/"), "media are referred to relative to the package: " + url);
        return URLDecoder.decode(url.substring(6), StandardCharsets.UTF_8);
    }

    /** FCPXML 1.10: resources (format, asset with media-rep), then library/event/project/sequence/spine of asset-clips and gaps. */
    static List<Cut> fcpxml(String text) throws Exception {
        Element root = xml(text, "fcpxml").getDocumentElement();
        assertEquals("fcpxml", root.getTagName());
        assertEquals("1.10", root.getAttribute("version"));
        Map<String, Element> resources = new HashMap<>();
        for (Element r : children(child(root, "resources"), null)) {
            assertTrue(Set.of("format", "asset").contains(r.getTagName()), r.getTagName());
            assertTrue(resources.put(r.getAttribute("id"), r) == null, "resource ids are unique");
        }
        Element sequence = child(child(child(child(root, "library"), "event"), "project"), "sequence");
        Element format = resources.get(sequence.getAttribute("format"));
        Time frame = Time.parse(format.getAttribute("frameDuration"));
        FrameRate seqRate = rate(frame);
        Time start = Time.parse(sequence.getAttribute("tcStart"));
        assertEquals(seqRate.dropFrame() ? "DF" : "NDF", sequence.getAttribute("tcFormat"));
        Time at = start;
        List<Cut> cuts = new ArrayList<>();
        for (Element item : children(child(sequence, "spine"), null)) {
            Time offset = Time.parse(item.getAttribute("offset"));
            Time duration = Time.parse(item.getAttribute("duration"));
            assertEquals(at.reduced(), offset.reduced(), "the spine is continuous");
            at = offset.plus(duration);
            long recIn = offset.minus(start).frames(frame);
            long recOut = at.minus(start).frames(frame);
            switch (item.getTagName()) {
                case "gap" -> { }
                case "asset-clip" -> {
                    Element asset = resources.get(item.getAttribute("ref"));
                    assertEquals("asset", asset.getTagName(), "asset-clip refers to an asset");
                    Element srcFormat = asset.hasAttribute("format") ? resources.get(asset.getAttribute("format")) : format;
                    Time srcFrame = Time.parse(srcFormat.getAttribute("frameDuration"));
                    FrameRate srcRate = rate(srcFrame);
                    Time in = Time.parse(item.getAttribute("start"));
                    Time assetStart = Time.parse(asset.getAttribute("start"));
                    assertTrue(in.minus(assetStart).num.signum() >= 0, "the clip starts inside its asset");
                    String src = child(asset, "media-rep").getAttribute("src");
                    assertTrue(!child(item, "note").getTextContent().isBlank(), "a note names the archival record");
                    cuts.add(new Cut(fileOf(src), item.getAttribute("name"), Timecode.format(in.frames(srcFrame), srcRate),
                            Timecode.format(srcRate.equals(seqRate) ? in.plus(duration).frames(srcFrame) : in.plus(duration).nearestFrame(srcFrame),
                                    srcRate), recIn, recOut));
                }
                default -> fail("not a spine element: " + item.getTagName());
            }
        }
        assertEquals(at.reduced(), start.plus(Time.parse(sequence.getAttribute("duration"))).reduced(), "sequence duration");
        return cuts;
    }

    private static FrameRate xmemlRate(Element rate) {
        int timebase = Integer.parseInt(child(rate, "timebase").getTextContent());
        boolean ntsc = child(rate, "ntsc").getTextContent().equals("TRUE");
        return ntsc ? new FrameRate(timebase * 1000L, 1001) : new FrameRate(timebase, 1);
    }

    /** FCP7 XML (xmeml 5): sequence with rate and timecode, media/video/track/clipitem with start, end, in, out and file. */
    static List<Cut> xmeml(String text) throws Exception {
        Element root = xml(text, "xmeml").getDocumentElement();
        assertEquals("5", root.getAttribute("version"));
        Element sequence = child(root, "sequence");
        FrameRate seqRate = xmemlRate(child(sequence, "rate"));
        assertEquals(RECORD, seqRate);
        Element tc = child(sequence, "timecode");
        assertEquals(seqRate.dropFrame() ? "DF" : "NDF", child(tc, "displayformat").getTextContent());
        assertEquals(Long.parseLong(child(tc, "frame").getTextContent()), Timecode.frames(child(tc, "string").getTextContent(), seqRate));
        Map<String, Element> files = new HashMap<>();
        List<Cut> cuts = new ArrayList<>();
        long lastEnd = 0;
        for (Element item : children(child(child(child(sequence, "media"), "video"), "track"), "clipitem")) {
            Element file = child(item, "file");
            if (!children(file, "pathurl").isEmpty()) {
                files.put(file.getAttribute("id"), file);
            }
            file = files.get(file.getAttribute("id"));
            assertTrue(file != null, "a clipitem's file is defined where first used");
            FrameRate srcRate = xmemlRate(child(file, "rate"));
            long fileStart = Long.parseLong(child(child(file, "timecode"), "frame").getTextContent());
            long start = Long.parseLong(child(item, "start").getTextContent());
            long end = Long.parseLong(child(item, "end").getTextContent());
            long in = Long.parseLong(child(item, "in").getTextContent());
            long out = Long.parseLong(child(item, "out").getTextContent());
            assertTrue(start >= lastEnd && end > start && out > in, "clipitems in order, non-empty");
            if (srcRate.equals(seqRate)) {
                assertEquals(end - start, out - in, "same rate: as long on both sides");
            }
            lastEnd = end;
            cuts.add(new Cut(fileOf(child(file, "pathurl").getTextContent()), child(item, "name").getTextContent(),
                    Timecode.format(fileStart + in, srcRate), Timecode.format(fileStart + out, srcRate), start, end));
        }
        return cuts;
    }

    private static double seconds(JsonNode time) {
        assertEquals("RationalTime.1", time.path("OTIO_SCHEMA").asText());
        return time.path("value").asDouble() / time.path("rate").asDouble();
    }

    /** OpenTimelineIO: Timeline.1 → Stack.1 → Track.1 (Video) of Clip.2 and Gap.1, each with a TimeRange.1 source range. */
    static List<Cut> otio(String text) throws Exception {
        JsonNode tl = new ObjectMapper().readTree(text);
        assertEquals("Timeline.1", tl.path("OTIO_SCHEMA").asText());
        assertEquals("Stack.1", tl.path("tracks").path("OTIO_SCHEMA").asText());
        FrameRate seqRate = FrameRate.parse(String.valueOf(tl.path("global_start_time").path("rate").asDouble()));
        assertEquals(RECORD, seqRate);
        JsonNode video = null;
        for (JsonNode t : tl.path("tracks").path("children")) {
            assertEquals("Track.1", t.path("OTIO_SCHEMA").asText());
            if (t.path("kind").asText().equals("Video")) {
                video = t;
            }
        }
        assertTrue(video != null, "a video track");
        List<Cut> cuts = new ArrayList<>();
        double at = 0;
        for (JsonNode item : video.path("children")) {
            JsonNode range = item.path("source_range");
            assertEquals("TimeRange.1", range.path("OTIO_SCHEMA").asText());
            double duration = seconds(range.path("duration"));
            long recIn = Math.round(at * seqRate.num() / seqRate.den());
            at += duration;
            long recOut = Math.round(at * seqRate.num() / seqRate.den());
            switch (item.path("OTIO_SCHEMA").asText()) {
                case "Gap.1" -> { }
                case "Clip.2" -> {
                    JsonNode ref = item.path("media_references").path(item.path("active_media_reference_key").asText());
                    assertEquals("ExternalReference.1", ref.path("OTIO_SCHEMA").asText());
                    FrameRate srcRate = FrameRate.parse(String.valueOf(range.path("start_time").path("rate").asDouble()));
                    long in = Math.round(range.path("start_time").path("value").asDouble());
                    long length = Math.round(range.path("duration").path("value").asDouble());
                    cuts.add(new Cut(fileOf(ref.path("target_url").asText()), item.path("name").asText(), Timecode.format(in, srcRate),
                            Timecode.format(in + length, srcRate), recIn, recOut));
                }
                default -> fail("not a track item: " + item.path("OTIO_SCHEMA").asText());
            }
        }
        return cuts;
    }
}
