-- The probe tool's own output (ffprobe JSON; metadata-extractor's directories and tags), kept for
-- audit beside the normalised technical metadata.
ALTER TABLE asset ADD COLUMN technical_raw TEXT;
