package org.avmam.clips;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.common.Json;

/** Sequences: clips in order, trimmed, with gaps; and the cut list every format is written from. */
@ApplicationScoped
public class SequenceService {

    /** One place in a sequence: a clip (its own in/out unless trimmed, in source frames) or a gap of so many frames. */
    public record Item(UUID clip, Long in, Long out, Long gap) {}

    /** One event of the sequence; {@code in}/{@code out} are its source frames (what a trim changes), {@code sourceFrames} the source's length. */
    public record ItemView(int index, UUID clip, UUID asset, String title, String fileName, String archivalCode, String sourceIn,
            String sourceOut, String recordIn, String recordOut, long durationFrames, Long gap, Long in, Long out, Long sourceFrames) {}

    public record SequenceView(UUID id, String title, String rate, boolean dropFrame, long durationFrames, String duration,
            List<ItemView> items, String createdBy, Instant createdAt, Instant updatedAt) {}

    /** A clip the caller may not see (its record is not theirs to see): 404, as for a missing clip. */
    static ApiException noClip(UUID id) {
        return ApiException.notFound("no clip with id {0}", id);
    }

    @Transactional
    public SequenceView create(JsonNode body, String user, Predicate<Asset> visible) {
        if (body == null || !body.isObject() || !body.hasNonNull("title") || body.get("title").asText().isBlank()) {
            throw ApiException.badRequest("the body is {\"title\": ..., \"clips\": [clip ids], \"rate\": optional, e.g. \"25/1\"}");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode c : body.path("clips")) {
            items.add(new Item(uuid(c.asText(), "clips"), null, null, null));
        }
        FrameRate rate = body.hasNonNull("rate") ? FrameRate.parse(body.get("rate").asText()) : null;
        if (rate == null) {
            if (items.isEmpty()) {
                throw ApiException.badRequest("an empty sequence names its frame rate: {\"rate\": \"25/1\"}");
            }
            rate = clip(items.getFirst().clip(), visible).rate();
        }
        Sequence s = new Sequence();
        s.id = UUID.randomUUID();
        s.title = title(body.get("title").asText());
        s.rateNum = rate.num();
        s.rateDen = rate.den();
        s.createdBy = user;
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.items = Json.write(check(items, visible));
        s.persist();
        return view(s, visible);
    }

    private static String title(String t) {
        String s = t.strip();
        if (s.isEmpty() || s.length() > 500) {
            throw ApiException.badRequest("a sequence's title is 1 to 500 characters");
        }
        return s;
    }

    static UUID uuid(String s, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("{0} holds ids (got '{1}')", field, s);
        }
    }

    static Clip clip(UUID id, Predicate<Asset> visible) {
        Clip c = Clip.findById(id);
        if (c == null || !visible.test(Asset.findById(c.assetId))) {
            throw noClip(id);
        }
        return c;
    }

    /** Every clip there and visible, every trim inside its source, every gap positive. */
    private static List<Item> check(List<Item> items, Predicate<Asset> visible) {
        for (Item i : items) {
            if (i.gap() != null) {
                if (i.clip() != null || i.gap() <= 0) {
                    throw ApiException.badRequest("a gap is {\"gap\": frames}, more than 0, and nothing else");
                }
                continue;
            }
            if (i.clip() == null) {
                throw ApiException.badRequest("an item is {\"clip\": id} (with \"in\" and \"out\" source frames to trim it) or {\"gap\": frames}");
            }
            Clip c = clip(i.clip(), visible);
            long in = i.in() == null ? c.inFrame : i.in();
            long out = i.out() == null ? c.outFrame : i.out();
            ClipService.Source src = ClipService.source(Asset.findById(c.assetId));
            if (in < 0 || out > src.frames() || in >= out) {
                throw new ApiException(422, "Out of range", "clip {0} trimmed to frames {1}–{2} does not fit its source (0–{3}) or is empty", c.id, in, out, src.frames());
            }
        }
        return items;
    }

    @Transactional
    public SequenceView update(UUID id, JsonNode body, Predicate<Asset> visible) {
        Sequence s = require(id);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("send what changes: {\"title\": ..., \"items\": [{\"clip\": id, \"in\": frame, \"out\": frame} | {\"gap\": frames}]}");
        }
        if (body.has("title")) {
            s.title = title(body.path("title").asText(""));
        }
        if (body.has("items")) {
            if (!body.get("items").isArray()) {
                throw ApiException.badRequest("items is a list");
            }
            List<Item> items = new ArrayList<>();
            for (JsonNode n : body.get("items")) {
                items.add(new Item(n.hasNonNull("clip") ? uuid(n.get("clip").asText(), "clip") : null, frames(n, "in"), frames(n, "out"),
                        frames(n, "gap")));
            }
            s.items = Json.write(check(items, visible));
        }
        s.updatedAt = Instant.now();
        return view(s, visible);
    }

    private static Long frames(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            return null;
        }
        if (!n.get(field).isIntegralNumber()) {
            throw ApiException.badRequest("{0} is a whole number of frames (got {1})", field, n.get(field));
        }
        return n.get(field).asLong();
    }

    /** The sequence, if the caller may see it: their own (archivists and admins see all); another's answers as a missing one. */
    @Transactional
    public Sequence visibleTo(UUID id, org.avmam.access.Caller c) {
        Sequence s = require(id);
        if (!c.is(s.createdBy) && !c.has(org.avmam.access.Permission.SEE_CLOSED)) {
            throw ApiException.notFound("no sequence with id {0}", id);
        }
        return s;
    }

    /** The sequence's items in order. */
    public List<Item> items(Sequence s) {
        return org.avmam.common.Json.read(s.items, new com.fasterxml.jackson.core.type.TypeReference<List<Item>>() {});
    }

    @Transactional
    public Sequence require(UUID id) {
        Sequence s = id == null ? null : Sequence.findById(id);
        if (s == null) {
            throw ApiException.notFound("no sequence with id {0}", id);
        }
        return s;
    }

    @Transactional
    public SequenceView view(UUID id, Predicate<Asset> visible) {
        return view(require(id), visible);
    }

    private SequenceView view(Sequence s, Predicate<Asset> visible) {
        CutList c = cutList(s, visible);
        List<ItemView> items = c.events().stream().map(e -> e.gap()
                ? new ItemView(e.number(), null, null, null, null, null, null, null, Timecode.format(c.recordStart() + e.recordIn(), c.rate()),
                        Timecode.format(c.recordStart() + e.recordOut(), c.rate()), e.recordOut() - e.recordIn(), e.recordOut() - e.recordIn(),
                        null, null, null)
                : new ItemView(e.number(), e.clipId(), e.assetId(), e.title(), e.fileName(), e.archivalCode(), e.sourceInTimecode(),
                        e.sourceOutTimecode(), Timecode.format(c.recordStart() + e.recordIn(), c.rate()),
                        Timecode.format(c.recordStart() + e.recordOut(), c.rate()), e.recordOut() - e.recordIn(), null, e.sourceIn(),
                        e.sourceOut(), e.sourceFrames())).toList();
        return new SequenceView(s.id, s.title, s.rate().toString(), s.rate().dropFrame(), c.duration(), Timecode.format(c.duration(), c.rate()),
                items, s.createdBy, s.createdAt, s.updatedAt);
    }

    /** The sequence as a cut list; a clip of a record the caller may not see is a 404 naming that clip. */
    @Transactional
    public CutList cutList(UUID id, Predicate<Asset> visible) {
        return cutList(require(id), visible);
    }

    CutList cutList(Sequence s, Predicate<Asset> visible) {
        FrameRate rate = s.rate();
        List<Item> items = Json.read(s.items, new TypeReference<List<Item>>() {});
        List<CutList.Event> events = new ArrayList<>();
        java.util.Map<UUID, String> reels = new java.util.HashMap<>();
        long record = 0;
        int n = 0;
        for (Item i : items) {
            n++;
            if (i.gap() != null) {
                events.add(new CutList.Event(n, true, null, null, null, null, null, null, false, false, null, null, rate, 0, null, 0, i.gap(),
                        record, record + i.gap()));
                record += i.gap();
                continue;
            }
            Clip c = clip(i.clip(), visible);
            Asset a = Asset.findById(c.assetId);
            ClipService.Source src = ClipService.source(a);
            long in = i.in() == null ? c.inFrame : i.in();
            long out = i.out() == null ? c.outFrame : i.out();
            // On the record side the clip lasts as long in the sequence's rate as it does in its own.
            long length = rate.equals(src.rate()) ? out - in : Math.round(src.rate().seconds(out - in) * rate.num() / rate.den());
            TechnicalMetadata t = a.technical();
            String reel = reels.computeIfAbsent(a.id, k -> reel(a, new HashSet<>(reels.values())));
            events.add(new CutList.Event(n, false, c.id, a.id, c.title, a.originalFilename == null ? a.id.toString() : a.originalFilename,
                    a.archivalCode, reel, t.hasVideo(), t.hasAudio(), t.width(), t.height(), src.rate(), src.frames(), src.startTimecode(), in, out,
                    record, record + length));
            record += length;
        }
        return new CutList(s.title, rate, CutList.hourOne(rate), events);
    }

    /**
     * A reel name of at most 8 characters, the same for a record in every cut list: "R" and the
     * first 7 hexadecimal digits of the SHA-256 of its id (on a clash within one list, the next 7
     * digits, so the mapping stays deterministic).
     */
    static String reel(Asset a, Set<String> taken) {
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.id.toString().getBytes(StandardCharsets.UTF_8)))
                    .toUpperCase(java.util.Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int start = 0; start + 7 <= hex.length(); start++) {
            String r = "R" + hex.substring(start, start + 7);
            if (!taken.contains(r)) {
                return r;
            }
        }
        throw new IllegalStateException("no free reel name for " + a.id);
    }
}
