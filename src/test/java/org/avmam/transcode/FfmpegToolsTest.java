package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FfmpegToolsTest {

    @Test
    void readsTheVersionFromTheFirstLine() {
        assertEquals("5.1.6-0+deb12u1", FfmpegTools.parseVersion("ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers\nbuilt with gcc"));
        assertEquals("n4.4-78-g031c0cb0b4-static", FfmpegTools.parseVersion("ffmpeg version n4.4-78-g031c0cb0b4-static https://johnvansickle.com"));
    }
}
