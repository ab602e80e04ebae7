package org.avmam.ingest.tus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A resumable upload: how much of it has arrived, and what it became. */
@Entity
@Table(name = "upload")
public class TusUpload extends PanacheEntityBase {

    public enum State {
        RECEIVING,
        DONE,
        FAILED,
        TERMINATED,
        EXPIRED
    }

    @Id
    public UUID id;

    public long length;

    /** Bytes received, fsynced and acknowledged; the partial file is cut back to this after a crash. */
    @Column(name = "upload_offset")
    public long offset;

    /** The Upload-Metadata header as the client sent it. */
    public String metadata;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "asset_id")
    public UUID assetId;

    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The signed-in user who created the upload: only they may append to it, see it or abandon it. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Who is appending right now (node and request), so that no other node appends at the same offset. */
    @Column(name = "append_owner")
    public String appendOwner;

    /** When an append's claim lapses if its node died mid-chunk. */
    @Column(name = "append_until")
    public Instant appendUntil;
}
