package org.avmam.clips;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;

/**
 * SMPTE timecode ↔ frame counts, drop-frame included: at 29.97 the frame numbers 00 and 01 (at
 * 59.94, 00 to 03) are skipped at the start of every minute but each tenth, so that the timecode
 * keeps to the clock. Drop-frame is written with ';' before the frames.
 */
public final class Timecode {

    private static final Pattern TC = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})([:;.,])(\\d{2,3})");

    private Timecode() {}

    public static boolean looksLikeTimecode(String s) {
        return s != null && TC.matcher(s.strip()).matches();
    }

    /** The frame count of a timecode at a rate; 400 naming what is wrong when it is malformed or impossible. */
    public static long frames(String timecode, FrameRate rate) {
        Matcher m = timecode == null ? null : TC.matcher(timecode.strip());
        if (m == null || !m.matches()) {
            throw ApiException.badRequest("a timecode is HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame); got '{0}'", timecode);
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = Integer.parseInt(m.group(3));
        int f = Integer.parseInt(m.group(5));
        int fps = rate.nominal();
        if (min > 59 || s > 59) {
            throw ApiException.badRequest("timecode {0} has more than 59 minutes or seconds", timecode);
        }
        if (f >= fps) {
            throw ApiException.badRequest("timecode {0} has frame {1}, beyond the {2} frames a second of {3} (frames are 00 to {4})", timecode, f, fps, rate, String.format("%02d", fps - 1));
        }
        boolean drop = rate.dropFrame();
        long totalMinutes = 60L * h + min;
        if (drop) {
            int dropped = dropped(rate);
            if (s == 0 && f < dropped && min % 10 != 0) {
                throw ApiException.badRequest("timecode {0} does not exist in drop-frame: frames 00 to {1} are skipped at the start of minute {2}", timecode, String.format("%02d", dropped - 1), min);
            }
            return ((totalMinutes * 60) + s) * fps + f - dropped * (totalMinutes - totalMinutes / 10);
        }
        return ((totalMinutes * 60) + s) * fps + f;
    }

    /** The timecode of a frame count, drop-frame (with ';') at 29.97 and 59.94. */
    public static String format(long frames, FrameRate rate) {
        if (frames < 0) {
            throw new IllegalArgumentException("negative frame count " + frames);
        }
        int fps = rate.nominal();
        long f = frames;
        if (rate.dropFrame()) {
            int dropped = dropped(rate);
            long per10 = fps * 600L - dropped * 9L;
            long perMinute = fps * 60L - dropped;
            long tens = f / per10;
            long rest = f % per10;
            f += dropped * 9L * tens + (rest > dropped ? dropped * ((rest - dropped) / perMinute) : 0);
        }
        long ff = f % fps;
        long secs = f / fps;
        return String.format("%02d:%02d:%02d%s%02d", (secs / 3600) % 24, (secs / 60) % 60, secs % 60, rate.dropFrame() ? ";" : ":", ff);
    }

    private static int dropped(FrameRate rate) {
        return rate.nominal() == 60 ? 4 : 2;
    }
}
