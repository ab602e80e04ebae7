package org.avmam.clips.export;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A clip cut from its original by a CLIP_EXPORT job; range and profile fixed when it was asked for. */
@Entity
@Table(name = "clip_export")
public class ClipExport extends PanacheEntityBase {

    public enum State { CUTTING, READY, FAILED }

    @Id
    public UUID id;

    @Column(name = "clip_id")
    public UUID clipId;

    @Column(name = "asset_id")
    public UUID assetId;

    public String profile;

    @Column(name = "profile_version")
    public int profileVersion;

    @Column(name = "handles_frames")
    public long handlesFrames;

    /** The range cut, handles included, in frames of the source's rate. */
    @Column(name = "in_frame")
    public long inFrame;

    @Column(name = "out_frame")
    public long outFrame;

    @Column(name = "rate_num")
    public long rateNum;

    @Column(name = "rate_den")
    public long rateDen;

    /** The in point's timecode: the first of the export's timecode track. */
    public String timecode;

    @Column(name = "file_name")
    public String fileName;

    @Enumerated(EnumType.STRING)
    public State state;

    /** COPY, SMART_CUT or REENCODE. */
    public String method;

    @Column(name = "encoded_frames")
    public Long encodedFrames;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String sha256;

    public String note;

    public String error;

    @Column(name = "job_id")
    public Long jobId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
