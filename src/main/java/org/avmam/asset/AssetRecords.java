package org.avmam.asset;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;
import org.avmam.provenance.Provenance;

/**
 * The record-management fields an archivist sets on an asset: title, fonds,
 * security classification and retention period (PATCH /api/v1/assets/{id}, JSON merge patch:
 * a field given is set, a field given as null is cleared, a field left out stays). The change,
 * its PREMIS event and the search update commit together.
 */
@ApplicationScoped
public class AssetRecords {

    static final List<String> FIELDS = List.of("title", "fonds", "securityClassification", "retentionPeriod");
    /** DA/T 13 retention codes: Y (permanent) or D and a number of years. */
    private static final Pattern RETENTION = Pattern.compile("Y|D[1-9][0-9]{0,2}");
    private static final int MAX_TEXT = 200;

    private final Provenance provenance;
    private final jakarta.enterprise.event.Event<AssetChanged> assetChanged;

    public AssetRecords(Provenance provenance, jakarta.enterprise.event.Event<AssetChanged> assetChanged) {
        this.provenance = provenance;
        this.assetChanged = assetChanged;
    }

    @Transactional
    public void update(UUID id, JsonNode patch, String agent) {
        if (patch == null || !patch.isObject() || patch.isEmpty()) {
            throw ApiException.badRequest("the body is a JSON object with one or more of {0}", String.join(", ", FIELDS));
        }
        patch.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("'{0}' cannot be set here; the fields are {1}, and openStatus with reason (an open-review decision)", f, String.join(", ", FIELDS));
            }
        });
        Asset a = Asset.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw org.avmam.asset.AssetService.notFound(id);
        }
        List<String> changed = new ArrayList<>();
        if (patch.has("title")) {
            changed(changed, "title", a.title, a.title = text(patch, "title"));
        }
        if (patch.has("fonds")) {
            changed(changed, "fonds", a.fonds, a.fonds = text(patch, "fonds"));
        }
        if (patch.has("securityClassification")) {
            changed(changed, "securityClassification", a.securityClassification,
                    a.securityClassification = text(patch, "securityClassification"));
        }
        if (patch.has("retentionPeriod")) {
            String r = text(patch, "retentionPeriod");
            if (r != null && !RETENTION.matcher(r.toUpperCase(Locale.ROOT)).matches()) {
                throw ApiException.badRequest("retentionPeriod is Y (permanent) or D and years, e.g. D30 or D10 (got '{0}')", r);
            }
            changed(changed, "retentionPeriod", a.retentionPeriod, a.retentionPeriod = r == null ? null : r.toUpperCase(Locale.ROOT));
        }
        if (changed.isEmpty()) {
            return;
        }
        a.updatedAt = Instant.now();
        provenance.record(id, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, agent,
                "record fields changed: " + String.join("; ", changed));
        assetChanged.fire(new AssetChanged(id));
    }

    private static void changed(List<String> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + " " + (before == null ? "(none)" : "'" + before + "'") + " → " + (after == null ? "(none)" : "'" + after + "'"));
        }
    }

    private static String text(JsonNode patch, String field) {
        JsonNode v = patch.get(field);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("{0} is text (got {1})", field, v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String s = v.asText().strip();
        if (s.length() > MAX_TEXT || s.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("{0} is at most {1} characters with no control characters", field, MAX_TEXT);
        }
        return s.isEmpty() ? null : s;
    }
}
