package org.avmam.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.config.AvmamConfig;
import org.avmam.ingest.sidecar.XmpSidecar;
import org.jboss.logging.Logger;

/**
 * A watched folder: files that stop changing are ingested with their XMP sidecars, then moved to
 * {@code .done/<date>/} (or {@code .failed/<date>/} with a note saying why), so nothing dropped
 * there is ever deleted. A file the archive already holds (same SHA-256) is not ingested twice.
 */
@ApplicationScoped
public class HotFolder {

    private static final Logger LOG = Logger.getLogger(HotFolder.class);

    private final AvmamConfig.HotFolder config;
    private final IngestService ingest;
    private final Map<Path, long[]> seen = new HashMap<>();
    private ScheduledExecutorService scheduler;

    public HotFolder(AvmamConfig config, IngestService ingest) {
        this.config = config.hotFolder();
        this.ingest = ingest;
    }

    void start(@Observes StartupEvent ev) throws IOException {
        if (config.path().isEmpty()) {
            return;
        }
        Path dir = config.path().get().toAbsolutePath();
        Files.createDirectories(dir);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hot-folder").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> scan(dir), 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Watching the hot folder %s", dir);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    void scan(Path dir) {
        try {
            long now = System.currentTimeMillis();
            for (Path file : FolderWalk.files(dir)) {
                long size = Files.size(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                long[] before = seen.get(file);
                if (before == null || before[0] != size || before[1] != modified) {
                    seen.put(file, new long[] {size, modified, now});
                    continue;
                }
                if (now - before[2] >= config.settle().toMillis()) {
                    seen.remove(file);
                    take(dir, file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Hot folder scan of %s failed; trying again", dir);
        }
    }

    private void take(Path dir, Path file) throws IOException {
        String day = LocalDate.now().toString();
        try {
            Supplied supplied = Supplied.NONE;
            var side = XmpSidecar.find(file);
            if (side.isPresent()) {
                supplied = XmpSidecar.read(side.get());
            }
            IngestService.Received r;
            try (InputStream in = Files.newInputStream(file)) {
                r = ingest.receive(file.getFileName().toString(), in);
            }
            boolean held = r.blob().alreadyPresent() && io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> Asset.count("sha256", r.blob().sha256()) > 0);
            if (held) {
                LOG.infof("Hot folder: %s is already in the archive (SHA-256 %s)", file.getFileName(), r.blob().sha256());
            } else {
                Asset a = ingest.create(r, new IngestService.Description(supplied, null, config.batch().orElse(null)), "hot folder");
                LOG.infof("Hot folder: %s became asset %s", file.getFileName(), a.id);
            }
            moveWithSidecar(file, side.orElse(null), dir.resolve(".done").resolve(day));
        } catch (ApiException | IOException e) {
            Path failed = dir.resolve(".failed").resolve(day);
            moveWithSidecar(file, XmpSidecar.find(file).orElse(null), failed);
            Files.writeString(failed.resolve(file.getFileName() + ".error.txt"), e.getMessage() + "\n");
            LOG.infof("Hot folder: %s refused: %s", file.getFileName(), e.getMessage());
        }
    }

    private static void moveWithSidecar(Path file, Path sidecar, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path p : sidecar == null ? List.of(file) : List.of(file, sidecar)) {
            Files.move(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
