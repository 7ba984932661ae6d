-- claimscope schema v1. Offsets are code points into articles.text, end exclusive.
CREATE TABLE articles (
    sha256          VARCHAR PRIMARY KEY,   -- sha256 of text (UTF-8)
    id              VARCHAR NOT NULL,      -- human id: JSONL id/doc_id or file stem
    source          VARCHAR NOT NULL,      -- first path it was read from (all paths: article_sources)
    title           VARCHAR,
    url             VARCHAR,
    published       DATE,
    published_from  VARCHAR,               -- jsonl | option | front_matter | dateline | url
    chars           INTEGER NOT NULL,
    text            VARCHAR NOT NULL,      -- exactly the text every offset indexes
    encoding        VARCHAR,
    encoding_note   VARCHAR,               -- set when a decoding fallback was used
    run_id          VARCHAR NOT NULL,      -- run that extracted the current claims
    ingested_at     TIMESTAMP NOT NULL
);

CREATE TABLE article_sources (
    sha256      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    article_id  VARCHAR,
    first_seen  TIMESTAMP NOT NULL,
    PRIMARY KEY (sha256, source)
);

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    version       VARCHAR NOT NULL,        -- claimscope version
    model         VARCHAR NOT NULL,        -- base spaCy model name and version
    config_hash   VARCHAR NOT NULL,        -- hash of models/pipeline.cfg and its lexicons
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    state         VARCHAR,                 -- running | completed | failed (Prefect state name when run by a flow)
    flow_run_id   VARCHAR,
    inputs        INTEGER,
    articles_new  INTEGER,
    articles_skipped INTEGER,
    errors        INTEGER,
    seconds       DOUBLE
);

CREATE TABLE events (
    claim_id        VARCHAR PRIMARY KEY,   -- stable key: survives re-extraction of the same span
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    event_id        VARCHAR NOT NULL,      -- ev-N within the article (as in extract output)
    type            VARCHAR NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    span_text       VARCHAR NOT NULL,
    date_start      DATE,
    date_end        DATE,
    date_granularity VARCHAR,
    date_relative   BOOLEAN,
    date_rule       VARCHAR,
    date_start_char INTEGER,
    date_end_char   INTEGER,
    date_text       VARCHAR,
    place_name      VARCHAR,               -- most specific place (first of places[])
    place_geonameid BIGINT,
    country         VARCHAR,
    admin1          VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    killed          INTEGER,               -- best total figure (first total claim), NULL when not stated
    injured         INTEGER,
    actors          JSON,
    attribution_ids JSON
);

CREATE TABLE casualties (
    claim_id        VARCHAR PRIMARY KEY,
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    event_id        VARCHAR,               -- NULL when not linked to an event
    event_claim_id  VARCHAR,
    kind            VARCHAR NOT NULL,
    count           INTEGER,
    low             INTEGER,
    high            INTEGER,
    qualifier       VARCHAR,
    group_name      VARCHAR,
    total           BOOLEAN NOT NULL,
    rule            VARCHAR,
    flags           JSON,
    attribution_ids JSON,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    span_text       VARCHAR NOT NULL
);

CREATE TABLE places (
    claim_id        VARCHAR PRIMARY KEY,
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    geonameid       BIGINT,
    country         VARCHAR,
    admin1          VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    feature         VARCHAR,
    relation        VARCHAR,
    rule            VARCHAR,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    span_text       VARCHAR NOT NULL
);

CREATE TABLE event_places (
    event_claim_id  VARCHAR NOT NULL,
    place_claim_id  VARCHAR NOT NULL,
    article_sha256  VARCHAR NOT NULL,
    rank            INTEGER NOT NULL,      -- 0 = most specific
    relation        VARCHAR
);

CREATE TABLE dates (
    claim_id        VARCHAR PRIMARY KEY,
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    date_start      DATE,
    date_end        DATE,
    granularity     VARCHAR NOT NULL,
    relative        BOOLEAN NOT NULL,
    rule            VARCHAR NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    span_text       VARCHAR NOT NULL
);

CREATE TABLE attributions (
    claim_id        VARCHAR PRIMARY KEY,
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    attribution_id  VARCHAR NOT NULL,      -- at-N within the article
    kind            VARCHAR NOT NULL,
    source_name     VARCHAR,               -- NULL: the author's own voice
    source_start    INTEGER,
    source_end      INTEGER,
    source_text     VARCHAR,
    cue_start       INTEGER NOT NULL,
    cue_end         INTEGER NOT NULL,
    cue_text        VARCHAR NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content_text    VARCHAR NOT NULL,
    hedged          BOOLEAN NOT NULL,
    hedge_start     INTEGER,
    hedge_end       INTEGER,
    hedge_text      VARCHAR,
    event_ids       JSON,
    start_char      INTEGER NOT NULL,      -- extent of source, cue and content together
    end_char        INTEGER NOT NULL
);

CREATE TABLE ingest_errors (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    logged_at   TIMESTAMP NOT NULL
);
