-- Events with their country, month and total killed/injured, for aggregate queries.
CREATE OR REPLACE VIEW event_figures AS
SELECT e.claim_id, e.article_sha256, a.id AS article_id, a.published, e.event_id, e.type,
       e.date_start, e.date_end, e.date_granularity, CAST(date_trunc('month', e.date_start) AS DATE) AS month,
       e.place_name, e.country, e.admin1, e.killed, e.injured, e.span_text
FROM events e JOIN articles a ON a.sha256 = e.article_sha256;
