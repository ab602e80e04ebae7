package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The asset index: its mapping (src/main/resources/search/asset-index.json), document upserts and
 * raw queries. Requests are plain OpenSearch JSON, so what is sent reads like the OpenSearch docs.
 */
@Startup
@ApplicationScoped
public class AssetIndex {

    private static final Logger LOG = Logger.getLogger(AssetIndex.class);

    private final SearchCluster cluster;
    private final AvmamConfig.Search config;

    public AssetIndex(SearchCluster cluster, AvmamConfig config) {
        this.cluster = cluster;
        this.config = config.search();
    }

    @PostConstruct
    void ensureIndex() {
        try {
            String path = "/" + config.index();
            boolean exists = call("HEAD", path, Map.of(), null, true).status() == 200;
            if (exists && config.recreateIndex()) {
                call("DELETE", path, Map.of(), null, false);
                exists = false;
            }
            if (!exists) {
                ObjectNode definition = (ObjectNode) Json.mapper().readTree(resource("search/asset-index.json"));
                ((ObjectNode) definition.path("settings")).put("number_of_replicas", cluster.replicas());
                call("PUT", path, Map.of(), definition, false);
                LOG.infof("Created the search index %s", config.index());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the search index " + config.index() + ": " + e.getMessage(), e);
        }
    }

    /** Upserts the document; returns once it is searchable (refresh=wait_for). */
    public void put(String id, Map<String, Object> document) throws IOException {
        call("PUT", "/" + config.index() + "/_doc/" + id, Map.of("refresh", "wait_for"), document, false);
    }

    public void delete(String id) throws IOException {
        call("DELETE", "/" + config.index() + "/_doc/" + id, Map.of("refresh", "wait_for"), null, true);
    }

    public JsonNode search(JsonNode query) throws IOException {
        return call("POST", "/" + config.index() + "/_search", Map.of(), query, false).body();
    }

    public boolean healthy() {
        try {
            JsonNode health = call("GET", "/_cluster/health", Map.of(), null, false).body();
            return !"red".equals(health.path("status").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    record Reply(int status, JsonNode body) {}

    private Reply call(String method, String path, Map<String, String> query, Object body, boolean allow404) throws IOException {
        Body requestBody = body == null ? null : Body.from(Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
        try (Response r = cluster.client().generic().execute(Requests.create(method, path, List.of(), query, requestBody))) {
            String text = r.getBody().map(Body::bodyAsString).orElse("");
            if (r.getStatus() >= 400 && !(allow404 && r.getStatus() == 404)) {
                throw new IOException("OpenSearch answered " + r.getStatus() + " to " + method + " " + path + ": " + text);
            }
            return new Reply(r.getStatus(), text.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(text));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AssetIndex.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
