package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.avmam.storage.S3ProxyServer;
import org.avmam.storage.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production shape at small scale: one API node and two worker nodes on PostgreSQL, originals
 * in an S3 bucket (S3Proxy) with a folder replica. Twenty uploads are processed with no job run
 * twice and none on the API node; a worker node serves health and metrics only; then a flipped bit
 * in one original is found by a fixity audit and repaired from the replica. Runs with -Ppostgres.
 */
class ArchiveNodesIT {

    private static final String DB = "avmam_archive_nodes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ServiceProcess> nodes = new ArrayList<>();
    private S3ProxyServer s3;
    private final Nodes client = new Nodes();

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess p : nodes) {
            p.close();
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    @Test
    void oneApiNodeAndTwoWorkersShareTheWorkOnS3WithAReplicaAndRepairAFlippedBit() throws Exception {
        assertEquals("postgresql", System.getProperty("it.db.kind"), "several nodes share one database: run this with -Ppostgres");
        Path work = Files.createDirectories(Path.of("target/it/archive-nodes").toAbsolutePath());
        Nodes.run("rm", "-rf", work.resolve("data").toString(), work.resolve("s3").toString(), work.resolve("replica").toString());
        Path app = Nodes.postgresApp(work, DB);
        Path data = Files.createDirectories(work.resolve("data"));
        Path replica = Files.createDirectories(work.resolve("replica"));
        s3 = new S3ProxyServer(work.resolve("s3")).start();
        Map<String, String> storage = new HashMap<>(Map.of("AVMAM_STORAGE_PRIMARY_KIND", "s3", "AVMAM_STORAGE_PRIMARY_ENDPOINT", s3.endpoint(),
                "AVMAM_STORAGE_PRIMARY_BUCKET", "archive", "AVMAM_STORAGE_PRIMARY_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "AVMAM_STORAGE_PRIMARY_SECRET_KEY", S3ProxyServer.SECRET_KEY, "AVMAM_STORAGE_REPLICA_KIND", "fs",
                "AVMAM_STORAGE_REPLICA_PATH", replica.toString(), "AVMAM_SPEECH_ENABLED", "false"));

        Map<String, String> apiEnv = new HashMap<>(storage);
        apiEnv.put("AVMAM_NODE_ROLES", "api");
        URI api = start(app, data, "api-1", apiEnv);
        String searchUrls = "";
        for (JsonNode check : client.get(api, "/q/health/ready").path("checks")) {
            if (check.path("name").asText().equals("opensearch")) {
                searchUrls = check.path("data").path("urls").asText();
            }
        }
        List<URI> workers = new ArrayList<>();
        for (String name : List.of("worker-1", "worker-2")) {
            Map<String, String> env = new HashMap<>(storage);
            env.put("AVMAM_NODE_ROLES", "worker");
            env.put("AVMAM_SEARCH_URLS", searchUrls);
            workers.add(start(app, data, name, env)); // renditions live in the data folder, shared by the nodes
        }
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(workers.get(0).resolve("/api/v1/assets")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, refused.statusCode());
        assertTrue(refused.body().contains("serves health and metrics only"), refused.body());
        assertEquals(200, http.send(HttpRequest.newBuilder(workers.get(1).resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path f = work.resolve("upload-" + i + ".jpg");
            Files.write(f, Fixtures.uniquePhoto());
            ids.add(client.upload(api, f));
        }
        for (String id : ids) {
            assertEquals("READY", client.awaitSettled(api, id), "asset " + id);
        }
        await("every original replicated", () -> client.get(api, "/api/v1/storage").path("stores").get(1).path("objects").asInt() == 20);

        JsonNode jobs = client.get(api, "/api/v1/jobs?size=500");
        Set<String> ran = new HashSet<>();
        int count = 0;
        for (JsonNode j : jobs) {
            assertEquals("DONE", j.path("state").asText(), j.toString());
            assertEquals(1, j.path("attempts").asInt(), "no job ran twice: " + j);
            ran.add(j.path("worker").asText().split("/")[0]);
            count++;
        }
        assertTrue(count >= 20 * 4, "probe, renders, fingerprint, index and replication of twenty photos: " + count);
        assertEquals(Set.of("worker-1", "worker-2"), ran, "both workers took work and the API node none");

        // A flipped bit in one original in the bucket: found by the audit, repaired from the replica.
        String victim = ids.get(7);
        String sha = client.get(api, "/api/v1/assets/" + victim + "/storage").path("sha256").asText();
        Path object = s3.objectFile("archive", sha);
        byte[] b = Files.readAllBytes(object);
        b[b.length / 3] ^= 0x10;
        Files.write(object, b);
        HttpResponse<String> started = client.post(api, "/api/v1/storage/fixity");
        assertEquals(202, started.statusCode(), started.body());
        String status = JSON.readTree(started.body()).path("statusUrl").asText();
        await("the full audit", () -> client.get(api, status).path("state").asText().equals("DONE"));
        JsonNode audit = client.get(api, status);
        assertEquals(20, audit.path("checked").asInt(), audit.toString());
        assertEquals(1, audit.path("repaired").asInt(), audit.toString());
        assertEquals(sha, audit.path("findings").get(0).path("sha256").asText());
        try (var in = Files.newInputStream(object)) {
            assertEquals(sha, Sha256.of(in), "the bucket holds the original bytes again");
        }
    }

    private URI start(Path app, Path data, String name, Map<String, String> extra) throws Exception {
        Files.createDirectories(data);
        Map<String, String> env = new HashMap<>(Map.of("AVMAM_DATA_DIR", data.toString(), "AVMAM_NODE_NAME", name,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "AVMAM_PIPELINE_POLL_INTERVAL", "2s"));
        env.putAll(extra);
        ServiceProcess node = ServiceProcess.start(app.resolve("quarkus-run.jar"), List.of(), env, data.resolve(name + ".log"));
        nodes.add(node);
        client.signIn(node);
        return node.uri("/");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 180 s for " + what + ", in vain");
            }
            Thread.sleep(500);
        }
    }
}
