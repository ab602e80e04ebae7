package org.avmam.jobs;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes idle workers when a job is queued. On PostgreSQL an enqueue sends {@code NOTIFY
 * avmam_jobs, '<queue>'} inside its transaction (delivered at commit, to every node), and one
 * thread per node LISTENs on its own connection; workers then start within milliseconds instead
 * of a poll interval, and tens of idle nodes do not poll the table. Polling stays as the
 * fallback: a lost connection only makes the wake-up the poll interval. On H2 (one node) an
 * enqueue wakes this node's workers when its transaction commits.
 */
@ApplicationScoped
public class JobWakeups {

    private static final Logger LOG = Logger.getLogger(JobWakeups.class);
    static final String CHANNEL = "avmam_jobs";

    private final boolean postgres;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Map<JobType.Queue, Object> monitors = new EnumMap<>(JobType.Queue.class);
    private final Map<JobType.Queue, long[]> signals = new EnumMap<>(JobType.Queue.class);
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile Thread listener;

    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;

    public JobWakeups(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = url.startsWith("jdbc:postgresql:");
        for (JobType.Queue q : JobType.Queue.values()) {
            monitors.put(q, new Object());
            signals.put(q, new long[1]);
        }
    }

    /**
     * In the enqueuing transaction: on PostgreSQL, every node's listener hears of it once the
     * transaction commits. An embedded database has one node, this one: its workers are woken
     * once the job is committed, so they see it.
     */
    void enqueued(EntityManager em, JobType.Queue queue) {
        if (postgres) {
            em.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', ?1)").setParameter(1, queue.name()).getSingleResult();
        } else if (transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        signal(queue);
                    }
                }
            });
        } else {
            signal(queue);
        }
    }

    /** How many times the queue's workers were woken: a worker that found the queue empty after the latest need not look again. */
    long generation(JobType.Queue queue) {
        synchronized (monitors.get(queue)) {
            return signals.get(queue)[0];
        }
    }

    /** Waits until a job of the queue is announced, or {@code timeout} (the polling fallback) has passed. */
    void await(JobType.Queue queue, Duration timeout) throws InterruptedException {
        Object m = monitors.get(queue);
        synchronized (m) {
            long seen = signals.get(queue)[0];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (signals.get(queue)[0] == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                m.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * A job is queued: one idle worker of the queue wakes. Waking them all for each job (sixteen
     * index workers) cost more than the work itself; a worker that leases several jobs wakes the
     * next one ({@link #signal}) while jobs are left in its node's batch.
     */
    void signal(JobType.Queue queue) {
        Object m = monitors.get(queue);
        synchronized (m) {
            signals.get(queue)[0]++;
            m.notify();
        }
    }

    /** Wakes every worker of the queue (shutting down). */
    void signalAll(JobType.Queue queue) {
        Object m = monitors.get(queue);
        synchronized (m) {
            signals.get(queue)[0]++;
            m.notifyAll();
        }
    }

    /** Starts the LISTEN thread on PostgreSQL (workers call it at start). */
    void listen(Duration retry) {
        if (!postgres || !listening.compareAndSet(false, true)) {
            return;
        }
        listener = Thread.ofPlatform().daemon().name("job-wakeups").start(() -> {
            while (listening.get()) {
                try (Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
                        Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                    PGConnection pg = c.unwrap(PGConnection.class);
                    LOG.debug("Listening for queued jobs on PostgreSQL");
                    while (listening.get()) {
                        PGNotification[] ns = pg.getNotifications(5000);
                        if (ns == null) {
                            continue;
                        }
                        for (PGNotification n : ns) {
                            try {
                                signal(JobType.Queue.valueOf(n.getParameter()));
                            } catch (IllegalArgumentException unknown) {
                                // a queue of a newer version of avmam on another node
                            }
                        }
                    }
                } catch (Exception e) {
                    if (!listening.get()) {
                        return;
                    }
                    LOG.warnf("Job wake-ups: %s; workers poll meanwhile and the listener reconnects in %s", e.getMessage(), retry);
                    try {
                        Thread.sleep(retry.toMillis());
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        listening.set(false);
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }
}
