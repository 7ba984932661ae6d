-- Re-extraction (issue 20): `claimscope run --reextract` extracts stored articles again with the current pipeline.
-- A run records what it was and, for a re-extraction, what became of the review decisions on the articles it
-- re-extracted (latest decision per claim): re-attached to a claim of the new extraction, orphaned (the claim is
-- no longer found; listed in reviews_orphaned), lost (always 0: decisions are never deleted; a check).
ALTER TABLE runs ADD COLUMN kind VARCHAR;                -- run | reextract (NULL: before migration 0011)
ALTER TABLE runs ADD COLUMN reviews_kept INTEGER;
ALTER TABLE runs ADD COLUMN reviews_orphaned INTEGER;
ALTER TABLE runs ADD COLUMN reviews_lost INTEGER;
