package org.avmam.ingest;

import java.text.Normalizer;

/** Client-supplied file names, made safe to show, log and use as a download name. */
public final class FileNames {

    private static final int MAX_LENGTH = 255;

    private FileNames() {}

    /**
     * The last path segment (browsers and tools send "C:\\shoot\\a.jpg" or "../../x"), without
     * control characters, NFC-normalised (macOS sends NFD Chinese and accents), at most 255 chars.
     */
    public static String sanitise(String name) {
        if (name == null) {
            return "unnamed";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        String clean = out.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "unnamed";
        }
        if (clean.codePointCount(0, clean.length()) > MAX_LENGTH) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_LENGTH));
        }
        return clean;
    }
}
