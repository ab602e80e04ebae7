package org.avmam.asset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One archived file: the original blob, what was learnt about it, and where it is in the pipeline. */
@Entity
@Table(name = "asset")
public class Asset extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public AssetState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "media_type")
    public MediaType mediaType;

    @Column(name = "mime_type")
    public String mimeType;

    public String sha256;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "original_filename")
    public String originalFilename;

    public String title;

    public String language;

    /** Technical metadata as JSON (see org.avmam.asset.TechnicalMetadata). */
    public String technical;

    /** The probe tool's own output (ffprobe JSON, metadata-extractor's tags), kept for audit. */
    @jakarta.persistence.Column(name = "technical_raw")
    public String technicalRaw;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "batch_id")
    public UUID batchId;

    /** The earlier asset with the same bytes, when this upload was a duplicate (the blob is stored once). */
    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    /** Descriptive fields supplied with the file (org.avmam.ingest.Supplied as JSON). */
    public String supplied;

    /** JSON array of warnings found at ingest (e.g. an extension that contradicts the content). */
    public String warnings;

    /** Open review outcome (开放审核); UNREVIEWED until an archivist decides. */
    @Enumerated(EnumType.STRING)
    @Column(name = "open_status")
    public OpenStatus openStatus = OpenStatus.UNREVIEWED;

    /** The signed-in user who uploaded the file (null for the hot folder and files from before sign-in). */
    @Column(name = "uploaded_by")
    public String uploadedBy;

    /** For PARTLY_OPEN: what the reviewer opened (org.avmam.access.OpenParts as JSON). */
    @Column(name = "open_parts")
    public String openParts;

    /** For CLOSED: when the record is reviewed again. */
    @Column(name = "re_review_on")
    public java.time.LocalDate reReviewOn;

    /** 密级 as the archive writes it (公开, 内部, 秘密★5年...): the codes are the archive's own, not hard-coded. */
    @Column(name = "security_classification")
    public String securityClassification;

    /** 保管期限 as DA/T 13 codes it: Y (permanent) or D followed by years (D30, D10). */
    @Column(name = "retention_period")
    public String retentionPeriod;

    /** 全宗号; the batch's fonds applies when the asset names none. */
    public String fonds;

    /** 档号 (DA/T 13), given once by org.avmam.archive.ArchivalCodes and never changed or reused. */
    @Column(name = "archival_code")
    public String archivalCode;

    /** The parts of the code: category (ZP, LX, LY), year, group (组号, null at item level) and item (件号). */
    @Column(name = "archival_category")
    public String archivalCategory;

    @Column(name = "archival_year")
    public Integer archivalYear;

    @Column(name = "group_number")
    public Integer groupNumber;

    @Column(name = "item_number")
    public Integer itemNumber;

    /** Description elements set by users (key → value, JSON); see org.avmam.description. */
    public String description;

    /** Raised with every change of an indexed field: the search document's external version. */
    /** Set when the record was disposed of or deleted: from then on it reads as missing everywhere. */
    @Column(name = "removed_at")
    public Instant removedAt;

    /** DISPOSED (retention ended, approved) or DELETED (a mistaken upload). */
    public String removal;

    /** Why a legal hold stands (it blocks disposal); null when there is none. */
    @Column(name = "legal_hold")
    public String legalHold;

    @Column(name = "legal_hold_by")
    public String legalHoldBy;

    @Column(name = "legal_hold_at")
    public Instant legalHoldAt;

    @Column(name = "index_version")
    public long indexVersion = 1;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Adds a warning (once): something about the asset an archivist should look at, short of a failure. */
    /** The warnings, read from their JSON column. */
    public java.util.List<String> warningList() {
        return warnings == null ? java.util.List.of()
                : org.avmam.common.Json.read(warnings, new com.fasterxml.jackson.core.type.TypeReference<java.util.List<String>>() {});
    }

    /** The description elements set by users, read from their JSON column (a new, modifiable map). */
    public java.util.Map<String, Object> descriptionMap() {
        return description == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(org.avmam.common.Json.read(description,
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {}));
    }

    /** The technical metadata, read from its JSON column (null before the probe). */
    public TechnicalMetadata technical() {
        return technical == null ? null : org.avmam.common.Json.read(technical, TechnicalMetadata.class);
    }

    public void warn(String warning) {
        java.util.List<String> list = new java.util.ArrayList<>(warningList());
        String w = warning.length() > 1000 ? warning.substring(0, 1000) + "…" : warning;
        if (!list.contains(w)) {
            list.add(w);
            warnings = org.avmam.common.Json.write(list);
        }
    }

    public void moveTo(AssetState next) {
        state = next;
        updatedAt = Instant.now();
    }

    public void fail(String step, String reason) {
        failedStep = step;
        failureReason = reason;
        moveTo(AssetState.FAILED);
    }
}
