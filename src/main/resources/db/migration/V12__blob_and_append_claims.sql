-- One row per stored blob, naming the asset that is its original: the primary key is what makes two
-- identical uploads at the same moment one original and one duplicate (the loser retries and finds it).
CREATE TABLE blob (
    sha256          CHAR(64)      PRIMARY KEY,
    original_asset  UUID          NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Existing originals: the earliest asset of each digest (a race before this table may have made two).
INSERT INTO blob (sha256, original_asset, size_bytes, created_at)
SELECT a.sha256, a.id, a.size_bytes, a.created_at FROM asset a
 WHERE a.duplicate_of IS NULL
   AND NOT EXISTS (SELECT 1 FROM asset b WHERE b.sha256 = a.sha256 AND b.duplicate_of IS NULL
                   AND (b.created_at < a.created_at
                        OR (b.created_at = a.created_at AND CAST(b.id AS VARCHAR(36)) < CAST(a.id AS VARCHAR(36)))));

-- A tus append is claimed in the database before a byte is written, compare-and-set on the offset,
-- so two nodes cannot both append to one upload.
ALTER TABLE upload ADD COLUMN append_owner VARCHAR(255);
ALTER TABLE upload ADD COLUMN append_until TIMESTAMP WITH TIME ZONE;

-- Within a queue, lower numbers first: a shoot's thumbnails before its previews, so the grid fills first.
ALTER TABLE job ADD COLUMN priority INT DEFAULT 0 NOT NULL;
CREATE INDEX job_priority_idx ON job (queue, state, priority, run_at);
