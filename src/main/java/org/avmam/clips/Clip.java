package org.avmam.clips;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A clip of a recording: [inFrame, outFrame) in frames of the source's rate. */
@Entity
@Table(name = "clip")
public class Clip extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "asset_id")
    public UUID assetId;

    public String title;

    public String notes;

    /** JSON arrays: free keywords, and term ids of the persons and places vocabularies. */
    public String keywords;

    public String persons;

    public String places;

    @Column(name = "in_frame")
    public long inFrame;

    @Column(name = "out_frame")
    public long outFrame;

    @Column(name = "rate_num")
    public long rateNum;

    @Column(name = "rate_den")
    public long rateDen;

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
