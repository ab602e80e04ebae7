package org.avmam.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The archive files of a folder tree: regular, visible files; sidecars, CSVs and dot-folders are not. */
public final class FolderWalk {

    private FolderWalk() {}

    public static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !name.endsWith(".xmp") && !name.endsWith(".csv");
                    })
                    .sorted()
                    .toList();
        }
    }
}
