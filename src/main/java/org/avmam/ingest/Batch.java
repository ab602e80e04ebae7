package org.avmam.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A shoot, an event or an interview: the descriptive context its files share. */
@Entity
@Table(name = "batch")
public class Batch extends PanacheEntityBase {

    public enum Kind {
        SHOOT,
        EVENT,
        INTERVIEW,
        TRANSFER
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String name;

    public String event;

    /** ISO 8601 date (or partial date, e.g. 1954-07) of the event. */
    @Column(name = "event_date")
    public String eventDate;

    public String place;

    public String photographer;

    public String interviewer;

    /** The fonds (全宗) the batch belongs to. */
    public String fonds;

    /** BCP 47 language of the batch's speech; its files inherit it. */
    public String language;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The signed-in user who opened the batch. */
    @jakarta.persistence.Column(name = "created_by")
    public String createdBy;
}
