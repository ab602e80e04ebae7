package org.avmam.collections;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A pull list: what an exhibition, a programme or a loan needs, owned by its creator. */
@Entity
@Table(name = "collection")
public class Collection extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;

    public String description;

    /** What the items are for (an exhibition, a broadcast, research): each item is cleared, or not, for it. */
    public String purpose;

    public LocalDate due;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
