-- Undo on the review page (issue 20): a decision may now be 'pending' (the claim is back to unreviewed: the
-- latest decision 'pending' means "no decision", its new_value is NULL and the extracted value applies), and
-- `undoes` names the review_id of the decision a row takes back (NULL for an ordinary decision). Undo stays
-- append-only: it appends the state before the decision it undoes (the previous decision re-appended, or
-- 'pending' when there was none), never deletes a row.
-- DuckDB cannot alter a CHECK constraint: the table is recreated with every row kept, in order.
CREATE TABLE reviews_0012 (
    review_id       VARCHAR PRIMARY KEY,
    claim_id        VARCHAR NOT NULL,
    claim_type      VARCHAR NOT NULL,
    article_sha256  VARCHAR NOT NULL,
    decision        VARCHAR NOT NULL CHECK (decision IN ('accepted', 'rejected', 'corrected', 'added', 'pending')),
    old_value       JSON,
    new_value       JSON,                  -- NULL for 'pending': the extracted value applies again
    reviewer        VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    start_char      INTEGER,
    end_char        INTEGER,
    span_text       VARCHAR,
    run_id          VARCHAR,
    note            VARCHAR,
    via             VARCHAR,
    undoes          VARCHAR                -- review_id of the decision this row undoes (NULL: not an undo)
);
INSERT INTO reviews_0012
SELECT review_id, claim_id, claim_type, article_sha256, decision, old_value, new_value, reviewer, created_at,
       start_char, end_char, span_text, run_id, note, via, NULL
FROM reviews ORDER BY review_id;
DROP TABLE reviews;
ALTER TABLE reviews_0012 RENAME TO reviews;
