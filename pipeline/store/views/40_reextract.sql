-- Re-extraction (issue 20): the pipeline identity that extracted each stored article's current claims
-- (articles.run_id -> runs.config_hash, pipeline/identity.py). `current`: not superseded by a newer version of
-- its file. `claimscope run` compares config_hash with the identity of the pipeline on disk and suggests
-- `claimscope run --reextract` when they differ; config_hash is NULL when the run row is missing.
CREATE OR REPLACE VIEW article_identity AS
SELECT a.sha256, a.id, a.source, a.run_id, r.config_hash, r.version, r.model, r.started_at AS extracted_at,
       a.superseded_by IS NULL AS current
FROM articles a LEFT JOIN runs r ON r.run_id = a.run_id;
