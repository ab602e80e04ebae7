package org.avmam.collections;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Account;
import org.avmam.access.Caller;
import org.avmam.access.OpenParts;
import org.avmam.access.Permission;
import org.avmam.access.Role;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.clips.Clip;

/**
 * Collections: owned by their creator, shared with users or roles for view or edit. What a member
 * sees of the items is what the record policy lets them see: a share never widens access, since
 * each item is filtered for the one who looks.
 */
@ApplicationScoped
public class CollectionService {

    public enum Rights { NONE, VIEW, EDIT, OWNER }

    private final EntityManager em;
    private final AccessPolicy policy;

    public CollectionService(EntityManager em, AccessPolicy policy) {
        this.em = em;
        this.policy = policy;
    }

    public record Clearance(boolean cleared, List<String> reasons) {}

    public record ItemView(UUID id, int position, UUID asset, UUID clip, String title, String mediaType, String archivalCode,
            String rendition, String note, String addedBy, Instant addedAt, Clearance clearance) {}

    public record Share(String user, String role, String rights) {}

    public record CollectionView(UUID id, String title, String description, String purpose, LocalDate due, String owner, Rights rights,
            List<Share> shares, List<ItemView> items, long cleared, Instant createdAt, Instant updatedAt) {}

    static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > max) {
            throw ApiException.badRequest("{0} is at most {1} characters", field, max);
        }
        return s.isEmpty() ? null : s;
    }

    static LocalDate date(JsonNode body) {
        String s = text(body, "due", 10);
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("due is a date, e.g. 2027-03-01 (got '{0}')", s);
        }
    }

    @Transactional
    public CollectionView create(JsonNode body, Caller caller) {
        if (body == null || !body.isObject() || text(body, "title", 500) == null) {
            throw ApiException.badRequest("the body is {\"title\", \"description\", \"purpose\", \"due\"}");
        }
        Collection c = new Collection();
        c.id = UUID.randomUUID();
        c.title = text(body, "title", 500);
        c.description = text(body, "description", 4000);
        c.purpose = text(body, "purpose", 500);
        c.due = date(body);
        c.createdBy = caller.username();
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.persist();
        return view(c, caller);
    }

    /** The collection with the caller's rights to it; none is the same 404 as a missing one. */
    Collection require(UUID id, Caller caller, Rights needed) {
        Collection c = id == null ? null : Collection.findById(id);
        Rights r = c == null ? Rights.NONE : rights(c, caller);
        if (r == Rights.NONE) {
            throw ApiException.notFound("no collection with id {0}", id);
        }
        if (r.compareTo(needed) < 0) {
            throw new ApiException(403, "Forbidden", "'{0}' may {1} collection {2}, not {3}", caller.username(), r.name().toLowerCase(Locale.ROOT), id, (needed == Rights.OWNER ? "share it (only its owner may)" : "change it"));
        }
        return c;
    }

    Rights rights(Collection c, Caller caller) {
        if (caller.is(c.createdBy) || caller.roles().contains(Role.ADMIN)) {
            return Rights.OWNER;
        }
        Rights best = caller.has(Permission.SEE_CLOSED) ? Rights.VIEW : Rights.NONE;
        @SuppressWarnings("unchecked")
        List<Object[]> shares = em.createNativeQuery("SELECT grantee_kind, grantee, rights FROM collection_share WHERE collection_id = ?1")
                .setParameter(1, c.id).getResultList();
        for (Object[] s : shares) {
            boolean mine = "USER".equals(s[0]) ? caller.is((String) s[1]) : caller.roles().stream().anyMatch(r -> r.name().equals(s[1]));
            if (mine) {
                Rights r = Rights.valueOf((String) s[2]);
                best = r.compareTo(best) > 0 ? r : best;
            }
        }
        return best;
    }

    @Transactional
    public CollectionView get(UUID id, Caller caller) {
        return view(require(id, caller, Rights.VIEW), caller);
    }

    @Transactional
    public List<CollectionView> list(Caller caller) {
        List<CollectionView> out = new ArrayList<>();
        for (Collection c : Collection.<Collection>list("order by createdAt desc")) {
            if (rights(c, caller) != Rights.NONE) {
                out.add(view(c, caller));
            }
        }
        return out;
    }

    @Transactional
    public CollectionView update(UUID id, JsonNode body, Caller caller) {
        Collection c = require(id, caller, Rights.EDIT);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("send what changes: title, description, purpose, due");
        }
        if (body.has("title")) {
            String t = text(body, "title", 500);
            if (t == null) {
                throw ApiException.badRequest("a collection has a title");
            }
            c.title = t;
        }
        if (body.has("description")) {
            c.description = text(body, "description", 4000);
        }
        if (body.has("purpose")) {
            c.purpose = text(body, "purpose", 500);
        }
        if (body.has("due")) {
            c.due = date(body);
        }
        c.updatedAt = Instant.now();
        return view(c, caller);
    }

    /** Adds a record ({"asset": id}) or a clip ({"clip": id}), once; one the caller may not see is a 404. */
    @Transactional
    public ItemView add(UUID id, JsonNode body, Caller caller) {
        Collection c = require(id, caller, Rights.EDIT);
        if (body == null || !body.isObject() || (body.hasNonNull("asset") == body.hasNonNull("clip"))) {
            throw ApiException.badRequest("an item is {\"asset\": id} or {\"clip\": id}, with optional \"rendition\" and \"note\"");
        }
        CollectionItem i = new CollectionItem();
        i.id = UUID.randomUUID();
        i.collectionId = c.id;
        if (body.hasNonNull("clip")) {
            UUID clipId = uuid(body.get("clip").asText(), "clip");
            Clip clip = Clip.findById(clipId);
            if (clip == null || !policy.maySee(caller, Asset.findById(clip.assetId))) {
                throw ApiException.notFound("no clip with id {0}", clipId);
            }
            i.clipId = clipId;
            i.assetId = clip.assetId;
            i.itemKey = "clip:" + clipId;
        } else {
            UUID assetId = uuid(body.get("asset").asText(), "asset");
            policy.visible(assetId);
            i.assetId = assetId;
            i.itemKey = "asset:" + assetId;
        }
        if (CollectionItem.count("collectionId = ?1 and itemKey = ?2", c.id, i.itemKey) > 0) {
            throw new ApiException(409, "Conflict", "{0} is already in collection {1}", (i.clipId != null ? "clip " + i.clipId : "asset " + i.assetId), c.id);
        }
        i.rendition = text(body, "rendition", 100);
        i.note = text(body, "note", 4000);
        Number max = (Number) em.createQuery("select max(position) from CollectionItem where collectionId = ?1").setParameter(1, c.id)
                .getSingleResult();
        i.position = max == null ? 1 : max.intValue() + 1;
        i.addedBy = caller.username();
        i.addedAt = Instant.now();
        i.persist();
        c.updatedAt = i.addedAt;
        return itemView(i, Asset.findById(i.assetId));
    }

    static UUID uuid(String s, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("{0} is an id (got '{1}')", field, s);
        }
    }

    /** Annotates an item, asks for a rendition of it, or moves it to another place (1 is the first). */
    @Transactional
    public CollectionView updateItem(UUID id, UUID itemId, JsonNode body, Caller caller) {
        Collection c = require(id, caller, Rights.EDIT);
        CollectionItem i = item(c, itemId, caller);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("send what changes: note, rendition, position");
        }
        if (body.has("note")) {
            i.note = text(body, "note", 4000);
        }
        if (body.has("rendition")) {
            i.rendition = text(body, "rendition", 100);
        }
        if (body.has("position")) {
            if (!body.get("position").isIntegralNumber() || body.get("position").asInt() < 1) {
                throw ApiException.badRequest("position is a whole number from 1");
            }
            List<CollectionItem> order = new ArrayList<>(CollectionItem.<CollectionItem>list("collectionId = ?1 order by position", c.id));
            order.removeIf(x -> x.id.equals(i.id));
            order.add(Math.min(body.get("position").asInt(), order.size() + 1) - 1, i);
            for (int p = 0; p < order.size(); p++) {
                order.get(p).position = p + 1;
            }
        }
        c.updatedAt = Instant.now();
        return view(c, caller);
    }

    @Transactional
    public void removeItem(UUID id, UUID itemId, Caller caller) {
        Collection c = require(id, caller, Rights.EDIT);
        item(c, itemId, caller).delete();
        c.updatedAt = Instant.now();
    }

    private CollectionItem item(Collection c, UUID itemId, Caller caller) {
        CollectionItem i = itemId == null ? null : CollectionItem.findById(itemId);
        if (i == null || !i.collectionId.equals(c.id) || !policy.maySee(caller, Asset.findById(i.assetId))) {
            throw ApiException.notFound("no item {0} in collection {1}", itemId, c.id);
        }
        return i;
    }

    /** Shares with a user or a role ({"user": name} or {"role": ROLE}, "rights": VIEW or EDIT); only the owner shares. */
    @Transactional
    public CollectionView share(UUID id, JsonNode body, Caller caller) {
        Collection c = require(id, caller, Rights.OWNER);
        if (body == null || body.hasNonNull("user") == body.hasNonNull("role")) {
            throw ApiException.badRequest("a share is {\"user\": name} or {\"role\": ROLE}, with \"rights\": VIEW or EDIT");
        }
        String rights = body.path("rights").asText("VIEW").toUpperCase(Locale.ROOT);
        if (!rights.equals("VIEW") && !rights.equals("EDIT")) {
            throw ApiException.badRequest("rights is VIEW or EDIT (got '{0}')", body.path("rights").asText());
        }
        String kind;
        String grantee;
        if (body.hasNonNull("user")) {
            kind = "USER";
            grantee = body.get("user").asText().strip().toLowerCase(Locale.ROOT);
            if (Account.byName(grantee) == null) {
                throw new ApiException(422, "Unknown user", "no user '{0}' to share collection {1} with", grantee, id);
            }
        } else {
            kind = "ROLE";
            grantee = Role.named(body.get("role").asText()).orElseThrow(() -> new ApiException(422, "Unknown role",
                    "no role '{0}'; the roles are {1}", body.get("role").asText(), List.of(Role.values()))).name();
        }
        em.createNativeQuery("DELETE FROM collection_share WHERE collection_id = ?1 AND grantee_kind = ?2 AND grantee = ?3")
                .setParameter(1, c.id).setParameter(2, kind).setParameter(3, grantee).executeUpdate();
        em.createNativeQuery("INSERT INTO collection_share (collection_id, grantee_kind, grantee, rights) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, c.id).setParameter(2, kind).setParameter(3, grantee).setParameter(4, rights).executeUpdate();
        return view(c, caller);
    }

    /** Whether an item may go out for the collection's purpose: opened, of a public classification, the rendition among what was opened. */
    Clearance clearance(Asset a, CollectionItem i) {
        List<String> reasons = new ArrayList<>();
        switch (a.openStatus) {
            case UNREVIEWED -> reasons.add("not yet reviewed for opening (UNREVIEWED)");
            case CLOSED -> reasons.add("closed by the open review");
            case PARTLY_OPEN -> {
                OpenParts parts = OpenParts.read(a.openParts);
                if (i.rendition == null) {
                    reasons.add("partly open: the original is not among the opened parts");
                } else if (!parts.rendition(i.rendition)) {
                    reasons.add("partly open: the rendition " + i.rendition + " is not among the opened parts");
                }
            }
            case OPEN -> { }
        }
        if (!policy.classificationPublic(a.securityClassification)) {
            reasons.add("classified " + a.securityClassification);
        }
        return new Clearance(reasons.isEmpty(), reasons);
    }

    private ItemView itemView(CollectionItem i, Asset a) {
        String title = a.title;
        if (i.clipId != null) {
            Clip clip = Clip.findById(i.clipId);
            title = clip == null ? title : clip.title;
        }
        return new ItemView(i.id, i.position, i.assetId, i.clipId, title, a.mediaType.name(), a.archivalCode, i.rendition, i.note, i.addedBy,
                i.addedAt, clearance(a, i));
    }

    /** The items the caller may see, in order. */
    List<CollectionItem> visibleItems(Collection c, Caller caller) {
        return CollectionItem.<CollectionItem>list("collectionId = ?1 order by position", c.id).stream()
                .filter(i -> policy.maySee(caller, Asset.findById(i.assetId))).toList();
    }

    CollectionView view(Collection c, Caller caller) {
        List<ItemView> items = visibleItems(c, caller).stream().map(i -> itemView(i, Asset.findById(i.assetId))).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT grantee_kind, grantee, rights FROM collection_share WHERE collection_id = ?1 "
                + "ORDER BY grantee_kind, grantee").setParameter(1, c.id).getResultList();
        List<Share> shares = rows.stream().map(r -> "USER".equals(r[0]) ? new Share((String) r[1], null, (String) r[2])
                : new Share(null, (String) r[1], (String) r[2])).toList();
        return new CollectionView(c.id, c.title, c.description, c.purpose, c.due, c.createdBy, rights(c, caller), shares, items,
                items.stream().filter(i -> i.clearance().cleared()).count(), c.createdAt, c.updatedAt);
    }

    /** The records of the collection the caller may see, once each, for bulk rendition requests. */
    @Transactional
    public List<UUID> assets(UUID id, Caller caller) {
        Collection c = require(id, caller, Rights.VIEW);
        return visibleItems(c, caller).stream().map(i -> i.assetId).distinct().toList();
    }

    @Transactional
    boolean ready(UUID asset, String profile) {
        return org.avmam.transcode.Rendition.ofAsset(asset).stream().anyMatch(r -> r.profile.equals(profile)
                && r.state == org.avmam.transcode.Rendition.State.READY);
    }

    @Transactional
    boolean failed(UUID asset, String profile) {
        return org.avmam.transcode.Rendition.ofAsset(asset).stream().anyMatch(r -> r.profile.equals(profile)
                && r.state == org.avmam.transcode.Rendition.State.FAILED);
    }
}
