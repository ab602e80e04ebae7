package org.avmam.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.avmam.asset.OpenStatus;

/** One open-review decision on one record: what, why, by whom, and (four-eyes) who approved it. */
@Entity
@Table(name = "review_decision")
public class ReviewDecision extends PanacheEntityBase {

    public enum State { PENDING, APPLIED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "asset_id")
    public UUID assetId;

    @Enumerated(EnumType.STRING)
    public OpenStatus decision;

    @Enumerated(EnumType.STRING)
    public ReviewReason reason;

    @Column(name = "reason_text")
    public String reasonText;

    @Column(name = "open_parts")
    public String openParts;

    @Column(name = "re_review_on")
    public LocalDate reReviewOn;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;
}
