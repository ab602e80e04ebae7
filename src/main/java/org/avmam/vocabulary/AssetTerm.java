package org.avmam.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** An asset linked to a vocabulary term. */
@Entity
@Table(name = "asset_term")
@IdClass(AssetTerm.Key.class)
public class AssetTerm extends PanacheEntityBase {

    @Id
    @Column(name = "asset_id")
    public UUID assetId;

    @Id
    @Column(name = "term_id")
    public UUID termId;

    public static class Key implements Serializable {
        public UUID assetId;
        public UUID termId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(assetId, k.assetId) && java.util.Objects.equals(termId, k.termId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(assetId, termId);
        }
    }
}
