package org.avmam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.avmam.ServiceProcess;
import org.avmam.search.SearchParameters;
import org.avmam.search.SearchQuery;
import org.junit.jupiter.api.Test;

/**
 * Search at catalogue scale: 100,000 assets (Chinese and English fields, GPS, cameras, dates, fonds,
 * open status) and 100,000 transcript segments, written into the database of the packaged service.
 * Indexing: avmam's reindex (database read, documents built, _bulk) against raw _bulk of the same
 * documents into an index of the same mapping. Queries: ten typical searches through the API
 * against the identical OpenSearch request (built by the same code) sent straight to the node.
 */
class SearchBenchmark {

    private static final Path WORK = Path.of("target/bench/search").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ASSETS = 100_000;
    private static final int WITH_TRANSCRIPT = 10_000;
    private static final int SEGMENTS_EACH = 10;
    private static final int ROUNDS = 200;

    /** HTTP/1.1 to both: the same protocol to the service and to OpenSearch (no h2c upgrade on one side only). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** The ten searches: what an exhibition team, an editor and an archivist typically ask. */
    static final List<Map<String, String>> QUERIES = List.of(
            Map.of("q", "南沙 地铁"),
            Map.of("q", "口述历史"),
            Map.of("q", "person:张伟"),
            Map.of("q", "harbour opening ceremony"),
            Map.of("q", "event:城市建设", "dateFrom", "2010", "dateTo", "2015"),
            Map.of("mediaType", "VIDEO", "minDuration", "600", "sort", "duration"),
            Map.of("q", "transcript:地铁"),
            Map.of("bbox", "113.2,22.9,113.5,23.2", "sort", "date"),
            Map.of("fonds", "J003", "openStatus", "OPEN", "sort", "date"),
            Map.of("q", "camera:canon mayor", "hasTranscript", "false"));

    @Test
    void catalogueOfAHundredThousand() throws Exception {
        Path data = WORK.resolve("data");
        // First start: migrations and the (empty) index; then the catalogue is written while the service is down.
        try (ServiceProcess first = BenchmarkReport.startService(WORK, List.of("-Xmx1g"), Map.of())) {
            get(BenchmarkReport.base(first).resolve("/api/v1/search"));
        }
        long generated = generate(data);
        StringBuilder md = new StringBuilder("## Search (" + String.format(Locale.ROOT, "%,d", ASSETS) + " assets, "
                + String.format(Locale.ROOT, "%,d", WITH_TRANSCRIPT * SEGMENTS_EACH) + " transcript segments)\n\n");
        md.append("Catalogue generated: ").append(ASSETS).append(" assets written to H2 in ").append(generated / 1000.0)
                .append(" s. Command: `./mvnw -Pbench verify -Dit.test=SearchBenchmark`.\n\n");
        ServiceProcess server = ServiceProcess.start(ServiceProcess.JAR, List.of("-Xmx1g"), Map.of("AVMAM_DATA_DIR", data.toString()),
                WORK.resolve("server2.log"));
        try {
            URI base = BenchmarkReport.base(server);
            String os = openSearchUrl(base);
            indexing(md, base, os);
            queries(md, base, os);
        } finally {
            BenchmarkReport.finish(server, "search", md);
        }
    }

    private void indexing(StringBuilder md, URI base, String os) throws Exception {
        long t0 = System.nanoTime();
        JsonNode started = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/search/reindex")).header("Authorization", org.avmam.ServiceProcess.auth())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
        long id = started.path("reindex").path("id").asLong();
        JsonNode s;
        do {
            Thread.sleep(200);
            s = get(URI.create(base + "/api/v1/search/reindex/" + id));
        } while ("RUNNING".equals(s.path("state").asText()));
        double avmam = (System.nanoTime() - t0) / 1e9;
        if (!"DONE".equals(s.path("state").asText())) {
            throw new AssertionError("reindex ended " + s);
        }
        String live = s.path("targetIndex").asText();

        // The same documents, read back, and sent by raw _bulk in batches of the same size into an index of the same mapping.
        JsonNode def = get(URI.create(os + "/" + live));
        ObjectNode create = JSON.createObjectNode();
        create.set("mappings", def.path(live).path("mappings"));
        ObjectNode settings = create.putObject("settings");
        settings.put("number_of_shards", 1).put("number_of_replicas", 0);
        List<byte[]> batches = readBack(os, live);
        send("DELETE", os + "/bench-raw", null, "application/json");
        send("PUT", os + "/bench-raw", JSON.writeValueAsBytes(create), "application/json");
        long t1 = System.nanoTime();
        for (byte[] b : batches) {
            String r = send("POST", os + "/bench-raw/_bulk", b, "application/x-ndjson");
            if (r.contains("\"errors\":true")) {
                throw new AssertionError("raw bulk refused documents: " + r.substring(0, Math.min(500, r.length())));
            }
        }
        send("POST", os + "/bench-raw/_refresh", null, "application/json");
        double raw = (System.nanoTime() - t1) / 1e9;
        long count = get(URI.create(os + "/bench-raw/_count")).path("count").asLong();
        send("DELETE", os + "/bench-raw", null, "application/json");
        md.append("### Indexing\n\n| path | time | documents/s | ratio |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| raw `_bulk` of the same %,d documents (batches of 500, one client) | %.1f s | %,.0f | 1.00 |%n",
                count, raw, count / raw));
        md.append(String.format(Locale.ROOT, "| `avmam reindex` (database read, documents built, `_bulk`, alias swap) | %.1f s | %,.0f | %.2f |%n%n",
                avmam, ASSETS / avmam, avmam / raw));
    }

    private List<byte[]> readBack(String os, String index) throws Exception {
        List<byte[]> batches = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode q = JSON.createObjectNode();
            q.put("size", 500);
            q.putArray("sort").addObject().put("id", "asc");
            if (after != null) {
                q.set("search_after", after);
            }
            JsonNode r = JSON.readTree(send("POST", os + "/" + index + "/_search", JSON.writeValueAsBytes(q), "application/json"));
            JsonNode hits = r.path("hits").path("hits");
            if (hits.isEmpty()) {
                return batches;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (JsonNode h : hits) {
                b.writeBytes(("{\"index\":{\"_id\":\"" + h.path("_id").asText() + "\"}}\n").getBytes(StandardCharsets.UTF_8));
                b.writeBytes(JSON.writeValueAsBytes(h.path("_source")));
                b.write('\n');
                after = h.path("sort");
            }
            batches.add(b.toByteArray());
        }
    }

    private void queries(StringBuilder md, URI base, String os) throws Exception {
        List<String> apiUrls = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (Map<String, String> q : QUERIES) {
            MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
            q.forEach(params::add);
            bodies.add(JSON.writeValueAsBytes(SearchQuery.build(SearchParameters.parse(params), null, true)));
            StringBuilder url = new StringBuilder(base + "/api/v1/search?");
            q.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            apiUrls.add(url.toString());
        }
        long[][] api = new long[QUERIES.size()][ROUNDS];
        long[][] direct = new long[QUERIES.size()][ROUNDS];
        long[] hits = new long[QUERIES.size()];
        for (int round = -20; round < ROUNDS; round++) { // 20 rounds of warm-up
            for (int i = 0; i < QUERIES.size(); i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiUrls.get(i))).header("Authorization", org.avmam.ServiceProcess.auth()).build(),
                        HttpResponse.BodyHandlers.ofString());
                long a = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new AssertionError(apiUrls.get(i) + " answered " + r.statusCode() + ": " + r.body());
                }
                t = System.nanoTime();
                String d = send("POST", os + "/avmam-assets/_search", bodies.get(i), "application/json");
                long b = System.nanoTime() - t;
                if (round >= 0) {
                    api[i][round] = a;
                    direct[i][round] = b;
                } else if (round == -1) {
                    hits[i] = JSON.readTree(r.body()).path("total").asLong();
                    long directTotal = JSON.readTree(d).path("hits").path("total").path("value").asLong();
                    if (directTotal != hits[i]) {
                        throw new AssertionError("query " + (i + 1) + ": API found " + hits[i] + ", OpenSearch " + directTotal);
                    }
                }
            }
        }
        md.append("### Query latency (").append(ROUNDS).append(" rounds after 20 of warm-up, one client, alternating)\n\n");
        md.append("| # | query | hits | OpenSearch p50 / p95 | API p50 / p95 | p95 ratio |\n|---|---|---:|---:|---:|---:|\n");
        long[] allApi = new long[QUERIES.size() * ROUNDS];
        long[] allDirect = new long[QUERIES.size() * ROUNDS];
        double worst = 0;
        for (int i = 0; i < QUERIES.size(); i++) {
            System.arraycopy(api[i], 0, allApi, i * ROUNDS, ROUNDS);
            System.arraycopy(direct[i], 0, allDirect, i * ROUNDS, ROUNDS);
            double ratio = pct(api[i], 95) / pct(direct[i], 95);
            worst = Math.max(worst, ratio);
            md.append(String.format(Locale.ROOT, "| %d | `%s` | %,d | %.1f / %.1f ms | %.1f / %.1f ms | %.2f |%n", i + 1,
                    describe(QUERIES.get(i)), hits[i], pct(direct[i], 50), pct(direct[i], 95), pct(api[i], 50), pct(api[i], 95), ratio));
        }
        md.append(String.format(Locale.ROOT, "| all | | | %.1f / %.1f ms | %.1f / %.1f ms | **%.2f** |%n%n", pct(allDirect, 50),
                pct(allDirect, 95), pct(allApi, 50), pct(allApi, 95), pct(allApi, 95) / pct(allDirect, 95)));
        md.append(String.format(Locale.ROOT, "Targets: p95 overhead at most 1.3× (all queries together: %.2f; worst single query: %.2f); "
                + "absolute API p95 under 100 ms (%.1f ms).%n", pct(allApi, 95) / pct(allDirect, 95), worst, pct(allApi, 95)));
    }

    private static String describe(Map<String, String> q) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(q).forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return b.toString().replace("|", "\\|");
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private String openSearchUrl(URI base) throws Exception {
        for (JsonNode check : get(URI.create(base + "/q/health/ready")).path("checks")) {
            if (check.path("name").asText().equals("opensearch")) {
                return check.path("data").path("urls").asText();
            }
        }
        throw new AssertionError("no opensearch health check");
    }

    private JsonNode get(URI uri) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).header("Authorization", org.avmam.ServiceProcess.auth()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String send(String method, String url, byte[] body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    // ---- the generated catalogue ----

    private static final String[] EVENTS = {"南沙地铁开通", "城市建设成就展", "广州马拉松", "春节团拜会", "人民代表大会", "口述历史采访",
            "Harbour opening ceremony", "International trade fair", "城市建设", "防汛演练", "科技创新大会", "Metro line 18 launch"};
    private static final String[] PLACES = {"南沙", "天河", "越秀", "海珠", "番禺", "黄埔", "白云", "Pazhou exhibition centre", "Canton Tower",
            "Nansha port"};
    private static final String[] PEOPLE = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "黄敏", "赵军", "Mayor Zhang", "Li Ming",
            "Chen Hui", "周杰"};
    private static final String[] WORDS = {"开幕", "讲话", "参观", "合影", "签约", "剪彩", "访谈", "历史", "口述历史", "地铁", "港口", "建设",
            "ceremony", "speech", "visit", "delegation", "harbour", "bridge", "opening", "river", "archive", "interview"};
    private static final String[][] CAMERAS = {{"Canon", "Canon EOS R5"}, {"Canon", "Canon EOS 5D Mark IV"}, {"NIKON CORPORATION", "NIKON Z 7"},
            {"SONY", "ILCE-7M4"}, {"Sony", "ILME-FX6"}, {"Panasonic", "AG-CX350"}};
    private static final String[] FONDS = {"J001", "J002", "J003", "J004", "J005", "J006", "J007", "J008", "J009", "J010"};
    private static final String[] OPEN = {"UNREVIEWED", "OPEN", "OPEN", "PARTLY_OPEN", "DEFERRED", "RESTRICTED"};
    private static final String[] SPOKEN = {"我出生在南沙 那时候还没有地铁", "the harbour was full of ships that morning",
            "城市建设的变化非常大", "we opened the new bridge in the spring", "口述历史记录了老一辈的记忆", "地铁开通那天大家都很高兴",
            "the mayor spoke about the metro", "港口的工人每天很早开始工作"};

    private long generate(Path data) throws Exception {
        long t0 = System.currentTimeMillis();
        Random rnd = new Random(20261121);
        String url = "jdbc:h2:file:" + data.resolve("db/avmam") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement asset = c.prepareStatement("""
                    INSERT INTO asset (id, state, media_type, mime_type, sha256, size_bytes, original_filename, title, language, technical,
                    supplied, open_status, security_classification, fonds, created_at, updated_at)
                    VALUES (?, 'READY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            PreparedStatement transcript = c.prepareStatement("""
                    INSERT INTO transcript_version (asset_id, version, source, language, model, segments, reviewed, created_at)
                    VALUES (?, 1, 'MACHINE', ?, 'bench', ?, false, ?)""");
            for (int i = 0; i < ASSETS; i++) {
                UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
                boolean av = i < WITH_TRANSCRIPT || rnd.nextInt(10) == 0;
                String type = i < WITH_TRANSCRIPT ? "VIDEO" : av ? (rnd.nextBoolean() ? "VIDEO" : "AUDIO") : "IMAGE";
                String event = pick(rnd, EVENTS);
                String place = pick(rnd, PLACES);
                String[] cam = CAMERAS[rnd.nextInt(CAMERAS.length)];
                int year = 2000 + rnd.nextInt(25);
                String date = String.format(Locale.ROOT, "%d-%02d-%02dT%02d:%02d:00+08:00", year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                        8 + rnd.nextInt(10), rnd.nextInt(60));
                String caption = event + " " + place + " " + pick(rnd, WORDS) + " " + pick(rnd, WORDS) + " " + pick(rnd, WORDS);
                Map<String, Object> embedded = new LinkedHashMap<>();
                embedded.put("make", cam[0]);
                embedded.put("model", cam[1]);
                embedded.put("captureTime", date);
                if (rnd.nextInt(3) > 0) {
                    embedded.put("latitude", 22.6 + rnd.nextDouble() * 0.8);
                    embedded.put("longitude", 113.1 + rnd.nextDouble() * 0.7);
                }
                embedded.put("caption", caption);
                embedded.put("keywords", List.of(pick(rnd, WORDS), pick(rnd, WORDS)));
                Map<String, Object> technical = new LinkedHashMap<>();
                technical.put("container", type.equals("IMAGE") ? "jpeg" : "mov,mp4");
                if (!type.equals("IMAGE")) {
                    technical.put("durationSeconds", 30 + rnd.nextInt(5400));
                }
                technical.put("width", 1920);
                technical.put("height", 1080);
                technical.put("hasVideo", !type.equals("AUDIO"));
                technical.put("hasAudio", !type.equals("IMAGE"));
                technical.put("embedded", embedded);
                Map<String, Object> supplied = Map.of("event", event, "place", place, "persons",
                        List.of(pick(rnd, PEOPLE), pick(rnd, PEOPLE)));
                Timestamp now = Timestamp.from(Instant.now());
                asset.setObject(1, id);
                asset.setString(2, type);
                asset.setString(3, type.equals("IMAGE") ? "image/jpeg" : type.equals("AUDIO") ? "audio/wav" : "video/mp4");
                asset.setString(4, String.format("%032x%032x", id.getMostSignificantBits(), id.getLeastSignificantBits()).replace(' ', '0')
                        .replace('-', 'f'));
                asset.setLong(5, 1_000_000 + rnd.nextInt(50_000_000));
                asset.setString(6, "IMG_" + i + (type.equals("IMAGE") ? ".jpg" : ".mp4"));
                asset.setString(7, event + " " + pick(rnd, WORDS));
                asset.setString(8, rnd.nextInt(4) == 0 ? "en" : "zh");
                asset.setString(9, JSON.writeValueAsString(technical));
                asset.setString(10, JSON.writeValueAsString(supplied));
                asset.setString(11, pick(rnd, OPEN));
                asset.setString(12, rnd.nextInt(5) == 0 ? "内部" : "公开");
                asset.setString(13, FONDS[rnd.nextInt(FONDS.length)]);
                asset.setTimestamp(14, now);
                asset.setTimestamp(15, now);
                asset.addBatch();
                if (i < WITH_TRANSCRIPT) {
                    List<Map<String, Object>> segs = new ArrayList<>();
                    for (int s = 0; s < SEGMENTS_EACH; s++) {
                        segs.add(Map.of("id", s, "start", s * 6.0, "end", s * 6.0 + 5.5, "text", pick(rnd, SPOKEN), "words", List.of()));
                    }
                    transcript.setObject(1, id);
                    transcript.setString(2, "zh");
                    transcript.setString(3, JSON.writeValueAsString(segs));
                    transcript.setTimestamp(4, now);
                    transcript.addBatch();
                }
                if (i % 1000 == 999) {
                    asset.executeBatch();
                    transcript.executeBatch();
                    c.commit();
                }
            }
            asset.executeBatch();
            transcript.executeBatch();
            c.commit();
        }
        return System.currentTimeMillis() - t0;
    }

    private static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
