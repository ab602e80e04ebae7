package org.avmam.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/** Lets the benchmarks (another package) run the importer. */
public final class ImportAccess {

    private ImportAccess() {}

    /** Returns {uploaded, skipped, failed}. */
    public static int[] run(URI server, String token, Path dir, Path report, PrintStream progress) throws Exception {
        Importer.Summary s = new Importer(server, token, null, null, null, 4, 16L << 20, new ProgressBar(progress, false)).run(dir, report);
        return new int[] {s.uploaded(), s.skipped(), s.failed()};
    }
}
