-- Clip exports: a clip cut from the original by a durable CLIP_EXPORT job into
-- <data-dir>/clip-exports/<id>/<file name>. The range (with handles) and the profile are fixed at the request.
CREATE TABLE clip_export (
    id              UUID          PRIMARY KEY,
    clip_id         UUID          NOT NULL,
    asset_id        UUID          NOT NULL,
    profile         VARCHAR(64)   NOT NULL,
    profile_version INTEGER       NOT NULL,
    handles_frames  BIGINT        NOT NULL,
    in_frame        BIGINT        NOT NULL,
    out_frame       BIGINT        NOT NULL,
    rate_num        BIGINT        NOT NULL,
    rate_den        BIGINT        NOT NULL,
    timecode        VARCHAR(16),
    file_name       VARCHAR(600)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    method          VARCHAR(16),
    encoded_frames  BIGINT,
    size_bytes      BIGINT,
    sha256          VARCHAR(64),
    note            VARCHAR(2000),
    error           VARCHAR(2000),
    job_id          BIGINT,
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX clip_export_clip_idx ON clip_export (clip_id, created_at);

-- Packages of sequences as well as of collections.
ALTER TABLE bag_package ALTER COLUMN collection_id DROP NOT NULL;
ALTER TABLE bag_package ADD COLUMN sequence_id UUID;
CREATE INDEX bag_package_sequence_idx ON bag_package (sequence_id, created_at);

-- Share links: a time-limited, revocable link that gives an outside partner one collection, as the
-- sharer sees it. Only the SHA-256 of the link's secret is kept. A watermarked link serves the
-- share profiles (video-share-proxy, image-share-preview) in place of the plain proxies.
CREATE TABLE share_link (
    id            UUID          PRIMARY KEY,
    collection_id UUID          NOT NULL REFERENCES collection (id),
    token_hash    VARCHAR(64)   NOT NULL UNIQUE,
    label         VARCHAR(200)  NOT NULL,
    rights        VARCHAR(16)   NOT NULL,
    watermark     BOOLEAN       NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    created_by    VARCHAR(100)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    uses          BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX share_link_collection_idx ON share_link (collection_id);

-- Clips deleted: search removes their documents (clip:<id>) whenever their record's document is sent.
CREATE TABLE clip_tombstone (
    clip_id    UUID PRIMARY KEY,
    asset_id   UUID NOT NULL,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX clip_tombstone_asset_idx ON clip_tombstone (asset_id);
