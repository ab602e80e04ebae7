package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.avmam.Fixtures;
import org.avmam.common.Json;
import org.junit.jupiter.api.Test;

/** Identical bytes sent at the same moment: one original, every other upload its duplicate. */
@QuarkusTest
class ConcurrentUploadsTest {

    @TestHTTPResource("/api/v1/assets")
    URI assets;

    @Test
    void identicalConcurrentUploadsMakeOneOriginal() throws Exception {
        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        byte[] tail = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] unique = java.util.Arrays.copyOf(photo, photo.length + tail.length);
        System.arraycopy(tail, 0, unique, photo.length, tail.length);
        Path file = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-tmp")), "same").resolve("same.jpg");
        Files.write(file, unique);

        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(assets).header("Authorization", org.avmam.TestAuth.header()).header("Content-Type", Fixtures.MULTIPART)
                    .POST(Fixtures.multipart(file)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> created = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.join();
            assertEquals(201, r.statusCode(), r.body());
            created.add(Json.mapper().readTree(r.body()));
        }
        List<JsonNode> originals = created.stream().filter(a -> a.path("duplicateOf").isNull() || a.path("duplicateOf").isMissingNode())
                .toList();
        assertEquals(1, originals.size(), "one original among " + created);
        String original = originals.getFirst().path("id").asText();
        for (JsonNode a : created) {
            if (!a.path("id").asText().equals(original)) {
                assertEquals(original, a.path("duplicateOf").asText(), "every other upload is a duplicate of the original");
            }
        }
    }
}
