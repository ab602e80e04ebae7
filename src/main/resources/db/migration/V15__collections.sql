-- Collections (pull lists): what an exhibition or a programme needs, in order, with notes.
CREATE TABLE collection (
    id           UUID          PRIMARY KEY,
    title        VARCHAR(500)  NOT NULL,
    description  VARCHAR(4000),
    purpose      VARCHAR(500),
    due          DATE,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An item is a record or a clip, once per collection (item_key: "asset:<id>" or "clip:<id>").
CREATE TABLE collection_item (
    id             UUID          PRIMARY KEY,
    collection_id  UUID          NOT NULL REFERENCES collection (id),
    item_key       VARCHAR(60)   NOT NULL,
    asset_id       UUID          NOT NULL,
    clip_id        UUID,
    position       INT           NOT NULL,
    rendition      VARCHAR(100),
    note           VARCHAR(4000),
    added_by       VARCHAR(100),
    added_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT collection_item_once UNIQUE (collection_id, item_key)
);
CREATE INDEX collection_item_order_idx ON collection_item (collection_id, position);

-- Shares: to a user or to everyone of a role, with view or edit rights.
CREATE TABLE collection_share (
    collection_id  UUID          NOT NULL REFERENCES collection (id),
    grantee_kind   VARCHAR(8)    NOT NULL,
    grantee        VARCHAR(100)  NOT NULL,
    rights         VARCHAR(8)    NOT NULL,
    PRIMARY KEY (collection_id, grantee_kind, grantee)
);
