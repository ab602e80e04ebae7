package org.avmam.clips;

import java.util.List;
import java.util.UUID;

/**
 * A sequence as every cut-list format needs it: per event its source (file name, archival code,
 * reel), its source in and out (frames of the source's rate from the file's first frame, and as
 * the source's own timecode) and its place on the record side (frames of the sequence's rate).
 */
public record CutList(String title, FrameRate rate, long recordStart, List<Event> events) {

    /** The conventional start of a programme's record timecode: 01:00:00:00. */
    public static long hourOne(FrameRate rate) {
        return Timecode.frames(rate.dropFrame() ? "01:00:00;00" : "01:00:00:00", rate);
    }

    public record Event(int number, boolean gap, UUID clipId, UUID assetId, String title, String fileName, String archivalCode, String reel,
            boolean video, boolean audio, Integer width, Integer height, FrameRate sourceRate, long sourceFrames, String sourceStartTimecode,
            long sourceIn, long sourceOut, long recordIn, long recordOut) {

        long sourceStartFrame() {
            return sourceStartTimecode == null ? 0 : Timecode.frames(sourceStartTimecode, sourceRate);
        }

        String sourceInTimecode() {
            return Timecode.format(sourceStartFrame() + sourceIn, sourceRate);
        }

        String sourceOutTimecode() {
            return Timecode.format(sourceStartFrame() + sourceOut, sourceRate);
        }
    }

    public long duration() {
        return events.isEmpty() ? 0 : events.getLast().recordOut();
    }
}
