package org.avmam.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where renditions are kept besides the node's data folder when {@code avmam.storage.renditions=
 * primary}: in the primary bucket under {@code derived/<relative path>}. The data folder then is a
 * cache of them: a node that lacks a file fetches it on first use, so nodes need not share a folder.
 */
public interface DerivedFiles {

    /** Stores the file under the key (a relative path such as {@code renditions/ab/<asset>/<profile>/poster.jpg}). */
    void put(String key, Path file) throws IOException;

    /** Fetches the key into {@code target} (written whole, then renamed into place); false when there is no such object. */
    boolean fetch(String key, Path target) throws IOException;

    /** Removes every object whose key starts with {@code prefix}. */
    void deleteUnder(String prefix) throws IOException;
}
