package org.avmam.speech;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An OHMS-style index point of an oral history: where a topic starts, its title, synopsis and keywords. */
@Entity
@Table(name = "index_point")
public class IndexPoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    @Column(name = "time_seconds")
    public double timeSeconds;

    public String title;

    public String synopsis;

    /** JSON array of strings. */
    public String keywords;

    @Column(name = "created_at")
    public Instant createdAt;
}
