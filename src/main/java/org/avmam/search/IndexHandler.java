package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.ingest.Batch;
import org.avmam.ingest.Supplied;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.metadata.TechnicalMetadata;
import java.util.List;
import org.avmam.speech.Segment;
import org.avmam.speech.Transcript;
import org.avmam.speech.TranscriptService;
import org.avmam.speech.TranscriptVersion;

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
            TranscriptVersion transcript = TranscriptVersion.current(job.assetId).orElse(null);
            Map<String, Object> d = document(asset, Json.read(asset.technical, TechnicalMetadata.class), transcript);
            supplied(d, Json.read(asset.supplied, Supplied.class));
            if (asset.batchId != null) {
                Batch batch = Batch.findById(asset.batchId);
                d.put("batchId", batch.id.toString());
                d.put("batchName", batch.name);
                putIfPresent(d, "event", batch.event);
                if (!d.containsKey("place")) {
                    putIfPresent(d, "place", batch.place);
                }
                // The shoot's photographer (or interviewer) stands in when the file names no creator.
                String person = batch.photographer != null ? batch.photographer : batch.interviewer;
                if (!d.containsKey("creator")) {
                    putIfPresent(d, "creator", person);
                }
            }
            return d;
        });
        index.put(job.assetId.toString(), doc);
    }

    /** What came with the file fills what the file itself did not say; keywords are merged. */
    @SuppressWarnings("unchecked")
    static void supplied(Map<String, Object> d, Supplied s) {
        if (s == null) {
            return;
        }
        if (!d.containsKey("caption")) {
            putIfPresent(d, "caption", s.caption());
        }
        if (!d.containsKey("creator")) {
            putIfPresent(d, "creator", s.creator());
        }
        putIfPresent(d, "place", s.place());
        if (s.keywords() != null && !s.keywords().isEmpty()) {
            java.util.LinkedHashSet<String> k = new java.util.LinkedHashSet<>((List<String>) d.getOrDefault("keywords", List.of()));
            k.addAll(s.keywords());
            d.put("keywords", List.copyOf(k));
        }
    }

    private static void putIfPresent(Map<String, Object> d, String key, String value) {
        if (value != null && !value.isBlank()) {
            d.put(key, value);
        }
    }

    static Map<String, Object> document(Asset asset, TechnicalMetadata technical, TranscriptVersion transcript) {
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
        if (transcript != null) {
            List<Segment> segments = TranscriptService.segments(transcript);
            String sep = Transcript.noSpaces(transcript.language) ? "" : " ";
            d.put("transcript", String.join(sep, segments.stream().map(Segment::text).toList()));
            d.put("transcriptReviewed", transcript.reviewed);
            // Segments carry their times, so a hit can say where in the recording the words are.
            d.put("segments", segments.stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("start", s.start());
                m.put("end", s.end());
                m.put("text", s.text());
                if (s.speaker() != null) {
                    m.put("speaker", s.speaker());
                }
                return m;
            }).toList());
        }
        d.values().removeIf(v -> v == null);
        return d;
    }
}
