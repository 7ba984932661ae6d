-- Every claim, one row each, with its type and span: the review queue and provenance in one place.
CREATE OR REPLACE VIEW claims AS
SELECT claim_id, article_sha256, run_id, 'event' AS claim_type, start_char, end_char, span_text,
       type AS label
FROM events
UNION ALL
SELECT claim_id, article_sha256, run_id, 'casualty', start_char, end_char, span_text,
       kind || coalesce(' ' || group_name, '') || ' = ' || coalesce(CAST(count AS VARCHAR), '?')
FROM casualties
UNION ALL
SELECT claim_id, article_sha256, run_id, 'place', start_char, end_char, span_text,
       name || coalesce(' (' || country || ')', '')
FROM places
UNION ALL
SELECT claim_id, article_sha256, run_id, 'date', start_char, end_char, span_text,
       coalesce(CAST(date_start AS VARCHAR), '?') || '..' || coalesce(CAST(date_end AS VARCHAR), '?')
FROM dates
UNION ALL
SELECT claim_id, article_sha256, run_id, 'attribution', start_char, end_char,
       coalesce(source_text, '(author)') || ' | ' || cue_text, kind
FROM attributions;
