package org.avmam.storage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/** Blobs no asset references go after the grace period; nothing referenced, and nothing young, ever does. */
@QuarkusTest
class BlobSweeperTest {

    @Inject
    BlobStore blobs;

    @Inject
    BlobSweeper sweeper;

    private static void age(Path p, Duration by) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(by)));
    }

    @Test
    void anOrphanPastItsGraceGoesAndEverythingElseStays() throws Exception {
        BlobStore.StoredBlob orphan = blobs.put(new ByteArrayInputStream(("left by a crash " + UUID.randomUUID()).getBytes()), 1 << 20);
        BlobStore.StoredBlob young = blobs.put(new ByteArrayInputStream(("stored a moment ago " + UUID.randomUUID()).getBytes()), 1 << 20);
        age(blobs.path(orphan.sha256()), Duration.ofHours(2));

        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        byte[] tail = UUID.randomUUID().toString().getBytes();
        byte[] unique = java.util.Arrays.copyOf(photo, photo.length + tail.length);
        System.arraycopy(tail, 0, unique, photo.length, tail.length);
        String sha = given().multiPart("file", "kept.jpg", unique, "image/jpeg").post("/api/v1/assets").then().statusCode(201)
                .extract().path("sha256");
        age(blobs.path(sha), Duration.ofHours(2));

        int removed = sweeper.sweep(Duration.ofHours(1));
        assertTrue(removed >= 1, "the orphan went");
        assertTrue(Files.notExists(blobs.path(orphan.sha256())), "no asset references it and it is past its grace");
        assertTrue(Files.exists(blobs.path(young.sha256())), "within its grace: an upload may be about to record it");
        assertTrue(Files.exists(blobs.path(sha)), "an asset's original is never swept");
        assertEquals(200, given().get("/api/v1/assets?sha256=" + sha).then().extract().statusCode());
    }

    @Test
    void meetingAnOrphanAgainRestartsItsGrace() throws Exception {
        byte[] bytes = ("met again " + UUID.randomUUID()).getBytes();
        BlobStore.StoredBlob first = blobs.put(new ByteArrayInputStream(bytes), 1 << 20);
        age(blobs.path(first.sha256()), Duration.ofHours(2));
        BlobStore.StoredBlob again = blobs.put(new ByteArrayInputStream(bytes), 1 << 20);
        assertTrue(again.alreadyPresent());
        sweeper.sweep(Duration.ofHours(1));
        assertTrue(Files.exists(blobs.path(first.sha256())), "an upload that met it is about to record its asset");
    }
}
