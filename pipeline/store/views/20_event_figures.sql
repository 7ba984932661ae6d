-- Events with their country, month and figures (events[].figures: one figure per kind, by the documented
-- rule of pipeline/extract/casualties/figures.py), for aggregate queries. The mentions each figure was chosen
-- from, conflicting ones included, are the rows of `casualties` with this event_id.
-- Current article versions only: a superseded text (its file changed; articles.superseded_by) is not counted twice.
CREATE OR REPLACE VIEW event_figures AS
SELECT e.claim_id, e.article_sha256, a.id AS article_id, a.published, e.event_id, e.type, e.subtype,
       e.acled_event_type, e.acled_sub_event_type, e.type <> 'aggregate' AS incident, e.date_rule,
       e.date_start, e.date_end, e.date_granularity, CAST(date_trunc('month', e.date_start) AS DATE) AS month,
       e.place_name, e.country, e.admin1, e.killed, e.injured, e.span_text,
       e.killed_low, e.killed_high, e.injured_low, e.injured_high,
       CAST(e.figures -> '$.detained' ->> '$.count' AS BIGINT) AS detained,
       CAST(e.figures -> '$.arrested' ->> '$.count' AS BIGINT) AS arrested,
       CAST(e.figures -> '$.missing' ->> '$.count' AS BIGINT) AS missing,
       CAST(e.figures -> '$.kidnapped' ->> '$.count' AS BIGINT) AS kidnapped,
       CAST(e.figures -> '$.displaced' ->> '$.count' AS BIGINT) AS displaced,
       e.figures
FROM events e JOIN articles a ON a.sha256 = e.article_sha256
WHERE a.superseded_by IS NULL;

-- One row per article and casualty kind: the article-level figure, i.e. the figure of the article's main
-- incident -- among its events with a figure (aggregate tolls are no incident and never chosen), the one
-- with the largest killed figure, then the largest
-- injured figure, the first in text order on ties. Figures that are only running totals (rule
-- 'aggregate-only') neither choose the incident nor are returned. `article_figures()` in
-- pipeline/extract/casualties/figures.py computes the same from an extraction (the eval scores it).
-- Current article versions only, as event_figures.
CREATE OR REPLACE VIEW article_figures AS
WITH fig AS (
    SELECT e.article_sha256, e.event_id, e.claim_id AS event_claim_id, e.start_char, e.end_char, k.kind,
           e.figures -> ('$.' || k.kind) AS f
    FROM events e, unnest(json_keys(e.figures)) AS k(kind)
    WHERE e.figures IS NOT NULL AND e.type <> 'aggregate'
), firm AS (
    SELECT * FROM fig WHERE (f ->> '$.rule') <> 'aggregate-only'
), incident AS (
    SELECT article_sha256, event_id,
           row_number() OVER (PARTITION BY article_sha256 ORDER BY
               coalesce(max(CASE WHEN kind = 'killed' THEN CAST(f ->> '$.count' AS BIGINT) END), 0) DESC,
               coalesce(max(CASE WHEN kind = 'injured' THEN CAST(f ->> '$.count' AS BIGINT) END), 0) DESC,
               min(start_char), min(end_char), CAST(substr(event_id, 4) AS INTEGER)) AS rn
    FROM firm GROUP BY article_sha256, event_id
)
SELECT f.article_sha256, a.id AS article_id, f.kind,
       CAST(f.f ->> '$.count' AS BIGINT) AS count, CAST(f.f ->> '$.low' AS BIGINT) AS low,
       CAST(f.f ->> '$.high' AS BIGINT) AS high, f.f -> '$.attribution_ids' AS attribution_ids,
       f.f ->> '$.rule' AS rule, f.event_id, f.event_claim_id
FROM incident i
JOIN firm f ON f.article_sha256 = i.article_sha256 AND f.event_id = i.event_id
JOIN articles a ON a.sha256 = f.article_sha256
WHERE i.rn = 1 AND a.superseded_by IS NULL;
