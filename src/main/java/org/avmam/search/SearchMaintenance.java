package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.avmam.asset.Asset;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * Keeps the index in step with the database: at start it makes sure the alias exists (filling a
 * new index from the database, starting a reindex when the mapping changed), then one thread per
 * node sends the outbox in bulk, waiting out OpenSearch outages.
 */
@Startup
@ApplicationScoped
public class SearchMaintenance {

    private static final Logger LOG = Logger.getLogger(SearchMaintenance.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final org.avmam.config.NodeRoles roles;
    private final AssetIndex index;
    private final SearchOutbox outbox;
    private final Reindexer reindexer;
    private final AvmamConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread sender;

    public SearchMaintenance(AssetIndex index, SearchOutbox outbox, Reindexer reindexer, AvmamConfig config, org.avmam.config.NodeRoles roles) {
        this.roles = roles;
        this.index = index;
        this.outbox = outbox;
        this.reindexer = reindexer;
        this.config = config;
    }

    @PostConstruct
    void start() {
        AssetIndex.Prepared prepared;
        try {
            prepared = index.prepare();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the search index " + index.alias() + ": " + e.getMessage(), e);
        }
        switch (prepared) {
            case CREATED -> {
                int queued = QuarkusTransaction.requiringNew().call(() -> Asset.count() == 0 ? 0 : outbox.enqueueAll());
                if (queued > 0) {
                    LOG.infof("The new search index is being filled with the %d assets of the database", queued);
                }
            }
            case OUTDATED -> {
                Reindexer.Started r = reindexer.start();
                LOG.infof("Reindex %d %s to bring the index to the current mapping", r.status().id(),
                        r.alreadyRunning() ? "is already running" : "started");
            }
            case CURRENT -> { }
        }
        if (!roles.worker()) {
            return;
        }
        running.set(true);
        sender = Thread.ofPlatform().name("avmam-search-outbox").daemon().start(this::sendLoop);
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        if (sender != null) {
            sender.interrupt();
            try {
                sender.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sendLoop() {
        AvmamConfig.Search.Outbox c = config.search().outbox();
        long nextPurge = System.nanoTime();
        int outage = 0;
        while (running.get()) {
            try {
                SearchOutbox.Drained d = outbox.drainOnce();
                if (d.unavailable()) {
                    outage++;
                    if (outage == 1) {
                        LOG.warn("OpenSearch is not reachable: index updates wait in the outbox and are sent when it is back");
                    }
                    Thread.sleep(outbox.backoff(outage).toMillis());
                    continue;
                }
                if (outage > 0 && d.sent() > 0) {
                    LOG.infof("OpenSearch is back: sending the index updates that waited");
                    outage = 0;
                }
                if (System.nanoTime() - nextPurge > 0) {
                    outbox.purge();
                    nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
                }
                if (d.sent() + d.refused() < c.batchSize()) {
                    Thread.sleep(c.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf(e, "Search outbox: %s", e.getMessage());
                try {
                    Thread.sleep(c.maxBackoff().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
