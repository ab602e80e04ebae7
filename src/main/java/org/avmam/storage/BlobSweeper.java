package org.avmam.storage;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * Removes blobs no asset references, after a grace period: what a crash between storing a blob
 * and recording its asset leaves behind. A blob is referenced when the {@code blob} table names
 * it, which happens in the transaction that creates its first asset.
 */
@ApplicationScoped
public class BlobSweeper {

    private static final Logger LOG = Logger.getLogger(BlobSweeper.class);

    private final BlobStore blobs;
    private final EntityManager em;
    private final AvmamConfig.Storage config;
    private ScheduledExecutorService timer;

    public BlobSweeper(BlobStore blobs, EntityManager em, AvmamConfig config) {
        this.blobs = blobs;
        this.em = em;
        this.config = config.storage();
    }

    void start(@Observes StartupEvent ev) {
        if (config.sweepInterval().isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("blob-sweeper").unstarted(r));
        long every = config.sweepInterval().toSeconds();
        timer.scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepLogged() {
        try {
            int n = sweep(config.orphanGrace());
            if (n > 0) {
                LOG.infof("Blob sweep: removed %d blob(s) no asset references", n);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Blob sweep failed; it runs again in %s", config.sweepInterval());
        }
    }

    /** One sweep now; blobs younger than {@code grace} are left alone. */
    public int sweep(Duration grace) throws IOException {
        return blobs.sweep(this::referenced, grace);
    }

    private boolean referenced(String sha256) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM blob WHERE sha256 = ?1")
                .setParameter(1, sha256).getResultList().isEmpty());
    }
}
