package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two service nodes on one PostgreSQL database and one data folder (the production shape) share
 * the pipeline's work, and no job runs twice. Runs with -Ppostgres; the packaged jar is switched to
 * PostgreSQL by re-augmentation, as docs/configuration.md tells operators to.
 */
class TwoNodesIT {

    private static final String DB = "avmam_two_nodes";

    private final Nodes client = new Nodes();
    private final List<ServiceProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess p : nodes) {
            p.close();
        }
    }

    @Test
    void twoNodesShareTheWorkAndRunNoJobTwice() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals("postgresql", System.getProperty("it.db.kind"),
                "two nodes share one database: run this with -Ppostgres (the default run leaves it out rather than skipping it)");
        Path work = Files.createDirectories(Path.of("target/it/two-nodes").toAbsolutePath());
        Nodes.run("rm", "-rf", work.resolve("data").toString());
        Path app = Nodes.postgresApp(work, DB);
        Path data = Files.createDirectories(work.resolve("data"));

        URI a = start(app, data, "node-a", Map.of());
        String searchUrls = "";
        for (JsonNode check : client.get(a, "/q/health/ready").path("checks")) {
            if (check.path("name").asText().equals("opensearch")) {
                searchUrls = check.path("data").path("urls").asText();
            }
        }
        // Node b uses the OpenSearch node that node a started, as production nodes share one cluster.
        URI b = start(app, data, "node-b", Map.of("AVMAM_SEARCH_URLS", searchUrls));

        List<Path> files = List.of(Fixtures.SPEECH_VIDEO, Path.of("src/test/resources/media/speech/three-sentences.m4a"),
                Fixtures.CAMERA_JPEG, Path.of("src/test/resources/media/real/Canon_40D.jpg"),
                Path.of("src/test/resources/media/real/DSCN0010.jpg"), Path.of("src/test/resources/media/speech/music.m4a"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ids.add(client.upload(i % 2 == 0 ? a : b, files.get(i)));
        }
        for (String id : ids) {
            assertEquals("READY", client.awaitSettled(a, id), "asset " + id);
        }

        JsonNode jobs = client.get(b, "/api/v1/jobs?size=500");
        Set<String> workers = new HashSet<>();
        Map<String, Integer> renders = new HashMap<>();
        for (JsonNode j : jobs) {
            assertEquals("DONE", j.path("state").asText(), j.toString());
            assertEquals(1, j.path("attempts").asInt(), "no job ran twice: " + j);
            workers.add(j.path("worker").asText().split("/")[0]);
            if (j.path("type").asText().equals("RENDER")) {
                renders.merge(j.path("assetId").asText() + " " + j.path("payload").asText(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of("node-a", "node-b"), workers, "both nodes took work");
        assertTrue(renders.values().stream().allMatch(n -> n == 1), "one render per asset and profile: " + renders);
        for (String id : ids) {
            JsonNode events = client.get(a, "/api/v1/assets/" + id + "/provenance");
            Map<String, Integer> migrations = new HashMap<>();
            for (JsonNode e : events) {
                if (e.path("type").asText().equals("migration")) {
                    migrations.merge(e.path("detail").asText(), 1, Integer::sum);
                }
            }
            assertTrue(migrations.values().stream().allMatch(n -> n == 1), "one migration event per rendition: " + migrations);
        }
        assertEquals(ids.size(), client.get(b, "/api/v1/search?q=&size=50").path("total").asInt(), "both nodes index into one cluster");
    }

    private URI start(Path app, Path data, String name, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("AVMAM_DATA_DIR", data.toString(), "AVMAM_NODE_NAME", name,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "AVMAM_PIPELINE_POLL_INTERVAL", "200ms"));
        env.putAll(extra);
        ServiceProcess node = ServiceProcess.start(app.resolve("quarkus-run.jar"), List.of(), env, data.resolve(name + ".log"));
        nodes.add(node);
        client.signIn(node);
        return node.uri("/");
    }
}
