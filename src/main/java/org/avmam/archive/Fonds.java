package org.avmam.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A fonds (全宗): the records of one creating body, with its own archival-code patterns. */
@Entity
@Table(name = "fonds")
public class Fonds extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "item_pattern")
    public String itemPattern;

    @Column(name = "group_pattern")
    public String groupPattern;

    @Column(name = "created_at")
    public Instant createdAt;
}
