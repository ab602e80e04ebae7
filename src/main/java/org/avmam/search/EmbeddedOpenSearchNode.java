package org.avmam.search;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * The local OpenSearch node of the embedded default: started from the distribution the build
 * unpacked, bound to 127.0.0.1 on a free port, its config, data and logs under
 * {@code <data-dir>/opensearch} (so the data is reused on the next start), stopped with the service.
 *
 * <p>OpenSearch refuses to run as root. When the service is root the node runs as an unprivileged
 * user (setpriv switches the uid and then execs, so the process we hold is the node itself and a
 * SIGTERM reaches it).
 */
final class EmbeddedOpenSearchNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedOpenSearchNode.class);

    /** Where the node's user can always reach when the checkout cannot be reached (e.g. under /root). */
    private static final Path FALLBACK_BASE = Path.of("/var/tmp/avmam-opensearch");

    private Path home;
    private Path nodeDir;
    private final AvmamConfig.Search.Embedded config;
    private Process process;
    private int httpPort;

    EmbeddedOpenSearchNode(AvmamConfig.Search.Embedded config, Path dataDir) {
        this.config = config;
        this.home = config.home().toAbsolutePath().normalize();
        this.nodeDir = dataDir.resolve("opensearch").toAbsolutePath().normalize();
    }

    /** Starts the node and waits until the cluster answers green or yellow; returns its URL. */
    String start() {
        if (!Files.isExecutable(home.resolve("bin/opensearch"))) {
            throw new IllegalStateException("avmam.search.embedded.home (AVMAM_SEARCH_EMBEDDED_HOME) points to " + home
                    + ", which holds no OpenSearch distribution; build first (./mvnw package) or set avmam.search.urls"
                    + " to use an external cluster");
        }
        try {
            Optional<int[]> runAs = unprivilegedIdsIfRoot();
            List<String> asUser = runAs.map(ids -> List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups"))
                    .orElse(List.of());
            if (runAs.isPresent() && !accessible(asUser, runAs.get())) {
                relocate();
            }
            killStaleNode();
            Path conf = nodeDir.resolve("config");
            Path data = nodeDir.resolve("data");
            Path logs = nodeDir.resolve("logs");
            Path tmp = nodeDir.resolve("tmp");
            for (Path d : List.of(conf.resolve("jvm.options.d"), data, logs, tmp)) {
                Files.createDirectories(d);
            }
            // A restart keeps the port: the service's client goes on talking to the same URL.
            if (httpPort == 0) {
                httpPort = freePort();
            }
            Files.copy(home.resolve("config/log4j2.properties"), conf.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(conf.resolve("jvm.options"), jvmOptions(Files.readString(home.resolve("config/jvm.options")), logs, data));
            Files.writeString(conf.resolve("opensearch.yml"), nodeSettings(data, logs, httpPort, freePort()));

            List<String> command = new ArrayList<>(asUser);
            if (runAs.isPresent()) {
                exec(List.of("chown", "-R", runAs.get()[0] + ":" + runAs.get()[1], nodeDir.toString()));
                if (!accessible(asUser, runAs.get())) {
                    throw new IllegalStateException("the local OpenSearch node runs as '" + config.runAsUser() + "', who cannot"
                            + " read " + home + " or write " + nodeDir + "; set avmam.search.urls to an external cluster");
                }
            }
            command.add(home.resolve("bin/opensearch").toString());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("console.log").toFile()));
            Map<String, String> env = pb.environment();
            env.put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
            env.put("OPENSEARCH_PATH_CONF", conf.toString());
            env.put("OPENSEARCH_TMPDIR", tmp.toString());
            env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + config.heap() + " -Xmx" + config.heap());
            env.remove("JAVA_TOOL_OPTIONS");
            if (runAs.isPresent()) {
                // The node's scripts run under another user, who may not be able to read every folder on the service's PATH
                // (a private folder of links, say): the system's own folders come first.
                env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
            }
            LOG.infof("Starting the local OpenSearch node from %s on 127.0.0.1:%d (data in %s)", home, httpPort, data);
            process = pb.start();
            Files.writeString(nodeDir.resolve("node.pid"), Long.toString(process.pid()));
            String url = "http://127.0.0.1:" + httpPort;
            awaitReady(url, logs.resolve("console.log"));
            LOG.infof("Local OpenSearch node ready at %s", url);
            return url;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the local OpenSearch node: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy(); // SIGTERM: OpenSearch flushes and exits cleanly
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(nodeDir.resolve("node.pid"));
        } catch (IOException ignored) {
            // Only a hint for the next start.
        }
        LOG.info("Local OpenSearch node stopped");
    }

    /** A node left running by a service that was killed (kill -9) holds the data lock: end it. */
    private void killStaleNode() throws IOException {
        Path pidFile = nodeDir.resolve("node.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().orElse("").contains("org.opensearch.bootstrap.OpenSearch"));
            if (stale.isPresent()) {
                LOG.warnf("Stopping a local OpenSearch node (pid %d) left over from an earlier run", pid);
                stale.get().destroy();
                stale.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warnf("Could not check the earlier node in %s: %s", pidFile, e.getMessage());
        }
        Files.deleteIfExists(pidFile);
    }

    private void awaitReady(String url, Path console) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(config.startTimeout());
        URI health = URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local OpenSearch node exited with code " + process.exitValue()
                        + " during start; its output ends with:\n" + tail(console));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the local OpenSearch node", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("the local OpenSearch node did not become ready within "
                + config.startTimeout() + " (avmam.search.embedded.start-timeout); its output ends with:\n" + tail(console));
    }

    /**
     * The distribution's JVM options with the heap left to OPENSEARCH_JAVA_OPTS and every relative
     * path (GC log, heap dumps, error file) pointed into this node's folders: the install folder
     * may be read-only to the node's user.
     */
    static String jvmOptions(String distribution, Path logs, Path data) {
        StringBuilder out = new StringBuilder("# Written by avmam at each start from the distribution's jvm.options.\n");
        for (String line : distribution.split("\n")) {
            String l = line.strip();
            if (l.matches("(\\d+-?\\d*:)?-Xm[sx].*")) {
                continue;
            }
            l = l.replace("file=logs/", "file=" + logs + "/")
                    .replace("ErrorFile=logs/", "ErrorFile=" + logs + "/")
                    .replace("HeapDumpPath=data", "HeapDumpPath=" + data);
            out.append(l).append('\n');
        }
        return out.toString();
    }

    static String nodeSettings(Path data, Path logs, int httpPort, int transportPort) {
        return String.join("\n",
                "# Written by avmam at each start.",
                "cluster.name: avmam-local",
                "node.name: avmam-local",
                "path.data: " + data,
                "path.logs: " + logs,
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.type: single-node",
                // A nearly full disk must not turn the archive's index read-only under the user.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: true",
                "");
    }

    private Optional<int[]> unprivilegedIdsIfRoot() throws IOException {
        if (new UnixSystem().getUid() != 0) {
            return Optional.empty();
        }
        String user = config.runAsUser();
        try {
            int uid = Integer.parseInt(exec(List.of("id", "-u", user)).strip());
            int gid = Integer.parseInt(exec(List.of("id", "-g", user)).strip());
            if (uid == 0) {
                throw new IllegalStateException("avmam.search.embedded.run-as-user must not be root");
            }
            return Optional.of(new int[] {uid, gid});
        } catch (IllegalStateException | NumberFormatException e) {
            throw new IllegalStateException("the service runs as root, so the local OpenSearch node must run as the user"
                    + " named by avmam.search.embedded.run-as-user (AVMAM_SEARCH_EMBEDDED_RUN_AS_USER), '" + user
                    + "', which does not exist here: " + e.getMessage());
        }
    }

    /** Whether the node's user can run the distribution and write its own folder. */
    private boolean accessible(List<String> asUser, int[] ids) throws IOException {
        Files.createDirectories(nodeDir);
        exec(List.of("chown", ids[0] + ":" + ids[1], nodeDir.toString()));
        List<String> probe = new ArrayList<>(asUser);
        probe.addAll(List.of("/bin/sh", "-c", "test -x \"$0/bin/opensearch\" && test -r \"$0/lib\" && test -w \"$1\"",
                home.toString(), nodeDir.toString()));
        try {
            exec(probe);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The checkout or the data directory is out of the node user's reach (a clone under /root, say):
     * run the node from a copy of the distribution and with its data under /var/tmp instead, one
     * folder per data directory so that the data is still reused on the next start.
     */
    private void relocate() throws IOException {
        String key = Integer.toHexString(nodeDir.toString().hashCode());
        // Keyed by path and build time, so a rebuilt or upgraded distribution gets a fresh copy.
        String distKey = home + "@" + Files.getLastModifiedTime(home.resolve("lib")).toMillis();
        Path dist = FALLBACK_BASE.resolve("dist-" + Integer.toHexString(distKey.hashCode()));
        Path node = FALLBACK_BASE.resolve("node-" + key);
        LOG.warnf("The local OpenSearch node's user '%s' cannot reach %s or %s; running it from %s with its data in %s",
                config.runAsUser(), home, nodeDir, dist, node);
        Files.createDirectories(FALLBACK_BASE);
        if (!Files.exists(dist.resolve(".complete"))) {
            exec(List.of("rm", "-rf", dist.toString()));
            exec(List.of("cp", "-a", home.toString(), dist.toString()));
            exec(List.of("chmod", "-R", "a+rX", dist.toString()));
            Files.createFile(dist.resolve(".complete"));
        }
        home = dist;
        nodeDir = node;
    }

    private static String exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
