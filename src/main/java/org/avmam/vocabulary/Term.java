package org.avmam.vocabulary;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.common.Json;

/** One entry of a controlled vocabulary. */
@Entity
@Table(name = "vocabulary_term")
public class Term extends PanacheEntityBase {

    public enum Vocabulary {
        PERSON,
        PLACE,
        EVENT,
        KEYWORD
    }

    public enum Status {
        /** Suggested by a user or found in a file; not yet confirmed by an archivist. */
        PROPOSED,
        ACCEPTED,
        /** Folded into another term, which holds its links now. */
        MERGED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Vocabulary vocabulary;

    public String label;

    /** JSON array: pinyin, English, former or other names. */
    @Column(name = "alt_labels")
    public String altLabels;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "merged_into")
    public UUID mergedInto;

    public String note;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> alternatives() {
        return altLabels == null ? List.of() : Json.read(altLabels, new TypeReference<List<String>>() {});
    }

    /** The terms linked to an asset (merged ones are never linked: a merge moves their links). */
    public static List<Term> ofAsset(UUID assetId) {
        return find("id in (select t.termId from AssetTerm t where t.assetId = ?1) order by vocabulary, label", assetId).list();
    }
}
