package org.avmam.description;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetRecords;
import org.avmam.common.Json;
import org.avmam.common.NativeRows;
import org.avmam.ingest.Batch;
import org.avmam.ingest.Supplied;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.provenance.Provenance;
import org.avmam.search.SearchOutbox;
import org.avmam.vocabulary.Term;

/**
 * An asset's archival description: DA/T 54 for photos, DA/T 63 for audio and video. Each element
 * shows the value a user set, or else the one the crosswalk takes from the file, its batch and its
 * vocabulary links, and says which. Users change elements with a merge patch; every change is
 * validated against the element's definition, kept in the history, recorded as a PREMIS event and
 * sent to the search index, all in one transaction.
 */
@ApplicationScoped
public class DescriptionService {

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?)?");
    private static final int MAX_TEXT = 4000;
    /** The six caption elements of a photo (DA/T 50): event, time, place, persons, background, photographer. */
    static final List<String> CAPTION = List.of("event", "dateTaken", "place", "persons", "background", "photographer");
    /** The caption's own words for them (DA/T 50): 事由, 时间, 地点, 人物, 背景, 摄影者. */
    static final List<String> CAPTION_LABELS = List.of("事由", "时间", "地点", "人物", "背景", "摄影者");

    public record ElementValue(String number, String key, String zh, String en, DescriptionSchema.Obligation obligation,
            boolean repeatable, String type, boolean caption, Object value, String source) {}

    public record View(UUID assetId, org.avmam.asset.MediaType mediaType, String language, String standard, String title,
            List<ElementValue> elements, Map<String, Object> caption, String captionText, List<String> missing, boolean complete) {}

    public record Change(String element, Object oldValue, Object newValue, String agent, Instant changedAt) {}

    private final EntityManager em;
    private final AssetRecords records;
    private final Provenance provenance;
    private final SearchOutbox searchOutbox;

    public DescriptionService(EntityManager em, AssetRecords records, Provenance provenance, SearchOutbox searchOutbox) {
        this.em = em;
        this.records = records;
        this.provenance = provenance;
        this.searchOutbox = searchOutbox;
    }

    @Transactional
    public View view(UUID id) {
        return view(asset(id, false));
    }

    View view(Asset a) {
        DescriptionSchema schema = DescriptionSchema.of(a.mediaType);
        Map<String, Object> user = userValues(a);
        Map<String, Object> sources = sources(a);
        List<ElementValue> values = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (DescriptionSchema.Element e : schema.elements()) {
            Object value;
            String source;
            if (e.from() == DescriptionSchema.From.USER && user.containsKey(e.key())) {
                value = user.get(e.key());
                source = "user";
            } else {
                Crosswalk.Source s = Crosswalk.fill(e, sources);
                value = s == null ? null : shape(e, s.value());
                source = s == null ? null : s.name();
            }
            if (value == null && e.obligation() == DescriptionSchema.Obligation.MANDATORY) {
                missing.add(e.key());
            }
            values.add(new ElementValue(e.number(), e.key(), e.zh(), e.en(), e.obligation(), e.repeatable(), e.type(), e.caption(), value,
                    source));
        }
        Map<String, Object> caption = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        if (schema == DescriptionSchema.PHOTO) {
            for (int i = 0; i < CAPTION.size(); i++) {
                String k = CAPTION.get(i);
                ElementValue v = values.stream().filter(x -> x.key().equals(k)).findFirst().orElseThrow();
                caption.put(k, v.value());
                if (v.value() != null) {
                    text.append(text.isEmpty() ? "" : "；").append(CAPTION_LABELS.get(i)).append("：")
                            .append(v.value() instanceof List<?> l ? String.join("、", l.stream().map(Object::toString).toList()) : v.value());
                }
            }
        }
        return new View(a.id, a.mediaType, a.language, schema.standard(), schema.title(), values, caption.isEmpty() ? null : caption,
                text.isEmpty() ? null : text.toString(), missing, missing.isEmpty());
    }

    /** Applies a merge patch (element key → value; null clears what a user set). */
    @Transactional
    public View patch(UUID id, JsonNode patch, String agent) {
        Asset a = asset(id, true);
        apply(a, patch, agent);
        return view(a);
    }

    /** The same change to many assets: all are changed, or (one refusing) none. */
    @Transactional
    public int patchMany(List<UUID> ids, JsonNode patch, String agent) {
        for (UUID id : ids) {
            apply(asset(id, true), patch, agent);
        }
        return ids.size();
    }

    @Transactional
    public List<Change> history(UUID id) {
        asset(id, false);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT element, old_value, new_value, agent, changed_at FROM description_change WHERE asset_id = ?1 ORDER BY id""")
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> new Change((String) r[0], r[1] == null ? null : Json.read((String) r[1], Object.class),
                r[2] == null ? null : Json.read((String) r[2], Object.class), (String) r[3], NativeRows.instant(r[4]))).toList();
    }

    private void apply(Asset a, JsonNode patch, String agent) {
        if (patch == null || !patch.isObject() || patch.isEmpty()) {
            throw ApiException.badRequest("the body is a JSON object of element keys and values, e.g. {\"place\": \"南沙\"}");
        }
        DescriptionSchema schema = DescriptionSchema.of(a.mediaType);
        Map<String, Object> user = userValues(a);
        Map<String, Object> sources = sources(a);
        ObjectNode recordPatch = Json.mapper().createObjectNode();
        Map<String, Object[]> changes = new LinkedHashMap<>();
        for (var it = patch.fields(); it.hasNext();) {
            var f = it.next();
            DescriptionSchema.Element e = schema.element(f.getKey()).orElseThrow(() -> ApiException.badRequest("'{0}' is not an element of {1}; the elements are {2}", f.getKey(), schema.standard(), schema.elements().stream()
                            .filter(x -> x.from() != DescriptionSchema.From.SYSTEM).map(DescriptionSchema.Element::key).toList()));
            switch (e.from()) {
                case SYSTEM -> throw ApiException.badRequest("{0} ({1}) is set by the system, not by hand", e.key(), e.zh());
                case RECORD -> {
                    if (f.getValue().isNull()) {
                        refuseClearing(schema, e, sources, "asset." + e.key());
                    }
                    recordPatch.set(e.key(), f.getValue());
                    changes.put(e.key(), new Object[] {recordValue(a, e.key()), f.getValue().isNull() ? null : f.getValue().asText()});
                }
                case USER -> {
                    Object value = f.getValue().isNull() ? null : validate(e, f.getValue());
                    Object before = user.get(e.key());
                    if (value == null) {
                        user.remove(e.key());
                        refuseClearing(schema, e, sources, null);
                    } else {
                        user.put(e.key(), value);
                    }
                    if (!Objects.equals(before, value)) {
                        changes.put(e.key(), new Object[] {before, value});
                    }
                }
            }
        }
        if (!recordPatch.isEmpty()) {
            records.update(a.id, recordPatch, agent);
        }
        a.description = user.isEmpty() ? null : Json.write(user);
        a.updatedAt = Instant.now();
        Instant now = Instant.now();
        changes.entrySet().removeIf(c -> Objects.equals(c.getValue()[0], c.getValue()[1]));
        for (var c : changes.entrySet()) {
            em.createNativeQuery("""
                    INSERT INTO description_change (asset_id, element, old_value, new_value, agent, changed_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)""").setParameter(1, a.id).setParameter(2, c.getKey())
                    .setParameter(3, c.getValue()[0] == null ? null : Json.write(c.getValue()[0]))
                    .setParameter(4, c.getValue()[1] == null ? null : Json.write(c.getValue()[1])).setParameter(5, agent)
                    .setParameter(6, now).executeUpdate();
        }
        if (!changes.isEmpty()) {
            provenance.record(a.id, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, agent,
                    "description (" + schema.standard() + "): " + String.join(", ", changes.keySet()) + " changed");
            searchOutbox.enqueue(a.id);
        }
    }

    private static Map<String, Object> sources(Asset a) {
        return Crosswalk.sources(a, a.technical(), Json.read(a.supplied, Supplied.class),
                a.batchId == null ? null : Batch.findById(a.batchId), Term.ofAsset(a.id));
    }

    /**
     * A mandatory element may be cleared only when another of its sources still gives it a value
     * (a title the file carries, the batch's fonds); {@code clearedSource} is the one being emptied.
     */
    private static void refuseClearing(DescriptionSchema schema, DescriptionSchema.Element e, Map<String, Object> sources,
            String clearedSource) {
        if (e.obligation() != DescriptionSchema.Obligation.MANDATORY) {
            return;
        }
        Map<String, Object> left = new LinkedHashMap<>(sources);
        if (clearedSource != null) {
            left.remove(clearedSource);
        }
        if (Crosswalk.fill(e, left) == null) {
            throw new ApiException(422, "Mandatory element", "{0} ({1}) is mandatory in {2} and nothing else gives it a value: it cannot be cleared", e.key(), e.zh(), schema.standard());
        }
    }

    private static Object recordValue(Asset a, String key) {
        return switch (key) {
            case "title" -> a.title;
            case "fonds" -> a.fonds;
            case "retentionPeriod" -> a.retentionPeriod;
            case "securityClassification" -> a.securityClassification;
            case "openStatus" -> a.openStatus == null ? null : a.openStatus.name();
            default -> null;
        };
    }

    /** The value as the element's definition wants it, or a 400 saying why not. */
    static Object validate(DescriptionSchema.Element e, JsonNode v) {
        if (v.isArray()) {
            if (!e.repeatable()) {
                throw ApiException.badRequest("{0} ({1}) takes one value, not a list", e.key(), e.zh());
            }
            List<Object> out = new ArrayList<>();
            for (JsonNode item : v) {
                out.add(single(e, item));
            }
            if (out.isEmpty()) {
                return null;
            }
            return out;
        }
        Object one = single(e, v);
        return e.repeatable() ? List.of(one) : one;
    }

    private static Object single(DescriptionSchema.Element e, JsonNode v) {
        String name = e.key() + " (" + e.zh() + ")";
        switch (e.type()) {
            case "integer" -> {
                if (v.canConvertToLong() && v.isIntegralNumber()) {
                    return v.asLong();
                }
                throw ApiException.badRequest("{0} is a whole number (got {1})", name, v);
            }
            case "decimal" -> {
                if (v.isNumber()) {
                    return v.asDouble();
                }
                throw ApiException.badRequest("{0} is a number (got {1})", name, v);
            }
            default -> {
                if (!v.isTextual()) {
                    throw ApiException.badRequest("{0} is text (got {1})", name, v);
                }
                String s = v.asText().strip();
                if (s.isEmpty() || s.length() > MAX_TEXT || s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                    throw ApiException.badRequest("{0} is 1 to {1} characters with no control characters", name, MAX_TEXT);
                }
                if ((e.type().equals("date") || e.type().equals("datetime")) && !DATE.matcher(s).matches()) {
                    throw ApiException.badRequest("{0} is a date: yyyy, yyyy-MM, yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss][±hh:mm] (got '{1}')", name, s);
                }
                return s;
            }
        }
    }

    /** Repeatable elements always show a list; single ones a single value (the first of a list). */
    private static Object shape(DescriptionSchema.Element e, Object v) {
        if (e.repeatable()) {
            return v instanceof List<?> ? v : List.of(v);
        }
        return v instanceof List<?> l ? (l.isEmpty() ? null : l.getFirst()) : v;
    }

    private static Map<String, Object> userValues(Asset a) {
        return a.descriptionMap();
    }

    private Asset asset(UUID id, boolean lock) {
        Asset a = lock ? em.find(Asset.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Asset.class, id);
        if (a == null) {
            throw org.avmam.asset.AssetService.notFound(id);
        }
        return a;
    }
}
