package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.metadata.TechnicalMetadata;
import org.avmam.speech.TranscriptEntity;

/** INDEX: the asset's search document, rebuilt from the database (the source of truth) each time. */
@ApplicationScoped
public class IndexHandler implements JobHandler {

    private final AssetIndex index;

    public IndexHandler(AssetIndex index) {
        this.index = index;
    }

    @Override
    public JobType type() {
        return JobType.INDEX;
    }

    @Override
    public void run(Job job) throws Exception {
        Map<String, Object> doc = QuarkusTransaction.requiringNew().call(() -> {
            Asset asset = Asset.findById(job.assetId);
            TranscriptEntity transcript = TranscriptEntity.findById(job.assetId);
            return document(asset, Json.read(asset.technical, TechnicalMetadata.class),
                    transcript == null ? null : transcript.text);
        });
        index.put(job.assetId.toString(), doc);
    }

    static Map<String, Object> document(Asset asset, TechnicalMetadata technical, String transcript) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", asset.id.toString());
        d.put("mediaType", asset.mediaType.name());
        d.put("mimeType", asset.mimeType);
        d.put("state", asset.state.name());
        d.put("language", asset.language);
        d.put("sha256", asset.sha256);
        d.put("originalFilename", asset.originalFilename);
        d.put("title", asset.title);
        d.put("createdAt", asset.createdAt.toString());
        if (technical != null) {
            d.put("durationSeconds", technical.durationSeconds());
            TechnicalMetadata.Embedded e = technical.embedded();
            if (e != null) {
                d.put("caption", e.caption());
                d.put("keywords", e.keywords());
                d.put("creator", e.creator());
                d.put("make", e.make());
                d.put("model", e.model());
                d.put("captureTime", e.captureTime());
                if (e.latitude() != null && e.longitude() != null) {
                    d.put("location", Map.of("lat", e.latitude(), "lon", e.longitude()));
                }
                if (asset.title == null && e.title() != null) {
                    d.put("title", e.title());
                }
            }
        }
        d.put("transcript", transcript);
        d.values().removeIf(v -> v == null);
        return d;
    }
}
