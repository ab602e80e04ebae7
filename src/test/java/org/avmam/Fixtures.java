package org.avmam;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Shared test fixtures and helpers: the committed media and polling for pipeline states. */
public final class Fixtures {

    /** 7 s, 640×360 H.264 + AAC; its audio is espeak-ng saying a sentence about a harbour festival and a lighthouse. */
    public static final Path SPEECH_VIDEO = Path.of("src/test/resources/media/event-0417.mp4");
    /** 1024×768 JPEG with EXIF (Canon EOS 5D Mark IV, GPS), IPTC caption and keywords written by exiftool. */
    public static final Path CAMERA_JPEG = Path.of("src/test/resources/media/camera.jpg");

    /** Content-Type of {@link #multipart}. */
    public static final String MULTIPART = "multipart/form-data; boundary=XyZ";

    private Fixtures() {}

    /** A multipart body with the file in the field "file", streamed from disk (for java.net.http clients). */
    public static java.net.http.HttpRequest.BodyPublisher multipart(Path file) throws IOException {
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        return java.net.http.HttpRequest.BodyPublishers.concat(java.net.http.HttpRequest.BodyPublishers.ofString(head),
                java.net.http.HttpRequest.BodyPublishers.ofFile(file), java.net.http.HttpRequest.BodyPublishers.ofString("\r\n--XyZ--\r\n"));
    }

    public static File file(Path p) {
        return p.toFile();
    }

    /** Polls the asset until it reaches one of the terminal states and returns its JSON. */
    public static JsonPath awaitSettled(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonPath json = given().get("/api/v1/assets/" + id).then().statusCode(200).extract().jsonPath();
            if (Set.of("READY", "FAILED").contains(json.getString("state"))) {
                return json;
            }
            sleep(250);
        }
        fail("asset " + id + " did not settle within " + timeout);
        return null;
    }

    /** The camera photo with a unique tail after its EOI marker: a sound JPEG whose bytes no other upload has. */
    public static byte[] uniquePhoto() throws IOException {
        byte[] photo = Files.readAllBytes(CAMERA_JPEG);
        byte[] tail = java.util.UUID.randomUUID().toString().getBytes();
        byte[] unique = java.util.Arrays.copyOf(photo, photo.length + tail.length);
        System.arraycopy(tail, 0, unique, photo.length, tail.length);
        return unique;
    }

    /** A copy of the first {@code bytes} bytes of a file: a truncated upload. */
    public static Path truncated(Path source, int bytes, Path dir) throws IOException {
        Path out = dir.resolve("truncated-" + source.getFileName());
        try (InputStream in = Files.newInputStream(source)) {
            Files.write(out, in.readNBytes(bytes));
        }
        return out;
    }

    /**
     * How many requests of {@code method} on resources like {@code resource} (SQL LIKE) were answered
     * since {@code since}, from the audit log, which holds one entry per request.
     */
    public static long auditedRequests(String method, String resource, Instant since) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> org.avmam.audit.AuditEntry.count(
                "action = ?1 and resource like ?2 and at >= ?3", method, resource, since));
    }

    /** Polls {@code condition} until it holds; fails the test naming {@code what} when it has not within {@code timeout}. */
    public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("waited " + timeout + " for " + what + ", in vain");
            }
            sleep(100);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
