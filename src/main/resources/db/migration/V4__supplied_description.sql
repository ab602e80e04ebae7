-- Descriptive fields supplied with a file (form fields, tus metadata, XMP sidecars, an import CSV):
-- kept as given (JSON) until the archival description takes them over.
ALTER TABLE asset ADD COLUMN supplied TEXT;
