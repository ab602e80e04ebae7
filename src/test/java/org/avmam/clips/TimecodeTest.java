package org.avmam.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avmam.api.ApiException;
import org.junit.jupiter.api.Test;

class TimecodeTest {

    static final FrameRate NTSC = new FrameRate(30000, 1001);
    static final FrameRate NTSC60 = new FrameRate(60000, 1001);
    static final FrameRate PAL = new FrameRate(25, 1);

    @Test
    void dropFrameSkipsTwoFrameNumbersEachMinuteButTheTenth() {
        assertEquals("00:00:59;29", Timecode.format(1799, NTSC));
        assertEquals("00:01:00;02", Timecode.format(1800, NTSC));
        assertEquals("00:09:59;29", Timecode.format(17981, NTSC));
        assertEquals("00:10:00;00", Timecode.format(17982, NTSC));
        assertEquals("01:00:00;00", Timecode.format(107892, NTSC));
        assertEquals(107892, Timecode.frames("01:00:00;00", NTSC));
        assertEquals("00:01:00;04", Timecode.format(3600, NTSC60));
    }

    @Test
    void everyFrameOfTwoHoursRoundTrips() {
        for (FrameRate r : new FrameRate[] {NTSC, NTSC60, PAL, new FrameRate(24000, 1001)}) {
            long hours = r.frameAt(2 * 3600);
            for (long f = 0; f < hours; f += (f < 40_000 ? 1 : 7)) {
                assertEquals(f, Timecode.frames(Timecode.format(f, r), r), () -> r + " frame");
            }
        }
    }

    @Test
    void nonDropFrameCountsEveryFrame() {
        assertEquals(250, Timecode.frames("00:00:10:00", PAL));
        assertEquals("00:00:10:00", Timecode.format(250, PAL));
        assertEquals("00:00:10:00", Timecode.format(240, new FrameRate(24000, 1001)), "23.976 counts 24 a second, non-drop");
    }

    @Test
    void badTimecodesSayWhatIsWrong() {
        assertTrue(assertThrows(ApiException.class, () -> Timecode.frames("00:00:10:25", PAL)).getMessage().contains("beyond the 25 frames"));
        assertTrue(assertThrows(ApiException.class, () -> Timecode.frames("00:01:00;00", NTSC)).getMessage().contains("does not exist in drop-frame"));
        assertTrue(assertThrows(ApiException.class, () -> Timecode.frames("1:2:3", PAL)).getMessage().contains("HH:MM:SS:FF"));
        assertTrue(assertThrows(ApiException.class, () -> Timecode.frames("00:61:00:00", PAL)).getMessage().contains("59"));
    }

    @Test
    void ratesAreExactFractions() {
        assertEquals(NTSC, FrameRate.parse("29.97"));
        assertEquals(NTSC, FrameRate.parse("60000/2002"));
        assertEquals("1001/30000s", NTSC.rational(1));
        assertEquals("10s", PAL.rational(250));
        assertEquals(300, NTSC.frameAt(10.0), "10 s at 29.97 is frame 299.7, snapped to 300");
        assertTrue(NTSC.dropFrame());
        assertTrue(!PAL.dropFrame());
    }
}
