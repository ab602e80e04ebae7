package org.avmam.collections;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "collection_item")
public class CollectionItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "collection_id")
    public UUID collectionId;

    @Column(name = "item_key")
    public String itemKey;

    @Column(name = "asset_id")
    public UUID assetId;

    @Column(name = "clip_id")
    public UUID clipId;

    public int position;

    /** The rendition (profile) wanted of the record, e.g. the exhibition master; null for the original. */
    public String rendition;

    public String note;

    @Column(name = "added_by")
    public String addedBy;

    @Column(name = "added_at")
    public Instant addedAt;
}
