-- Renditions become folders (HLS ladders, filmstrip sprite + WebVTT, waveform JSON + PNG,
-- thumbnails in several formats): the files they hold, the encoder that made them and what
-- happened on the way (a hardware encoder that failed and was replaced, say).
ALTER TABLE rendition ADD COLUMN files TEXT;
ALTER TABLE rendition ADD COLUMN encoder VARCHAR(64);
ALTER TABLE rendition ADD COLUMN notes VARCHAR(4000);
ALTER TABLE rendition ADD COLUMN elapsed_ms BIGINT;

-- Every version of every profile this archive has used, with a digest of its definition: a
-- profile file changed without a new version is refused at start, so "made by version N" always
-- means the same recipe.
CREATE TABLE transcode_profile (
    name         VARCHAR(64)  NOT NULL,
    version      INTEGER      NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    definition   TEXT         NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT transcode_profile_pk PRIMARY KEY (name, version)
);
