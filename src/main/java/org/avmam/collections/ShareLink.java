package org.avmam.collections;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A time-limited, revocable link to one collection for an outside partner; the secret itself is never stored. */
@Entity
@Table(name = "share_link")
public class ShareLink extends PanacheEntityBase {

    public enum Rights {
        /** Previews (proxies) only. */
        VIEW,
        /** Previews, and each item's file: its chosen rendition, its clip export or the original. */
        DOWNLOAD
    }

    @Id
    public UUID id;

    @Column(name = "collection_id")
    public UUID collectionId;

    /** SHA-256 (hex) of the secret in the link. */
    @Column(name = "token_hash")
    public String tokenHash;

    /** Whom it is for ("CCTV-13 documentary desk"): the name the audit log and the use register give its uses. */
    public String label;

    @Enumerated(EnumType.STRING)
    public Rights rights;

    public boolean watermark;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public long uses;
}
