package org.avmam.speech;

import java.util.List;
import java.util.Locale;

/** Transcript segments as WebVTT, SubRip and plain text. Pure. */
public final class CaptionFormats {

    private CaptionFormats() {}

    public static String webVtt(List<Segment> segments) {
        StringBuilder b = new StringBuilder("WEBVTT\n");
        for (Segment s : segments) {
            b.append('\n').append(s.id()).append('\n')
                    .append(timestamp(s.start(), '.')).append(" --> ").append(timestamp(s.end(), '.')).append('\n')
                    .append(s.speaker() == null ? "" : "<v " + cue(s.speaker()) + ">")
                    .append(cue(s.text())).append('\n');
        }
        return b.toString();
    }

    public static String srt(List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (Segment s : segments) {
            b.append(n++).append('\n')
                    .append(timestamp(s.start(), ',')).append(" --> ").append(timestamp(s.end(), ',')).append('\n')
                    .append(s.speaker() == null ? "" : s.speaker() + ": ")
                    .append(s.text().replace("\n", " ")).append("\n\n");
        }
        return b.toString();
    }

    public static String text(List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append('[').append(timestamp(s.start(), '.'), 0, 8).append("] ")
                    .append(s.speaker() == null ? "" : s.speaker() + ": ")
                    .append(s.text()).append('\n');
        }
        return b.toString();
    }

    /** hh:mm:ss.mmm (WebVTT) or hh:mm:ss,mmm (SubRip). */
    static String timestamp(double seconds, char decimal) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, decimal, ms % 1000);
    }

    /** WebVTT cue text may not contain "-->" and must escape & and <. */
    private static String cue(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("-->", "→").replace("\n", " ");
    }
}
