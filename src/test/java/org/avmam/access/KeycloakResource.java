package org.avmam.access;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak (org.keycloak:keycloak-quarkus-dist, unpacked by the build into target/vendor),
 * started in dev mode with the test realm imported, for the OIDC sign-in test. No mock: the test
 * gets its tokens from Keycloak's own token endpoint.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final Path HOME = Path.of("target/vendor/keycloak");
    private Process process;
    static String issuer;

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path data = HOME.resolve("data");
            Files.createDirectories(data.resolve("import"));
            Files.copy(Path.of("src/test/resources/keycloak/avmam-realm.json"), data.resolve("import/avmam-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path log = Path.of("target/keycloak.log");
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", HOME.resolve("bin/kc.sh").toAbsolutePath().toString(), "start-dev",
                    "--http-port", String.valueOf(port), "--http-host", "127.0.0.1", "--import-realm", "--cache", "local"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // JDK 24+: Keycloak's jboss-threads resets thread locals through java.lang internals.
            pb.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "keycloak-admin-for-tests");
            process = pb.start();
            issuer = "http://127.0.0.1:" + port + "/realms/avmam";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Instant deadline = Instant.now().plusSeconds(240);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited at start; see " + log.toAbsolutePath());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Keycloak was not ready within 240 s; see " + log.toAbsolutePath());
                }
                Thread.sleep(500);
            }
            return Map.of("avmam.access.oidc-enabled", "true", "quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.client-id", "avmam-cli");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
