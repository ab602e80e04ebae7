package org.avmam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
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

    private static final Path JAR = Path.of(System.getProperty("avmam.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private Path data;
    private int port;
    private Process server;

    @BeforeEach
    void dataDir() throws IOException {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target/it")), "restart").toAbsolutePath();
        // Temp folders are owner-only; as root the OpenSearch node's user must reach the data folder.
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
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
        Process ff = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=f=300", "-t", "90", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", video.toString()).inheritIO().start();
        assertEquals(0, ff.waitFor());
        start();
        String body = send(HttpRequest.newBuilder(uri("/api/v1/assets")).header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(multipart(video))).body();
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
        Thread.sleep(1500);
        kill9();
        start();

        JsonNode a = awaitSettled("/api/v1/assets/" + id);
        assertEquals("READY", a.path("state").asText(), a.toString());
        List<String> profiles = a.path("renditions").findValuesAsText("profile");
        assertEquals(List.of("video-poster", "video-proxy-720p"), profiles, "one rendition per profile");
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

    private void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
        pb.environment().put("AVMAM_DATA_DIR", data.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        server = pb.start();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            assertTrue(server.isAlive(), "the service died at start; see " + data.resolve("server.log"));
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not become ready");
    }

    private void kill9() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor();
    }

    private long nodePid() throws IOException {
        return Long.parseLong(Files.readString(data.resolve("opensearch/node.pid")).strip());
    }

    private void assertNoTempFiles() throws IOException {
        for (String dir : List.of("tmp", "renditions", "uploads")) {
            Path d = data.resolve(dir);
            if (!Files.exists(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                List<Path> leftovers = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(".part")).toList();
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

    private static HttpRequest.BodyPublisher multipart(Path file) throws IOException {
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(file),
                HttpRequest.BodyPublishers.ofString("\r\n--XyZ--\r\n"));
    }

    private URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 400, r.statusCode() + " " + r.body());
        return r;
    }
}
