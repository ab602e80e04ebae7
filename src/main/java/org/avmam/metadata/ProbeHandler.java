package org.avmam.metadata;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.common.Json;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.storage.BlobStore;

/** PROBE: technical and embedded metadata of the original, stored on the asset. */
@ApplicationScoped
public class ProbeHandler implements JobHandler {

    private final ImageProbe images;
    private final AvProbe av;
    private final BlobStore blobs;

    public ProbeHandler(ImageProbe images, AvProbe av, BlobStore blobs) {
        this.images = images;
        this.av = av;
        this.blobs = blobs;
    }

    @Override
    public JobType type() {
        return JobType.PROBE;
    }

    @Override
    public void run(Job job) throws Exception {
        Asset asset = QuarkusTransaction.requiringNew().call(() -> Asset.<Asset>findById(job.assetId));
        Path original = blobs.path(asset.sha256);
        TechnicalMetadata md = asset.mediaType == MediaType.IMAGE ? images.probe(original) : av.probe(original);
        String json = Json.write(md);
        QuarkusTransaction.requiringNew().run(() -> {
            Asset a = Asset.findById(job.assetId);
            a.technical = json;
            // ffprobe may find that an ".mp4" the bytes called video holds only sound.
            if (a.mediaType == MediaType.VIDEO && !md.hasVideo() && md.hasAudio()) {
                a.mediaType = MediaType.AUDIO;
            }
        });
    }
}
