-- Perceptual hashes (64-bit dHash) of a photo, or of a video's frames at their positions in seconds.
CREATE TABLE perceptual_hash (
    asset_id  UUID             NOT NULL REFERENCES asset (id),
    position  DOUBLE PRECISION NOT NULL,
    hash      BIGINT           NOT NULL
);
CREATE INDEX perceptual_hash_asset_idx ON perceptual_hash (asset_id);
