package org.avmam.speech;

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of an asset's transcript. Versions are never changed: a correction or a new machine
 * run appends a version, so every earlier reading stays available.
 */
@Entity
@Table(name = "transcript_version")
public class TranscriptVersion extends PanacheEntityBase {

    public enum Source {
        MACHINE,
        EDIT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    public int version;

    @Enumerated(EnumType.STRING)
    public Source source;

    public String language;

    public String model;

    /** The segments (with their words) as JSON. */
    public String segments;

    public boolean reviewed;

    public String author;

    public String note;

    @Column(name = "job_id")
    public Long jobId;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<TranscriptVersion> current(UUID assetId) {
        return find("assetId = ?1 order by version desc", assetId).firstResultOptional();
    }

    public static Optional<TranscriptVersion> of(UUID assetId, int version) {
        return find("assetId = ?1 and version = ?2", assetId, version).firstResultOptional();
    }

    public static List<TranscriptVersion> history(UUID assetId) {
        return list("assetId = ?1 order by version", assetId);
    }
}
