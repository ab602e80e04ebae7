-- Each tus creation looks for RECEIVING uploads whose time ran out; without an index that was a scan of every upload ever made.
CREATE INDEX upload_expiry_idx ON upload (state, expires_at);
-- A profile's status (GET /api/v1/profiles/{name}, polled while a rebuild or a shoot runs) counts its renditions by
-- state and version, and its render jobs still pending or running: without these, two scans of tables that grow with
-- the archive.
CREATE INDEX rendition_profile_state_idx ON rendition (profile, state, profile_version);
CREATE INDEX job_type_state_idx ON job (type, state, payload);
