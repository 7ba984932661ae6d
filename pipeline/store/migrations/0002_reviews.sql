-- Review decisions (issue 8). Append-only: rows are inserted, never updated or deleted.
-- A decision is keyed by claim_id (the stable claim key of repo.claim_key), not by a foreign key: claim rows
-- are deleted and re-inserted when an article is re-extracted, and a decision whose claim no longer exists
-- is kept (see the reviews_orphaned view).
CREATE TABLE reviews (
    review_id       VARCHAR PRIMARY KEY,   -- time-ordered: <ns since epoch, 20 digits>-<random hex>
    claim_id        VARCHAR NOT NULL,
    claim_type      VARCHAR NOT NULL,      -- event | date | place | casualty | attribution
    article_sha256  VARCHAR NOT NULL,
    decision        VARCHAR NOT NULL CHECK (decision IN ('accepted', 'rejected', 'corrected', 'added')),
    old_value       JSON,                  -- effective value before this decision (NULL for an added claim)
    new_value       JSON,                  -- effective value after it (for 'rejected': the value rejected)
    reviewer        VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,    -- when the reviewer decided (UTC), not when the row was written
    start_char      INTEGER,               -- span of the claim reviewed (always set for 'added')
    end_char        INTEGER,
    span_text       VARCHAR,
    run_id          VARCHAR,               -- run that produced the claim reviewed (NULL for an added claim)
    note            VARCHAR,
    via             VARCHAR                -- page | journal (written late, after a `run` held the database)
);
