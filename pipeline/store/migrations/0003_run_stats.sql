-- issue 9: per-run stage timings and how extraction ran; ingest_errors get a kind for grouping.
ALTER TABLE runs ADD COLUMN processes INTEGER;
ALTER TABLE runs ADD COLUMN executor VARCHAR;          -- local | prefect | dask:<address>
ALTER TABLE runs ADD COLUMN prefect_state VARCHAR;     -- final Prefect flow state name (Completed, Failed, ...)
ALTER TABLE runs ADD COLUMN read_seconds DOUBLE;       -- read, decode, hash, look up what is new
ALTER TABLE runs ADD COLUMN extract_seconds DOUBLE;    -- spaCy + our components, summed over batches
ALTER TABLE runs ADD COLUMN write_seconds DOUBLE;      -- DuckDB transactions, summed over batches
ALTER TABLE runs ADD COLUMN pipeline_seconds DOUBLE;   -- wall time of extract+write incl. orchestration start
ALTER TABLE ingest_errors ADD COLUMN kind VARCHAR;     -- read | decode | empty | binary | json | extract
-- articles whose extraction failed, per pipeline config: a re-run skips them (deterministic failure) unless
-- `claimscope run --retry-failed` or the pipeline config/lexicons change.
CREATE TABLE extraction_failures (
    sha256       VARCHAR NOT NULL,
    config_hash  VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    failed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (sha256, config_hash)
);
