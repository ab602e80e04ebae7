package org.avmam.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.avmam.Fixtures;
import org.avmam.ingest.tus.TusUpload;
import org.junit.jupiter.api.Test;

/** tus 1.0.0, case by case from the specification (tus.io/protocols/resumable-upload). */
@QuarkusTest
class TusUploadTest {

    private static final String OCTETS = "application/offset+octet-stream";

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification tus() {
        return given().header("Tus-Resumable", "1.0.0");
    }

    private static String meta(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(b.length() == 0 ? "" : ",").append(kv[i]).append(' ')
                    .append(Base64.getEncoder().encodeToString(kv[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return b.toString();
    }

    private static String create(long length, String metadata) {
        return tus().header("Upload-Length", length).header("Upload-Metadata", metadata).post("/api/v1/uploads")
                .then().statusCode(201).header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Upload-Expires", notNullValue()).extract().header("Location");
    }

    private static Response patch(String location, long offset, byte[] chunk) {
        return tus().contentType(OCTETS).header("Upload-Offset", offset).body(chunk).patch(location);
    }

    private static String checksum(String algo, byte[] bytes) throws Exception {
        return algo + " " + Base64.getEncoder().encodeToString(MessageDigest.getInstance(algo.equals("sha1") ? "SHA-1" : "SHA-256").digest(bytes));
    }

    @jakarta.inject.Inject
    org.avmam.ingest.tus.TusService uploads;

    /** Two nodes behind a load balancer: the append is claimed in the database, compare-and-set on the offset. */
    @Test
    void anAppendClaimedByAnotherNodeIsRefusedAndTheOffsetIsComparedAndSet() {
        String location = create(10, meta("filename", "two-nodes.bin"));
        java.util.UUID id = java.util.UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> org.avmam.ingest.tus.TusUpload.update(
                "appendOwner = ?1, appendUntil = ?2 where id = ?3", "other-node/abc", java.time.Instant.now().plusSeconds(600), id));
        patch(location, 0, "01234".getBytes(StandardCharsets.US_ASCII)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("another PATCH"));
        tus().head(location).then().statusCode(200).header("Upload-Offset", "0");

        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> org.avmam.ingest.tus.TusUpload.update(
                "appendOwner = null, appendUntil = null where id = ?1", id));
        patch(location, 0, "01234".getBytes(StandardCharsets.US_ASCII)).then().statusCode(204).header("Upload-Offset", "5");
        org.junit.jupiter.api.Assertions.assertTrue(uploads.claim(id, 5, "node-a"), "a free upload at its offset is claimed");
        org.junit.jupiter.api.Assertions.assertFalse(uploads.claim(id, 5, "node-b"), "a second node cannot claim it too");
        org.junit.jupiter.api.Assertions.assertFalse(uploads.claim(id, 0, "node-c"), "nor at an offset it has passed");
    }

    @Test
    void optionsAdvertisesVersionExtensionsAndLimits() {
        given().options("/api/v1/uploads").then().statusCode(204)
                .header("Tus-Version", "1.0.0")
                .header("Tus-Extension", "creation,creation-with-upload,termination,expiration,checksum")
                .header("Tus-Max-Size", "107374182400")
                .header("Tus-Checksum-Algorithm", containsString("sha1"));
    }

    @Test
    void requestsWithoutTheProtocolVersionAre412() {
        given().header("Upload-Length", 10).post("/api/v1/uploads").then().statusCode(412).header("Tus-Version", "1.0.0");
        given().header("Tus-Resumable", "0.2.2").header("Upload-Length", 10).post("/api/v1/uploads").then().statusCode(412);
    }

    @Test
    void creationNeedsAValidLengthWithinTheLimit() {
        tus().post("/api/v1/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Upload-Length"));
        tus().header("Upload-Defer-Length", 1).post("/api/v1/uploads").then().statusCode(400).body("detail", containsString("not supported"));
        tus().header("Upload-Length", "-5").post("/api/v1/uploads").then().statusCode(400);
        tus().header("Upload-Length", "1000000000000000").post("/api/v1/uploads").then().statusCode(413).header("Tus-Resumable", "1.0.0");
        tus().header("Upload-Length", 10).header("Upload-Metadata", "filename %%%").post("/api/v1/uploads").then().statusCode(400)
                .body("detail", containsString("Base64"));
    }

    @Test
    void chunkedUploadWithChecksumsBecomesAnAsset() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        UUID batch = UUID.fromString(given().contentType("application/json").body("{\"name\":\"tus shoot\",\"language\":\"en\"}")
                .post("/api/v1/batches").then().statusCode(201).extract().path("id"));
        String location = create(file.length, meta("filename", "开幕式-01.jpg", "title", "Opening", "batch", batch.toString()));

        tus().head(location).then().statusCode(200).header("Upload-Offset", "0").header("Upload-Length", String.valueOf(file.length))
                .header("Cache-Control", "no-store").header("Upload-Metadata", startsWith("filename "));

        byte[] first = Arrays.copyOfRange(file, 0, 10_000);
        tus().contentType(OCTETS).header("Upload-Offset", 0).header("Upload-Checksum", checksum("sha1", first)).body(first)
                .patch(location).then().statusCode(204).header("Upload-Offset", "10000").header("Tus-Resumable", "1.0.0");

        // A wrong offset is a conflict; a wrong content type is refused; neither moves the offset.
        patch(location, 0, first).then().statusCode(409).contentType("application/problem+json");
        tus().contentType("application/octet-stream").header("Upload-Offset", 10_000).body(first).patch(location).then().statusCode(415);

        // A chunk whose checksum does not match is discarded: 460, offset unchanged.
        byte[] rest = Arrays.copyOfRange(file, 10_000, file.length);
        tus().contentType(OCTETS).header("Upload-Offset", 10_000).header("Upload-Checksum", checksum("sha1", first)).body(rest)
                .patch(location).then().statusCode(460).header("Tus-Resumable", "1.0.0").body("title", equalTo("Checksum Mismatch"));
        tus().contentType(OCTETS).header("Upload-Offset", 10_000).header("Upload-Checksum", "crc32 AAAA").body(rest)
                .patch(location).then().statusCode(400);
        tus().head(location).then().header("Upload-Offset", "10000").header("Asset-Location", nullValue());

        String assetLocation = tus().contentType(OCTETS).header("Upload-Offset", 10_000).header("Upload-Checksum", checksum("sha256", rest))
                .body(rest).patch(location).then().statusCode(204).header("Upload-Offset", String.valueOf(file.length))
                .extract().header("Asset-Location");
        tus().head(location).then().statusCode(200).header("Asset-Location", assetLocation);

        var asset = Fixtures.awaitSettled(assetLocation.substring(assetLocation.lastIndexOf('/') + 1), Duration.ofMinutes(2));
        assertEquals("READY", asset.getString("state"));
        assertEquals("开幕式-01.jpg", asset.getString("originalFilename"));
        assertEquals("Opening", asset.getString("title"));
        assertEquals(batch.toString(), asset.getString("batchId"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), asset.getString("sha256"));
        given().get(assetLocation + "/provenance").then().statusCode(200)
                .body("find { it.type == 'ingestion' }.detail", containsString("resumable upload (tus)"));
    }

    @Test
    void creationWithUploadSendsTheWholeFileAtOnce() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        String location = tus().header("Upload-Length", file.length).header("Upload-Metadata", meta("filename", "one-shot.jpg")).contentType(OCTETS)
                .body(file).post("/api/v1/uploads").then().statusCode(201)
                .header("Upload-Offset", String.valueOf(file.length))
                .header("Asset-Location", startsWith("/api/v1/assets/")).extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        TusUpload u = QuarkusTransaction.requiringNew().call(() -> TusUpload.<TusUpload>findById(id));
        assertEquals(TusUpload.State.DONE, u.state);
        assertEquals(file.length, u.offset);
        assertEquals(null, u.appendOwner, "the request's claim ends with the upload");
        tus().head(location).then().statusCode(200).header("Asset-Location", "/api/v1/assets/" + u.assetId);
    }

    /** The camera JPEG with 16 random bytes after it: bytes no other test has sent, so no asset holds them yet. */
    private static byte[] uniqueJpeg() throws Exception {
        byte[] jpeg = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        byte[] file = Arrays.copyOf(jpeg, jpeg.length + 16);
        for (int i = jpeg.length; i < file.length; i++) {
            file[i] = (byte) java.util.concurrent.ThreadLocalRandom.current().nextInt(256);
        }
        return file;
    }

    /** A creation request whose body fails its checksum: 460, no asset, and the upload it created is left unclaimed at 0. */
    @Test
    void creationWithUploadWithAWrongChecksumStoresNothing() throws Exception {
        byte[] file = uniqueJpeg();
        String metadata = meta("filename", "mismatch-" + UUID.randomUUID() + ".jpg");
        tus().header("Upload-Length", file.length).header("Upload-Metadata", metadata).contentType(OCTETS)
                .header("Upload-Checksum", checksum("sha1", "other bytes".getBytes(StandardCharsets.US_ASCII)))
                .body(file).post("/api/v1/uploads").then().statusCode(460).contentType("application/problem+json")
                .body("title", equalTo("Checksum Mismatch"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        given().queryParam("sha256", sha).get("/api/v1/assets").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
        TusUpload u = QuarkusTransaction.requiringNew().call(() -> TusUpload.<TusUpload>find("metadata", metadata).firstResult());
        assertEquals(0, u.offset);
        assertEquals(TusUpload.State.RECEIVING, u.state);
        assertEquals(null, u.appendOwner, "the creation request's claim was given up");
    }

    /** The last chunk's offset, the upload's end and the asset commit together, only while the chunk's claim holds. */
    @Test
    void aLastChunkWhoseClaimLapsedMidWayMakesNoAsset() throws Exception {
        byte[] file = uniqueJpeg();
        String location = create(file.length, meta("filename", "lapsed.jpg"));
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        int half = file.length / 2;
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + org.avmam.TestAuth.header()
                    + "\r\nTus-Resumable: 1.0.0\r\nContent-Type: " + OCTETS + "\r\nUpload-Offset: 0\r\nContent-Length: " + file.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, half);
            out.flush();
            Fixtures.await("the PATCH's claim on the upload", Duration.ofSeconds(10), () -> QuarkusTransaction.requiringNew()
                    .call(() -> TusUpload.<TusUpload>findById(id).appendOwner) != null);
            // Its claim lapses and another node's append takes the upload over while this chunk is still arriving.
            QuarkusTransaction.requiringNew().run(() -> TusUpload.update("appendOwner = ?1 where id = ?2", "other-node/abc", id));
            out.write(file, half, file.length - half);
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // Connection: close
            assertEquals("HTTP/1.1 409 Conflict", answer.lines().findFirst().orElse(""), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("moved on while this chunk was written"), answer);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        given().queryParam("sha256", sha).get("/api/v1/assets").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
        QuarkusTransaction.requiringNew().run(() -> TusUpload.update("appendOwner = null where id = ?1", id));
        tus().head(location).then().statusCode(200).header("Upload-Offset", "0").header("Asset-Location", nullValue());
    }

    @Test
    void anInterruptedChunkKeepsWhatArrivedAndResumes() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.SPEECH_VIDEO);
        String location = create(file.length, meta("filename", "interview.mp4", "language", "en"));
        int sent = 200_000;

        // Announce the whole file, send part of it, and drop the connection.
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + org.avmam.TestAuth.header() + "\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: " + OCTETS + "\r\nUpload-Offset: 0\r\nContent-Length: " + file.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, sent);
            out.flush();
        }
        long offset = awaitOffset(location, sent);
        assertEquals(sent, offset, "every byte that arrived is kept");
        tus().head(location).then().header("Asset-Location", nullValue());

        String assetLocation = patch(location, offset, Arrays.copyOfRange(file, (int) offset, file.length))
                .then().statusCode(204).extract().header("Asset-Location");
        var asset = Fixtures.awaitSettled(assetLocation.substring(assetLocation.lastIndexOf('/') + 1), Duration.ofMinutes(3));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), asset.getString("sha256"));
        assertEquals("READY", asset.getString("state"));
    }

    @Test
    void terminationRemovesTheUpload() {
        String location = create(100, meta("filename", "abandoned.jpg"));
        tus().delete(location).then().statusCode(204).header("Tus-Resumable", "1.0.0");
        tus().head(location).then().statusCode(404);
        patch(location, 0, new byte[10]).then().statusCode(404);
        tus().head("/api/v1/uploads/not-an-id").then().statusCode(404);
    }

    @Test
    void expiredUploadsAreGone() {
        String location = create(100, meta("filename", "late.jpg"));
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        QuarkusTransaction.requiringNew().run(() -> TusUpload.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), id));
        tus().head(location).then().statusCode(410);
        patch(location, 0, new byte[10]).then().statusCode(410);
    }

    /** The sweep that runs each minute on every node, uploads arriving or not: an expired upload's partial data goes. */
    @Test
    void theSweepRemovesTheDataOfExpiredUploads() {
        String location = create(100, meta("filename", "abandoned-at-night.jpg"));
        patch(location, 0, new byte[40]).then().statusCode(204);
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        // Where TusService keeps an upload's bytes until it completes: <data-dir>/uploads/<id>.part.
        Path part = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("avmam.data-dir", Path.class)
                .toAbsolutePath().resolve("uploads").resolve(id + ".part");
        assertTrue(Files.exists(part), "the partial data is kept while the upload may resume");
        QuarkusTransaction.requiringNew().run(() -> TusUpload.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), id));
        assertTrue(uploads.sweep() >= 1, "the sweep found the expired upload");
        assertFalse(Files.exists(part), "the expired upload's partial data is removed");
        assertEquals(TusUpload.State.EXPIRED,
                QuarkusTransaction.requiringNew().call(() -> TusUpload.<TusUpload>findById(id).state));
        tus().head(location).then().statusCode(410);
    }

    @Test
    void aCompletedUploadThatIsNotMediaIsRefused() {
        byte[] text = "minutes of the meeting, not a recording\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        String location = create(text.length, meta("filename", "minutes.mp4"));
        patch(location, 0, text).then().statusCode(415).header("Tus-Resumable", "1.0.0").body("detail", containsString("text/plain"));
        tus().head(location).then().statusCode(422);
    }

    @Test
    void chunksPastTheDeclaredLengthAreRefused() {
        String location = create(5, meta("filename", "short.jpg"));
        patch(location, 0, new byte[10]).then().statusCode(413);
        tus().head(location).then().header("Upload-Offset", "0");
        // A chunk far larger than what the server buffers for one upload (4 MiB): still answered, not left hanging.
        String big = create(1000, meta("filename", "short.jpg"));
        patch(big, 0, new byte[16 * 1024 * 1024]).then().statusCode(413);
        tus().head(big).then().header("Upload-Offset", "0");
    }

    private static long awaitOffset(String location, long expected) {
        Instant deadline = Instant.now().plusSeconds(10);
        long offset = -1;
        while (Instant.now().isBefore(deadline)) {
            offset = Long.parseLong(tus().head(location).then().statusCode(200).extract().header("Upload-Offset"));
            if (offset == expected) {
                break;
            }
            Fixtures.sleep(100);
        }
        return offset;
    }
}
