-- Decisions apply (issue 20): the machine tables with every review decision in effect (review_effective, in
-- 30_reviewed.sql: the latest decision per claim, none when it is 'pending'). The machine tables (events,
-- casualties, places, dates, attributions) and event_figures / article_figures stay as extracted.
--
-- Each *_reviewed view has the columns of its machine table, plus `review_status`:
--   machine    no decision (or a latest decision 'pending'): the row as extracted
--   accepted   the latest decision accepts it (with the value it had then, a correction included)
--   corrected  the latest decision corrects it: the value fields come from the decision's new_value
--   added      a reviewer added the claim (not in the machine output; or found later by the extractor)
-- A rejected claim is left out. Columns a decision's value has no key for keep the machine's, except the ones
-- that describe a value the reviewer changed (see each view). Hand-added rows have run_id NULL and rule
-- 'review'. Like the machine tables, these views hold every article version; the figures views count
-- current versions only.

-- Casualty figures. Value keys: kind, count, low, high, qualifier, group (group_name), total.
-- A hand-added figure is linked to no event (event_id NULL).
CREATE OR REPLACE VIEW casualties_reviewed AS
SELECT c.* REPLACE (
           CASE WHEN r.new_value IS NULL THEN c.kind ELSE r.new_value ->> 'kind' END AS kind,
           CASE WHEN r.new_value IS NULL THEN c.count ELSE CAST(r.new_value ->> 'count' AS BIGINT) END AS count,
           CASE WHEN r.new_value IS NULL THEN c.low ELSE CAST(r.new_value ->> 'low' AS BIGINT) END AS low,
           CASE WHEN r.new_value IS NULL THEN c.high ELSE CAST(r.new_value ->> 'high' AS BIGINT) END AS high,
           CASE WHEN r.new_value IS NULL THEN c.qualifier ELSE r.new_value ->> 'qualifier' END AS qualifier,
           CASE WHEN r.new_value IS NULL THEN c.group_name ELSE r.new_value ->> 'group' END AS group_name,
           CASE WHEN r.new_value IS NULL THEN c.total ELSE coalesce(CAST(r.new_value ->> 'total' AS BOOLEAN), TRUE) END
               AS total),
       coalesce(r.decision, 'machine') AS review_status
FROM casualties c LEFT JOIN review_effective r ON r.claim_id = c.claim_id
WHERE r.decision IS DISTINCT FROM 'rejected'
UNION ALL BY NAME
SELECT r.claim_id, r.article_sha256, CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS VARCHAR) AS event_id,
       CAST(NULL AS VARCHAR) AS event_claim_id, r.new_value ->> 'kind' AS kind,
       CAST(r.new_value ->> 'count' AS BIGINT) AS count, CAST(r.new_value ->> 'low' AS BIGINT) AS low,
       CAST(r.new_value ->> 'high' AS BIGINT) AS high, r.new_value ->> 'qualifier' AS qualifier,
       r.new_value ->> 'group' AS group_name, coalesce(CAST(r.new_value ->> 'total' AS BOOLEAN), TRUE) AS total,
       'review' AS rule, r.start_char, r.end_char, r.span_text, 'added' AS review_status
FROM review_effective r
WHERE r.was_added AND r.claim_type = 'casualty' AND r.decision <> 'rejected'
  AND r.claim_id NOT IN (SELECT claim_id FROM casualties)
  AND r.article_sha256 IN (SELECT sha256 FROM articles);

-- Place mentions. Value keys: name, geonameid, country, admin1, lat, lon, feature, relation; `coords` becomes
-- 'review' when a decision moved the point.
CREATE OR REPLACE VIEW places_reviewed AS
WITH v AS (
    SELECT p.*, r.decision AS rv_decision, r.new_value AS rv_value,
           CASE WHEN r.new_value IS NULL THEN p.lat ELSE CAST(r.new_value ->> 'lat' AS DOUBLE) END AS rv_lat,
           CASE WHEN r.new_value IS NULL THEN p.lon ELSE CAST(r.new_value ->> 'lon' AS DOUBLE) END AS rv_lon
    FROM places p LEFT JOIN review_effective r ON r.claim_id = p.claim_id
    WHERE r.decision IS DISTINCT FROM 'rejected'
)
SELECT * EXCLUDE (rv_decision, rv_value, rv_lat, rv_lon) REPLACE (
           CASE WHEN rv_value IS NULL THEN name ELSE rv_value ->> 'name' END AS name,
           CASE WHEN rv_value IS NULL THEN geonameid ELSE CAST(rv_value ->> 'geonameid' AS BIGINT) END AS geonameid,
           CASE WHEN rv_value IS NULL THEN country ELSE rv_value ->> 'country' END AS country,
           CASE WHEN rv_value IS NULL THEN admin1 ELSE rv_value ->> 'admin1' END AS admin1,
           rv_lat AS lat, rv_lon AS lon,
           CASE WHEN rv_value IS NULL THEN feature ELSE rv_value ->> 'feature' END AS feature,
           CASE WHEN rv_value IS NULL THEN relation ELSE rv_value ->> 'relation' END AS relation,
           CASE WHEN rv_lat IS DISTINCT FROM lat OR rv_lon IS DISTINCT FROM lon THEN 'review' ELSE coords END AS coords),
       coalesce(rv_decision, 'machine') AS review_status
FROM v
UNION ALL BY NAME
SELECT r.claim_id, r.article_sha256, CAST(NULL AS VARCHAR) AS run_id, r.new_value ->> 'name' AS name,
       CAST(r.new_value ->> 'geonameid' AS BIGINT) AS geonameid, r.new_value ->> 'country' AS country,
       r.new_value ->> 'admin1' AS admin1, CAST(r.new_value ->> 'lat' AS DOUBLE) AS lat,
       CAST(r.new_value ->> 'lon' AS DOUBLE) AS lon, r.new_value ->> 'feature' AS feature,
       r.new_value ->> 'relation' AS relation, 'review' AS rule, r.start_char, r.end_char, r.span_text,
       CASE WHEN r.new_value ->> 'lat' IS NOT NULL THEN 'review' END AS coords, 'added' AS review_status
FROM review_effective r
WHERE r.was_added AND r.claim_type = 'place' AND r.decision <> 'rejected'
  AND r.claim_id NOT IN (SELECT claim_id FROM places)
  AND r.article_sha256 IN (SELECT sha256 FROM articles);

-- Temporal expressions. Value keys: start (date_start), end (date_end), granularity, relative.
CREATE OR REPLACE VIEW dates_reviewed AS
SELECT d.* REPLACE (
           CASE WHEN r.new_value IS NULL THEN d.date_start ELSE CAST(r.new_value ->> 'start' AS DATE) END AS date_start,
           CASE WHEN r.new_value IS NULL THEN d.date_end ELSE CAST(r.new_value ->> 'end' AS DATE) END AS date_end,
           CASE WHEN r.new_value IS NULL THEN d.granularity ELSE coalesce(r.new_value ->> 'granularity', 'day') END
               AS granularity,
           CASE WHEN r.new_value IS NULL THEN d.relative
                ELSE coalesce(CAST(r.new_value ->> 'relative' AS BOOLEAN), FALSE) END AS relative),
       coalesce(r.decision, 'machine') AS review_status
FROM dates d LEFT JOIN review_effective r ON r.claim_id = d.claim_id
WHERE r.decision IS DISTINCT FROM 'rejected'
UNION ALL BY NAME
SELECT r.claim_id, r.article_sha256, CAST(NULL AS VARCHAR) AS run_id,
       CAST(r.new_value ->> 'start' AS DATE) AS date_start, CAST(r.new_value ->> 'end' AS DATE) AS date_end,
       coalesce(r.new_value ->> 'granularity', 'day') AS granularity,
       coalesce(CAST(r.new_value ->> 'relative' AS BOOLEAN), FALSE) AS relative, 'review' AS rule,
       r.start_char, r.end_char, r.span_text, 'added' AS review_status
FROM review_effective r
WHERE r.was_added AND r.claim_type = 'date' AND r.decision <> 'rejected'
  AND r.claim_id NOT IN (SELECT claim_id FROM dates)
  AND r.article_sha256 IN (SELECT sha256 FROM articles);

-- Attributions. Value keys: kind, source (source_name), source_start, source_end, hedged. `source_text` is the
-- text at the reviewed source span; NULL when the source was renamed without a span. A hand-added attribution
-- has the reviewer's selection as its content span (and start_char/end_char), no cue and no attribution_id.
CREATE OR REPLACE VIEW attributions_reviewed AS
WITH v AS (
    SELECT t.*, r.decision AS rv_decision, r.new_value AS rv_value, a.text AS rv_text,
           CASE WHEN r.new_value IS NULL THEN t.source_name ELSE r.new_value ->> 'source' END AS rv_source,
           CASE WHEN r.new_value IS NULL THEN t.source_start
                ELSE CAST(r.new_value ->> 'source_start' AS INTEGER) END AS rv_start,
           CASE WHEN r.new_value IS NULL THEN t.source_end ELSE CAST(r.new_value ->> 'source_end' AS INTEGER) END
               AS rv_end
    FROM attributions t
    JOIN articles a ON a.sha256 = t.article_sha256
    LEFT JOIN review_effective r ON r.claim_id = t.claim_id
    WHERE r.decision IS DISTINCT FROM 'rejected'
)
SELECT * EXCLUDE (rv_decision, rv_value, rv_text, rv_source, rv_start, rv_end) REPLACE (
           CASE WHEN rv_value IS NULL THEN kind ELSE rv_value ->> 'kind' END AS kind,
           rv_source AS source_name, rv_start AS source_start, rv_end AS source_end,
           CASE WHEN rv_start IS NOT DISTINCT FROM source_start AND rv_end IS NOT DISTINCT FROM source_end
                     AND rv_source IS NOT DISTINCT FROM source_name THEN source_text
                WHEN rv_start IS NOT NULL THEN substring(rv_text, rv_start + 1, rv_end - rv_start) END AS source_text,
           CASE WHEN rv_value IS NULL THEN hedged ELSE coalesce(CAST(rv_value ->> 'hedged' AS BOOLEAN), FALSE) END
               AS hedged),
       coalesce(rv_decision, 'machine') AS review_status
FROM v
UNION ALL BY NAME
SELECT r.claim_id, r.article_sha256, CAST(NULL AS VARCHAR) AS run_id, r.new_value ->> 'kind' AS kind,
       r.new_value ->> 'source' AS source_name, CAST(r.new_value ->> 'source_start' AS INTEGER) AS source_start,
       CAST(r.new_value ->> 'source_end' AS INTEGER) AS source_end,
       substring(a.text, CAST(r.new_value ->> 'source_start' AS INTEGER) + 1,
                 CAST(r.new_value ->> 'source_end' AS INTEGER) - CAST(r.new_value ->> 'source_start' AS INTEGER))
           AS source_text,
       r.start_char AS content_start, r.end_char AS content_end, r.span_text AS content_text,
       coalesce(CAST(r.new_value ->> 'hedged' AS BOOLEAN), FALSE) AS hedged, r.start_char, r.end_char,
       'added' AS review_status
FROM review_effective r JOIN articles a ON a.sha256 = r.article_sha256
WHERE r.was_added AND r.claim_type = 'attribution' AND r.decision <> 'rejected'
  AND r.claim_id NOT IN (SELECT claim_id FROM attributions);

-- An event's killed / injured figure recomputed from its casualty claims after review, for every (event, kind)
-- where a decision took away or changed one of the event's casualty claims of that kind (`casualties.event_claim_id`;
-- a figure corrected from one kind to another touches both). Over the remaining claims of the kind (reviewed
-- values), by the steps of pipeline/extract/casualties/figures.py that need no more than a claim's own row:
-- 1 a stated revision (rule toll:revised; the latest in the text), 2 the largest total, 3 an implied minimum
-- (the largest), 4 a running total of another period (flag aggregate_or_other_period; the largest), 5 the sum of
-- the breakdown groups (total false). The first step with a claim gives the figure, with that claim's low, high
-- and attribution_ids; its rule is the step's name + ';review'. Not redone: '+additional' and ';net-of-killed'.
-- No claim left: count NULL (the event states no figure of the kind any more).
CREATE OR REPLACE VIEW review_event_figures AS
WITH cas AS (
    SELECT c.event_claim_id, c.kind AS machine_kind, cr.claim_id IS NULL AS removed,
           cr.claim_id IS NOT NULL AND (cr.kind IS DISTINCT FROM c.kind OR cr.count IS DISTINCT FROM c.count
               OR cr.low IS DISTINCT FROM c.low OR cr.high IS DISTINCT FROM c.high OR cr.total IS DISTINCT FROM c.total)
               AS changed,
           cr.kind, cr.count, cr.low, cr.high, cr.total, cr.rule, cr.attribution_ids, cr.start_char, cr.end_char,
           coalesce(list_contains(CAST(cr.flags AS VARCHAR[]), 'aggregate_or_other_period'), FALSE) AS agg,
           coalesce(list_contains(CAST(cr.flags AS VARCHAR[]), 'implied_min'), FALSE) AS implied
    FROM casualties c LEFT JOIN casualties_reviewed cr ON cr.claim_id = c.claim_id
    WHERE c.event_claim_id IS NOT NULL
), touched AS (
    SELECT DISTINCT c.event_claim_id, k.kind
    FROM cas c, (VALUES ('killed'), ('injured')) AS k(kind)
    WHERE (c.removed AND c.machine_kind = k.kind) OR (c.changed AND k.kind IN (c.machine_kind, c.kind))
), cand AS (
    SELECT t.event_claim_id, t.kind, c.count, c.low, c.high, c.attribution_ids, c.start_char, c.end_char,
           CASE WHEN NOT c.total THEN CASE WHEN c.agg THEN NULL ELSE 5 END
                WHEN c.agg THEN 4 WHEN c.implied THEN 3
                WHEN starts_with(coalesce(c.rule, ''), 'toll:revised') THEN 1 ELSE 2 END AS tier
    FROM touched t JOIN cas c ON c.event_claim_id = t.event_claim_id AND c.kind = t.kind
    WHERE NOT c.removed AND c.count IS NOT NULL
), best AS (
    SELECT event_claim_id, kind, min(tier) AS tier FROM cand WHERE tier IS NOT NULL GROUP BY ALL
), single AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.event_claim_id, c.kind
               ORDER BY CASE WHEN c.tier = 1 THEN -c.start_char ELSE -c.count END, c.start_char, c.end_char) AS rn
    FROM cand c JOIN best b USING (event_claim_id, kind, tier)
    WHERE c.tier < 5
), fig AS (
    SELECT event_claim_id, kind, count, low, high, coalesce(attribution_ids, CAST('[]' AS JSON)) AS attribution_ids,
           ['revised', 'largest-total', 'implied', 'aggregate-only'][tier] || ';review' AS rule
    FROM single WHERE rn = 1
    UNION ALL
    SELECT c.event_claim_id, c.kind, CAST(sum(c.count) AS BIGINT),
           CAST(CASE WHEN bool_and(c.low IS NOT NULL) THEN sum(c.low) END AS BIGINT),
           CAST(CASE WHEN bool_and(c.high IS NOT NULL) THEN sum(c.high) END AS BIGINT),
           to_json(list_distinct(flatten(list(CAST(coalesce(c.attribution_ids, CAST('[]' AS JSON)) AS VARCHAR[])
                                               ORDER BY c.start_char)))),
           'sum-of-groups;review'
    FROM cand c JOIN best b USING (event_claim_id, kind, tier)
    WHERE c.tier = 5
    GROUP BY c.event_claim_id, c.kind
)
SELECT t.event_claim_id, t.kind, f.count, f.low, f.high, f.attribution_ids, f.rule
FROM touched t LEFT JOIN fig f USING (event_claim_id, kind);

-- Events. Value keys: type, date_start, date_end, date_granularity, place_name, country, killed, injured.
-- * type changed: subtype and the ACLED types become NULL (they were the machine type's).
-- * date: the event's own corrected date interval (date_rule 'review'); else, when the date mention the event's
--   date came from (the `dates` row at date_start_char..date_end_char) was corrected, that mention's reviewed
--   value (date_rule 'review:date'); rejected, the event has no date any more (date_* NULL, 'review:undated').
-- * place_name or country changed: the location worked out from the machine's places (place_geonameid, admin1,
--   admin2, lat, lon, geo_precision, geo_place_*, geo_coords) becomes NULL and geo_rule 'review'.
--   A decision on a place mention does not move an event: correct the event.
-- * killed / injured, per kind: the event's own corrected figure when its value differs from the machine's
--   (low = high = count, rule 'review', no attribution_ids); else, when a decision took away or changed one of
--   the event's casualty claims of the kind, the figure recomputed from the rest (review_event_figures; NULL
--   when none is left); else the machine's. `figures` (JSON) and killed_/injured_low/high follow.
-- A hand-added event has event_id NULL, date_rule 'review' ('undated' without a date) and figures built from
-- its killed / injured.
CREATE OR REPLACE VIEW events_reviewed AS
WITH base AS (
    SELECT e.*, r.decision AS rv_decision, r.new_value AS rv_value,
           d.claim_id AS rv_d_claim, d.date_start AS rv_d_start, d.date_end AS rv_d_end,
           d.granularity AS rv_d_gran, dr.claim_id AS rv_dr_claim, dr.date_start AS rv_dr_start,
           dr.date_end AS rv_dr_end, dr.granularity AS rv_dr_gran, dr.relative AS rv_dr_relative
    FROM events e
    LEFT JOIN review_effective r ON r.claim_id = e.claim_id
    LEFT JOIN dates d ON d.article_sha256 = e.article_sha256 AND d.start_char = e.date_start_char
                     AND d.end_char = e.date_end_char
    LEFT JOIN dates_reviewed dr ON dr.claim_id = d.claim_id
    WHERE r.decision IS DISTINCT FROM 'rejected'
), own AS (
    SELECT *,
           CASE WHEN rv_value IS NULL THEN type ELSE rv_value ->> 'type' END AS rv_type,
           CASE WHEN rv_value IS NULL THEN date_start ELSE CAST(rv_value ->> 'date_start' AS DATE) END AS rv_start,
           CASE WHEN rv_value IS NULL THEN date_end ELSE CAST(rv_value ->> 'date_end' AS DATE) END AS rv_end,
           CASE WHEN rv_value IS NULL THEN date_granularity ELSE rv_value ->> 'date_granularity' END AS rv_gran,
           CASE WHEN rv_value IS NULL THEN place_name ELSE rv_value ->> 'place_name' END AS rv_place,
           CASE WHEN rv_value IS NULL THEN country ELSE rv_value ->> 'country' END AS rv_country,
           CASE WHEN rv_value IS NULL THEN killed ELSE CAST(rv_value ->> 'killed' AS BIGINT) END AS rv_killed,
           CASE WHEN rv_value IS NULL THEN injured ELSE CAST(rv_value ->> 'injured' AS BIGINT) END AS rv_injured
    FROM base
), what AS (
    SELECT o.*,
           rv_type IS DISTINCT FROM type AS rv_type_changed,
           (rv_start IS DISTINCT FROM date_start OR rv_end IS DISTINCT FROM date_end
            OR rv_gran IS DISTINCT FROM date_granularity) AS rv_date_own,
           rv_d_claim IS NOT NULL AND (rv_dr_claim IS NULL OR rv_dr_start IS DISTINCT FROM rv_d_start
               OR rv_dr_end IS DISTINCT FROM rv_d_end OR rv_dr_gran IS DISTINCT FROM rv_d_gran) AS rv_date_mention,
           (rv_place IS DISTINCT FROM place_name OR rv_country IS DISTINCT FROM country) AS rv_place_changed,
           CASE WHEN rv_killed IS DISTINCT FROM killed THEN 'own' WHEN fk.event_claim_id IS NOT NULL THEN 'claims'
                ELSE 'machine' END AS rv_k_src,
           CASE WHEN rv_injured IS DISTINCT FROM injured THEN 'own' WHEN fi.event_claim_id IS NOT NULL THEN 'claims'
                ELSE 'machine' END AS rv_i_src,
           fk.count AS rv_fk_count, fk.low AS rv_fk_low, fk.high AS rv_fk_high, fk.attribution_ids AS rv_fk_ids,
           fk.rule AS rv_fk_rule, fi.count AS rv_fi_count, fi.low AS rv_fi_low, fi.high AS rv_fi_high,
           fi.attribution_ids AS rv_fi_ids, fi.rule AS rv_fi_rule
    FROM own o
    LEFT JOIN review_event_figures fk ON fk.event_claim_id = o.claim_id AND fk.kind = 'killed'
    LEFT JOIN review_event_figures fi ON fi.event_claim_id = o.claim_id AND fi.kind = 'injured'
), fig AS (
    SELECT *,
           CASE rv_k_src WHEN 'own' THEN rv_killed WHEN 'claims' THEN rv_fk_count ELSE killed END AS rv_k,
           CASE rv_k_src WHEN 'own' THEN rv_killed WHEN 'claims' THEN rv_fk_low ELSE killed_low END AS rv_k_low,
           CASE rv_k_src WHEN 'own' THEN rv_killed WHEN 'claims' THEN rv_fk_high ELSE killed_high END AS rv_k_high,
           CASE rv_i_src WHEN 'own' THEN rv_injured WHEN 'claims' THEN rv_fi_count ELSE injured END AS rv_i,
           CASE rv_i_src WHEN 'own' THEN rv_injured WHEN 'claims' THEN rv_fi_low ELSE injured_low END AS rv_i_low,
           CASE rv_i_src WHEN 'own' THEN rv_injured WHEN 'claims' THEN rv_fi_high ELSE injured_high END AS rv_i_high
    FROM what
), patched AS (
    SELECT *,
           CASE WHEN rv_k_src = 'machine' AND rv_i_src = 'machine' THEN figures
                ELSE json_merge_patch(json_merge_patch(coalesce(figures, CAST('{}' AS JSON)),
                    CASE WHEN rv_k_src = 'machine' THEN CAST('{}' AS JSON)
                         WHEN rv_k IS NULL THEN CAST('{"killed": null}' AS JSON)
                         ELSE json_object('killed', json_object('count', rv_k, 'low', rv_k_low, 'high', rv_k_high,
                             'attribution_ids', CASE WHEN rv_k_src = 'own' THEN CAST('[]' AS JSON) ELSE rv_fk_ids END,
                             'rule', CASE WHEN rv_k_src = 'own' THEN 'review' ELSE rv_fk_rule END)) END),
                    CASE WHEN rv_i_src = 'machine' THEN CAST('{}' AS JSON)
                         WHEN rv_i IS NULL THEN CAST('{"injured": null}' AS JSON)
                         ELSE json_object('injured', json_object('count', rv_i, 'low', rv_i_low, 'high', rv_i_high,
                             'attribution_ids', CASE WHEN rv_i_src = 'own' THEN CAST('[]' AS JSON) ELSE rv_fi_ids END,
                             'rule', CASE WHEN rv_i_src = 'own' THEN 'review' ELSE rv_fi_rule END)) END)
           END AS rv_figures
    FROM fig
)
SELECT * EXCLUDE (rv_decision, rv_value, rv_d_claim, rv_d_start, rv_d_end, rv_d_gran, rv_dr_claim, rv_dr_start,
                  rv_dr_end, rv_dr_gran, rv_dr_relative, rv_type, rv_start, rv_end, rv_gran, rv_place, rv_country,
                  rv_killed, rv_injured, rv_type_changed, rv_date_own, rv_date_mention, rv_place_changed, rv_k_src,
                  rv_i_src, rv_fk_count, rv_fk_low, rv_fk_high, rv_fk_ids, rv_fk_rule, rv_fi_count, rv_fi_low,
                  rv_fi_high, rv_fi_ids, rv_fi_rule, rv_k, rv_k_low, rv_k_high, rv_i, rv_i_low, rv_i_high,
                  rv_figures)
       REPLACE (
           rv_type AS type,
           CASE WHEN rv_type_changed THEN NULL ELSE subtype END AS subtype,
           CASE WHEN rv_type_changed THEN NULL ELSE acled_event_type END AS acled_event_type,
           CASE WHEN rv_type_changed THEN NULL ELSE acled_sub_event_type END AS acled_sub_event_type,
           CASE WHEN rv_date_own THEN rv_start WHEN rv_date_mention THEN rv_dr_start ELSE date_start END AS date_start,
           CASE WHEN rv_date_own THEN rv_end WHEN rv_date_mention THEN rv_dr_end ELSE date_end END AS date_end,
           CASE WHEN rv_date_own THEN rv_gran WHEN rv_date_mention THEN rv_dr_gran ELSE date_granularity END
               AS date_granularity,
           CASE WHEN rv_date_own THEN FALSE WHEN rv_date_mention THEN rv_dr_relative ELSE date_relative END
               AS date_relative,
           CASE WHEN rv_date_own THEN 'review' WHEN rv_date_mention AND rv_dr_claim IS NULL THEN 'review:undated'
                WHEN rv_date_mention THEN 'review:date' ELSE date_rule END AS date_rule,
           rv_place AS place_name,
           CASE WHEN rv_place_changed THEN NULL ELSE place_geonameid END AS place_geonameid,
           rv_country AS country,
           CASE WHEN rv_place_changed THEN NULL ELSE admin1 END AS admin1,
           CASE WHEN rv_place_changed THEN NULL ELSE admin2 END AS admin2,
           CASE WHEN rv_place_changed THEN NULL ELSE lat END AS lat,
           CASE WHEN rv_place_changed THEN NULL ELSE lon END AS lon,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_precision END AS geo_precision,
           CASE WHEN rv_place_changed THEN 'review' ELSE geo_rule END AS geo_rule,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_place_name END AS geo_place_name,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_place_geonameid END AS geo_place_geonameid,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_place_start_char END AS geo_place_start_char,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_place_end_char END AS geo_place_end_char,
           CASE WHEN rv_place_changed THEN NULL ELSE geo_coords END AS geo_coords,
           rv_k AS killed, rv_k_low AS killed_low, rv_k_high AS killed_high,
           rv_i AS injured, rv_i_low AS injured_low, rv_i_high AS injured_high,
           rv_figures AS figures),
       coalesce(rv_decision, 'machine') AS review_status
FROM patched
UNION ALL BY NAME
SELECT claim_id, article_sha256, CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS VARCHAR) AS event_id, type,
       start_char, end_char, span_text, date_start, date_end, date_granularity, FALSE AS date_relative,
       CASE WHEN date_start IS NULL AND date_end IS NULL THEN 'undated' ELSE 'review' END AS date_rule,
       place_name, country, killed, injured, killed AS killed_low, killed AS killed_high,
       injured AS injured_low, injured AS injured_high,
       json_merge_patch(
           CASE WHEN killed IS NULL THEN CAST('{}' AS JSON)
                ELSE json_object('killed', json_object('count', killed, 'low', killed, 'high', killed,
                                 'attribution_ids', CAST('[]' AS JSON), 'rule', 'review')) END,
           CASE WHEN injured IS NULL THEN CAST('{}' AS JSON)
                ELSE json_object('injured', json_object('count', injured, 'low', injured, 'high', injured,
                                 'attribution_ids', CAST('[]' AS JSON), 'rule', 'review')) END) AS figures,
       CASE WHEN place_name IS NOT NULL OR country IS NOT NULL THEN 'review' END AS geo_rule,
       'added' AS review_status
FROM (
    SELECT r.claim_id, r.article_sha256, r.start_char, r.end_char, r.span_text, r.new_value ->> 'type' AS type,
           CAST(r.new_value ->> 'date_start' AS DATE) AS date_start, CAST(r.new_value ->> 'date_end' AS DATE) AS date_end,
           r.new_value ->> 'date_granularity' AS date_granularity, r.new_value ->> 'place_name' AS place_name,
           r.new_value ->> 'country' AS country, CAST(r.new_value ->> 'killed' AS BIGINT) AS killed,
           CAST(r.new_value ->> 'injured' AS BIGINT) AS injured
    FROM review_effective r
    WHERE r.was_added AND r.claim_type = 'event' AND r.decision <> 'rejected'
      AND r.claim_id NOT IN (SELECT claim_id FROM events)
      AND r.article_sha256 IN (SELECT sha256 FROM articles)
);

-- event_figures over events_reviewed (same columns, plus review_status): current article versions only.
CREATE OR REPLACE VIEW event_figures_reviewed AS
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
       e.figures, e.review_status
FROM events_reviewed e JOIN articles a ON a.sha256 = e.article_sha256
WHERE a.superseded_by IS NULL;

-- article_figures over events_reviewed: the figures of the article's main incident after review, chosen as in
-- article_figures (20_event_figures.sql); figures whose rule is aggregate-only (also 'aggregate-only;review')
-- neither choose nor count. Hand-added events (event_id NULL) take part, after extracted ones on a tie.
-- Current article versions only. `review_status` is the chosen event's.
CREATE OR REPLACE VIEW article_figures_reviewed AS
WITH fig AS (
    SELECT e.article_sha256, e.event_id, e.claim_id AS event_claim_id, e.start_char, e.end_char, e.review_status,
           k.kind, e.figures -> ('$.' || k.kind) AS f
    FROM events_reviewed e, unnest(json_keys(e.figures)) AS k(kind)
    WHERE e.figures IS NOT NULL AND e.type <> 'aggregate'
), firm AS (
    SELECT * FROM fig WHERE NOT starts_with(f ->> '$.rule', 'aggregate-only')
), incident AS (
    SELECT article_sha256, event_claim_id,
           row_number() OVER (PARTITION BY article_sha256 ORDER BY
               coalesce(max(CASE WHEN kind = 'killed' THEN CAST(f ->> '$.count' AS BIGINT) END), 0) DESC,
               coalesce(max(CASE WHEN kind = 'injured' THEN CAST(f ->> '$.count' AS BIGINT) END), 0) DESC,
               min(start_char), min(end_char), TRY_CAST(substr(min(event_id), 4) AS INTEGER) NULLS LAST,
               event_claim_id) AS rn
    FROM firm GROUP BY article_sha256, event_claim_id
)
SELECT f.article_sha256, a.id AS article_id, f.kind,
       CAST(f.f ->> '$.count' AS BIGINT) AS count, CAST(f.f ->> '$.low' AS BIGINT) AS low,
       CAST(f.f ->> '$.high' AS BIGINT) AS high, f.f -> '$.attribution_ids' AS attribution_ids,
       f.f ->> '$.rule' AS rule, f.event_id, f.event_claim_id, f.review_status
FROM incident i
JOIN firm f ON f.article_sha256 = i.article_sha256 AND f.event_claim_id = i.event_claim_id
JOIN articles a ON a.sha256 = f.article_sha256
WHERE i.rn = 1 AND a.superseded_by IS NULL;
