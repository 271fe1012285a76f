-- Portable DDL: {serial_pk}, {blob} and {bigint} are filled in per dialect (migrations/__init__.py).
-- Articles are keyed by id (sha of normalised URL, else of content); dedup_key is unique so
-- re-ingesting the same input is a no-op.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,            -- JSON list
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL,         -- JSON list of [start, end]
    extraction_method TEXT NOT NULL,
    extraction_confidence REAL NOT NULL,
    teaser INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL,
    position {bigint} NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_position ON articles(position);

CREATE TABLE rejections (
    id {serial_pk},
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX rejections_reason ON rejections(reason);

-- Stage outputs are stored as JSON documents of their records: the record classes are the
-- schema, and a stage can evolve its record without a migration per field.
CREATE TABLE facts (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    body TEXT NOT NULL
);

CREATE TABLE derivations (
    derived TEXT NOT NULL REFERENCES articles(id),
    source TEXT NOT NULL REFERENCES articles(id),
    relation TEXT NOT NULL,
    score REAL NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (derived, source)
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    last_seen TEXT
);

CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

-- Opaque state of stages that learn as articles arrive (cluster centroids, ANN index bytes).
CREATE TABLE blobs (
    name TEXT PRIMARY KEY,
    body {blob} NOT NULL
);
