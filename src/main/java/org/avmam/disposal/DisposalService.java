package org.avmam.disposal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.review.RecordFacts;

/**
 * Disposal under retention. A record coded with a retention period of D10 or D30 reaches its end
 * on 1 January of the year after its own year plus that many years (DA/T 13: the period runs from
 * the year after the record was formed); it then appears on the disposal list. A disposal is
 * proposed, needs the approvals of two different people allowed to dispose (the proposer may be
 * one), and is then carried out by a DISPOSE job; a legal hold blocks it at every step.
 */
@ApplicationScoped
public class DisposalService {

    static final int APPROVALS = 2;
    private static final Pattern YEARS = Pattern.compile("D(\\d+)");

    private final EntityManager em;
    private final AccessPolicy policy;
    private final RecordFacts facts;
    private final JobQueue jobs;
    private final Removal removal;

    public DisposalService(EntityManager em, AccessPolicy policy, RecordFacts facts, JobQueue jobs, Removal removal) {
        this.em = em;
        this.policy = policy;
        this.facts = facts;
        this.jobs = jobs;
        this.removal = removal;
    }

    /** A record on the disposal list. */
    public record DueItem(UUID id, String archivalCode, String title, String retentionPeriod, String date, LocalDate retentionEnded,
            String legalHold, Long openDisposal) {}

    /** When the record's retention ends; null when it is permanent, unset, or its date is unknown. */
    LocalDate retentionEnds(Asset a) {
        if (a.retentionPeriod == null) {
            return null;
        }
        Matcher m = YEARS.matcher(a.retentionPeriod);
        String date = facts.of(a).date();
        if (!m.matches() || date == null || date.length() < 4 || !date.substring(0, 4).matches("\\d{4}")) {
            return null;
        }
        return LocalDate.of(Integer.parseInt(date.substring(0, 4)) + 1 + Integer.parseInt(m.group(1)), 1, 1);
    }

    @Transactional
    public List<DueItem> due(int page, int size) {
        LocalDate today = LocalDate.now();
        Caller c = policy.caller();
        List<DueItem> out = new ArrayList<>();
        for (Asset a : Asset.<Asset>list("removedAt is null and retentionPeriod like 'D%' order by createdAt, id")) {
            LocalDate ends = retentionEnds(a);
            if (ends == null || ends.isAfter(today) || !policy.maySee(c, a)) {
                continue;
            }
            out.add(new DueItem(a.id, a.archivalCode, a.title, a.retentionPeriod, facts.of(a).date(), ends, a.legalHold, open(a.id)));
        }
        out.sort(Comparator.comparing(DueItem::retentionEnded));
        return out.stream().skip((long) page * size).limit(size).toList();
    }

    private Long open(UUID assetId) {
        Disposal d = Disposal.<Disposal>find("assetId = ?1 and state in ?2", assetId, List.of(Disposal.State.PROPOSED, Disposal.State.APPROVED))
                .firstResult();
        return d == null ? null : d.id;
    }

    @Transactional
    public Disposal propose(UUID assetId, String reason, Caller c) {
        Asset a = lockedVisible(assetId);
        String why = required(reason, "reason");
        LocalDate ends = retentionEnds(a);
        if (a.retentionPeriod == null || !YEARS.matcher(a.retentionPeriod).matches()) {
            throw new ApiException(409, "Not disposable", "record {0} has retention period {1}: it is not disposed of", assetId, (a.retentionPeriod == null ? "none (code it first)" : a.retentionPeriod + " (permanent)"));
        }
        if (ends == null) {
            throw new ApiException(409, "Not disposable", "record {0} has no date to count its retention from", assetId);
        }
        if (ends.isAfter(LocalDate.now())) {
            throw new ApiException(409, "Retention running", "the retention of record {0} ({1}) ends on {2}", assetId, a.retentionPeriod, ends);
        }
        requireNoHold(a);
        Long open = open(assetId);
        if (open != null) {
            throw new ApiException(409, "Already proposed", "disposal {0} of record {1} is already under way", open, assetId);
        }
        Disposal d = new Disposal();
        d.assetId = assetId;
        d.kind = Disposal.Kind.DISPOSAL;
        d.state = Disposal.State.PROPOSED;
        d.reason = why;
        d.proposedBy = c.username();
        d.proposedAt = Instant.now();
        d.persist();
        return d;
    }

    /** The second approval by someone else makes it APPROVED and queues the DISPOSE job. */
    @Transactional
    public Disposal approve(long id, Caller c) {
        Disposal d = locked(id);
        if (d.state != Disposal.State.PROPOSED) {
            throw new ApiException(409, "Not open", "disposal {0} is {1}, not awaiting approval", id, d.state);
        }
        Asset a = lockedVisible(d.assetId);
        requireNoHold(a);
        if (approvers(id).contains(c.username())) {
            throw new ApiException(409, "Already approved", "you approved disposal {0} already; a second person must approve it", id);
        }
        em.createNativeQuery("INSERT INTO disposal_approval (disposal_id, username, approved_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, c.username()).setParameter(3, Instant.now()).executeUpdate();
        if (approvers(id).size() >= APPROVALS) {
            d.state = Disposal.State.APPROVED;
            d.decidedAt = Instant.now();
            jobs.enqueue(d.assetId, JobType.DISPOSE, String.valueOf(d.id));
        }
        return d;
    }

    @Transactional
    public Disposal reject(long id, String reason, Caller c) {
        Disposal d = locked(id);
        lockedVisible(d.assetId);
        if (d.state != Disposal.State.PROPOSED) {
            throw new ApiException(409, "Not open", "disposal {0} is {1}, not awaiting approval", id, d.state);
        }
        d.state = Disposal.State.REJECTED;
        d.decidedAt = Instant.now();
        d.tombstone = Json.write(Map.of("rejectedBy", c.username(), "rejection", required(reason, "reason")));
        return d;
    }

    /** An admin deletes an upload made by mistake, before it is coded: hidden at once, destroyed by the DISPOSE job. */
    @Transactional
    public Disposal deleteUpload(UUID assetId, String reason, Caller c) {
        Asset a = lockedVisible(assetId);
        String why = required(reason, "reason");
        if (a.archivalCode != null) {
            throw new ApiException(409, "Coded record", "record {0} has archival code {1}: a coded record leaves the archive only by disposal under its retention period (/api/v1/disposals)", assetId, a.archivalCode);
        }
        requireNoHold(a);
        Disposal d = new Disposal();
        d.assetId = assetId;
        d.kind = Disposal.Kind.DELETION;
        d.state = Disposal.State.APPROVED;
        d.reason = why;
        d.proposedBy = c.username();
        d.proposedAt = Instant.now();
        d.decidedAt = d.proposedAt;
        d.persist();
        em.createNativeQuery("INSERT INTO disposal_approval (disposal_id, username, approved_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, d.id).setParameter(2, c.username()).setParameter(3, d.proposedAt).executeUpdate();
        removal.hide(a, "DELETED");
        jobs.enqueue(assetId, JobType.DISPOSE, String.valueOf(d.id));
        return d;
    }

    @Transactional
    public Asset hold(UUID assetId, String reason, Caller c) {
        Asset a = lockedVisible(assetId);
        a.legalHold = required(reason, "reason");
        a.legalHoldBy = c.username();
        a.legalHoldAt = Instant.now();
        return a;
    }

    @Transactional
    public Asset release(UUID assetId) {
        Asset a = lockedVisible(assetId);
        a.legalHold = null;
        a.legalHoldBy = null;
        a.legalHoldAt = null;
        return a;
    }

    @Transactional
    public Asset holdOf(UUID assetId) {
        return policy.visible(assetId);
    }

    /** A disposal as the API shows it. */
    public record View(long id, UUID asset, Disposal.Kind kind, Disposal.State state, String reason, String proposedBy, Instant proposedAt,
            List<String> approvedBy, Instant decidedAt, Instant doneAt, Object tombstone) {}

    @Transactional
    public View view(Disposal d) {
        return new View(d.id, d.assetId, d.kind, d.state, d.reason, d.proposedBy, d.proposedAt, approvers(d.id), d.decidedAt, d.doneAt,
                d.tombstone == null ? null : Json.read(d.tombstone, Object.class));
    }

    @Transactional
    public View get(long id) {
        Disposal d = Disposal.findById(id);
        if (d == null) {
            throw ApiException.notFound("no disposal {0}", id);
        }
        return view(d);
    }

    @Transactional
    public List<View> list(Disposal.State state, int page, int size) {
        var q = state == null ? Disposal.<Disposal>find("order by id desc") : Disposal.<Disposal>find("state = ?1 order by id desc", state);
        return q.page(page, size).list().stream().map(this::view).toList();
    }

    @SuppressWarnings("unchecked")
    List<String> approvers(long id) {
        return ((List<Object>) em.createNativeQuery("SELECT username FROM disposal_approval WHERE disposal_id = ?1 ORDER BY approved_at, username")
                .setParameter(1, id).getResultList()).stream().map(Object::toString).toList();
    }

    /** The snapshot a tombstone keeps of the record before its content goes. */
    static Map<String, Object> snapshot(Asset a, Disposal d, List<String> approvers) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("archivalCode", a.archivalCode);
        t.put("title", a.title);
        t.put("fonds", a.fonds);
        t.put("retentionPeriod", a.retentionPeriod);
        t.put("securityClassification", a.securityClassification);
        t.put("openStatus", a.openStatus == null ? null : a.openStatus.name());
        t.put("mediaType", a.mediaType == null ? null : a.mediaType.name());
        t.put("originalFilename", a.originalFilename);
        t.put("sizeBytes", a.sizeBytes);
        t.put("description", a.descriptionMap());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("kind", d.kind.name());
        decision.put("reason", d.reason);
        decision.put("proposedBy", d.proposedBy);
        decision.put("approvedBy", approvers);
        decision.put("decidedAt", String.valueOf(d.decidedAt));
        t.put("decision", decision);
        return t;
    }

    private Disposal locked(long id) {
        Disposal d = em.find(Disposal.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ApiException.notFound("no disposal {0}", id);
        }
        return d;
    }

    private Asset lockedVisible(UUID assetId) {
        policy.visible(assetId);
        return em.find(Asset.class, assetId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void requireNoHold(Asset a) {
        if (a.legalHold != null) {
            throw new ApiException(409, "Legal hold", "record {0} is under a legal hold ({1}, placed by {2}): it cannot be disposed of until the hold is lifted", a.id, a.legalHold, a.legalHoldBy);
        }
    }

    private static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw ApiException.badRequest("{0} is required: say why, it is kept with the decision", field);
        }
        if (s.length() > 4000) {
            throw ApiException.badRequest("{0} is longer than 4000 characters", field);
        }
        return s.strip();
    }
}
