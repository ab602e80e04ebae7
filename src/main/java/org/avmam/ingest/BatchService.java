package org.avmam.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.AssetService;

/** Batches and how their files are getting on. */
@ApplicationScoped
public class BatchService {

    public record NewBatch(Batch.Kind kind, String name, String event, String eventDate, String place, String photographer,
            String interviewer, String fonds, String language) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchView(UUID id, Batch.Kind kind, String name, String event, String eventDate, String place,
            String photographer, String interviewer, String fonds, String language, Instant createdAt, Totals totals,
            List<FileView> files) {}

    public record Totals(long files, long bytes, Map<AssetState, Long> byState, long duplicates, boolean done) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** One file of the batch; {@code step} and {@code progress} say what it is doing while it is processed. */
    public record FileView(UUID id, String url, String originalFilename, AssetState state, String step, Double progress,
            String failedStep, String failureReason, UUID duplicateOf) {}

    @Transactional
    public Batch create(NewBatch n, String languageTag, String createdBy) {
        if (n.name() == null || n.name().isBlank()) {
            throw ApiException.badRequest("a batch needs a name (e.g. the shoot or event)");
        }
        Batch b = new Batch();
        b.id = UUID.randomUUID();
        b.kind = n.kind() == null ? Batch.Kind.SHOOT : n.kind();
        b.name = n.name().strip();
        b.event = n.event();
        b.eventDate = n.eventDate();
        b.place = n.place();
        b.photographer = n.photographer();
        b.interviewer = n.interviewer();
        b.fonds = n.fonds();
        b.language = languageTag;
        b.createdAt = Instant.now();
        b.createdBy = createdBy;
        b.persist();
        return b;
    }

    @Transactional
    public Batch get(UUID id) {
        Batch b = Batch.findById(id);
        if (b == null) {
            throw ApiException.notFound("no batch with id {0}", id);
        }
        return b;
    }

    /** One line of "my uploads": a batch with its totals, no file list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchSummary(UUID id, Batch.Kind kind, String name, String event, String eventDate, Instant createdAt, String createdBy,
            Totals totals) {}

    /** The batches {@code createdBy} opened (all batches when null), newest first, with totals over what {@code visible} lets through. */
    @Transactional
    public List<BatchSummary> list(String createdBy, int limit, java.util.function.Predicate<Asset> visible) {
        List<Batch> batches = createdBy == null ? Batch.<Batch>find("order by createdAt desc").page(0, limit).list()
                : Batch.<Batch>find("createdBy = ?1 order by createdAt desc", createdBy).page(0, limit).list();
        return batches.stream().map(b -> {
            BatchView v = view(b.id, visible);
            return new BatchSummary(b.id, b.kind, b.name, b.event, b.eventDate, b.createdAt, b.createdBy, v.totals());
        }).toList();
    }

    /** Batches are the department's working material: staff see them, a reader only one they opened; else 404. */
    public void visibleTo(UUID id, org.avmam.access.Caller caller) {
        if (!caller.has(org.avmam.access.Permission.SEE_UNREVIEWED) && !caller.is(get(id).createdBy)) {
            throw ApiException.notFound("no batch with id {0}", id);
        }
    }

    @Transactional
    public BatchView view(UUID id) {
        return view(id, a -> true);
    }

    /** The batch with the files {@code visible} lets through: totals count only those, so they reveal no others. */
    @Transactional
    public BatchView view(UUID id, java.util.function.Predicate<Asset> visible) {
        Batch b = get(id);
        List<Asset> assets = Asset.<Asset>list("batchId = ?1 order by createdAt", id).stream().filter(visible).toList();
        Map<AssetState, Long> byState = new EnumMap<>(AssetState.class);
        for (AssetState s : AssetState.values()) {
            byState.put(s, 0L);
        }
        long bytes = 0;
        long duplicates = 0;
        for (Asset a : assets) {
            byState.merge(a.state, 1L, Long::sum);
            bytes += a.sizeBytes;
            duplicates += a.duplicateOf == null ? 0 : 1;
        }
        boolean done = byState.get(AssetState.RECEIVED) == 0 && byState.get(AssetState.PROCESSING) == 0;
        Map<UUID, org.avmam.jobs.Job> running = new java.util.HashMap<>();
        if (!assets.isEmpty()) {
            for (org.avmam.jobs.Job j : org.avmam.jobs.Job.<org.avmam.jobs.Job>list("state = ?1 and assetId in ?2",
                    org.avmam.jobs.Job.State.RUNNING, assets.stream().map(a -> a.id).toList())) {
                running.putIfAbsent(j.assetId, j);
            }
        }
        List<FileView> files = assets.stream().map(a -> {
            org.avmam.jobs.Job j = running.get(a.id);
            return new FileView(a.id, "/api/v1/assets/" + a.id, a.originalFilename, a.state, j == null ? null : j.step(),
                    j == null ? null : j.progress, a.failedStep, a.failureReason, AssetService.shownIfVisible(a.duplicateOf, visible));
        }).toList();
        return new BatchView(b.id, b.kind, b.name, b.event, b.eventDate, b.place, b.photographer, b.interviewer, b.fonds, b.language,
                b.createdAt, new Totals(assets.size(), bytes, byState, duplicates, done), files);
    }
}
