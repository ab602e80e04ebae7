-- Fonds (全宗) and the archival code (档号, DA/T 13) of each arranged asset.
CREATE TABLE fonds (
    code          VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    item_pattern  VARCHAR(255) NOT NULL,
    group_pattern VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One counter per scope (fonds, category, year, retention; and per group for the items inside it).
-- Taken with UPDATE ... last_value + 1 in the transaction that writes the code: the row lock
-- serialises concurrent requests, and a rolled-back request gives its number back, so numbers
-- have no gaps; a committed number is never given again.
CREATE TABLE archival_sequence (
    scope       VARCHAR(255) PRIMARY KEY,
    last_value  BIGINT       NOT NULL
);

ALTER TABLE asset ADD COLUMN archival_code VARCHAR(128);
ALTER TABLE asset ADD COLUMN archival_category VARCHAR(8);
ALTER TABLE asset ADD COLUMN archival_year INTEGER;
ALTER TABLE asset ADD COLUMN group_number INTEGER;
ALTER TABLE asset ADD COLUMN item_number INTEGER;
ALTER TABLE asset ADD CONSTRAINT asset_archival_code_uk UNIQUE (archival_code);
CREATE INDEX asset_fonds_idx ON asset (fonds);
