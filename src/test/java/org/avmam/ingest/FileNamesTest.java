package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertEquals("passwd.jpg", FileNames.sanitise("../../etc/passwd.jpg"));
        assertEquals("a.jpg", FileNames.sanitise("C:\\shoot\\2024\\a.jpg"));
    }

    @Test
    void dropsControlCharactersAndKeepsChinese() {
        assertEquals("开幕式 01.jpg", FileNames.sanitise("开幕式\u0000 01.jpg\r\n"));
        assertEquals("evil.jpg", FileNames.sanitise("evil\u202e.jpg"));
    }

    @Test
    void normalisesToNfc() {
        String nfd = "Cafe\u0301.jpg";
        assertEquals("Caf\u00e9.jpg", FileNames.sanitise(nfd));
    }

    @Test
    void neverEmptyOrADotName() {
        assertEquals("unnamed", FileNames.sanitise(null));
        assertEquals("unnamed", FileNames.sanitise(""));
        assertEquals("unnamed", FileNames.sanitise(".."));
        assertEquals("unnamed", FileNames.sanitise("dir/"));
    }

    @Test
    void capsTheLength() {
        assertEquals(255, FileNames.sanitise("x".repeat(1000)).length());
    }
}
