package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.avmam.transcode.FileDelivery.ByteRange;
import org.junit.jupiter.api.Test;

class FileDeliveryTest {

    @Test
    void parsesTheThreeSingleRangeForms() throws Exception {
        assertEquals(Optional.of(new ByteRange(0, 99)), FileDelivery.parseRange("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(500, 999)), FileDelivery.parseRange("bytes=500-", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), FileDelivery.parseRange("bytes=-100", 1000));
    }

    @Test
    void clampsTheEndToTheFile() throws Exception {
        assertEquals(Optional.of(new ByteRange(10, 999)), FileDelivery.parseRange("bytes=10-5000", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), FileDelivery.parseRange("bytes=-5000", 1000));
    }

    @Test
    void servesTheWholeFileForFormsItDoesNotHandle() throws Exception {
        assertEquals(Optional.empty(), FileDelivery.parseRange(null, 1000));
        assertEquals(Optional.empty(), FileDelivery.parseRange("bytes=0-1,5-6", 1000));
        assertEquals(Optional.empty(), FileDelivery.parseRange("items=0-1", 1000));
        assertEquals(Optional.empty(), FileDelivery.parseRange("bytes=9-3", 1000));
    }

    @Test
    void refusesRangesPastTheEnd() {
        assertThrows(FileDelivery.RangeNotSatisfiable.class, () -> FileDelivery.parseRange("bytes=1000-", 1000));
        assertThrows(FileDelivery.RangeNotSatisfiable.class, () -> FileDelivery.parseRange("bytes=-0", 1000));
    }
}
