package org.avmam;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service in its own JVM, for the tests and benchmarks that stop, kill or limit it. */
public final class ServiceProcess implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("it.app.jar", "target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    private final URI base;
    private String token;
    private static volatile String lastToken;

    /** The Authorization header of the service started last (the benchmarks run one at a time). */
    public static String auth() {
        return "Bearer " + lastToken;
    }

    private ServiceProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** The admin's personal API token for this service (its admin is created from AVMAM_ADMIN_PASSWORD at first start). */
    public String token() {
        return token;
    }

    /** A request signed in as the admin. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    /** Starts the jar with {@code env} (plus a free port) and waits until it is ready. */
    public static ServiceProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, Path log) throws Exception {
        return start(jar, jvmOptions, env, log, freePort());
    }

    /** As above on a given port (a restarted service keeps its address, so URLs handed out before stay valid). */
    public static ServiceProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, Path log, int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("AVMAM_ADMIN_PASSWORD", TestAuth.ADMIN_PASSWORD);
        pb.environment().put("AVMAM_ACCESS_BCRYPT_COST", "4");
        pb.environment().putAll(env);
        Process p = pb.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the service died at start; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    ServiceProcess s = new ServiceProcess(p, base);
                    if ("worker".equals(env.get("AVMAM_NODE_ROLES"))) {
                        return s; // a worker-only node serves health and metrics only: no token to take
                    }
                    String password = env.getOrDefault("AVMAM_ADMIN_PASSWORD", TestAuth.ADMIN_PASSWORD);
                    if (password.isEmpty()) {
                        // No password given: the first start wrote a one-time one into the data folder.
                        password = java.nio.file.Files.readString(Path.of(env.get("AVMAM_DATA_DIR")).resolve("initial-admin-password")).strip();
                    }
                    s.token = lastToken = TestAuth.createToken(http, base.toString().replaceAll("/$", ""), "admin", password);
                    return s;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator or a service manager stops it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
