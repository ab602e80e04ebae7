package org.avmam.common;

import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stream of snapshots read every {@code poll}: each one that differs from the last is emitted, and the stream
 * ends once a snapshot is {@code finished} or after {@code max}. Reading from the database this way works
 * whichever node does the work; the server-sent event streams of assets and batches are built on it.
 */
public final class PolledStream {

    private PolledStream() {}

    public static <T> Multi<T> of(ScheduledExecutorService scheduler, Duration poll, Duration max, Supplier<T> snapshot,
            Predicate<T> finished) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<T> last = new AtomicReference<>();
            Instant end = Instant.now().plus(max);
            ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    T now = snapshot.get();
                    if (!Objects.equals(now, last.get())) {
                        last.set(now);
                        emitter.emit(now);
                    }
                    if (finished.test(now) || Instant.now().isAfter(end)) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> task.cancel(false));
        });
    }
}
