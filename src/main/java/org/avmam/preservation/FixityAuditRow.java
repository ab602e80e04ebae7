package org.avmam.preservation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A fixity audit's row; its counters are moved by SQL increments (FixityAudits), never read-modify-write. */
@Entity
@Table(name = "fixity_audit")
public class FixityAuditRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    public String state;

    @Column(name = "requested_by")
    public String requestedBy;

    public int total;

    public int checked;

    public int failed;

    public int repaired;

    public int damaged;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
