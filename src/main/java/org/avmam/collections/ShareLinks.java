package org.avmam.collections;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.avmam.access.Account;
import org.avmam.access.Caller;
import org.avmam.access.OpenParts;
import org.avmam.access.Permission;
import org.avmam.access.Secrets;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.OpenStatus;
import org.avmam.clips.Clip;
import org.avmam.clips.export.ClipExport;
import org.avmam.clips.export.ClipExports;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobView;
import org.avmam.storage.BlobStore;
import org.avmam.transcode.ContentTypes;
import org.avmam.transcode.Rendition;
import org.avmam.transcode.RenditionService;
import org.avmam.transcode.TranscodeProfile;

/**
 * Share links: a secret URL that gives an outside partner one collection for a while. The link
 * acts as its sharer, re-checked at every use: it shows the items the sharer may see now and
 * that are cleared for release (opened, of a public classification), so it never gives more than
 * the sharer could hand over, and it dies when the sharer loses the right to share, when it
 * expires, or when it is revoked.
 */
@ApplicationScoped
public class ShareLinks {

    /** The previews a link serves, by media type; the first profile that applies to the record is used. */
    static final List<String> IMAGE_PREVIEWS = List.of("image-preview", "image-thumbnail");
    static final List<String> VIDEO_PREVIEWS = List.of("video-proxy-720p");
    static final List<String> AUDIO_PREVIEWS = List.of("audio-proxy");
    /** The same with the visible watermark (a profile option: output.watermark). Sound carries none. */
    static final List<String> MARKED_IMAGE_PREVIEWS = List.of("image-share-preview");
    static final List<String> MARKED_VIDEO_PREVIEWS = List.of("video-share-proxy");

    private final CollectionService collections;
    private final RenditionService renditions;
    private final ClipExports clipExports;
    private final BlobStore blobs;
    private final org.avmam.storage.BlobIntegrity integrity;
    private final EntityManager em;
    private final AvmamConfig.Share config;

    public ShareLinks(CollectionService collections, RenditionService renditions, ClipExports clipExports, BlobStore blobs, org.avmam.storage.BlobIntegrity integrity, EntityManager em,
            AvmamConfig config) {
        this.collections = collections;
        this.renditions = renditions;
        this.clipExports = clipExports;
        this.blobs = blobs;
        this.integrity = integrity;
        this.em = em;
        this.config = config.share();
    }

    public record LinkView(UUID id, UUID collection, String label, ShareLink.Rights rights, boolean watermark, String state,
            Instant expiresAt, Instant revokedAt, String createdBy, Instant createdAt, Instant lastUsedAt, long uses) {
        static LinkView of(ShareLink l) {
            String state = l.revokedAt != null ? "REVOKED" : l.expiresAt.isBefore(Instant.now()) ? "EXPIRED" : "ACTIVE";
            return new LinkView(l.id, l.collectionId, l.label, l.rights, l.watermark, state, l.expiresAt, l.revokedAt, l.createdBy,
                    l.createdAt, l.lastUsedAt, l.uses);
        }
    }

    /** A new link: the only time its secret is shown. */
    public record Created(String token, String url, LinkView link) {}

    /**
     * Creates a link: {"label", "rights": VIEW | DOWNLOAD, "expires": date or instant, or "days", "watermark": bool}.
     * Only the collection's owner shares it outside, and only with the rights they hold themselves.
     */
    @Transactional
    public Created create(UUID collectionId, JsonNode body, Caller caller) {
        Collection c = collections.require(collectionId, caller, CollectionService.Rights.OWNER);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("a share link is {\"label\", \"rights\": VIEW or DOWNLOAD, \"expires\": date, \"watermark\": true}");
        }
        String label = CollectionService.text(body, "label", 200);
        if (label == null) {
            throw ApiException.badRequest("label says whom the link is for (e.g. \"CCTV documentary desk\"); its uses are logged under it");
        }
        ShareLink.Rights rights;
        try {
            rights = ShareLink.Rights.valueOf(body.path("rights").asText("VIEW").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("rights is VIEW (previews) or DOWNLOAD (previews and files); got '{0}'", body.path("rights").asText());
        }
        if (rights == ShareLink.Rights.DOWNLOAD && !caller.has(Permission.DOWNLOAD_ORIGINAL)) {
            throw new ApiException(403, "Forbidden", "'{0}' may not download originals, so cannot give a link that does", caller.username());
        }
        JsonNode mark = body.get("watermark");
        if (mark != null && !mark.isBoolean() && !mark.isNull()) {
            throw ApiException.badRequest("watermark is true or false");
        }
        Instant now = Instant.now();
        ShareLink l = new ShareLink();
        l.id = UUID.randomUUID();
        l.collectionId = c.id;
        l.label = label;
        l.rights = rights;
        l.watermark = mark != null && mark.asBoolean();
        l.expiresAt = expiry(body, now);
        l.createdBy = caller.username();
        l.createdAt = now;
        String token = Secrets.newSecret("");
        l.tokenHash = Secrets.hash(token);
        l.persist();
        return new Created(token, "/api/v1/shared/" + token, LinkView.of(l));
    }

    private Instant expiry(JsonNode body, Instant now) {
        Instant at;
        if (body.hasNonNull("expires") && body.hasNonNull("days")) {
            throw ApiException.badRequest("give expires or days, not both");
        } else if (body.hasNonNull("days")) {
            if (!body.get("days").canConvertToInt() || body.get("days").asInt() < 1) {
                throw ApiException.badRequest("days is a whole number from 1 (got {0})", body.get("days"));
            }
            at = now.plus(Duration.ofDays(body.get("days").asInt()));
        } else if (body.hasNonNull("expires")) {
            String s = body.get("expires").asText().strip();
            try {
                at = s.length() == 10 ? LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("expires is a date (2027-03-01, the link works through that day, UTC) or an instant (2027-03-01T12:00:00Z); got '{0}'", s);
            }
        } else {
            at = now.plus(config.defaultLifetime());
        }
        if (!at.isAfter(now)) {
            throw ApiException.badRequest("the link would have expired already ({0})", at);
        }
        if (at.isAfter(now.plus(config.maxLifetime()))) {
            throw new ApiException(422, "Too long", "a share link lives at most {0} days (avmam.share.max-lifetime); asked until {1}", config.maxLifetime().toDays(), at);
        }
        return at;
    }

    @Transactional
    public List<LinkView> list(UUID collectionId, Caller caller) {
        Collection c = collections.require(collectionId, caller, CollectionService.Rights.OWNER);
        return ShareLink.<ShareLink>list("collectionId = ?1 order by createdAt desc", c.id).stream().map(LinkView::of).toList();
    }

    /** Revokes a link at once; revoking it again changes nothing. */
    @Transactional
    public LinkView revoke(UUID collectionId, UUID linkId, Caller caller) {
        Collection c = collections.require(collectionId, caller, CollectionService.Rights.OWNER);
        ShareLink l = linkId == null ? null : ShareLink.findById(linkId);
        if (l == null || !l.collectionId.equals(c.id)) {
            throw ApiException.notFound("no share link {0} on collection {1}", linkId, collectionId);
        }
        if (l.revokedAt == null) {
            l.revokedAt = Instant.now();
        }
        return LinkView.of(l);
    }

    // What the outside partner gets.

    /** A link in force, and the sharer it acts as. */
    public record Grant(ShareLink link, Collection collection, Caller sharer) {
        public String actor() {
            return "share-link:" + link.id + " (" + link.label + ")";
        }
    }

    public record SharedItem(UUID id, int position, String title, String mediaType, String archivalCode, String note, UUID clip,
            Double inSeconds, Double outSeconds, String preview, String download) {}

    public record SharedCollection(String title, String description, String purpose, String label, ShareLink.Rights rights,
            boolean watermark, Instant expiresAt, String sharedBy, List<SharedItem> items) {}

    /**
     * The link of this secret, if it is in force: 404 for a secret that opens nothing, 410 for one
     * that expired, was revoked, or whose sharer may no longer share.
     */
    @Transactional
    public Grant resolve(String token) {
        ShareLink l = token == null || token.length() > 100 ? null : ShareLink.find("tokenHash", Secrets.hash(token)).firstResult();
        if (l == null) {
            throw ApiException.notFound("no share link with this address; check it was copied whole");
        }
        if (l.revokedAt != null) {
            throw new ApiException(410, "Link revoked", "this share link was revoked on {0}; ask the archive for a new one", l.revokedAt);
        }
        if (!l.expiresAt.isAfter(Instant.now())) {
            throw new ApiException(410, "Link expired", "this share link expired on {0}; ask the archive for a new one", l.expiresAt);
        }
        Account a = Account.byName(l.createdBy);
        Caller sharer = a == null || a.disabled ? null : Caller.user(a.username, Set.of(a.role));
        Collection c = Collection.findById(l.collectionId);
        if (sharer == null || c == null || !sharer.has(Permission.EXPORT)
                || collections.rights(c, sharer) != CollectionService.Rights.OWNER) {
            throw new ApiException(410, "Link no longer valid", "the person who shared this link may no longer share the collection; ask the archive for a new one");
        }
        // One statement, so that parallel uses all count.
        em.createQuery("update ShareLink set uses = uses + 1, lastUsedAt = ?1 where id = ?2").setParameter(1, Instant.now())
                .setParameter(2, l.id).executeUpdate();
        return new Grant(l, c, sharer);
    }

    @Transactional
    public SharedCollection open(Grant g) {
        String base = "/api/v1/shared/";
        List<SharedItem> items = released(g).stream().map(i -> {
            Asset a = Asset.findById(i.assetId);
            Clip clip = i.clipId == null ? null : Clip.findById(i.clipId);
            String title = clip != null ? clip.title : a.title;
            Double in = clip == null ? null : clip.rate().seconds(clip.inFrame);
            Double out = clip == null ? null : clip.rate().seconds(clip.outFrame);
            String itemPath = "items/" + i.id;
            return new SharedItem(i.id, i.position, title, a.mediaType.name(), a.archivalCode, i.note, i.clipId, in, out,
                    previewProfile(g, a, i) == null ? null : itemPath + "/preview",
                    g.link().rights == ShareLink.Rights.DOWNLOAD ? itemPath + "/download" : null);
        }).toList();
        return new SharedCollection(g.collection().title, g.collection().description, g.collection().purpose, g.link().label,
                g.link().rights, g.link().watermark, g.link().expiresAt, g.link().createdBy, items);
    }

    /** The items the link gives: those the sharer sees that are cleared for release. */
    private List<CollectionItem> released(Grant g) {
        return collections.visibleItems(g.collection(), g.sharer()).stream()
                .filter(i -> collections.clearance(Asset.findById(i.assetId), i).cleared()).toList();
    }

    private CollectionItem releasedItem(Grant g, UUID itemId) {
        return released(g).stream().filter(i -> i.id.equals(itemId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("this share link has no item {0}", itemId));
    }

    /** A file to send, or a rendition still being made. */
    public sealed interface Delivery {
        UUID asset();

        record File(UUID asset, String item, Path path, String contentType, String name) implements Delivery {}

        record Pending(UUID asset, String item, String state, Double progress) implements Delivery {}
    }

    @Transactional
    public Delivery preview(Grant g, UUID itemId) {
        CollectionItem i = releasedItem(g, itemId);
        Asset a = Asset.findById(i.assetId);
        String profile = previewProfile(g, a, i);
        if (profile == null) {
            throw ApiException.notFound("item {0} has no preview this link may show{1}", itemId, (g.link().watermark ? " with a watermark" : ""));
        }
        return rendition(a, profile);
    }

    /** The item's file: its chosen rendition, its clip's export, or else the original. */
    @Transactional
    public Delivery download(Grant g, UUID itemId) {
        if (g.link().rights != ShareLink.Rights.DOWNLOAD || !g.sharer().has(Permission.DOWNLOAD_ORIGINAL)) {
            throw new ApiException(403, "Forbidden", "this share link gives previews only");
        }
        CollectionItem i = releasedItem(g, itemId);
        Asset a = Asset.findById(i.assetId);
        if (i.clipId != null) {
            String profile = i.rendition != null && renditions.profile(i.rendition).output().kind() == TranscodeProfile.Kind.CLIP
                    ? i.rendition : ClipExports.DEFAULT_PROFILE;
            ClipExport e = clipExports.ready(i.clipId, profile);
            if (e == null) {
                throw new ApiException(409, "Not exported", "the clip has not been exported as {0} yet; ask {1} at the archive to export it", profile, g.link().createdBy);
            }
            return new Delivery.File(a.id, "clip:" + i.clipId + " " + profile, clipExports.path(e), ContentTypes.of(e.fileName), e.fileName);
        }
        if (i.rendition != null) {
            return rendition(a, i.rendition);
        }
        // A cleared record that is not whole (PARTLY_OPEN) always names an opened rendition, so this is an open one.
        String name = a.originalFilename == null ? a.id.toString() : a.originalFilename;
        integrity.requireSound(a.sha256, a.id);
        try {
            return new Delivery.File(a.id, "original", blobs.path(a.sha256), a.mimeType, name);
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    private Delivery rendition(Asset a, String profile) {
        boolean ready = Rendition.find(a.id, profile).filter(r -> r.state == Rendition.State.READY && r.path != null).isPresent();
        if (ready) {
            RenditionService.RenditionFile f = renditions.file(a.id, profile, null);
            return new Delivery.File(a.id, "rendition:" + profile, f.path(), f.contentType(), f.downloadName());
        }
        JobView job = renditions.request(a.id, profile);
        return new Delivery.Pending(a.id, "rendition:" + profile, job.state().name(), job.progress() == null ? 0.0 : job.progress());
    }

    /** Which profile previews the item through this link, or null when none may. */
    private String previewProfile(Grant g, Asset a, CollectionItem i) {
        List<String> candidates = switch (a.mediaType) {
            case IMAGE -> g.link().watermark ? MARKED_IMAGE_PREVIEWS : IMAGE_PREVIEWS;
            case VIDEO -> g.link().watermark ? MARKED_VIDEO_PREVIEWS : VIDEO_PREVIEWS;
            case AUDIO -> AUDIO_PREVIEWS;
            default -> List.of();
        };
        OpenParts parts = a.openStatus == OpenStatus.PARTLY_OPEN ? OpenParts.read(a.openParts) : null;
        return candidates.stream()
                .filter(p -> renditions.profile(p).appliesTo(a.mediaType, a.technical()))
                .filter(p -> parts == null || parts.rendition(p))
                .findFirst().orElse(null);
    }
}
