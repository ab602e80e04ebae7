package org.avmam.clips;

import java.math.BigInteger;
import org.avmam.api.ApiException;

/**
 * A frame rate as an exact fraction (30000/1001, not 29.97), with what timecode makes of it:
 * the nominal frames per second (30 for 29.97) and whether its timecode is drop-frame.
 */
public record FrameRate(long num, long den) {

    /** Audio has no frames; its clips snap to EBU's 25 per second, the rate broadcast audio timecode counts in. */
    public static final FrameRate AUDIO = new FrameRate(25, 1);

    public FrameRate {
        if (num <= 0 || den <= 0) {
            throw new IllegalArgumentException("a frame rate is positive: " + num + "/" + den);
        }
        long g = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).longValueExact();
        num /= g;
        den /= g;
    }

    /** "30000/1001", "25/1", "25" or "29.97" (a decimal of the NTSC rates is taken as the exact fraction). */
    public static FrameRate parse(String s) {
        if (s == null || s.isBlank()) {
            throw ApiException.badRequest("a frame rate is a fraction like 30000/1001 or 25/1");
        }
        String t = s.strip();
        try {
            int slash = t.indexOf('/');
            if (slash > 0) {
                return new FrameRate(Long.parseLong(t.substring(0, slash)), Long.parseLong(t.substring(slash + 1)));
            }
            if (!t.contains(".")) {
                return new FrameRate(Long.parseLong(t), 1);
            }
            double d = Double.parseDouble(t);
            for (long n : new long[] {24000, 30000, 60000}) {
                if (Math.abs(d - n / 1001.0) < 0.01) {
                    return new FrameRate(n, 1001);
                }
            }
            return new FrameRate(Math.round(d * 1000), 1000);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest("a frame rate is a fraction like 30000/1001 or 25/1 (got '{0}')", s);
        }
    }

    /** Frames per second as timecode counts them: 30 for 29.97, 24 for 23.976. */
    public int nominal() {
        return (int) Math.round((double) num / den);
    }

    /** 29.97 and 59.94 count in drop-frame timecode (frame numbers skipped so the clock keeps time). */
    public boolean dropFrame() {
        return den == 1001 && (num == 30000 || num == 60000);
    }

    /** The nearest frame boundary to a time in seconds. */
    public long frameAt(double seconds) {
        return Math.round(seconds * num / den);
    }

    public double seconds(long frames) {
        return (double) frames * den / num;
    }

    /** The exact time of a frame boundary, as FCPXML writes it: "1001/30000s", "10s". */
    public String rational(long frames) {
        BigInteger n = BigInteger.valueOf(frames).multiply(BigInteger.valueOf(den));
        BigInteger d = BigInteger.valueOf(num);
        BigInteger g = n.gcd(d);
        if (g.signum() == 0) {
            return "0s";
        }
        n = n.divide(g);
        d = d.divide(g);
        return d.equals(BigInteger.ONE) ? n + "s" : n + "/" + d + "s";
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
