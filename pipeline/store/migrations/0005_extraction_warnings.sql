-- issue 21 (degrade, never drop): what an article's extraction dropped or refused, and why (Extraction.warnings).
-- Replaced with the article's claims when it is extracted again.
CREATE TABLE extraction_warnings (
    article_sha256  VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    article_id      VARCHAR,
    component       VARCHAR NOT NULL,      -- claimscope_dates ... | ingest | records
    rule            VARCHAR,               -- the dropped value's rule, or the stage: find | annotate | link | ...
    reason          VARCHAR NOT NULL,
    logged_at       TIMESTAMP NOT NULL
);
ALTER TABLE runs ADD COLUMN warnings INTEGER;          -- warnings recorded by this run
-- counts hold any figure up to pipeline.types.COUNT_CEILING (an INTEGER column broke the write of a whole batch
-- at 2,147,483,648)
ALTER TABLE casualties ALTER count TYPE BIGINT;
ALTER TABLE casualties ALTER low TYPE BIGINT;
ALTER TABLE casualties ALTER high TYPE BIGINT;
ALTER TABLE events ALTER killed TYPE BIGINT;
ALTER TABLE events ALTER injured TYPE BIGINT;
ALTER TABLE events ALTER killed_low TYPE BIGINT;
ALTER TABLE events ALTER killed_high TYPE BIGINT;
ALTER TABLE events ALTER injured_low TYPE BIGINT;
ALTER TABLE events ALTER injured_high TYPE BIGINT;
