-- A BagIt package of a collection, built by a durable job into <data-dir>/packages/<id>.zip. The items
-- (what the requester could see when asking) are fixed at the request.
CREATE TABLE bag_package (
    id             UUID          PRIMARY KEY,
    collection_id  UUID          NOT NULL REFERENCES collection (id),
    content        VARCHAR(120)  NOT NULL,
    items          VARCHAR(100000) NOT NULL,
    payload_bytes  BIGINT        NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    job_id         BIGINT,
    error          VARCHAR(2000),
    created_by     VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX bag_package_collection_idx ON bag_package (collection_id, created_at);
