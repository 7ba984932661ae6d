-- Review (issue 8): every claim's structured value, the latest decision per claim, effective values after
-- review, and decisions whose claim no longer exists after re-extraction (orphaned, never deleted).

-- The structured value of each extracted claim (the JSON the review page edits; keys as in types.py).
CREATE OR REPLACE VIEW claim_values AS
SELECT claim_id, article_sha256, run_id, 'event' AS claim_type, start_char, end_char, span_text,
       date_rule AS rule,
       json_object('type', type, 'date_start', CAST(date_start AS VARCHAR), 'date_end', CAST(date_end AS VARCHAR),
                   'date_granularity', date_granularity, 'place_name', place_name, 'country', country,
                   'killed', killed, 'injured', injured) AS value
FROM events
UNION ALL
SELECT claim_id, article_sha256, run_id, 'casualty', start_char, end_char, span_text, rule,
       json_object('kind', kind, 'count', count, 'low', low, 'high', high, 'qualifier', qualifier,
                   'group', group_name, 'total', total)
FROM casualties
UNION ALL
SELECT claim_id, article_sha256, run_id, 'place', start_char, end_char, span_text, rule,
       json_object('name', name, 'geonameid', geonameid, 'country', country, 'admin1', admin1, 'lat', lat,
                   'lon', lon, 'feature', feature, 'relation', relation)
FROM places
UNION ALL
SELECT claim_id, article_sha256, run_id, 'date', start_char, end_char, span_text, rule,
       json_object('start', CAST(date_start AS VARCHAR), 'end', CAST(date_end AS VARCHAR),
                   'granularity', granularity, 'relative', relative)
FROM dates
UNION ALL
SELECT t.claim_id, t.article_sha256, t.run_id, 'attribution', t.start_char, t.end_char,
       substring(ar.text, t.start_char + 1, t.end_char - t.start_char), NULL,   -- span_text = text[start:end]
       json_object('kind', t.kind, 'source', t.source_name, 'source_start', t.source_start,
                   'source_end', t.source_end, 'hedged', t.hedged)
FROM attributions t JOIN articles ar ON ar.sha256 = t.article_sha256;

-- The latest decision per claim (ties cannot happen: review_id is time-ordered).
CREATE OR REPLACE VIEW review_latest AS
SELECT * EXCLUDE (rn) FROM (
    SELECT r.*, row_number() OVER (PARTITION BY claim_id ORDER BY created_at DESC, review_id DESC) AS rn,
           count(*) OVER (PARTITION BY claim_id) AS decisions,
           bool_or(decision = 'added') OVER (PARTITION BY claim_id) AS was_added
    FROM reviews r
) WHERE rn = 1;

-- The decision in effect per claim: the latest one, unless it is 'pending' (an undo, migration 0012, allows
-- it): then the claim counts as unreviewed again, and a claim a reviewer added is gone. The *_reviewed views
-- (35_reviewed_values.sql) read this.
CREATE OR REPLACE VIEW review_effective AS
SELECT * FROM review_latest WHERE decision <> 'pending';

-- Every claim after review: extracted claims (reviewed or not) and claims a reviewer added.
-- status: pending | accepted | rejected | corrected | added; `value` is the effective value. A latest decision
-- 'pending' (an undo, migration 0012) means unreviewed: `reviewed` false, the extracted value (new_value NULL),
-- and an added claim whose latest decision is 'pending' is gone.
CREATE OR REPLACE VIEW claims_reviewed AS
SELECT c.claim_id, c.article_sha256, c.run_id, c.claim_type, c.start_char, c.end_char, c.span_text, c.rule,
       'extracted' AS origin,
       coalesce(r.decision, 'pending') AS status,
       coalesce(r.decision <> 'pending', FALSE) AS reviewed,
       CASE WHEN coalesce(r.decision, 'pending') = 'pending' THEN c.value ELSE coalesce(r.new_value, c.value) END
           AS value,
       c.value AS extracted_value,
       r.reviewer, r.created_at AS reviewed_at, r.review_id, coalesce(r.decisions, 0) AS decisions
FROM claim_values c LEFT JOIN review_latest r ON r.claim_id = c.claim_id
UNION ALL
SELECT r.claim_id, r.article_sha256, NULL, r.claim_type, r.start_char, r.end_char, r.span_text, 'review',
       'review', r.decision, TRUE, r.new_value, NULL, r.reviewer, r.created_at, r.review_id, r.decisions
FROM review_latest r
WHERE r.was_added AND r.decision <> 'pending'
  AND r.claim_id NOT IN (SELECT claim_id FROM claim_values)
  AND r.article_sha256 IN (SELECT sha256 FROM articles);

-- Decisions whose claim is gone (a re-extraction with changed rules no longer finds it), and decisions on the
-- claims of a superseded article version (its file changed; `current_sha256` is the version that replaced
-- it): kept and listed, never deleted.
CREATE OR REPLACE VIEW reviews_orphaned AS
SELECT r.*, sup.superseded_by AS current_sha256
FROM review_latest r
LEFT JOIN (SELECT sha256, superseded_by FROM articles WHERE superseded_by IS NOT NULL) sup
       ON sup.sha256 = r.article_sha256
WHERE r.decision <> 'pending'  -- an undo back to unreviewed keeps no decision to show
  AND ((r.claim_id NOT IN (SELECT claim_id FROM claim_values)
        AND NOT (r.was_added AND r.article_sha256 IN (SELECT sha256 FROM articles)))
       OR sup.sha256 IS NOT NULL);
