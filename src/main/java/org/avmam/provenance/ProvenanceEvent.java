package org.avmam.provenance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One thing that happened to an asset: a PREMIS event (type, time, agent, outcome, detail). Append-only. */
@Entity
@Table(name = "provenance_event")
public class ProvenanceEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    /** A PREMIS event type where one fits, e.g. "ingestion", "message digest calculation". */
    public String type;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String agent;

    /** The signed-in user whose request caused the event (null when the service acted on its own). */
    public String actor;

    /** success, failure or warning. */
    public String outcome;

    public String detail;
}
