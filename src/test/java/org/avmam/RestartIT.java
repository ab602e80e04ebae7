package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged service during an upload and during a transcode: after a restart on the
 * same data, the upload resumes, the job runs again, there are no duplicate renditions and no
 * temporary files left, and the local OpenSearch node the killed service left behind is stopped.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private Path data;
    private int port;
    private ServiceProcess server;

    @BeforeEach
    void dataDir() throws IOException {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target/it")), "restart").toAbsolutePath();
        // Temp folders are owner-only; as root the OpenSearch node's user must reach the data folder.
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        port = ServiceProcess.freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedDuringAnUploadTheUploadResumes() throws Exception {
        start();
        byte[] file = Files.readAllBytes(Fixtures.SPEECH_VIDEO);
        URI upload = URI.create(send(HttpRequest.newBuilder(uri("/api/v1/uploads")).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(file.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("interview.mp4".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody())).headers().firstValue("Location").orElseThrow());
        patch(upload, 0, Arrays.copyOfRange(file, 0, 100_000));
        long stalePid = nodePid();

        kill9();
        start();
        assertTrue(ProcessHandle.of(stalePid).map(h -> !h.isAlive()).orElse(true), "the killed service's OpenSearch node was stopped");

        HttpResponse<String> head = send(HttpRequest.newBuilder(upload).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
        assertEquals(100_000, offset, "the acknowledged bytes survived the crash");
        String asset = patch(upload, offset, Arrays.copyOfRange(file, (int) offset, file.length)).headers()
                .firstValue("Asset-Location").orElseThrow();
        JsonNode a = awaitSettled(asset);
        assertEquals("READY", a.path("state").asText());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), a.path("sha256").asText());
        assertNoTempFiles();
    }

    @Test
    void killedDuringATranscodeTheJobRunsAgainWithoutDuplicates() throws Exception {
        Path video = data.resolve("long.mp4");
        Process ff = new ProcessBuilder(TestFfmpeg.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=f=300", "-t", "90", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", video.toString()).inheritIO().start();
        assertEquals(0, ff.waitFor());
        start();
        String body = send(HttpRequest.newBuilder(uri("/api/v1/assets")).header("Content-Type", Fixtures.MULTIPART)
                .POST(Fixtures.multipart(video))).body();
        String id = JSON.readTree(body).path("id").asText();

        Instant deadline = Instant.now().plusSeconds(120);
        boolean rendering = false;
        while (!rendering && Instant.now().isBefore(deadline)) {
            JsonNode running = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/jobs?state=RUNNING&assetId=" + id))).body());
            for (JsonNode j : running) {
                rendering |= j.path("type").asText().equals("RENDER") && j.path("payload").asText().equals("video-proxy-720p");
            }
            Thread.sleep(200);
        }
        assertTrue(rendering, "the proxy was seen rendering");
        // Killed once ffmpeg has written part of the rendition: the restart must cope with half-made files.
        Instant written = Instant.now().plusSeconds(60);
        double progress = 0;
        while (progress < 0.05 && Instant.now().isBefore(written)) {
            for (JsonNode j : JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/jobs?state=RUNNING&assetId=" + id))).body())) {
                if (j.path("payload").asText().equals("video-proxy-720p")) {
                    progress = j.path("progress").asDouble();
                }
            }
            Thread.sleep(100);
        }
        assertTrue(progress >= 0.05, "the proxy render made progress before the kill: " + progress);
        kill9();
        start();

        JsonNode a = awaitSettled("/api/v1/assets/" + id);
        assertEquals("READY", a.path("state").asText(), a.toString());
        List<String> profiles = a.path("renditions").findValuesAsText("profile");
        assertEquals(List.of("audio-waveform", "video-filmstrip", "video-poster", "video-proxy-720p"), profiles,
                "one rendition per profile");
        JsonNode jobs = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/jobs?assetId=" + id))).body());
        long proxyJobs = 0;
        for (JsonNode j : jobs) {
            if (j.path("payload").asText().equals("video-proxy-720p")) {
                proxyJobs++;
                assertEquals("DONE", j.path("state").asText());
                assertTrue(j.path("attempts").asInt() >= 2, "the killed render ran again");
            }
        }
        assertEquals(1, proxyJobs, "the job ran again; it was not duplicated");
        assertNoTempFiles();
    }

    /** Starts (again) on the same data folder. */
    private void start() throws Exception {
        server = ServiceProcess.start(ServiceProcess.JAR, List.of(), java.util.Map.of("AVMAM_DATA_DIR", data.toString()),
                data.resolve("server.log"), port);
    }

    private void kill9() throws InterruptedException {
        server.kill();
    }

    private long nodePid() throws Exception {
        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(uri("/q/health/ready"))).body());
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("opensearch")) {
                return check.path("data").path("nodePid").asLong();
            }
        }
        throw new AssertionError("no opensearch health check: " + health);
    }

    private void assertNoTempFiles() throws IOException {
        for (String dir : List.of("tmp", "renditions", "uploads")) {
            Path d = data.resolve(dir);
            if (!Files.exists(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                // Renditions are made in "<profile>.part-<job>-<attempt>" folders, uploads in ".part" files.
                List<Path> leftovers = s.filter(p -> d.relativize(p).toString().contains(".part")).toList();
                assertEquals(List.of(), leftovers, "no temporary files left in " + dir);
            }
        }
    }

    private JsonNode awaitSettled(String assetPath) throws Exception {
        Instant deadline = Instant.now().plusSeconds(240);
        JsonNode a = null;
        while (Instant.now().isBefore(deadline)) {
            a = JSON.readTree(send(HttpRequest.newBuilder(uri(assetPath))).body());
            if (a.path("state").asText().equals("READY") || a.path("state").asText().equals("FAILED")) {
                return a;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not settled: " + a);
    }

    private HttpResponse<String> patch(URI upload, long offset, byte[] chunk) throws Exception {
        return send(HttpRequest.newBuilder(upload).header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)));
    }

    private URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : server.uri(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 400, r.statusCode() + " " + r.body());
        return r;
    }
}
