package org.avmam.review;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.avmam.access.OpenParts;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetChanged;
import org.avmam.asset.AssetService;
import org.avmam.asset.OpenStatus;
import org.avmam.config.AvmamConfig;
import org.avmam.provenance.Provenance;

/**
 * Open review (开放审核): decisions on records, their optional second approval, the lists of
 * records due for review and the open-rate statistics.
 */
@ApplicationScoped
public class ReviewService {

    /** The fields of a decision, as PATCH /api/v1/assets/{id} and POST /api/v1/review/decisions take them. */
    public static final Set<String> FIELDS = Set.of("openStatus", "decision", "reason", "reasonText", "openParts", "reReviewOn");

    private final AvmamConfig.Review config;
    private final Provenance provenance;
    private final Event<AssetChanged> changed;
    private final RecordFacts facts;

    public ReviewService(AvmamConfig config, Provenance provenance, Event<AssetChanged> changed, RecordFacts facts) {
        this.facts = facts;
        this.config = config.review();
        this.provenance = provenance;
        this.changed = changed;
    }

    public record Request(OpenStatus decision, ReviewReason reason, String reasonText, OpenParts parts, LocalDate reReviewOn) {}

    /** Reads and checks a decision; every rule broken is a 400 that names it. */
    public static Request parse(JsonNode body) {
        JsonNode status = body.hasNonNull("decision") ? body.get("decision") : body.get("openStatus");
        if (status == null || status.isNull() || !status.isTextual()) {
            throw ApiException.badRequest("a review decision names the new open status: OPEN, PARTLY_OPEN or CLOSED");
        }
        OpenStatus decision;
        try {
            decision = OpenStatus.valueOf(status.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the open status is one of {0} (got '{1}')", Arrays.toString(OpenStatus.values()), status.asText());
        }
        if (decision == OpenStatus.UNREVIEWED) {
            throw ApiException.badRequest("UNREVIEWED is not a decision; a reviewed record is OPEN, PARTLY_OPEN or CLOSED");
        }
        JsonNode r = body.get("reason");
        if (r == null || r.isNull() || r.asText().isBlank()) {
            throw ApiException.badRequest("an open-status change needs a reason: one of {0} (OTHER with reasonText)", Arrays.toString(ReviewReason.values()));
        }
        ReviewReason reason;
        try {
            reason = ReviewReason.valueOf(r.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("reason is one of {0} (got '{1}')", Arrays.toString(ReviewReason.values()), r.asText());
        }
        String text = body.hasNonNull("reasonText") ? body.get("reasonText").asText().strip() : null;
        if (text != null && text.length() > 1000) {
            throw ApiException.badRequest("reasonText is at most 1000 characters");
        }
        if (reason == ReviewReason.OTHER && (text == null || text.isEmpty())) {
            throw ApiException.badRequest("reason OTHER needs reasonText saying what the reason is");
        }
        if (decision == OpenStatus.OPEN && reason != ReviewReason.NO_RESTRICTION && reason != ReviewReason.OTHER) {
            throw ApiException.badRequest("a record opened whole has reason NO_RESTRICTION (or OTHER); {0} calls for CLOSED or PARTLY_OPEN", reason);
        }
        if (decision != OpenStatus.OPEN && reason == ReviewReason.NO_RESTRICTION) {
            throw ApiException.badRequest("{0} needs the reason for the restriction, not NO_RESTRICTION", decision);
        }
        OpenParts parts = null;
        if (decision == OpenStatus.PARTLY_OPEN) {
            parts = OpenParts.parse(body.get("openParts"));
        } else if (body.hasNonNull("openParts")) {
            throw ApiException.badRequest("openParts belongs to a PARTLY_OPEN decision only");
        }
        LocalDate reReview = null;
        if (body.hasNonNull("reReviewOn")) {
            if (decision != OpenStatus.CLOSED) {
                throw ApiException.badRequest("reReviewOn belongs to a CLOSED decision only");
            }
            try {
                reReview = LocalDate.parse(body.get("reReviewOn").asText());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("reReviewOn is a date, e.g. 2031-01-01 (got '{0}')", body.get("reReviewOn").asText());
            }
            if (!reReview.isAfter(LocalDate.now())) {
                throw ApiException.badRequest("reReviewOn is a future date (got {0})", reReview);
            }
        }
        return new Request(decision, reason, text, parts, reReview);
    }

    public record DecisionView(UUID id, UUID asset, OpenStatus decision, ReviewReason reason, String reasonText, OpenParts openParts,
            LocalDate reReviewOn, String decidedBy, Instant decidedAt, ReviewDecision.State state, String approvedBy, Instant approvedAt) {
        static DecisionView of(ReviewDecision d) {
            return new DecisionView(d.id, d.assetId, d.decision, d.reason, d.reasonText, d.openParts == null ? null : OpenParts.read(d.openParts),
                    d.reReviewOn, d.decidedBy, d.decidedAt, d.state, d.approvedBy, d.approvedAt);
        }
    }

    /** The same decision on each record, all or none; with four-eyes on each waits for a second reviewer. */
    @Transactional
    public List<DecisionView> decide(List<UUID> ids, Request r, String decider) {
        List<DecisionView> out = new ArrayList<>();
        for (UUID id : ids.stream().sorted().toList()) {
            Asset a = AssetService.requireLocked(id);
            ReviewDecision d = new ReviewDecision();
            d.id = UUID.randomUUID();
            d.assetId = id;
            d.decision = r.decision();
            d.reason = r.reason();
            d.reasonText = r.reasonText();
            d.openParts = r.parts() == null ? null : r.parts().json();
            d.reReviewOn = r.reReviewOn();
            d.decidedBy = decider;
            d.decidedAt = Instant.now();
            d.state = config.fourEyes() ? ReviewDecision.State.PENDING : ReviewDecision.State.APPLIED;
            d.persist();
            if (d.state == ReviewDecision.State.APPLIED) {
                apply(a, d);
            } else {
                provenance.record(id, Provenance.OPEN_REVIEW, Provenance.Outcome.SUCCESS, null,
                        describe(d) + "; awaiting a second reviewer's approval");
            }
            out.add(DecisionView.of(d));
        }
        return out;
    }

    private void apply(Asset a, ReviewDecision d) {
        OpenStatus before = a.openStatus;
        a.openStatus = d.decision;
        a.openParts = d.openParts;
        a.reReviewOn = d.reReviewOn;
        a.updatedAt = Instant.now();
        provenance.record(a.id, Provenance.OPEN_REVIEW, Provenance.Outcome.SUCCESS, null, describe(d) + " (was " + before + ")"
                + (d.approvedBy == null ? "" : "; approved by " + d.approvedBy));
        changed.fire(new AssetChanged(a.id));
    }

    private static String describe(ReviewDecision d) {
        return "open review: " + d.decision + ", reason " + d.reason + (d.reasonText == null ? "" : " (" + d.reasonText + ")")
                + (d.openParts == null ? "" : ", open parts " + d.openParts) + (d.reReviewOn == null ? "" : ", review again on " + d.reReviewOn)
                + ", decided by " + d.decidedBy;
    }

    /** The second approval (four-eyes): by another reviewer than the one who decided. */
    @Transactional
    public DecisionView settle(UUID decisionId, String reviewer, boolean approve) {
        ReviewDecision d = decisionId == null ? null : ReviewDecision.findById(decisionId);
        if (d == null) {
            throw ApiException.notFound("no review decision {0}", decisionId);
        }
        if (d.state != ReviewDecision.State.PENDING) {
            throw new ApiException(409, "Conflict", "decision {0} is already {1}", decisionId, d.state);
        }
        if (d.decidedBy.equals(reviewer)) {
            throw new ApiException(422, "Unprocessable content", "the second approval must come from another reviewer than '{0}', who made the decision", reviewer);
        }
        Asset a = AssetService.requireLocked(d.assetId);
        d.approvedBy = reviewer;
        d.approvedAt = Instant.now();
        d.state = approve ? ReviewDecision.State.APPLIED : ReviewDecision.State.REJECTED;
        if (approve) {
            apply(a, d);
        } else {
            provenance.record(a.id, Provenance.OPEN_REVIEW, Provenance.Outcome.FAILURE, null, describe(d) + "; rejected by " + reviewer);
        }
        return DecisionView.of(d);
    }

    @Transactional
    public List<DecisionView> decisions(UUID asset, ReviewDecision.State state) {
        if (asset != null) {
            return ReviewDecision.<ReviewDecision>list("assetId = ?1 order by decidedAt", asset).stream().map(DecisionView::of).toList();
        }
        return ReviewDecision.<ReviewDecision>list("state = ?1 order by decidedAt", state == null ? ReviewDecision.State.PENDING : state)
                .stream().map(DecisionView::of).toList();
    }

    public record DueItem(UUID id, String title, String archivalCode, String fonds, String date, OpenStatus openStatus, LocalDate dueOn,
            UUID batch) {}

    /**
     * Records due for review, oldest first: unreviewed ones whose date is at least
     * {@code avmam.review.due-after-years} ago, and closed ones whose re-review date has come.
     */
    @Transactional
    public List<DueItem> due(String fonds, Integer year, UUID batch, int page, int size) {
        LocalDate today = LocalDate.now();
        List<DueItem> due = new ArrayList<>();
        StringBuilder q = new StringBuilder("removedAt is null and (openStatus = ?1 or (openStatus = ?2 and reReviewOn <= ?3))");
        List<Object> params = new ArrayList<>(List.of(OpenStatus.UNREVIEWED, OpenStatus.CLOSED, today));
        if (batch != null) {
            params.add(batch);
            q.append(" and batchId = ?").append(params.size());
        }
        for (Asset a : Asset.<Asset>list(q + " order by createdAt, id", params.toArray())) {
            RecordFacts.Facts f = facts.of(a);
            if (fonds != null && !fonds.equals(f.fonds())) {
                continue;
            }
            LocalDate date = date(f.date());
            if (year != null && (date == null || date.getYear() != year)) {
                continue;
            }
            LocalDate dueOn = a.openStatus == OpenStatus.CLOSED ? a.reReviewOn : date == null ? null : date.plusYears(config.dueAfterYears());
            if (dueOn != null && !dueOn.isAfter(today)) {
                due.add(new DueItem(a.id, a.title, a.archivalCode, f.fonds(), f.date(), a.openStatus, dueOn, a.batchId));
            }
        }
        due.sort(java.util.Comparator.comparing(DueItem::dueOn));
        return due.stream().skip((long) page * size).limit(size).toList();
    }

    static LocalDate date(String iso) {
        if (iso == null || iso.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(iso.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public record Row(String fonds, Integer year, long records, long reviewed, long opened, long partlyOpened, long closed, Double openRate) {}

    public record Statistics(List<Row> rows, Row total) {}

    /** Open-rate statistics by fonds and year: the open rate is records opened (whole or in part) over records reviewed. */
    @Transactional
    public Statistics statistics(String fonds) {
        Map<String, long[]> counts = new TreeMap<>();
        long[] total = new long[5];
        for (Asset a : Asset.<Asset>list("removedAt is null")) {
            RecordFacts.Facts f = facts.of(a);
            if (fonds != null && !fonds.equals(f.fonds())) {
                continue;
            }
            LocalDate date = date(f.date());
            Integer year = a.archivalYear != null ? a.archivalYear : date == null ? null : date.getYear();
            String key = (f.fonds() == null ? "" : f.fonds()) + "\u0000" + (year == null ? "" : year);
            long[] c = counts.computeIfAbsent(key, k -> new long[5]);
            for (long[] x : List.of(c, total)) {
                x[0]++;
                if (a.openStatus != OpenStatus.UNREVIEWED) {
                    x[1]++;
                }
                if (a.openStatus == OpenStatus.OPEN) {
                    x[2]++;
                }
                if (a.openStatus == OpenStatus.PARTLY_OPEN) {
                    x[3]++;
                }
                if (a.openStatus == OpenStatus.CLOSED) {
                    x[4]++;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((k, c) -> {
            String[] parts = k.split("\u0000", -1);
            rows.add(row(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : Integer.valueOf(parts[1]), c));
        });
        return new Statistics(rows, row(fonds, null, total));
    }

    private static Row row(String fonds, Integer year, long[] c) {
        return new Row(fonds, year, c[0], c[1], c[2] + c[3], c[3], c[4], c[1] == 0 ? null : Math.round(1000.0 * (c[2] + c[3]) / c[1]) / 1000.0);
    }
}
