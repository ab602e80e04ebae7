package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;

/**
 * What the multi-node tests share: the packaged service switched to PostgreSQL by re-augmentation
 * (as docs/configuration.md tells operators), a fresh database, and an admin's client of the nodes
 * (one token is good on every node, as they share the database).
 */
final class Nodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    /** Copies the packaged service into {@code <work>/pg/quarkus-app}, re-augments it for PostgreSQL and makes database {@code db} anew. */
    static Path postgresApp(Path work, String db) throws Exception {
        // Re-augmentation finds the application by its folder name, so the copy keeps the name quarkus-app.
        Path app = work.resolve("pg").resolve("quarkus-app");
        run("rm", "-rf", app.toString());
        Files.createDirectories(app.getParent());
        run("cp", "-a", ServiceProcess.JAR.toAbsolutePath().getParent().toString(), app.toString());
        run(ServiceProcess.java(), "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql", "-jar",
                app.resolve("quarkus-run.jar").toString());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + db);
            c.createStatement().execute("CREATE DATABASE " + db);
        }
        return app;
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    /** Signs this client in with a node's admin token (a worker-only node has none to give). */
    void signIn(ServiceProcess node) {
        if (node.token() != null) {
            token = node.token();
        }
    }

    String upload(URI node, Path file) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(node.resolve("/api/v1/assets")).header("Authorization", "Bearer " + token)
                .header("Content-Type", Fixtures.MULTIPART).POST(Fixtures.multipart(file)).build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), res.body());
        return JSON.readTree(res.body()).path("id").asText();
    }

    /** The asset's state once READY or FAILED, or the last one seen after five minutes. */
    String awaitSettled(URI node, String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = get(node, "/api/v1/assets/" + id).path("state").asText();
            if (state.equals("READY") || state.equals("FAILED")) {
                return state;
            }
            Thread.sleep(500);
        }
        return state;
    }

    JsonNode get(URI node, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpResponse<String> post(URI node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
