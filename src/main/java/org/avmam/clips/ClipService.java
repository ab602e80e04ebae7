package org.avmam.clips;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.common.Json;
import org.avmam.vocabulary.Term;

/**
 * Clips of recordings. In and out points come as seconds, as timecode against the source's own
 * timecode, or as frames; each is snapped to the nearest frame boundary of the source and kept
 * as a frame count of its exact rate.
 */
@ApplicationScoped
public class ClipService {

    static final Set<String> FIELDS = Set.of("title", "in", "out", "notes", "keywords", "persons", "places");

    private final EntityManager em;
    private final jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed;

    public ClipService(EntityManager em, jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed) {
        this.em = em;
        this.changed = changed;
    }

    /** What a clip needs of its source: its rate, its length in frames and its first timecode. */
    public record Source(FrameRate rate, long frames, String startTimecode) {

        public long startFrame() {
            return startTimecode == null ? 0 : Timecode.frames(startTimecode, rate);
        }

        public String sourceTimecode(long frame) {
            return startTimecode == null ? null : Timecode.format(startFrame() + frame, rate);
        }
    }

    public static Source source(Asset a) {
        if (a.mediaType != MediaType.VIDEO && a.mediaType != MediaType.AUDIO) {
            throw new ApiException(422, "Not a recording", "asset {0} is a {1}; clips are cut from video and audio", a.id, a.mediaType.name().toLowerCase());
        }
        TechnicalMetadata t = a.technical();
        if (t == null || t.durationSeconds() == null) {
            throw new ApiException(409, "Not probed", "asset {0} has no known duration yet (it is {1})", a.id, a.state);
        }
        FrameRate rate = FrameRate.AUDIO;
        if (t.streams() != null) {
            for (TechnicalMetadata.Stream s : t.streams()) {
                String r = s.baseFrameRate() != null && !s.baseFrameRate().startsWith("0") ? s.baseFrameRate() : s.frameRate();
                if ("video".equals(s.type()) && r != null && !r.startsWith("0")) {
                    rate = FrameRate.parse(r);
                    break;
                }
            }
        }
        String tc = t.av() == null ? null : t.av().timecode();
        return new Source(rate, rate.frameAt(t.durationSeconds()), tc != null && Timecode.looksLikeTimecode(tc) ? tc : null);
    }

    /** A point given as seconds, timecode or {"frame": n}, as a frame of the source. */
    static long point(JsonNode p, String name, Source src) {
        if (p == null || p.isNull()) {
            throw ApiException.badRequest("{0} is required: seconds (12.5), a timecode (HH:MM:SS:FF) or {\"frame\": n}", name);
        }
        long frame;
        if (p.isNumber()) {
            if (p.asDouble() < 0) {
                throw new ApiException(422, "Out of range", "{0} {1} is before the start", name, p.asDouble());
            }
            frame = src.rate().frameAt(p.asDouble());
        } else if (p.isObject() && p.path("frame").isIntegralNumber()) {
            frame = p.path("frame").asLong();
            if (frame < 0) {
                throw new ApiException(422, "Out of range", "{0} frame {1} is before the start", name, frame);
            }
        } else if (p.isTextual() && Timecode.looksLikeTimecode(p.asText())) {
            if (src.startTimecode() == null) {
                throw new ApiException(422, "No timecode", "{0} is a timecode, but the source has none; give seconds or {\"frame\": n}", name);
            }
            frame = Timecode.frames(p.asText(), src.rate()) - src.startFrame();
            if (frame < 0) {
                throw new ApiException(422, "Out of range", "{0} {1} is before the source's first timecode {2}", name, p.asText(), src.startTimecode());
            }
        } else if (p.isTextual() && p.asText().strip().matches("\\d+(\\.\\d+)?")) {
            frame = src.rate().frameAt(Double.parseDouble(p.asText().strip()));
        } else {
            throw ApiException.badRequest("{0} '{1}' is not a time: give seconds (12.5), a timecode (HH:MM:SS:FF, or HH:MM:SS;FF drop-frame) or {\"frame\": n}", name, (p.isTextual() ? p.asText() : p.toString()));
        }
        if (frame > src.frames()) {
            throw new ApiException(422, "Out of range", "{0} is past the end: the source has {1} frames ({2} at {3})", name, src.frames(), Timecode.format(src.frames(), src.rate()), src.rate());
        }
        return frame;
    }

    public record Point(long frame, double seconds, String rational, String timecode, String sourceTimecode) {}

    public record Change(Instant at, String user, String change) {}

    public record ClipView(UUID id, UUID asset, String title, String notes, List<String> keywords, List<UUID> persons, List<UUID> places,
            Point in, Point out, long durationFrames, double durationSeconds, String rate, boolean dropFrame, String createdBy,
            Instant createdAt, Instant updatedAt, List<Change> history) {}

    static Point point(long frame, Source src) {
        return new Point(frame, src.rate().seconds(frame), src.rate().rational(frame), Timecode.format(frame, src.rate()),
                src.sourceTimecode(frame));
    }

    @Transactional
    public ClipView create(Asset asset, JsonNode body, String user) {
        requireObject(body);
        Source src = source(asset);
        Clip c = new Clip();
        c.id = UUID.randomUUID();
        c.assetId = asset.id;
        c.rateNum = src.rate().num();
        c.rateDen = src.rate().den();
        c.createdBy = user;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        if (!body.hasNonNull("title") || body.get("title").asText().isBlank()) {
            throw ApiException.badRequest("a clip has a title");
        }
        for (String p : List.of("in", "out")) {
            if (!body.has(p)) {
                point(null, p, src);
            }
        }
        apply(c, body, src);
        c.persist();
        change(c.id, user, "created: " + summary(c, src));
        // A clip is a search hit of its own, sent with its record's document.
        changed.fire(new org.avmam.asset.AssetChanged(asset.id));
        return view(c, src);
    }

    @Transactional
    public ClipView update(UUID id, Asset asset, JsonNode body, String user) {
        requireObject(body);
        Clip c = em.find(Clip.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Source src = source(asset);
        String before = summary(c, src);
        apply(c, body, src);
        c.updatedAt = Instant.now();
        String after = summary(c, src);
        if (!before.equals(after)) {
            change(c.id, user, "changed: " + before + " → " + after);
        }
        changed.fire(new org.avmam.asset.AssetChanged(asset.id));
        return view(c, src);
    }

    @Transactional
    public void delete(UUID id, String user) {
        Clip c = Clip.findById(id);
        if (c != null) {
            c.delete();
            // Its search document goes when the record's document is next sent (org.avmam.search).
            em.createNativeQuery("INSERT INTO clip_tombstone (clip_id, asset_id, deleted_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, c.id).setParameter(2, c.assetId).setParameter(3, Instant.now()).executeUpdate();
            changed.fire(new org.avmam.asset.AssetChanged(c.assetId));
        }
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("the body is a clip: {\"title\", \"in\", \"out\", \"notes\", \"keywords\", \"persons\", \"places\"}");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("'{0}' is not a field of a clip; the fields are {1}", f, String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
    }

    private static void apply(Clip c, JsonNode body, Source src) {
        if (body.has("title")) {
            String t = body.path("title").asText("").strip();
            if (t.isEmpty() || t.length() > 500) {
                throw ApiException.badRequest("a clip's title is 1 to 500 characters");
            }
            c.title = t;
        }
        if (body.has("notes")) {
            c.notes = body.get("notes").isNull() ? null : body.get("notes").asText();
        }
        if (body.has("keywords")) {
            c.keywords = Json.write(strings(body.get("keywords"), "keywords"));
        }
        if (body.has("persons")) {
            c.persons = Json.write(terms(body.get("persons"), Term.Vocabulary.PERSON, "persons"));
        }
        if (body.has("places")) {
            c.places = Json.write(terms(body.get("places"), Term.Vocabulary.PLACE, "places"));
        }
        long in = body.has("in") ? point(body.get("in"), "in", src) : c.inFrame;
        long out = body.has("out") ? point(body.get("out"), "out", src) : c.outFrame;
        if (in >= out) {
            throw new ApiException(422, "Empty clip", "in ({0}) must come before out ({1})", Timecode.format(in, src.rate()), Timecode.format(out, src.rate()));
        }
        c.inFrame = in;
        c.outFrame = out;
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest("{0} is a list of words", field);
        }
        n.forEach(v -> out.add(v.asText().strip()));
        return out;
    }

    private static List<UUID> terms(JsonNode n, Term.Vocabulary vocabulary, String field) {
        List<UUID> out = new ArrayList<>();
        for (String s : strings(n, field)) {
            UUID id;
            try {
                id = UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("{0} are term ids of the {1} vocabulary (got '{2}')", field, vocabulary.name().toLowerCase(), s);
            }
            Term t = Term.findById(id);
            if (t == null || t.vocabulary != vocabulary) {
                throw new ApiException(422, "Unknown term", "no {0} term {1}", vocabulary.name().toLowerCase(), id);
            }
            out.add(id);
        }
        return out;
    }

    private static String summary(Clip c, Source src) {
        return "'" + c.title + "' " + Timecode.format(c.inFrame, src.rate()) + "–" + Timecode.format(c.outFrame, src.rate());
    }

    private void change(UUID clip, String user, String what) {
        em.createNativeQuery("INSERT INTO clip_change (clip_id, at, username, change) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, clip).setParameter(2, Instant.now()).setParameter(3, user)
                .setParameter(4, what.length() > 4000 ? what.substring(0, 3999) + "…" : what).executeUpdate();
    }

    @Transactional
    public List<ClipView> ofAsset(Asset asset) {
        Source src = source(asset);
        return Clip.<Clip>list("assetId = ?1 order by inFrame, createdAt", asset.id).stream().map(c -> view(c, src)).toList();
    }

    /** The clip, or null. */
    @Transactional
    public Clip find(UUID id) {
        return id == null ? null : Clip.findById(id);
    }

    @Transactional
    public ClipView view(UUID id) {
        Clip c = Clip.findById(id);
        return view(c, source(Asset.findById(c.assetId)));
    }

    ClipView view(Clip c, Source src) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT at, username, change FROM clip_change WHERE clip_id = ?1 ORDER BY id")
                .setParameter(1, c.id).getResultList();
        List<Change> history = rows.stream().map(r -> new Change(org.avmam.common.NativeRows.instant(r[0]), (String) r[1], (String) r[2]))
                .toList();
        return new ClipView(c.id, c.assetId, c.title, c.notes, read(c.keywords, new TypeReference<List<String>>() {}),
                read(c.persons, new TypeReference<List<UUID>>() {}), read(c.places, new TypeReference<List<UUID>>() {}),
                point(c.inFrame, src), point(c.outFrame, src), c.outFrame - c.inFrame, src.rate().seconds(c.outFrame - c.inFrame),
                src.rate().toString(), src.rate().dropFrame(), c.createdBy, c.createdAt, c.updatedAt, history);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        return json == null ? List.of() : Objects.requireNonNull(Json.read(json, type));
    }
}
