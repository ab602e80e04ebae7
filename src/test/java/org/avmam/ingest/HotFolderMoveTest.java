package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files set aside by the hot folder never overwrite each other: cameras restart at IMG_0001.JPG. */
class HotFolderMoveTest {

    @TempDir
    Path dir;

    @Test
    void aSecondFileOfTheSameNameIsNumberedWithItsSidecar() throws Exception {
        Path failed = dir.resolve(".failed");
        for (String card : new String[] {"card A", "card B", "card C"}) {
            Path drop = Files.createDirectories(dir.resolve("drop-" + card.charAt(5)));
            Path photo = Files.writeString(drop.resolve("IMG_0001.JPG"), "photo from " + card);
            Path xmp = Files.writeString(drop.resolve("IMG_0001.xmp"), "sidecar from " + card);
            HotFolder.moveWithSidecar(photo, xmp, failed);
        }
        assertEquals("photo from card A", Files.readString(failed.resolve("IMG_0001.JPG")));
        assertEquals("photo from card B", Files.readString(failed.resolve("IMG_0001 (2).JPG")));
        assertEquals("sidecar from card B", Files.readString(failed.resolve("IMG_0001 (2).xmp")));
        assertEquals("photo from card C", Files.readString(failed.resolve("IMG_0001 (3).JPG")));
        assertEquals("IMG_0001 (2)", HotFolder.numbered("IMG_0001", 2));
    }
}
