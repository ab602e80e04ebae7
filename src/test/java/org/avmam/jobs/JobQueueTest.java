package org.avmam.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable queue on the real database (H2 here, PostgreSQL under -Ppostgres), with this node's
 * workers off so the test alone leases.
 */
@QuarkusTest
@TestProfile(JobQueueTest.NoWorkers.class)
class JobQueueTest {

    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("avmam.pipeline.workers", "false", "avmam.pipeline.lease", "2s",
                    "avmam.pipeline.retry-backoff", "1s", "avmam.pipeline.max-attempts", "3", "avmam.speech.enabled", "false");
        }
    }

    @Inject
    JobQueue queue;

    @Inject
    org.avmam.transcode.RenderHandler render;

    @Inject
    JobWakeups wakeups;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    UUID assetId;

    @BeforeEach
    void drainAndCreateAsset() {
        QuarkusTransaction.requiringNew().run(() -> Job.update("state = ?1 where state in ?2", Job.State.CANCELLED,
                List.of(Job.State.PENDING, Job.State.RUNNING)));
        assetId = QuarkusTransaction.requiringNew().call(() -> {
            Asset a = new Asset();
            a.id = UUID.randomUUID();
            a.state = AssetState.RECEIVED;
            a.mediaType = MediaType.IMAGE;
            a.mimeType = "image/jpeg";
            a.sha256 = "0".repeat(64);
            a.originalFilename = "queue-test.jpg";
            a.language = "en";
            a.createdAt = Instant.now();
            a.updatedAt = a.createdAt;
            a.persist();
            return a.id;
        });
    }

    @Test
    void concurrentWorkersNeverLeaseTheSameJob() throws Exception {
        int jobs = 40;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < jobs; i++) {
                queue.enqueue(assetId, JobType.RENDER, "p" + i);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String owner = "worker-" + w;
            workers.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                Optional<Job> j;
                while ((j = queue.lease(JobType.Queue.TRANSCODE, owner)).isPresent()) {
                    mine.add(j.get().id);
                }
                return mine;
            }));
        }
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<Long>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Set<Long> distinct = new HashSet<>(all);
        assertEquals(jobs, all.size(), "every job leased");
        assertEquals(jobs, distinct.size(), "no job leased twice");
    }

    @Test
    void expiredLeaseIsTakenAgainAndTheOldWorkerCannotComplete() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(assetId, JobType.PROBE, null));
        Job first = queue.lease(JobType.Queue.DEFAULT, "dead-node").orElseThrow();
        assertTrue(queue.lease(JobType.Queue.DEFAULT, "other").isEmpty(), "a held lease is not taken");

        expire(first);
        Job second = queue.lease(JobType.Queue.DEFAULT, "live-node").orElseThrow();
        assertEquals(first.id, second.id);
        assertEquals(2, second.attempts);

        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> queue.complete(first)), "the dead worker lost the job");
        assertEquals(true, QuarkusTransaction.requiringNew().call(() -> queue.complete(second)));
        assertEquals(Job.State.DONE, QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(first.id).state));
    }

    @Test
    void aBatchLeaseTakesAtMostItsSizeAndTwoBatchesNeverShareAJob() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 5; i++) {
                queue.enqueue(assetId, JobType.RENDER, "batch" + i);
            }
        });
        List<Job> first = queue.leaseBatch(JobType.Queue.TRANSCODE, "node-a/transcode-0", 3);
        List<Job> second = queue.leaseBatch(JobType.Queue.TRANSCODE, "node-b/transcode-0", 3);
        assertEquals(3, first.size());
        assertEquals(2, second.size(), "what the first batch left");
        Set<Long> ids = new HashSet<>();
        first.forEach(j -> ids.add(j.id));
        second.forEach(j -> ids.add(j.id));
        assertEquals(5, ids.size(), "no job in both batches");
        assertTrue(first.stream().allMatch(j -> j.state == Job.State.RUNNING && j.attempts == 1 && "node-a/transcode-0".equals(j.leaseOwner)));
        assertTrue(queue.leaseBatch(JobType.Queue.TRANSCODE, "node-c/transcode-0", 3).isEmpty());
    }

    @Test
    void pruningDeletesOldFinishedJobsOnlyAndTheOldestPendingIsReported() {
        Instant old = Instant.now().minus(java.time.Duration.ofDays(40));
        long[] ids = QuarkusTransaction.requiringNew().call(() -> {
            Job done = queue.enqueue(assetId, JobType.PROBE, "old-done");
            Job failed = queue.enqueue(assetId, JobType.PROBE, "old-failed");
            Job recent = queue.enqueue(assetId, JobType.PROBE, "recent-done");
            Job waiting = queue.enqueue(assetId, JobType.PROBE, "waiting");
            done.state = Job.State.DONE;
            done.finishedAt = old;
            failed.state = Job.State.FAILED;
            failed.finishedAt = old;
            recent.state = Job.State.DONE;
            recent.finishedAt = Instant.now();
            waiting.runAt = Instant.now().minusSeconds(120);
            return new long[] {done.id, failed.id, recent.id, waiting.id};
        });
        Instant oldest = queue.oldestPending().get(JobType.Queue.DEFAULT);
        assertTrue(oldest != null && !oldest.isAfter(Instant.now().minusSeconds(119)), "the job due two minutes ago: " + oldest);
        assertTrue(queue.prune(Instant.now().minus(java.time.Duration.ofDays(30))) >= 1);
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(null, Job.findById(ids[0]), "done 40 days ago: pruned");
            assertTrue(Job.findById(ids[1]) != null, "a failed job stays until someone acts on it");
            assertTrue(Job.findById(ids[2]) != null, "done just now: kept");
            assertTrue(Job.findById(ids[3]) != null, "pending: kept");
        });
    }

    @Test
    void onPostgresqlAQueuedJobWakesAnIdleWorkerBeforeItsPollRunsOut() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"),
                "LISTEN/NOTIFY is PostgreSQL's; on H2 workers poll (this runs under -Ppostgres)");
        wakeups.listen(java.time.Duration.ofSeconds(1));
        java.util.concurrent.CompletableFuture<Void> woken = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                wakeups.await(JobType.Queue.SPEECH, java.time.Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The listener may still be connecting: notify until the waiting worker hears one (each enqueue is a NOTIFY).
        Instant deadline = Instant.now().plusSeconds(60);
        while (!woken.isDone()) {
            assertTrue(Instant.now().isBefore(deadline), "no notification woke the worker within a minute (its poll is ten)");
            QuarkusTransaction.requiringNew().run(() -> queue.enqueue(assetId, JobType.TRANSCRIBE, null));
            try {
                woken.get(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // the listener is still connecting
            }
        }
    }

    /** One node on H2: its workers are woken when the job's transaction commits, not a poll interval later. */
    @Test
    void onTheEmbeddedDatabaseAQueuedJobWakesThisNodesWorkersWhenItCommits() {
        org.junit.jupiter.api.Assumptions.assumeFalse(url.startsWith("jdbc:postgresql:"),
                "on PostgreSQL the wake-up is a NOTIFY (the test above)");
        long before = wakeups.generation(JobType.Queue.SPEECH);
        QuarkusTransaction.requiringNew().run(() -> {
            queue.enqueue(assetId, JobType.TRANSCRIBE, null);
            assertEquals(before, wakeups.generation(JobType.Queue.SPEECH), "woken before the job is committed, where no worker sees it");
        });
        assertEquals(before + 1, wakeups.generation(JobType.Queue.SPEECH), "the commit woke the queue's workers");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                queue.enqueue(assetId, JobType.TRANSCRIBE, null);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the job was never queued
        }
        assertEquals(before + 1, wakeups.generation(JobType.Queue.SPEECH), "a rolled-back job woke nobody");
    }

    /** The wait before a job's next run over, without waiting for it: its run time moved into the past. */
    private static void due(Job job) {
        QuarkusTransaction.requiringNew().run(() -> Job.update("runAt = ?1 where id = ?2", Instant.now().minusMillis(1), job.id));
    }

    /** The lease running out, without waiting for it: its end moved into the past. */
    private static void expire(Job leased) {
        QuarkusTransaction.requiringNew().run(() -> Job.update("leaseUntil = ?1 where id = ?2", Instant.now().minusSeconds(1), leased.id));
    }

    @Test
    void aRenewedLeaseHoldsAndALostOneCannotBeRenewed() {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(assetId, JobType.PROBE, null));
        Job first = queue.lease(JobType.Queue.DEFAULT, "node-a").orElseThrow();
        Instant leasedUntil = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(first.id).leaseUntil);
        QuarkusTransaction.requiringNew().run(() -> Job.update("leaseUntil = ?1 where id = ?2", Instant.now().plusMillis(100), first.id));
        assertTrue(queue.renew(first));
        Instant renewed = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(first.id).leaseUntil);
        assertTrue(!renewed.isBefore(leasedUntil), "renewed by a whole lease: " + renewed + " against " + leasedUntil);
        assertTrue(queue.lease(JobType.Queue.DEFAULT, "node-b").isEmpty(), "a renewed lease is not taken");

        expire(first);
        Job second = queue.lease(JobType.Queue.DEFAULT, "node-b").orElseThrow();
        assertEquals(false, queue.renew(first), "the first worker lost the job: its heartbeat stops its run");
        assertTrue(queue.renew(second));
        assertTrue(queue.liveElsewhere(second.id, second.attempts));
        assertEquals(false, queue.liveElsewhere(first.id, first.attempts), "the first attempt is over");
    }

    /** A shoot's previews were queued first; its thumbnails still run before them. */
    @Test
    void lowerPriorityNumbersAreLeasedFirst() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3; i++) {
                queue.enqueue(assetId, JobType.RENDER, "image-preview", JobType.Queue.IMAGE, 1);
            }
            for (int i = 0; i < 3; i++) {
                queue.enqueue(assetId, JobType.RENDER, "image-thumbnail", JobType.Queue.IMAGE, 0);
            }
        });
        List<String> order = new ArrayList<>();
        Optional<Job> j;
        while ((j = queue.lease(JobType.Queue.IMAGE, "w")).isPresent()) {
            order.add(j.get().payload);
        }
        assertEquals(List.of("image-thumbnail", "image-thumbnail", "image-thumbnail", "image-preview", "image-preview", "image-preview"),
                order);
    }

    /** A render attempt clears the folders of dead attempts, never those of a run whose lease still holds. */
    @Test
    void aLiveRunsFilesAreNeverDeletedByAnotherAttempt() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            queue.enqueue(assetId, JobType.RENDER, "p-live");
            queue.enqueue(assetId, JobType.RENDER, "p-dead");
        });
        Job live = queue.lease(JobType.Queue.TRANSCODE, "node-a/w").orElseThrow();
        Job dead = queue.lease(JobType.Queue.TRANSCODE, "node-b/w").orElseThrow();
        expire(dead);
        Job retried = queue.lease(JobType.Queue.TRANSCODE, "node-c/w").orElseThrow();
        assertEquals(dead.id, retried.id);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(
                java.nio.file.Path.of("target/test-tmp")), "render");
        java.nio.file.Path liveRun = java.nio.file.Files.createDirectories(dir.resolve("p.part-" + live.id + "-1"));
        java.nio.file.Path liveSource = java.nio.file.Files.createDirectories(dir.resolve("p.part-" + live.id + "-1-source"));
        java.nio.file.Path deadRun = java.nio.file.Files.createDirectories(dir.resolve("p.part-" + dead.id + "-1"));
        java.nio.file.Path noJob = java.nio.file.Files.createDirectories(dir.resolve("p.part-99999999-3"));
        render.removeStale(dir, "p", retried);
        assertTrue(java.nio.file.Files.isDirectory(liveRun), "another worker's live run keeps its folder");
        assertTrue(java.nio.file.Files.isDirectory(liveSource));
        assertEquals(false, java.nio.file.Files.exists(deadRun), "the dead attempt's folder goes");
        assertEquals(false, java.nio.file.Files.exists(noJob));
    }

    @Test
    void aDeferredJobWaitsWithoutUsingAnAttempt() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(assetId, JobType.INDEX, null));
        // More deferrals than the job has attempts: an outage of any length must not fail it.
        for (int i = 0; i < 5; i++) {
            Job j = queue.lease(JobType.INDEX.queue, "w").orElseThrow();
            assertEquals(1, j.attempts, "each lease after a deferral is the job's first attempt again");
            Instant before = Instant.now();
            QuarkusTransaction.requiringNew().run(() -> queue.defer(j, "OpenSearch is down", java.time.Duration.ofMillis(300)));
            Job waiting = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(j.id));
            assertEquals(Job.State.PENDING, waiting.state);
            assertEquals(0, waiting.attempts);
            assertEquals("OpenSearch is down", waiting.lastError);
            assertTrue(waiting.runAt.isAfter(before.plusMillis(250)), "runs again after the delay, not at once");
            assertTrue(queue.lease(JobType.INDEX.queue, "w").isEmpty(), "not due before the delay");
            due(j);
        }
    }

    @Test
    void failuresBackOffThenFailForGood() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(assetId, JobType.INDEX, null));
        Job j = queue.lease(JobType.INDEX.queue, "w").orElseThrow();
        Instant before = Instant.now();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> queue.fail(j, "search down", true)).isEmpty());
        Job pending = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(j.id));
        assertEquals(Job.State.PENDING, pending.state);
        assertTrue(pending.runAt.isAfter(before.plusMillis(900)), "first retry waits the backoff");
        assertTrue(queue.lease(JobType.INDEX.queue, "w").isEmpty(), "not due yet");

        assertEquals(java.time.Duration.ofSeconds(2), queue.backoff(2));
        assertEquals(java.time.Duration.ofSeconds(4), queue.backoff(3));

        due(j);
        Job again = queue.lease(JobType.INDEX.queue, "w").orElseThrow();
        Optional<Job> finalFailure = QuarkusTransaction.requiringNew().call(() -> queue.fail(again, "corrupt", false));
        assertTrue(finalFailure.isPresent(), "a non-retryable failure is final at once");
        assertEquals(Job.State.FAILED, finalFailure.get().state);
        assertEquals("corrupt", finalFailure.get().lastError);
    }
}
