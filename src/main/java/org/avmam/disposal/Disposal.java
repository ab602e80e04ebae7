package org.avmam.disposal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A disposal of a record whose retention ended, or the deletion of a mistaken upload; with its tombstone once carried out. */
@Entity
@Table(name = "disposal")
public class Disposal extends PanacheEntityBase {

    public enum Kind {
        /** Retention ended; two authorised approvals. */
        DISPOSAL,
        /** An upload deleted by an admin before it was coded. */
        DELETION
    }

    public enum State {
        PROPOSED,
        APPROVED,
        REJECTED,
        /** A legal hold was placed before the approved disposal was carried out. */
        BLOCKED,
        DONE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    public String reason;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "proposed_at")
    public Instant proposedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "done_at")
    public Instant doneAt;

    /** JSON: the record's description and code, the decision and who took it, the digests of everything destroyed. */
    public String tombstone;
}
