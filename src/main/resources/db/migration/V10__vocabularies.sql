-- Controlled vocabularies: people, places, events and keywords, with a Chinese preferred label and
-- alternative labels (pinyin, English, former names). Unknown values are proposed, then accepted
-- or merged into an existing term (which takes over its links and keeps its labels as alternatives).
CREATE TABLE vocabulary_term (
    id           UUID          PRIMARY KEY,
    vocabulary   VARCHAR(16)   NOT NULL,
    label        VARCHAR(255)  NOT NULL,
    alt_labels   TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    merged_into  UUID          REFERENCES vocabulary_term (id),
    note         VARCHAR(1000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vocabulary_term_label_uk UNIQUE (vocabulary, label)
);

CREATE TABLE asset_term (
    asset_id  UUID NOT NULL REFERENCES asset (id),
    term_id   UUID NOT NULL REFERENCES vocabulary_term (id),
    CONSTRAINT asset_term_pk PRIMARY KEY (asset_id, term_id)
);
CREATE INDEX asset_term_term_idx ON asset_term (term_id);
