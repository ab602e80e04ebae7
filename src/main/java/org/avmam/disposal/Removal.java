package org.avmam.disposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetChanged;
import org.avmam.clips.Clip;
import org.avmam.clips.ClipService;
import org.avmam.clips.export.ClipExport;
import org.avmam.clips.export.ClipExports;
import org.avmam.common.FileTrees;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobQueue;
import org.avmam.storage.ObjectStore;
import org.avmam.storage.Sha256;
import org.avmam.storage.Stores;
import org.avmam.transcode.Rendition;
import org.jboss.logging.Logger;

/**
 * Removes a record's content from the archive: first it disappears (every endpoint then answers
 * as for a record that does not exist), then its clips, clip exports, renditions, transcripts,
 * index entries and every copy of its original are destroyed, each step safe to run again. The
 * original's bytes go only when no other record still references them; the asset row stays as
 * the anchor of the tombstone and of the provenance that led to it.
 */
@ApplicationScoped
public class Removal {

    private static final Logger LOG = Logger.getLogger(Removal.class);

    private final EntityManager em;
    private final JobQueue jobs;
    private final ClipService clips;
    private final ClipExports clipExports;
    private final Stores stores;
    private final Event<AssetChanged> changed;
    private final Path dataDir;

    public Removal(EntityManager em, JobQueue jobs, ClipService clips, ClipExports clipExports, Stores stores, Event<AssetChanged> changed,
            AvmamConfig config) {
        this.em = em;
        this.jobs = jobs;
        this.clips = clips;
        this.clipExports = clipExports;
        this.stores = stores;
        this.changed = changed;
        this.dataDir = config.dataDir();
    }

    /** In the caller's transaction: the record reads as missing from now on, its open work stops, its index entry goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hide(Asset a, String removal) {
        if (a.removedAt == null) {
            a.removedAt = Instant.now();
            a.removal = removal;
        }
        jobs.cancelOpen(a.id);
        changed.fire(new AssetChanged(a.id));
    }

    /** What was destroyed: the original's digest (or why it was kept), and the digest of every derived file. */
    public record Destroyed(String original, String originalKeptBecause, Map<String, String> derived) {}

    /** Destroys the content of a hidden record. Safe to run again after a crash: each step finds what is left. */
    public Destroyed destroy(UUID assetId) throws IOException {
        Map<String, String> derived = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Clip c : Clip.<Clip>list("assetId = ?1", assetId)) {
                clips.delete(c.id, "system");
            }
            for (String table : List.of("collection_item", "asset_term", "index_point", "transcript_version", "perceptual_hash")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE asset_id = ?1").setParameter(1, assetId).executeUpdate();
            }
            changed.fire(new AssetChanged(assetId));
        });
        List<ClipExport> exports = QuarkusTransaction.requiringNew().call(() -> ClipExport.<ClipExport>list("assetId = ?1", assetId));
        for (ClipExport e : exports) {
            Path file = clipExports.file(e);
            hashInto(derived, "clip-export/" + e.id + "/" + e.fileName, file);
            FileTrees.delete(file.getParent());
            QuarkusTransaction.requiringNew().run(() -> ClipExport.deleteById(e.id));
        }
        List<Rendition> renditions = QuarkusTransaction.requiringNew().call(() -> Rendition.ofAsset(assetId));
        for (Rendition r : renditions) {
            if (r.path != null) {
                Path folder = dataDir.resolve(r.path);
                for (String f : r.fileList()) {
                    hashInto(derived, "rendition/" + r.profile + "/" + f, folder.resolve(f));
                }
                FileTrees.delete(folder);
                if (stores.derived().isPresent()) {
                    stores.derived().get().deleteUnder(r.path + "/");
                }
            }
            QuarkusTransaction.requiringNew().run(() -> Rendition.deleteById(r.id));
        }
        return destroyOriginal(assetId, derived);
    }

    private Destroyed destroyOriginal(UUID assetId, Map<String, String> derived) throws IOException {
        // Decided under the blob row's lock: a live record holding the same bytes keeps them, and becomes their original.
        String[] decision = QuarkusTransaction.requiringNew().call(() -> {
            Asset a = Asset.findById(assetId);
            List<?> blob = em.createNativeQuery("SELECT CAST(original_asset AS VARCHAR(36)) FROM blob WHERE sha256 = ?1 FOR UPDATE")
                    .setParameter(1, a.sha256).getResultList();
            List<?> others = em.createNativeQuery("SELECT CAST(id AS VARCHAR(36)) FROM asset WHERE sha256 = ?1 AND id <> ?2 "
                    + "AND removed_at IS NULL ORDER BY created_at").setParameter(1, a.sha256).setParameter(2, assetId).getResultList();
            if (blob.isEmpty()) {
                // A rerun (the row went, the bytes may not have), unless the same bytes were uploaded again meanwhile.
                return new String[] {a.sha256, others.isEmpty() ? null : "record " + others.getFirst().toString().strip()
                        + " holds the same bytes"};
            }
            if (!others.isEmpty()) {
                String heir = others.getFirst().toString().strip();
                em.createNativeQuery("UPDATE blob SET original_asset = CAST(?2 AS UUID) WHERE sha256 = ?1").setParameter(1, a.sha256)
                        .setParameter(2, heir).executeUpdate();
                em.createNativeQuery("UPDATE asset SET duplicate_of = NULL WHERE id = CAST(?1 AS UUID)").setParameter(1, heir).executeUpdate();
                em.createNativeQuery("UPDATE asset SET duplicate_of = CAST(?1 AS UUID) WHERE sha256 = ?2 AND id <> CAST(?1 AS UUID)")
                        .setParameter(1, heir).setParameter(2, a.sha256).executeUpdate();
                return new String[] {a.sha256, "record " + heir + " holds the same bytes"};
            }
            em.createNativeQuery("DELETE FROM blob_copy WHERE sha256 = ?1").setParameter(1, a.sha256).executeUpdate();
            em.createNativeQuery("DELETE FROM blob WHERE sha256 = ?1").setParameter(1, a.sha256).executeUpdate();
            return new String[] {a.sha256, null};
        });
        String sha = decision[0];
        if (decision[1] != null) {
            return new Destroyed(sha, decision[1], derived);
        }
        for (ObjectStore store : stores.all()) {
            store.delete(sha); // an unreachable store throws: the job waits and runs again
        }
        LOG.infof("Destroyed every copy of %s (asset %s)", sha, assetId);
        return new Destroyed(sha, null, derived);
    }

    private static void hashInto(Map<String, String> out, String name, Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                out.put(name, Sha256.of(in));
            }
        }
    }
}
