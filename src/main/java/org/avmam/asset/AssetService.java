package org.avmam.asset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.common.Json;
import org.avmam.common.Where;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.provenance.Provenance;

/** Creating assets and showing them. */
@ApplicationScoped
public class AssetService {

    private final JobQueue jobs;
    private final Provenance provenance;

    private final jakarta.enterprise.event.Event<BlobRecorded> blobRecorded;

    public AssetService(JobQueue jobs, Provenance provenance, jakarta.enterprise.event.Event<BlobRecorded> blobRecorded) {
        this.blobRecorded = blobRecorded;
        this.jobs = jobs;
        this.provenance = provenance;
    }

    /** What ingest learnt about a received file. */
    public record NewAsset(String sha256, long sizeBytes, MediaType mediaType, String mimeType, String originalFilename,
            String title, String language, UUID batchId, List<String> warnings, String via, String suppliedJson, String uploadedBy) {}

    /** Records the asset and its first pipeline job in one transaction: neither exists without the other. */
    @Transactional
    public Asset create(NewAsset n) {
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.state = AssetState.RECEIVED;
        a.sha256 = n.sha256();
        a.sizeBytes = n.sizeBytes();
        a.mediaType = n.mediaType();
        a.mimeType = n.mimeType();
        a.originalFilename = n.originalFilename();
        a.title = n.title();
        a.language = n.language();
        a.batchId = n.batchId();
        a.supplied = n.suppliedJson();
        a.uploadedBy = n.uploadedBy();
        a.warnings = n.warnings().isEmpty() ? null : Json.write(n.warnings());
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.duplicateOf = originalOf(n.sha256()).orElse(null);
        if (a.duplicateOf == null) {
            // The blob row's primary key decides between identical uploads at the same moment: the loser's
            // transaction fails on it, and IngestService retries it, then finding the original.
            getEntityManager().createNativeQuery("INSERT INTO blob (sha256, original_asset, size_bytes, created_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, n.sha256()).setParameter(2, a.id).setParameter(3, n.sizeBytes()).setParameter(4, a.createdAt)
                    .executeUpdate();
        }
        a.persist();
        if (a.duplicateOf == null) {
            blobRecorded.fire(new BlobRecorded(n.sha256(), a.id, a.createdAt));
        }
        provenance.record(a.id, Provenance.INGESTION, Provenance.Outcome.SUCCESS, null,
                "received '" + n.originalFilename() + "' (" + n.sizeBytes() + " bytes) by " + n.via()
                        + (a.duplicateOf == null ? "" : "; the same bytes as asset " + a.duplicateOf + ", stored once"));
        provenance.record(a.id, Provenance.MESSAGE_DIGEST, Provenance.Outcome.SUCCESS, "SHA-256", n.sha256());
        provenance.record(a.id, Provenance.FORMAT_IDENTIFICATION, Provenance.Outcome.SUCCESS, "Apache Tika", n.mimeType());
        for (String w : n.warnings()) {
            provenance.record(a.id, Provenance.VALIDATION, Provenance.Outcome.WARNING, null, w);
        }
        jobs.enqueue(a.id, JobType.PROBE, null);
        return a;
    }

    /** The asset that holds these bytes as its original, if any. */
    static java.util.Optional<UUID> originalOf(String sha256) {
        // As text: H2 hands a native UUID column back as bytes, PostgreSQL as a UUID.
        List<?> rows = getEntityManager().createNativeQuery("SELECT CAST(original_asset AS VARCHAR(36)) FROM blob WHERE sha256 = ?1")
                .setParameter(1, sha256).getResultList();
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(rows.getFirst().toString().strip()));
    }

    private static jakarta.persistence.EntityManager getEntityManager() {
        return io.quarkus.hibernate.orm.panache.Panache.getEntityManager();
    }

    /** One line of an asset listing. */
    public record Summary(UUID id, String url, AssetState state, MediaType mediaType, String originalFilename, String sha256,
            long sizeBytes, UUID batchId, Instant createdAt) {}

    @Transactional
    public List<Summary> list(String sha256, UUID batchId, AssetState state, int page, int size, String accessJpql,
            java.util.Map<String, Object> accessParams, java.util.function.Predicate<Asset> whole) {
        Where w = new Where()
                .and("sha256 = :sha", "sha", sha256 == null ? null : sha256.strip().toLowerCase(java.util.Locale.ROOT))
                .and("batchId = :batch", "batch", batchId)
                .and("state = :state", "state", state);
        String query = w.query("order by createdAt desc");
        java.util.Map<String, Object> params = new java.util.HashMap<>(w.params());
        params.putAll(accessParams);
        // The caller's access condition (org.avmam.access.AccessPolicy#filter) joins the filters.
        query = accessJpql + (query.startsWith("order") ? " " : " and ") + query;
        return Asset.<Asset>find(query, params).page(io.quarkus.panache.common.Page.of(page, size)).list().stream()
                // A record the caller sees only in part (PARTLY_OPEN) is listed without its file's name and digest.
                .map(a -> whole.test(a) ? new Summary(a.id, "/api/v1/assets/" + a.id, a.state, a.mediaType, a.originalFilename, a.sha256,
                        a.sizeBytes, a.batchId, a.createdAt)
                        : new Summary(a.id, "/api/v1/assets/" + a.id, a.state, a.mediaType, null, null, a.sizeBytes, null, a.createdAt))
                .toList();
    }

    /**
     * The asset, or the one "not found" answer every endpoint gives for it (404, "no asset with
     * id …"): a record that does not exist and one the caller may not see must read the same.
     */
    @Transactional
    public Asset get(UUID id) {
        return require(id);
    }

    /**
     * A record named from another (the original a duplicate points to), or null unless {@code visible} lets that record
     * through: a caller who may not see it learns not even its id.
     */
    public static UUID shownIfVisible(UUID id, java.util.function.Predicate<Asset> visible) {
        if (id == null) {
            return null;
        }
        Asset a = Asset.findById(id);
        return a != null && visible.test(a) ? id : null;
    }

    /** As {@link #get}, for callers already in a transaction or holding no bean. */
    public static Asset require(UUID id) {
        Asset a = id == null ? null : Asset.findById(id);
        if (a == null) {
            throw notFound(id);
        }
        return a;
    }

    /** As {@link #require}, with the row locked for the caller's transaction. */
    public static Asset requireLocked(UUID id) {
        Asset a = id == null ? null : Asset.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw notFound(id);
        }
        return a;
    }

    /** The one "no such asset" problem. */
    public static ApiException notFound(Object id) {
        return ApiException.notFound("no asset with id {0}", id);
    }
}
