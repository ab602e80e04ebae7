package org.avmam.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One durable unit of pipeline work, stored with the state change that caused it. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    public enum State {
        PENDING,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    @Enumerated(EnumType.STRING)
    public JobType type;

    @Enumerated(EnumType.STRING)
    public JobType.Queue queue;

    /** Step argument, e.g. the profile of a RENDER job. */
    public String payload;

    @Enumerated(EnumType.STRING)
    public State state;

    public int attempts;

    @Column(name = "max_attempts")
    public int maxAttempts;

    @Column(name = "run_at")
    public Instant runAt;

    /** Within its queue, lower first (thumbnails 0, previews 1); then by run time. */
    public int priority;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** How far the running step is, 0..1, when it reports progress. */
    public Double progress;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The step name used in asset failures and events, e.g. "RENDER video-poster". */
    public String step() {
        return payload == null ? type.name() : type.name() + " " + payload;
    }
}
