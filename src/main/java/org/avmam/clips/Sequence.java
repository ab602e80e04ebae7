package org.avmam.clips;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A rough cut: clips (trimmed or not) and gaps in order, at one frame rate. */
@Entity
@Table(name = "sequence")
public class Sequence extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;

    @Column(name = "rate_num")
    public long rateNum;

    @Column(name = "rate_den")
    public long rateDen;

    /** JSON list of {@link SequenceService.Item}. */
    public String items;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public FrameRate rate() {
        return new FrameRate(rateNum, rateDen);
    }
}
