package org.avmam.similar;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.common.FileTrees;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.storage.BlobStore;
import org.avmam.transcode.StillSource;

/**
 * FINGERPRINT: the perceptual hashes of a photo or of a video's frames, replacing any the asset
 * had (so a re-run writes the same rows, never more).
 */
@ApplicationScoped
public class FingerprintHandler implements JobHandler {

    private final Fingerprinter fingerprinter;
    private final BlobStore blobs;
    private final StillSource stills;
    private final EntityManager em;
    private final Path dataDir;

    public FingerprintHandler(Fingerprinter fingerprinter, BlobStore blobs, StillSource stills, EntityManager em, AvmamConfig config) {
        this.fingerprinter = fingerprinter;
        this.blobs = blobs;
        this.stills = stills;
        this.em = em;
        this.dataDir = config.dataDir();
    }

    @Override
    public JobType type() {
        return JobType.FINGERPRINT;
    }

    @Override
    public void run(Job job) throws Exception {
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        Path original = blobs.path(asset.sha256);
        List<Fingerprinter.Frame> frames;
        if (asset.mediaType == MediaType.IMAGE) {
            Path scratch = dataDir.resolve("tmp").resolve("fingerprint-" + job.id + "-" + job.attempts);
            try {
                org.avmam.asset.TechnicalMetadata t = asset.technical();
                if (t != null && t.width() != null && t.height() != null) {
                    stills.refuseIfHuge((long) t.width() * t.height(), t.width() + "×" + t.height());
                }
                StillSource.Decodable d = stills.prepare(original, asset.sha256, asset.mimeType, asset.originalFilename, scratch);
                frames = List.of(fingerprinter.picture(d.path()));
            } finally {
                if (Files.exists(scratch)) {
                    FileTrees.delete(scratch);
                }
            }
        } else {
            TechnicalMetadata t = asset.technical();
            frames = fingerprinter.video(original, t == null || t.durationSeconds() == null ? 0 : t.durationSeconds());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM perceptual_hash WHERE asset_id = ?1").setParameter(1, job.assetId).executeUpdate();
            for (Fingerprinter.Frame f : frames) {
                em.createNativeQuery("INSERT INTO perceptual_hash (asset_id, position, hash) VALUES (?1, ?2, ?3)")
                        .setParameter(1, job.assetId).setParameter(2, f.position()).setParameter(3, f.hash()).executeUpdate();
            }
        });
    }
}
