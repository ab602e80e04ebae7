package org.avmam.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Bring an existing folder tree into the archive through a running avmam server.",
                "Each file goes up as a resumable (tus) upload with its XMP sidecar and its row of the CSV; files the "
                        + "archive already holds (same SHA-256) are skipped. Stop at any time and run the same command again "
                        + "to resume: finished files are remembered in DIR/.avmam-import."})
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The folder to import (walked recursively).")
    Path dir;

    @picocli.CommandLine.Mixin
    ServerOption server;

    @Option(names = "--batch", description = "Batch id the files belong to.")
    String batch;

    @Option(names = "--language", description = "BCP 47 language of speech in the files (default: the batch's or the server's).")
    String language;

    @Option(names = "--csv", description = "CSV of descriptive fields: a 'file' column (path relative to DIR, or file name) and any of "
            + "title, caption, keywords, creator, date, place, language.")
    Path csv;

    @Option(names = "--report", defaultValue = "avmam-import-report.csv", description = "Where to write the failures (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--threads", defaultValue = "2", description = "Files uploaded at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--chunk-mb", defaultValue = "16", description = "tus chunk size in MiB (default: ${DEFAULT-VALUE}).")
    int chunkMb;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println("avmam import: " + dir + " is not a folder");
            return 2;
        }
        Importer.Summary s = new Importer(server.server, server.token, batch, language, csv, Math.max(1, threads), chunkMb * 1024L * 1024L,
                new ProgressBar(System.err, System.console() != null)).run(dir, report);
        System.err.printf("%nImported %d, already held %d, failed %d of %d files in %.1f s (%.1f files/s).%s%n", s.uploaded(), s.skipped(),
                s.failed(), s.total(), s.seconds(), s.total() / Math.max(0.001, s.seconds()),
                s.failed() > 0 ? " Failures: " + report.toAbsolutePath() : "");
        return s.failed() > 0 ? 1 : 0;
    }
}
