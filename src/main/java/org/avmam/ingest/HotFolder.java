package org.avmam.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final boolean api;

    public HotFolder(AvmamConfig config, IngestService ingest, org.avmam.config.NodeRoles roles) {
        this.api = roles.api();
        this.config = config.hotFolder();
        this.ingest = ingest;
    }

    void start(@Observes StartupEvent ev) throws IOException {
        if (config.path().isEmpty()) {
            return;
        }
        if (!api) {
            LOG.warnf("The hot folder is set but this node has no api role (avmam.node.roles): an API node watches it");
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
            Path kept = moveWithSidecar(file, XmpSidecar.find(file).orElse(null), failed);
            Files.writeString(failed.resolve(kept.getFileName() + ".error.txt"), e.getMessage() + "\n");
            LOG.infof("Hot folder: %s refused: %s", file.getFileName(), e.getMessage());
        }
    }

    /**
     * Moves the file (and its sidecar, under the same new stem) into {@code to}, never over a file
     * already there: cameras restart at IMG_0001.JPG, so the second one becomes "IMG_0001 (2).JPG".
     * Returns where the file went.
     */
    static Path moveWithSidecar(Path file, Path sidecar, Path to) throws IOException {
        Files.createDirectories(to);
        for (int n = 1; ; n++) {
            Path target = to.resolve(numbered(file.getFileName().toString(), n));
            Path sideTarget = sidecar == null ? null : to.resolve(numbered(sidecar.getFileName().toString(), n));
            if (Files.exists(target) || (sideTarget != null && Files.exists(sideTarget))) {
                continue;
            }
            try {
                Files.move(file, target); // no REPLACE_EXISTING: a name taken meanwhile fails here and the next number is tried
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                continue;
            }
            if (sidecar != null) {
                Files.move(sidecar, sideTarget);
            }
            return target;
        }
    }

    /** "IMG_0001.JPG", 2 → "IMG_0001 (2).JPG"; 1 leaves the name as it is. */
    static String numbered(String name, int n) {
        if (n == 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + " (" + n + ")" : name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
    }
}
