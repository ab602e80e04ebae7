package org.avmam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's figures into docs/benchmarks.md, replacing its own section (between
 * {@code <!-- bench:NAME -->} markers) and leaving the other benchmarks' sections alone.
 */
public final class BenchmarkReport {

    private static final Path FILE = Path.of("docs/benchmarks.md");

    private BenchmarkReport() {}

    /** A fresh work folder with the packaged service running on it in its own JVM ({@code env} adds to the data folder). */
    static org.avmam.ServiceProcess startService(Path work, java.util.List<String> jvmOptions, java.util.Map<String, String> env)
            throws Exception {
        org.avmam.common.FileTrees.clear(work);
        java.util.Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AVMAM_DATA_DIR", work.resolve("data").toString());
        return org.avmam.ServiceProcess.start(org.avmam.ServiceProcess.JAR, jvmOptions(jvmOptions), all, work.resolve("server.log"));
    }

    /** The benchmark's JVM options for a service it measures, with {@code -Dbench.service-jvm-options} added. */
    static java.util.List<String> jvmOptions(java.util.List<String> jvmOptions) {
        // -Dbench.service-jvm-options="-XX:StartFlightRecording=filename=…": to see where a benchmarked service spends its time.
        java.util.List<String> options = new java.util.ArrayList<>(jvmOptions);
        String extra = System.getProperty("bench.service-jvm-options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(java.util.List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** The service's base URL without the trailing slash, for appending "/api/...". */
    static java.net.URI base(org.avmam.ServiceProcess server) {
        return java.net.URI.create(server.uri("/").toString().replaceAll("/$", ""));
    }

    /** Stops the service (if it started) and writes the section, also to the console. */
    static void finish(org.avmam.ServiceProcess server, String name, CharSequence markdown) throws Exception {
        if (server != null) {
            server.close();
        }
        write(name, markdown.toString());
        System.out.println(markdown);
    }

    public static void write(String name, String markdown) throws IOException {
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
