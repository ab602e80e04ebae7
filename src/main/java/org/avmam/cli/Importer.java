package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.avmam.ingest.FolderWalk;
import org.avmam.ingest.Supplied;
import org.avmam.ingest.sidecar.XmpSidecar;

/**
 * Walks a folder and brings every file into the archive through the server's API. What is done is
 * appended to {@code DIR/.avmam-import} as it happens, with the server it went to, so a stopped
 * import resumes where it was.
 */
final class Importer {

    static final String STATE_FILE = ".avmam-import";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String batch;
    private final String language;
    private final Path csv;
    private final int threads;
    private final ProgressBar progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final TusClient tus;

    record Summary(int total, int uploaded, int skipped, int failed, double seconds) {}

    private final String token;

    Importer(URI server, String token, String batch, String language, Path csv, int threads, long chunkBytes, ProgressBar progress) {
        this.token = token;
        this.server = server;
        this.batch = batch;
        this.language = language;
        this.csv = csv;
        this.threads = threads;
        this.progress = progress;
        this.tus = new TusClient(http, server, chunkBytes, token);
    }

    Summary run(Path dir, Path report) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path root = dir.toAbsolutePath().normalize();
        Map<String, Supplied> rows = csv == null ? Map.of() : readCsv(csv);
        Map<String, String> rowLanguages = csv == null ? Map.of() : readCsvLanguages(csv);
        List<Path> files = FolderWalk.files(root);
        Path stateFile = root.resolve(STATE_FILE);
        // The journal says what went to which archive: a folder imported into a test server is not "done" for production.
        String archive = server.resolve("/").toString();
        Set<String> done = readState(stateFile, archive);
        AtomicInteger uploaded = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int total = files.size();
        try (BufferedWriter state = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND);
             CSVPrinter failures = new CSVPrinter(Files.newBufferedWriter(report, StandardCharsets.UTF_8),
                     CSVFormat.DEFAULT.builder().setHeader("file", "outcome", "reason").get());
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (Path file : files) {
                work.add(pool.submit(() -> {
                    String rel = root.relativize(file).toString();
                    try {
                        String key = key(rel, file);
                        if (done.contains(key)) {
                            skipped.incrementAndGet();
                        } else {
                            String sha = sha256(file);
                            String held = heldAs(sha);
                            String assetLocation;
                            if (held != null) {
                                skipped.incrementAndGet();
                                assetLocation = held;
                            } else {
                                Supplied supplied = rows.getOrDefault(rel, rows.getOrDefault(file.getFileName().toString(), Supplied.NONE));
                                try {
                                    supplied = supplied.orElse(sidecar(file));
                                } catch (IOException malformed) {
                                    // The file still goes in, without what its sidecar would have said.
                                    report(failures, rel, "warning", malformed.getMessage());
                                }
                                assetLocation = tus.upload(file, metadata(file, supplied,
                                        rowLanguages.getOrDefault(rel, rowLanguages.get(file.getFileName().toString()))));
                                uploaded.incrementAndGet();
                            }
                            synchronized (state) {
                                state.write(key + "\t" + sha + "\t" + assetLocation + "\t" + archive + "\n");
                                state.flush();
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        report(failures, rel, "failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    }
                    progress.update(finished.incrementAndGet(), total, skipped.get(), failed.get());
                }));
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
        }
        progress.update(finished.get(), total, skipped.get(), failed.get());
        return new Summary(total, uploaded.get(), skipped.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private static void report(CSVPrinter report, String file, String outcome, String reason) {
        synchronized (report) {
            try {
                report.printRecord(file, outcome, reason);
                report.flush();
            } catch (IOException ignored) {
                // The summary's counts still say what happened.
            }
        }
    }

    private Map<String, String> metadata(Path file, Supplied s, String rowLanguage) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", file.getFileName().toString());
        m.put("batch", batch);
        m.put("language", rowLanguage != null && !rowLanguage.isBlank() ? rowLanguage : language);
        m.put("title", s.title());
        m.put("caption", s.caption());
        m.put("keywords", s.keywords() == null ? null : String.join(",", s.keywords()));
        m.put("creator", s.creator());
        m.put("date", s.date());
        m.put("place", s.place());
        m.put("event", s.event());
        m.put("persons", s.persons() == null ? null : String.join(",", s.persons()));
        return m;
    }

    private static Supplied sidecar(Path file) throws IOException {
        var side = XmpSidecar.find(file);
        return side.isPresent() ? XmpSidecar.read(side.get()) : Supplied.NONE;
    }

    /** The asset URL of a file the archive already holds, by checksum; null if it holds none. */
    private String heldAs(String sha256) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(ServerOption.signed(HttpRequest.newBuilder(server.resolve("/api/v1/assets?size=1&sha256="
                + URLEncoder.encode(sha256, StandardCharsets.UTF_8))), token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new TusClient.Refused(r.statusCode(), r.body());
        }
        JsonNode list = JSON.readTree(r.body());
        return list.isArray() && !list.isEmpty() ? list.get(0).path("url").asText() : null;
    }

    static Map<String, Supplied> readCsv(Path csv) throws IOException {
        Map<String, Supplied> out = new ConcurrentHashMap<>();
        for (CSVRecord r : records(csv)) {
            Map<String, String> fields = r.toMap();
            String file = fields.get("file");
            if (file != null && !file.isBlank()) {
                out.put(file.strip(), Supplied.of(fields));
            }
        }
        return out;
    }

    static Map<String, String> readCsvLanguages(Path csv) throws IOException {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (CSVRecord r : records(csv)) {
            Map<String, String> fields = r.toMap();
            if (fields.get("file") != null && fields.get("language") != null && !fields.get("language").isBlank()) {
                out.put(fields.get("file").strip(), fields.get("language").strip());
            }
        }
        return out;
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                     .setAllowMissingColumnNames(true).get().parse(in)) {
            if (!p.getHeaderMap().containsKey("file")) {
                throw new IOException("the CSV " + csv + " needs a 'file' column");
            }
            return p.getRecords();
        }
    }

    /**
     * The files already imported into {@code archive}. A line of another server, or of an older journal that named none, is
     * not taken on trust: such a file is hashed again and skipped only if this server holds it.
     */
    private static Set<String> readState(Path stateFile, String archive) throws IOException {
        Set<String> done = ConcurrentHashMap.newKeySet();
        if (Files.exists(stateFile)) {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length >= 6 && f[5].equals(archive)) {
                    done.add(f[0] + "\t" + f[1] + "\t" + f[2]);
                }
            }
        }
        return done;
    }

    /** A file is the same file if its path, size and modification time are. */
    private static String key(String rel, Path file) throws IOException {
        return rel.replace('\t', ' ') + "\t" + Files.size(file) + "\t" + Files.getLastModifiedTime(file).toMillis();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
