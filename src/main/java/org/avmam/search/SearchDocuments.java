package org.avmam.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.ingest.Batch;
import org.avmam.ingest.Supplied;
import org.avmam.asset.ImageMetadata;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.speech.Segment;
import org.avmam.speech.Transcript;
import org.avmam.speech.TranscriptService;
import org.avmam.speech.TranscriptVersion;

/**
 * An asset's search document, built from the database (the source of truth) every time: what the
 * archive decided (title, fonds, open status), what came with the file or its batch (event, place,
 * persons), what the file says (caption, camera, GPS, capture time) and what was said in it.
 * Where sources overlap the archive's own word comes first, then the file's, then the batch's.
 */
@ApplicationScoped
public class SearchDocuments {

    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final Pattern PARTIAL_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    /**
     * The operations that bring the index up to date for these assets (a delete for one that is
     * gone). Loaded a batch at a time (assets, current transcripts, linked terms: one query each),
     * not asset by asset: a reindex builds 100,000 documents.
     */
    @Transactional
    public List<AssetIndex.Op> ops(Collection<UUID> ids) {
        List<UUID> list = List.copyOf(ids);
        Map<UUID, Asset> assets = new java.util.HashMap<>();
        Asset.<Asset>list("id in ?1", list).forEach(a -> assets.put(a.id, a));
        Map<UUID, TranscriptVersion> transcripts = new java.util.HashMap<>();
        // Newest version first: the first seen per asset is its current one.
        TranscriptVersion.<TranscriptVersion>list("assetId in ?1 order by assetId, version desc", list)
                .forEach(t -> transcripts.putIfAbsent(t.assetId, t));
        Map<UUID, List<org.avmam.vocabulary.Term>> terms = new java.util.HashMap<>();
        List<org.avmam.vocabulary.AssetTerm> links = org.avmam.vocabulary.AssetTerm.list("assetId in ?1", list);
        if (!links.isEmpty()) {
            Map<UUID, org.avmam.vocabulary.Term> byId = new java.util.HashMap<>();
            org.avmam.vocabulary.Term.<org.avmam.vocabulary.Term>list("id in ?1", links.stream().map(l -> l.termId).distinct().toList())
                    .forEach(t -> byId.put(t.id, t));
            links.forEach(l -> terms.computeIfAbsent(l.assetId, k -> new ArrayList<>()).add(byId.get(l.termId)));
        }
        Map<UUID, List<org.avmam.clips.Clip>> clips = new java.util.HashMap<>();
        org.avmam.clips.Clip.<org.avmam.clips.Clip>list("assetId in ?1", list).forEach(c -> clips.computeIfAbsent(c.assetId, k -> new ArrayList<>()).add(c));
        Map<UUID, List<UUID>> gone = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> tombstones = org.avmam.clips.Clip.getEntityManager()
                .createNativeQuery("SELECT clip_id, asset_id FROM clip_tombstone WHERE asset_id IN (?1)").setParameter(1, list).getResultList();
        for (Object[] row : tombstones) {
            gone.computeIfAbsent(org.avmam.common.NativeRows.uuid(row[1]), k -> new ArrayList<>()).add(org.avmam.common.NativeRows.uuid(row[0]));
        }
        List<AssetIndex.Op> ops = new ArrayList<>(list.size());
        for (UUID id : list) {
            Asset asset = assets.get(id);
            List<org.avmam.clips.Clip> ofAsset = clips.getOrDefault(id, List.of());
            long version = asset == null ? 0 : asset.indexVersion;
            gone.getOrDefault(id, List.of()).forEach(c -> ops.add(new AssetIndex.Op(CLIP_PREFIX + c, version, null)));
            if (asset == null || asset.removedAt != null) {
                ops.add(new AssetIndex.Op(id.toString(), 0, null));
                ofAsset.forEach(c -> ops.add(new AssetIndex.Op(CLIP_PREFIX + c.id, 0, null)));
                continue;
            }
            Map<String, Object> d = document(asset, transcripts.get(id), terms.getOrDefault(id, List.of()));
            ops.add(new AssetIndex.Op(id.toString(), version, d));
            for (org.avmam.clips.Clip c : ofAsset) {
                // Of a partly open record no clip is a hit: its title and range were never reviewed for opening.
                Map<String, Object> clip = asset.openStatus == org.avmam.asset.OpenStatus.PARTLY_OPEN ? null : clipDocument(d, c);
                ops.add(new AssetIndex.Op(CLIP_PREFIX + c.id, version, clip));
            }
        }
        return ops;
    }

    /** The document ids of clips: "clip:" and the clip's id, beside their records' documents in the same index. */
    public static final String CLIP_PREFIX = "clip:";

    /**
     * A clip's document: its record's, so that it is found, filtered and faceted the same and obeys
     * the same access rules, with the clip's own title, notes, keywords and duration, and the
     * transcript words spoken inside its range only.
     */
    static Map<String, Object> clipDocument(Map<String, Object> record, org.avmam.clips.Clip c) {
        Map<String, Object> d = new LinkedHashMap<>(record);
        double in = c.rate().seconds(c.inFrame);
        double out = c.rate().seconds(c.outFrame);
        d.put("id", c.id.toString());
        d.put("kind", "clip");
        d.put("clip", c.id.toString());
        d.put("asset", record.get("id"));
        d.put("inSeconds", in);
        d.put("outSeconds", out);
        d.put("durationSeconds", out - in);
        d.put("title", c.title);
        d.put("notes", c.notes);
        List<String> keywords = new ArrayList<>(c.keywords == null ? List.of() : List.of(Json.read(c.keywords, String[].class)));
        if (record.get("keywords") instanceof Collection<?> k) {
            k.forEach(x -> keywords.add(String.valueOf(x)));
        }
        d.put("keywords", keywords.stream().distinct().toList());
        d.remove("transcript");
        d.remove("segments");
        d.put("hasTranscript", false);
        if (record.get("segments") instanceof List<?> segments) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> inside = segments.stream().map(x -> (Map<String, Object>) x)
                    .filter(seg -> ((Number) seg.get("end")).doubleValue() > in && ((Number) seg.get("start")).doubleValue() < out).toList();
            if (!inside.isEmpty()) {
                String transcript = (String) record.get("transcript");
                String sep = transcript != null && transcript.contains(" ") ? " " : "";
                d.put("segments", inside);
                d.put("transcript", String.join(sep, inside.stream().map(seg -> (String) seg.get("text")).toList()));
                d.put("hasTranscript", true);
            }
        }
        d.values().removeIf(v -> v == null || (v instanceof Collection<?> x && x.isEmpty()));
        return d;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Object> document(Asset asset) {
        return document(asset, TranscriptVersion.current(asset.id).orElse(null), org.avmam.vocabulary.Term.ofAsset(asset.id));
    }

    private Map<String, Object> document(Asset asset, TranscriptVersion transcript, List<org.avmam.vocabulary.Term> terms) {
        Batch batch = asset.batchId == null ? null : Batch.findById(asset.batchId);
        List<Segment> segments = transcript == null ? null : TranscriptService.segments(transcript);
        org.avmam.access.OpenParts parts = asset.openStatus == org.avmam.asset.OpenStatus.PARTLY_OPEN
                ? org.avmam.access.OpenParts.read(asset.openParts) : null;
        if (parts != null && segments != null) {
            segments = segments.stream().filter(seg -> parts.time(seg.start(), seg.end())).toList();
        }
        Map<String, Object> d = document(asset, asset.technical(), Json.read(asset.supplied, Supplied.class), batch, segments, transcript);
        terms(d, terms);
        described(d, asset.descriptionMap());
        if (parts != null) {
            // A partly open record is found by what was opened of it, and nothing else: search
            // serves readers, and its hits and highlights must not carry the closed parts.
            for (String field : REDACTABLE) {
                if (!parts.element(field)) {
                    d.remove(field);
                    d.remove(field + "Alt");
                }
            }
            // Where a photo was taken is as closed as its place.
            if (!parts.element("place")) {
                d.remove("location");
            }
        }
        return d;
    }

    /** The descriptive fields of a document a PARTLY_OPEN review must name to have them indexed. */
    static final List<String> REDACTABLE = List.of("title", "caption", "keywords", "creator", "persons", "event", "place", "notes",
            "originalFilename");

    /** The record's fonds and date as search reads them; open review's due dates and statistics use the same. */
    public record RecordFacts(String fonds, String date) {}

    /** In the caller's transaction. */
    public static RecordFacts facts(Asset asset) {
        Batch batch = asset.batchId == null ? null : Batch.findById(asset.batchId);
        Map<String, Object> d = document(asset, asset.technical(), Json.read(asset.supplied, Supplied.class), batch, null, null);
        described(d, asset.descriptionMap());
        return new RecordFacts((String) d.get("fonds"), (String) d.get("date"));
    }

    /** What an archivist wrote in the description outranks what the file said. */
    static void described(Map<String, Object> d, Map<String, Object> description) {
        Map<String, String> fields = Map.of("event", "event", "place", "place", "persons", "persons", "keywords", "keywords",
                "caption", "caption", "summary", "caption", "photographer", "creator", "recordist", "creator");
        fields.forEach((element, field) -> {
            Object v = description.get(element);
            if (v != null) {
                d.put(field, field.equals("persons") || field.equals("keywords") ? v
                        : v instanceof List<?> l ? String.join(", ", l.stream().map(Object::toString).toList()) : v);
            }
        });
        List<String> notes = new ArrayList<>();
        for (String k : List.of("background", "notes", "genre")) {
            if (description.get(k) != null) {
                notes.add(description.get(k).toString());
            }
        }
        if (!notes.isEmpty()) {
            d.put("notes", String.join("\n", notes));
        }
        String taken = description.get("dateTaken") != null ? description.get("dateTaken").toString()
                : description.get("recordingTime") != null ? description.get("recordingTime").toString() : null;
        if (isoDate(taken) != null) {
            d.put("date", isoDate(taken));
        }
    }

    /**
     * Vocabulary terms linked to the asset: their labels join the field of their vocabulary (facets
     * count them), their alternative labels (pinyin, English, merged spellings) go to *Alt fields
     * that searches read but facets do not.
     */
    static void terms(Map<String, Object> d, List<org.avmam.vocabulary.Term> terms) {
        for (org.avmam.vocabulary.Term t : terms) {
            String field = switch (t.vocabulary) {
                case PERSON -> "persons";
                case PLACE -> "place";
                case EVENT -> "event";
                case KEYWORD -> "keywords";
            };
            if (field.equals("persons") || field.equals("keywords")) {
                d.put(field, union(listOf(d.get(field)), List.of(t.label)));
            } else if (!d.containsKey(field)) {
                d.put(field, t.label);
            } else if (!t.label.equals(d.get(field))) {
                d.put(field + "Alt", union(listOf(d.get(field + "Alt")), List.of(t.label)));
            }
            if (!t.alternatives().isEmpty()) {
                d.put(field + "Alt", union(listOf(d.get(field + "Alt")), t.alternatives()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOf(Object o) {
        return o == null ? List.of() : o instanceof List<?> l ? (List<String>) l : List.of(o.toString());
    }

    static Map<String, Object> document(Asset asset, TechnicalMetadata technical, Supplied supplied, Batch batch,
            List<Segment> segments, TranscriptVersion transcript) {
        Supplied s = supplied == null ? Supplied.NONE : supplied;
        TechnicalMetadata.Embedded e = technical == null || technical.embedded() == null ? TechnicalMetadata.Embedded.NONE
                : technical.embedded();
        ImageMetadata image = technical == null ? null : technical.image();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", asset.id.toString());
        d.put("mediaType", asset.mediaType.name());
        d.put("mimeType", asset.mimeType);
        d.put("state", asset.state.name());
        d.put("language", asset.language);
        d.put("sha256", asset.sha256);
        d.put("originalFilename", asset.originalFilename);
        d.put("title", first(asset.title, e.title(), s.title()));
        d.put("caption", first(e.caption(), s.caption()));
        d.put("keywords", union(e.keywords(), s.keywords()));
        d.put("creator", first(e.creator(), s.creator(), batch == null ? null : first(batch.photographer, batch.interviewer)));
        d.put("persons", union(image == null ? null : image.personsShown(), s.persons()));
        d.put("event", first(s.event(), batch == null ? null : batch.event));
        d.put("place", first(s.place(), image == null ? null : place(image), batch == null ? null : batch.place));
        if (batch != null) {
            d.put("batchId", batch.id.toString());
            d.put("batchName", batch.name);
        }
        d.put("fonds", first(asset.fonds, batch == null ? null : batch.fonds));
        d.put("archivalCode", asset.archivalCode);
        d.put("openStatus", asset.openStatus.name());
        d.put("uploadedBy", asset.uploadedBy);
        d.put("securityClassification", asset.securityClassification);
        d.put("retentionPeriod", asset.retentionPeriod);
        d.put("make", e.make());
        d.put("model", e.model());
        d.put("lens", e.lens());
        d.put("camera", camera(e.make(), e.model()));
        d.put("captureTime", e.captureTime());
        String avCreated = technical == null || technical.av() == null ? null : technical.av().creationTime();
        d.put("date", firstDate(e.captureTime(), avCreated, s.date(), batch == null ? null : batch.eventDate, asset.createdAt.toString()));
        if (e.latitude() != null && e.longitude() != null) {
            d.put("location", Map.of("lat", e.latitude(), "lon", e.longitude()));
        }
        if (technical != null) {
            d.put("durationSeconds", technical.durationSeconds());
            d.put("width", technical.width());
            d.put("height", technical.height());
            if (technical.streams() != null) {
                technical.streams().stream().filter(st -> "video".equals(st.type())).findFirst()
                        .ifPresent(st -> d.put("videoCodec", st.codec()));
            }
        }
        d.put("createdAt", asset.createdAt.toString());
        d.put("hasTranscript", segments != null && !segments.isEmpty());
        if (segments != null && transcript != null) {
            String sep = Transcript.noSpaces(transcript.language) ? "" : " ";
            d.put("transcript", String.join(sep, segments.stream().map(Segment::text).toList()));
            d.put("transcriptReviewed", transcript.reviewed);
            // Segments carry their times, so a hit can say where in the recording the words are.
            d.put("segments", segments.stream().map(seg -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", seg.id());
                m.put("start", seg.start());
                m.put("end", seg.end());
                m.put("text", seg.text());
                if (seg.speaker() != null) {
                    m.put("speaker", seg.speaker());
                }
                return m;
            }).toList());
        }
        d.values().removeIf(v -> v == null || (v instanceof Collection<?> c && c.isEmpty()));
        return d;
    }

    /** "Canon EOS 5D": the make once, even when the model repeats it ("Canon" + "Canon EOS 5D"). */
    static String camera(String make, String model) {
        if (model == null || model.isBlank()) {
            return blankToNull(make);
        }
        if (make == null || make.isBlank() || model.toLowerCase().startsWith(make.strip().toLowerCase().split(" ")[0])) {
            return model.strip();
        }
        return make.strip() + " " + model.strip();
    }

    /** The most specific place the file names: sublocation, city, province, country. */
    private static String place(ImageMetadata image) {
        List<String> parts = new ArrayList<>();
        for (String p : new String[] {image.location(), image.city(), image.province(), image.country()}) {
            if (p != null && !p.isBlank() && !parts.contains(p.strip())) {
                parts.add(p.strip());
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /**
     * The record's date for sorting, ranges and the year facet: the first of the candidates that
     * reads as a date (ISO with or without offset, EXIF's colons, a year or year-month).
     */
    static String firstDate(String... candidates) {
        for (String c : candidates) {
            String d = isoDate(c);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    static String isoDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.strip();
        if (PARTIAL_DATE.matcher(v).matches()) {
            return v;
        }
        try {
            return OffsetDateTime.parse(v).toString();
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(v).toString();
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        try {
            return LocalDateTime.parse(v.length() >= 19 ? v.substring(0, 19) : v, EXIF).toString();
        } catch (DateTimeParseException ignored) {
            // not EXIF
        }
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).toString();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (List<String> l : List.of(a == null ? List.<String>of() : a, b == null ? List.<String>of() : b)) {
            l.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(all::add);
        }
        return List.copyOf(all);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
