package org.avmam.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.avmam.asset.Asset;

/**
 * A batch's progress as a stream for the upload page: the whole batch view whenever it changes. Read from the
 * database, so it works whichever node does the work. It stays open while the batch is empty or has files in
 * progress and ends once every file is done; a browser's EventSource then reconnects by itself a few seconds later,
 * which is what an upload page that goes on adding files wants (the batch page closes it instead).
 */
@ApplicationScoped
public class BatchEvents {

    private static final Duration POLL = Duration.ofMillis(700);
    private static final Duration MAX = Duration.ofHours(12);

    private final BatchService batches;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("batch-events-", 0).daemon().factory());

    public BatchEvents(BatchService batches) {
        this.batches = batches;
    }

    public Multi<BatchService.BatchView> stream(UUID id, Predicate<Asset> visible) {
        return org.avmam.common.PolledStream.of(scheduler, POLL, MAX, () -> batches.view(id, visible),
                v -> v.totals().done() && v.totals().files() > 0);
    }

    void stop(@Observes ShutdownEvent ev) {
        scheduler.shutdownNow();
    }
}
