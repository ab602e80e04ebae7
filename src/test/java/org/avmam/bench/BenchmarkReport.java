package org.avmam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's figures into docs/benchmarks.md, replacing its own section (between
 * {@code <!-- bench:NAME -->} markers) and leaving the other benchmarks' sections alone.
 */
final class BenchmarkReport {

    private static final Path FILE = Path.of("docs/benchmarks.md");

    private BenchmarkReport() {}

    static void write(String name, String markdown) throws IOException {
        String begin = "<!-- bench:" + name + " -->";
        String end = "<!-- /bench:" + name + " -->";
        String section = begin + "\n" + markdown.strip() + "\n\n_Measured " + LocalDate.now() + " on this machine ("
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature() + ")._\n" + end;
        String doc = Files.exists(FILE) ? Files.readString(FILE) : "# Benchmarks\n\nRun with `./mvnw -Pbench verify`.\n";
        int b = doc.indexOf(begin);
        int e = doc.indexOf(end);
        doc = b >= 0 && e > b ? doc.substring(0, b) + section + doc.substring(e + end.length()) : doc.strip() + "\n\n" + section + "\n";
        Files.writeString(FILE, doc);
    }
}
