package org.avmam.jobs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * This node's workers: a fixed number of threads per queue, so ffmpeg and Vosk never run more
 * processes than configured. Each thread leases a job, runs its handler outside any transaction,
 * then records the outcome.
 */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    private final org.avmam.config.NodeRoles roles;
    private final JobQueue queue;
    private final JobListener listener;
    private final AvmamConfig.Pipeline config;
    private final Map<JobType, JobHandler> handlers = new EnumMap<>(JobType.class);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String nodeId;
    private final JobWakeups wakeups;
    private final Map<JobType.Queue, java.util.Deque<Job>> buffers = new EnumMap<>(JobType.Queue.class);
    private final Map<JobType.Queue, java.util.concurrent.atomic.AtomicInteger> idle = new EnumMap<>(JobType.Queue.class);
    /** Per queue: the wake-up generation and the time at which a lease last came back short (the queue ran dry). */
    private final Map<JobType.Queue, long[]> drained = new EnumMap<>(JobType.Queue.class);
    private java.util.concurrent.ScheduledExecutorService maintenance;

    public JobWorkers(JobQueue queue, JobListener listener, Instance<JobHandler> all, AvmamConfig config,
            org.avmam.config.NodeName node, org.avmam.config.NodeRoles roles, JobWakeups wakeups,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        this.roles = roles;
        this.wakeups = wakeups;
        for (JobType.Queue q : JobType.Queue.values()) {
            buffers.put(q, new java.util.ArrayDeque<>());
            drained.put(q, new long[] {-1, 0});
            idle.put(q, new java.util.concurrent.atomic.AtomicInteger());
            // How long the longest-waiting due job of the queue has waited: the one figure that says the workers keep up.
            io.micrometer.core.instrument.Gauge.builder("avmam.jobs.oldest.pending.seconds", () -> oldestPendingSeconds(q))
                    .tag("queue", q.name().toLowerCase()).description("Age of the oldest due job not yet started").register(metrics);
        }
        this.queue = queue;
        this.listener = listener;
        this.config = config.pipeline();
        this.nodeId = node.get();
        all.forEach(h -> handlers.put(h.type(), h));
    }

    void start(@Observes StartupEvent ev) {
        if (!roles.worker()) {
            LOG.info("Job workers are off on this node (avmam.node.roles has no worker, or avmam.pipeline.workers=false)");
            return;
        }
        running.set(true);
        wakeups.listen(config.pollInterval().multipliedBy(5));
        maintenance = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("job-pruning").unstarted(r));
        maintenance.scheduleWithFixedDelay(this::prune, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
        int reclaimed = queue.reclaim(nodeId + "/");
        if (reclaimed > 0) {
            LOG.infof("Took back %d job(s) this node was running when it stopped", reclaimed);
        }
        spawn(JobType.Queue.DEFAULT, config.defaultWorkers());
        spawn(JobType.Queue.TRANSCODE, config.transcodeWorkers());
        spawn(JobType.Queue.IMAGE, config.imageWorkers());
        spawn(JobType.Queue.SPEECH, config.speechWorkers());
        spawn(JobType.Queue.INDEX, config.indexWorkers());
        spawn(JobType.Queue.STORAGE, config.storageWorkers());
        LOG.infof("Job workers started on %s: default=%d transcode=%d image=%d speech=%d index=%d storage=%d", nodeId,
                config.defaultWorkers(), config.transcodeWorkers(), config.imageWorkers(), config.speechWorkers(),
                config.indexWorkers(), config.storageWorkers());
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        for (JobType.Queue q : JobType.Queue.values()) {
            wakeups.signalAll(q);
        }
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void spawn(JobType.Queue q, int count) {
        for (int i = 0; i < count; i++) {
            String owner = nodeId + "/" + q.name().toLowerCase() + "-" + i;
            Thread t = Thread.ofPlatform().name("avmam-" + q.name().toLowerCase() + "-" + i).daemon()
                    .unstarted(() -> loop(q, owner));
            threads.add(t);
            t.start();
        }
    }

    private void loop(JobType.Queue q, String owner) {
        idle.get(q).incrementAndGet();
        while (running.get()) {
            try {
                Optional<Job> leased = next(q, owner);
                if (leased.isEmpty()) {
                    wakeups.await(q, config.pollInterval());
                    continue;
                }
                idle.get(q).decrementAndGet();
                try {
                    execute(leased.get());
                } finally {
                    idle.get(q).incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                // The database may be briefly away; the lease protects the job, so wait and go on.
                LOG.warnf(e, "Worker %s: queue error", owner);
                sleepQuietly();
            }
        }
    }

    /**
     * The next job for this worker: from the jobs this node leased in its last batch, else a new
     * batch as large as the queue's idle workers (never more, so no job waits here behind a long
     * one while another node is free).
     */
    private Optional<Job> next(JobType.Queue q, String owner) {
        java.util.Deque<Job> buffer = buffers.get(q);
        synchronized (buffer) {
            if (buffer.isEmpty()) {
                // Every idle worker of the queue looks when its wait runs out; once one of them has found the queue dry,
                // the others wait for the next wake-up or poll instead of each asking the database again.
                long generation = wakeups.generation(q);
                long[] dry = drained.get(q);
                if (dry[0] == generation && System.nanoTime() - dry[1] < config.pollInterval().toNanos()) {
                    return Optional.empty();
                }
                int max = Math.max(1, idle.get(q).get());
                List<Job> leased = queue.leaseBatch(q, owner, max);
                buffer.addAll(leased);
                if (leased.size() < max) {
                    dry[0] = generation;
                    dry[1] = System.nanoTime();
                }
            }
            Job job = buffer.poll();
            if (!buffer.isEmpty()) {
                wakeups.signal(q); // another idle worker takes the next of the batch
            }
            return Optional.ofNullable(job);
        }
    }

    private void prune() {
        try {
            int n = queue.prune(java.time.Instant.now().minus(config.keepFinished()));
            if (n > 0) {
                LOG.infof("Pruned %d finished job(s) older than %s", n, config.keepFinished());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Job pruning failed; it runs again in an hour: %s", e.getMessage());
        }
    }

    /** One query answers every queue's gauge: a scrape reads them one after another within the second. */
    private volatile Map<JobType.Queue, java.time.Instant> oldest = Map.of();
    private volatile long oldestReadAt = System.nanoTime() - 2_000_000_000L;

    private double oldestPendingSeconds(JobType.Queue q) {
        try {
            if (System.nanoTime() - oldestReadAt > 1_000_000_000L) {
                oldest = queue.oldestPending();
                oldestReadAt = System.nanoTime();
            }
            java.time.Instant oldest = this.oldest.get(q);
            return oldest == null ? 0 : java.time.Duration.between(oldest, java.time.Instant.now()).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void execute(Job job) {
        JobHandler handler = handlers.get(job.type);
        // The lease is renewed while the job runs, a third of a lease at a time, so a render longer than one lease is
        // never taken by a second worker. Nothing here interrupts a thread: an interrupt inside H2's file I/O closes the
        // whole embedded database. A job that is no longer ours stops at its next progress report (JobProgress).
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread heartbeat = Thread.ofPlatform().daemon().name("lease-" + job.id).start(() -> renewWhileRunning(job, finished));
        try {
            run(job, handler);
        } finally {
            finished.countDown();
            boolean interrupted = false;
            while (heartbeat.isAlive()) {
                try {
                    heartbeat.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void renewWhileRunning(Job job, java.util.concurrent.CountDownLatch finished) {
        java.time.Duration every = config.lease().dividedBy(3);
        while (true) {
            try {
                if (finished.await(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!queue.renew(job)) {
                    LOG.warnf("Job %d %s of asset %s is no longer this worker's (cancelled or taken over): it stops at its next "
                            + "progress report", job.id, job.step(), job.assetId);
                    return;
                }
            } catch (RuntimeException e) {
                // The database is briefly away: the lease still has two thirds to run; try again at the next beat.
                LOG.warnf("Job %d: cannot renew its lease: %s", job.id, e.getMessage());
            }
        }
    }

    private void run(Job job, JobHandler handler) {
        try {
            JobListener listener = JobListener.forJob(this.listener, job);
            QuarkusTransaction.requiringNew().run(() -> listener.started(job));
            if (job.priority > 0) {
                // Queued behind other work of its queue (a preview behind the thumbnails): its tools yield their CPU too.
                org.avmam.process.ProcessRunner.deferred(() -> handler.run(job));
            } else {
                handler.run(job);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                if (queue.complete(job)) {
                    listener.succeeded(job);
                }
            });
        } catch (JobCancelled e) {
            LOG.infof("Job %d %s of asset %s stopped: it was cancelled", job.id, job.step(), job.assetId);
        } catch (JobDeferred e) {
            LOG.infof("Job %d %s waits %s: %s", job.id, job.step(), e.delay(), e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> queue.defer(job, e.getMessage(), e.delay()));
        } catch (Exception e) {
            if (!running.get()) {
                // Shutting down: leave the lease to expire (or this node's restart to reclaim it).
                return;
            }
            boolean retryable = !(e instanceof JobFailure);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (retryable) {
                LOG.warnf(e, "Job %d %s of asset %s failed (attempt %d)", job.id, job.step(), job.assetId, job.attempts);
            } else {
                LOG.infof("Job %d %s of asset %s failed: %s", job.id, job.step(), job.assetId, reason);
            }
            JobListener listener = JobListener.forJob(this.listener, job);
            QuarkusTransaction.requiringNew().run(() -> queue.fail(job, reason, retryable).ifPresent(listener::failed));
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(config.pollInterval().multipliedBy(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
