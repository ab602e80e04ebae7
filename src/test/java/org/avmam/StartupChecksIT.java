package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service refuses to start on a wrong setting, quickly, with a message that names
 * the setting. Runs the real jar in its own JVM.
 */
class StartupChecksIT {

    private static final Path JAR = Path.of(System.getProperty("it.app.jar", "target/quarkus-app/quarkus-run.jar"));

    @Test
    void unreachableOpenSearchNamesTheSetting() throws Exception {
        String out = startExpectingFailure(Map.of("AVMAM_SEARCH_URLS", "http://127.0.0.1:9"));
        assertTrue(out.contains("avmam.search.urls"), out);
    }

    @Test
    void missingSpeechModelNamesTheSetting() throws Exception {
        String out = startExpectingFailure(Map.of("AVMAM_SPEECH_MODELS_EN", "/nonexistent/vosk-model"));
        assertTrue(out.contains("avmam.speech.models.en"), out);
    }

    @Test
    void badDatabaseUrlNamesTheSetting() throws Exception {
        String out = startExpectingFailure(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:/proc/no-such-dir/avmam"));
        assertTrue(out.contains("quarkus.datasource.jdbc.url"), out);
    }

    @Test
    void invalidTranscodeProfileNamesFileAndField() throws Exception {
        Path dir = Files.createTempDirectory("profiles");
        Files.writeString(dir.resolve("broken.yaml"), "name: broken\nversion: 1\ntrigger: sometimes\n");
        String out = startExpectingFailure(Map.of("AVMAM_PROFILES_DIR", dir.toString()));
        assertTrue(out.contains("broken.yaml: field trigger has the invalid value 'sometimes'"), out);
    }

    @Test
    void aWeakAdminPasswordNamesTheSetting() throws Exception {
        String out = startExpectingFailure(Map.of("AVMAM_ADMIN_PASSWORD", "short"));
        assertTrue(out.contains("avmam.access.admin-password (AVMAM_ADMIN_PASSWORD) is refused: the password is at least 12"), out);
    }

    @Test
    void theFirstStartWithoutAnAdminPasswordWritesAOneTimeOneOnlyTheServiceUserCanRead() throws Exception {
        Path data = Files.createTempDirectory("avmam-first-start-it");
        Path log = data.resolve("server.log");
        try (ServiceProcess s = ServiceProcess.start(JAR, List.of(), Map.of("AVMAM_DATA_DIR", data.toString(), "AVMAM_ADMIN_PASSWORD", ""),
                log)) {
            Path file = data.resolve("initial-admin-password").toAbsolutePath();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).strip().length() >= 20);
            assertTrue(Files.readString(log).contains(file.toString()), "the log names the file");
            // ServiceProcess signed in with it: the token works.
            java.net.http.HttpResponse<String> me = java.net.http.HttpClient.newHttpClient().send(
                    s.request(s.uri("/api/v1/auth/me")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
            assertTrue(me.body().contains("\"ADMIN\""), me.body());
        }
    }

    private static String startExpectingFailure(Map<String, String> env) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("avmam-startup-it");
        Path log = data.resolve("out.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("AVMAM_DATA_DIR", data.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", "0");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited, "the service should stop by itself on a wrong setting; it kept running:\n" + out);
        assertNotEquals(0, p.exitValue(), out);
        return out;
    }
}
