package org.avmam.asset;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobView;

/**
 * Progress of one asset as a stream: its state and its jobs (with their progress), sent whenever
 * they change, ending once the asset is READY or FAILED with nothing left to run. Read from the
 * database, so it works whichever node does the work.
 */
@ApplicationScoped
public class AssetEvents {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofHours(12);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("asset-events-", 0).daemon().factory());

    public record Progress(UUID id, AssetState state, String failedStep, String failureReason, List<JobView> jobs) {

        boolean finished() {
            return (state == AssetState.READY || state == AssetState.FAILED)
                    && jobs.stream().noneMatch(j -> j.state() == Job.State.PENDING || j.state() == Job.State.RUNNING);
        }
    }

    public Multi<Progress> stream(UUID id) {
        return org.avmam.common.PolledStream.of(scheduler, POLL, MAX, () -> snapshot(id), Progress::finished);
    }

    Progress snapshot(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Asset a = Asset.findById(id);
            List<JobView> jobs = Job.<Job>list("assetId = ?1 order by id", id).stream().map(JobView::new).toList();
            return new Progress(a.id, a.state, a.failedStep, a.failureReason, jobs);
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        scheduler.shutdownNow();
    }
}
