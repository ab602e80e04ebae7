package org.avmam.transcode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A derived file made from an asset by one transcode profile. */
@Entity
@Table(name = "rendition")
public class Rendition extends PanacheEntityBase {

    public enum State {
        READY,
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public UUID assetId;

    public String profile;

    @Column(name = "profile_version")
    public int profileVersion;

    @Enumerated(EnumType.STRING)
    public State state;

    /** Relative to the data directory, so the data directory can move. */
    public String path;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String error;

    /** The rendition's files relative to its folder, as a JSON array; the first is the main file. */
    public String files;

    /** The video encoder that made it (a hardware encoder, or the profile's software codec). */
    public String encoder;

    /** What happened on the way, e.g. a hardware encoder that failed and was replaced. */
    public String notes;

    @Column(name = "elapsed_ms")
    public Long elapsedMs;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<Rendition> ofAsset(UUID assetId) {
        return list("assetId = ?1 order by profile", assetId);
    }

    public static Optional<Rendition> find(UUID assetId, String profile) {
        return find("assetId = ?1 and profile = ?2", assetId, profile).firstResultOptional();
    }

    /** The rendition's files, read from their JSON column (empty while none are made). */
    public java.util.List<String> fileList() {
        return files == null ? java.util.List.of()
                : org.avmam.common.Json.read(files, new com.fasterxml.jackson.core.type.TypeReference<java.util.List<String>>() {});
    }
}
