package org.avmam.metadata;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Impossible values in embedded metadata (a latitude of 213°, a photo taken in 1601 or next
 * year, a picture of zero pixels) are kept in the raw record, left out of the indexed one, and
 * named in a warning: they never fail an asset, and they never reach a {@code geo_point} or a
 * date facet.
 */
public final class Plausible {

    /** The year of the first surviving photograph (Niépce): no photo is older. */
    static final int FIRST_PHOTOGRAPH = 1826;

    private Plausible() {}

    /** A latitude (bound 90) or longitude (bound 180), or null with a warning when it is beyond the bound or not a number. */
    public static Double coordinate(Double value, double bound, String name, List<String> warnings) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite() || Math.abs(value) > bound) {
            warnings.add(name + " " + value + "° is beyond ±" + (int) bound + "°: kept in the raw metadata, left out of the record");
            return null;
        }
        return value;
    }

    /**
     * A date-time as ISO ("2024-05-01T10:15:30…") or EXIF writes it ("2024:05:01 10:15:30"), or null
     * with a warning when its year is before 1826 or it is in the future.
     */
    public static String date(String iso, String name, List<String> warnings) {
        if (iso == null || iso.length() < 10) {
            return iso;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(iso.substring(0, 10).replace(':', '-'));
        } catch (java.time.format.DateTimeParseException e) {
            warnings.add(name + " '" + iso + "' is not a calendar date: kept in the raw metadata, left out of the record");
            return null;
        }
        // A day of slack: a camera clock set to a time zone ahead of the server's is not in the future.
        if (day.getYear() < FIRST_PHOTOGRAPH || day.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            warnings.add(name + " " + iso + " is " + (day.getYear() < FIRST_PHOTOGRAPH ? "before " + FIRST_PHOTOGRAPH + ", the first photograph"
                    : "in the future") + ": kept in the raw metadata, left out of the record");
            return null;
        }
        return iso;
    }

    /** A width or height, or null with a warning when it is zero or negative. */
    public static Integer dimension(Integer value, String name, List<String> warnings) {
        if (value != null && value <= 0) {
            warnings.add(name + " " + value + " is not a size: kept in the raw metadata, left out of the record");
            return null;
        }
        return value;
    }

    /** A duration in seconds, or null with a warning when it is negative or not a number. */
    public static Double duration(Double seconds, List<String> warnings) {
        if (seconds != null && (seconds.isNaN() || seconds < 0)) {
            warnings.add("duration " + seconds + " s is impossible: kept in the raw metadata, left out of the record");
            return null;
        }
        return seconds;
    }
}
