package org.avmam.similar;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.search.SearchOutbox;
import org.avmam.common.NativeRows;

/**
 * Near-duplicates by perceptual hash: for every other asset, the closest pair of its hashes and
 * the given ones (a photo has one, a video one per sampled frame), kept when at most
 * {@code maxDistance} bits differ. A linear scan of the hash table: tens of thousands of photos
 * take milliseconds; a multi-index or BK-tree would be the next step for millions.
 */
@ApplicationScoped
public class SimilarService {

    public static final int DEFAULT_MAX_DISTANCE = 10;

    /** A near-duplicate: how many bits differ, and where (seconds) in each recording the closest frames are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(UUID assetId, String url, String mediaType, String title, int distance, Double position, Double matchedAt) {}

    private final EntityManager em;

    /** Bits of 64 that may differ: beyond 32 two hashes are no more alike than chance. */
    public static int maxDistance(String param) {
        return org.avmam.api.QueryValues.integer(param, "maxDistance", DEFAULT_MAX_DISTANCE, 0, 32);
    }

    public static int limit(String param) {
        return org.avmam.api.QueryValues.integer(param, "limit", 20, 1, 200);
    }

    public SimilarService(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public List<Match> similarTo(UUID assetId, int maxDistance, int limit, Shown shown) {
        Asset a = Asset.findById(assetId);
        if (a == null) {
            throw org.avmam.asset.AssetService.notFound(assetId);
        }
        List<Fingerprinter.Frame> own = frames(assetId);
        if (own.isEmpty()) {
            throw new ApiException(409, "Not fingerprinted", "asset {0} has no perceptual hash {1}", assetId, (a.mediaType == org.avmam.asset.MediaType.AUDIO ? "(audio has none)" : "yet (it is " + a.state + ")"));
        }
        return search(own, assetId, maxDistance, limit, shown);
    }

    /**
     * What the caller is shown of a match (org.avmam.access.AccessPolicy decides): whether the asset
     * appears at all, and its title as the caller may read it.
     */
    public interface Shown {
        boolean visible(Asset a);

        String title(Asset a);
    }

    @Transactional
    public List<Match> search(List<Fingerprinter.Frame> query, UUID exclude, int maxDistance, int limit, Shown shown) {
        List<Fingerprinter.Frame> usable = query.stream().filter(f -> !PerceptualHash.isFlat(f.hash())).toList();
        Map<UUID, Match> best = new HashMap<>();
        try (Stream<Object[]> rows = em.createNativeQuery("SELECT asset_id, position, hash FROM perceptual_hash").getResultStream()) {
            rows.forEach(r -> {
                UUID id = NativeRows.uuid(r[0]);
                if (id.equals(exclude)) {
                    return;
                }
                long hash = ((Number) r[2]).longValue();
                if (PerceptualHash.isFlat(hash)) {
                    return;
                }
                for (Fingerprinter.Frame q : usable) {
                    int d = PerceptualHash.distance(q.hash(), hash);
                    Match m = best.get(id);
                    if (d <= maxDistance && (m == null || d < m.distance())) {
                        best.put(id, new Match(id, null, null, null, d, q.position(), ((Number) r[1]).doubleValue()));
                    }
                }
            });
        }
        List<Match> sorted = best.values().stream().sorted(Comparator.comparingInt(Match::distance).thenComparing(Match::assetId))
                .toList();
        List<Match> out = new ArrayList<>();
        for (Match m : sorted) {
            if (out.size() == limit) {
                break;
            }
            Asset a = Asset.findById(m.assetId());
            if (a == null || !shown.visible(a)) {
                continue;
            }
            out.add(new Match(m.assetId(), "/api/v1/assets/" + m.assetId(), a.mediaType.name(), shown.title(a), m.distance(),
                    query.size() > 1 ? m.position() : null, m.matchedAt() > 0 || a.mediaType != org.avmam.asset.MediaType.IMAGE
                            ? m.matchedAt() : null));
        }
        return out;
    }

    private List<Fingerprinter.Frame> frames(UUID assetId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT position, hash FROM perceptual_hash WHERE asset_id = ?1 ORDER BY position")
                .setParameter(1, assetId).getResultList();
        return rows.stream().map(r -> new Fingerprinter.Frame(((Number) r[0]).doubleValue(), ((Number) r[1]).longValue())).toList();
    }
}
