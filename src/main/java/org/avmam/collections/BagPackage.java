package org.avmam.collections;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A BagIt package of a collection or a sequence, built by a PACKAGE job. */
@Entity
@Table(name = "bag_package")
public class BagPackage extends PanacheEntityBase {

    public enum State { BUILDING, READY, FAILED }

    @Id
    public UUID id;

    @Column(name = "collection_id")
    public UUID collectionId;

    /** Null for a package of a sequence. */
    @Column(name = "sequence_id")
    public UUID sequenceId;

    /** "originals", "renditions:<profile>" or "clips[:<clip profile>]". */
    public String content;

    /** JSON list of {@link Packages.Item}: what goes in, fixed when it was asked for. */
    public String items;

    @Column(name = "payload_bytes")
    public long payloadBytes;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "job_id")
    public Long jobId;

    public String error;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
