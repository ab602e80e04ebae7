package org.avmam.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing folders with what is in them (rendition folders, the temp folders of render attempts). */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code p} and everything below it; nothing happens if it does not exist. */
    public static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** Empties the folder {@code dir}, keeping the folder. */
    public static void clear(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
    }
}
