package org.avmam.speech;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The stored machine transcript of an asset (words as JSON). */
@Entity
@Table(name = "transcript")
public class TranscriptEntity extends PanacheEntityBase {

    @Id
    @Column(name = "asset_id")
    public UUID assetId;

    public String language;

    public String model;

    public String text;

    public String words;

    @Column(name = "created_at")
    public Instant createdAt;
}
