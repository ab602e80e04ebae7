package org.avmam.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.common.Json;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.provenance.Provenance;
import org.avmam.search.SearchOutbox;

/**
 * Gives assets their archival code (档号, DA/T 13): fonds → category (ZP photos, LX video, LY audio)
 * → year → retention → group → item. Item numbers count within fonds, category, year and retention
 * (or within the group); groups count the same way. A code is given once and never changes; its
 * numbers are never given again.
 */
@ApplicationScoped
public class ArchivalCodes {

    /** Which group the assets go into: none (item level), a new one, or an existing one by number. */
    public record Grouping(boolean newGroup, Integer existing) {
        public static final Grouping NONE = new Grouping(false, null);
    }

    public record Assigned(UUID assetId, String archivalCode, String category, int year, String retention, Integer group, int item) {}

    private final Sequences sequences;
    private final Provenance provenance;
    private final SearchOutbox searchOutbox;

    public ArchivalCodes(Sequences sequences, Provenance provenance, SearchOutbox searchOutbox) {
        this.sequences = sequences;
        this.provenance = provenance;
        this.searchOutbox = searchOutbox;
    }

    public static String category(MediaType type) {
        return switch (type) {
            case IMAGE -> "ZP";
            case VIDEO -> "LX";
            case AUDIO -> "LY";
        };
    }

    /**
     * Codes for the assets, in the order given, in one transaction: all get codes or none. With a
     * new group they share it (an event's photos as one group, 组). Every asset must have a
     * registered fonds and a retention period; the year is the record's own unless given.
     */
    @Transactional
    public List<Assigned> assign(List<UUID> assetIds, Grouping grouping, Integer year, String agent) {
        if (assetIds.isEmpty()) {
            throw ApiException.badRequest("no assets named");
        }
        if (new java.util.HashSet<>(assetIds).size() != assetIds.size()) {
            throw ApiException.badRequest("an asset is named more than once");
        }
        // Locked in one order whatever the caller's (by id), so requests over overlapping assets queue instead of deadlocking.
        java.util.Map<UUID, Asset> locked = new java.util.HashMap<>();
        for (UUID id : assetIds.stream().sorted().toList()) {
            locked.put(id, Asset.findById(id, LockModeType.PESSIMISTIC_WRITE));
        }
        List<Asset> assets = new ArrayList<>();
        for (UUID id : assetIds) {
            Asset a = locked.get(id);
            if (a == null) {
                throw org.avmam.asset.AssetService.notFound(id);
            }
            if (a.archivalCode != null) {
                throw new ApiException(409, "Already arranged", "asset {0} already has the archival code {1}; a code is never changed", id, a.archivalCode);
            }
            if (a.fonds == null) {
                throw new ApiException(422, "No fonds", "asset {0} has no fonds; set it first (PATCH /api/v1/assets/{1})", id, id);
            }
            if (a.retentionPeriod == null) {
                throw new ApiException(422, "No retention period", "asset {0} has no retention period (Y, D30, D10); set it first (PATCH /api/v1/assets/{1})", id, id);
            }
            assets.add(a);
        }
        Asset first = assets.getFirst();
        String scope = scope(first, yearOf(first, year));
        for (Asset a : assets) {
            if (grouping.newGroup() || grouping.existing() != null) {
                String s = scope(a, yearOf(a, year));
                if (!s.equals(scope)) {
                    throw new ApiException(422, "Different scopes", "a group holds records of one fonds, category, year and retention; {0} is {1}, {2} is {3}", a.id, s.replace('|', ' '), first.id, scope.replace('|', ' '));
                }
            }
        }
        Integer group = null;
        if (grouping.newGroup()) {
            group = (int) sequences.next(scope + "|groups");
        } else if (grouping.existing() != null) {
            long made = sequences.current(scope + "|groups");
            if (grouping.existing() < 1 || grouping.existing() > made) {
                throw new ApiException(422, "No such group", "group {0} does not exist in {1} (groups made so far: {2})", grouping.existing(), scope.replace('|', ' '), made);
            }
            group = grouping.existing();
        }
        List<Assigned> out = new ArrayList<>();
        for (Asset a : assets) {
            int y = yearOf(a, year);
            String s = scope(a, y);
            Fonds fonds = Fonds.findById(a.fonds);
            if (fonds == null) {
                throw new ApiException(422, "Unknown fonds", "the fonds {0} of asset {1} is not registered; POST /api/v1/fonds first", a.fonds, a.id);
            }
            int item = (int) sequences.next(group == null ? s : s + "|g" + group);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("fonds", fonds.code);
            values.put("category", category(a.mediaType));
            values.put("year", y);
            values.put("retention", a.retentionPeriod);
            values.put("group", group);
            values.put("item", item);
            a.archivalCode = new CodePattern(group == null ? fonds.itemPattern : fonds.groupPattern).render(values);
            a.archivalCategory = category(a.mediaType);
            a.archivalYear = y;
            a.groupNumber = group;
            a.itemNumber = item;
            a.updatedAt = Instant.now();
            provenance.record(a.id, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, agent,
                    "archival code " + a.archivalCode + " given");
            searchOutbox.enqueue(a.id);
            out.add(new Assigned(a.id, a.archivalCode, a.archivalCategory, y, a.retentionPeriod, group, item));
        }
        return out;
    }

    private static String scope(Asset a, int year) {
        return a.fonds + "|" + category(a.mediaType) + "|" + year + "|" + a.retentionPeriod;
    }

    /** The year given, else the year the record was made (capture or recording time), else the year it arrived. */
    static int yearOf(Asset a, Integer given) {
        if (given != null) {
            if (given < 1800 || given > 2200) {
                throw ApiException.badRequest("year {0} is not a plausible year", given);
            }
            return given;
        }
        TechnicalMetadata t = a.technical();
        String made = null;
        if (t != null && t.embedded() != null) {
            made = t.embedded().captureTime();
        }
        if (made == null && t != null && t.av() != null) {
            made = t.av().creationTime();
        }
        if (made != null && made.length() >= 4 && made.substring(0, 4).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(made.substring(0, 4));
        }
        return a.createdAt.atZone(ZoneOffset.UTC).getYear();
    }
}
