package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The asset index. Clients only ever name the alias ({@code avmam.search.index}); behind it is a
 * versioned index ({@code <alias>-<yyyyMMddHHmmss>}), so a reindex can build a new one and move
 * the alias in one atomic step. Documents carry an external version (the asset's index_version):
 * whichever path sends a document last, an older one never replaces a newer one.
 *
 * <p>Requests are plain OpenSearch JSON, so what is sent reads like the OpenSearch docs.
 */
@ApplicationScoped
public class AssetIndex {

    private static final Logger LOG = Logger.getLogger(AssetIndex.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    /** What {@link #prepare()} found. */
    public enum Prepared {
        /** The alias points at an index of the current mapping. */
        CURRENT,
        /** A new, empty index was made: whatever the database holds must be sent to it. */
        CREATED,
        /** The live index has an older mapping: a reindex brings it up to date. */
        OUTDATED
    }

    /** One line of a bulk request: a document to write (at its version) or, when document is null, to delete. */
    public record Op(String id, long version, Map<String, Object> document) {}

    /** A document OpenSearch refused (a version conflict, the normal fate of an older document, is not one). */
    public record Refused(String id, int status, String reason) {}

    private final SearchCluster cluster;
    private final AvmamConfig.Search config;
    private volatile Set<String> components;

    public AssetIndex(SearchCluster cluster, AvmamConfig config) {
        this.cluster = cluster;
        this.config = config.search();
    }

    public String alias() {
        return config.index();
    }

    /** Makes sure the alias exists and says whether its index needs filling or rebuilding. */
    public Prepared prepare() throws IOException {
        String alias = alias();
        if (config.recreateIndex()) {
            for (String index : indicesOf(alias)) {
                call("DELETE", "/" + index, Map.of(), null, true);
            }
        }
        // Keyed by the concrete index names the name resolves to (404: neither index nor alias).
        Reply found = call("GET", "/" + alias + "/_mapping", Map.of(), null, true);
        if (found.status() == 200 && found.body().has(alias)) {
            // An index with the alias's own name: the layout before versioned indices. The database
            // is the source of truth, so it is dropped and refilled.
            LOG.infof("Replacing the unversioned index %s by a versioned index behind an alias", alias);
            call("DELETE", "/" + alias, Map.of(), null, true);
            found = new Reply(404, Json.mapper().createObjectNode());
        }
        if (found.status() == 404) {
            // Named by the mapping's version, so nodes starting together ask for the same index and one wins.
            ObjectNode definition = definition();
            String index = alias + "-m" + definition.path("mappings").path("_meta").path("mappingVersion").asText();
            definition.putObject("aliases").putObject(alias);
            Reply r = call("PUT", "/" + index, Map.of(), definition, false, true);
            if (r.status() == 400 && r.body().toString().contains("already_exists")) {
                return Prepared.CURRENT;
            }
            if (r.status() >= 400) {
                throw new IOException("OpenSearch refused to create " + index + ": " + r.body());
            }
            LOG.infof("Created the search index %s behind the alias %s", index, alias);
            return Prepared.CREATED;
        }
        String live = found.body().fieldNames().next();
        String liveVersion = found.body().path(live).path("mappings").path("_meta").path("mappingVersion").asText("");
        String wanted = definition().path("mappings").path("_meta").path("mappingVersion").asText();
        if (!wanted.equals(liveVersion)) {
            LOG.warnf("The search index %s has mapping %s, this version of avmam uses %s: a reindex rebuilds it", live,
                    liveVersion, wanted);
            return Prepared.OUTDATED;
        }
        return Prepared.CURRENT;
    }

    /** The definition a new index gets on this cluster. */
    public ObjectNode definition() throws IOException {
        return IndexMapping.definition(components(), cluster.replicas());
    }

    /** Which analyser Han text gets in the live index (the _meta of its mapping). */
    public IndexMapping.Chinese chineseAnalyzer() throws IOException {
        return IndexMapping.Chinese.best(components());
    }

    public String newIndexName() {
        return alias() + "-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    }

    public void createIndex(String name) throws IOException {
        Reply r = call("PUT", "/" + name, Map.of(), definition(), false, true);
        if (r.status() >= 400 && !r.body().toString().contains("already exists")) {
            throw new IOException("OpenSearch refused to create " + name + ": " + r.body());
        }
    }

    public void deleteIndex(String name) throws IOException {
        call("DELETE", "/" + name, Map.of(), null, true);
    }

    public boolean indexExists(String name) throws IOException {
        return call("HEAD", "/" + name, Map.of(), null, true).status() == 200;
    }

    /** The indices the alias points at (one, except for the moment of a swap). */
    public List<String> indicesOf(String alias) throws IOException {
        JsonNode info = call("GET", "/_alias/" + alias, Map.of(), null, true).body();
        List<String> names = new ArrayList<>();
        if (info.has("error")) {
            return names;
        }
        info.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Moves the alias to {@code index} in one atomic request, then deletes the indices it left. */
    public void swapAlias(String index) throws IOException {
        List<String> old = indicesOf(alias());
        old.remove(index);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String o : old) {
            actions.addObject().putObject("remove").put("index", o).put("alias", alias());
        }
        actions.addObject().putObject("add").put("index", index).put("alias", alias());
        call("POST", "/_aliases", Map.of(), body, false);
        for (String o : old) {
            call("DELETE", "/" + o, Map.of(), null, true);
        }
        LOG.infof("The alias %s now points at %s%s", alias(), index, old.isEmpty() ? "" : " (dropped " + old + ")");
    }

    /** Writes one document, returning once it is searchable (refresh=wait_for). */
    public void put(String id, long version, Map<String, Object> document) throws IOException {
        Reply r = call("PUT", "/" + alias() + "/_doc/" + id,
                Map.of("refresh", "wait_for", "version", Long.toString(version), "version_type", "external_gte"), document, false, true);
        if (r.status() >= 400 && r.status() != 409) {
            throw new IOException("OpenSearch refused the document of " + id + ": " + r.body());
        }
    }

    /**
     * One _bulk request into {@code index} (the alias, or the new index of a reindex). Returns the
     * documents refused; throws {@link SearchUnavailable} when the request itself did not get through.
     */
    public List<Refused> bulk(String index, List<Op> ops, boolean waitForRefresh) throws IOException {
        if (ops.isEmpty()) {
            return List.of();
        }
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(ops.size() * 2048);
        for (Op op : ops) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("_id", op.id());
            if (op.document() != null) {
                action.put("version", op.version());
                action.put("version_type", "external_gte");
            }
            ndjson.writeBytes(Json.write(Map.of(op.document() != null ? "index" : "delete", action)).getBytes(StandardCharsets.UTF_8));
            ndjson.write('\n');
            if (op.document() != null) {
                ndjson.writeBytes(Json.write(op.document()).getBytes(StandardCharsets.UTF_8));
                ndjson.write('\n');
            }
        }
        Body body = Body.from(ndjson.toByteArray(), "application/x-ndjson");
        Map<String, String> params = waitForRefresh ? Map.of("refresh", "wait_for") : Map.of();
        JsonNode reply = send("POST", "/" + index + "/_bulk", params, body, false, false).body();
        List<Refused> refused = new ArrayList<>();
        if (reply.path("errors").asBoolean(false)) {
            for (JsonNode item : reply.path("items")) {
                JsonNode result = item.elements().next();
                int status = result.path("status").asInt();
                // 409: a newer version is already there; 404 on delete: already gone. Both are the wanted end state.
                if (status >= 400 && status != 409 && status != 404) {
                    refused.add(new Refused(result.path("_id").asText(), status, result.path("error").toString()));
                }
            }
        }
        return refused;
    }

    public JsonNode search(JsonNode query) throws IOException {
        return call("POST", "/" + alias() + "/_search", Map.of(), query, false).body();
    }

    public long count(String index) throws IOException {
        call("POST", "/" + index + "/_refresh", Map.of(), null, false);
        return call("GET", "/" + index + "/_count", Map.of(), null, false).body().path("count").asLong();
    }

    public boolean healthy() {
        try {
            JsonNode health = call("GET", "/_cluster/health", Map.of(), null, false).body();
            return !"red".equals(health.path("status").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Modules and plugins every node has (an analyser is usable only if all of them do). */
    private Set<String> components() throws IOException {
        if (components == null) {
            JsonNode nodes = call("GET", "/_nodes/plugins", Map.of(), null, false).body().path("nodes");
            Set<String> common = null;
            for (Iterator<JsonNode> it = nodes.elements(); it.hasNext();) {
                JsonNode node = it.next();
                Set<String> names = new TreeSet<>();
                node.path("modules").forEach(m -> names.add(m.path("name").asText()));
                node.path("plugins").forEach(p -> names.add(p.path("name").asText()));
                if (common == null) {
                    common = names;
                } else {
                    common.retainAll(names);
                }
            }
            components = common == null ? Set.of() : common;
            LOG.infof("OpenSearch offers %s for Chinese text", IndexMapping.Chinese.best(components));
        }
        return components;
    }

    record Reply(int status, JsonNode body) {}

    private Reply call(String method, String path, Map<String, String> query, Object body, boolean allow404) throws IOException {
        return call(method, path, query, body, allow404, false);
    }

    private Reply call(String method, String path, Map<String, String> query, Object body, boolean allow404, boolean allowAny)
            throws IOException {
        Body requestBody = body == null ? null : Body.from(Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
        return send(method, path, query, requestBody, allow404, allowAny);
    }

    private Reply send(String method, String path, Map<String, String> query, Body body, boolean allow404, boolean allowAny)
            throws IOException {
        Response r;
        try {
            r = cluster.client().generic().execute(Requests.create(method, path, List.of(), query, body));
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailable("OpenSearch cannot be reached (" + method + " " + path + "): " + e, e);
        }
        try (r) {
            // Parsed straight from the bytes: a search answer with facets and highlights is tens of KB, read once.
            byte[] bytes = r.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
            int status = r.getStatus();
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                throw new SearchUnavailable("OpenSearch answered " + status + " to " + method + " " + path, null);
            }
            if (status >= 400 && !allowAny && !(allow404 && status == 404)) {
                throw new IOException("OpenSearch answered " + status + " to " + method + " " + path + ": "
                        + new String(bytes, StandardCharsets.UTF_8));
            }
            return new Reply(status, bytes.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(bytes));
        }
    }
}
