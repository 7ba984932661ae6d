-- Each event's figure per casualty kind, the one `events[].figures` shows (pipeline/extract/casualties/figures.py).
-- From this version on `killed`/`injured` hold that figure (before: the first total mention of the kind).
-- Rows written before this migration keep their old values and have `figures` NULL until re-extracted.
ALTER TABLE events ADD COLUMN killed_low INTEGER;
ALTER TABLE events ADD COLUMN killed_high INTEGER;
ALTER TABLE events ADD COLUMN injured_low INTEGER;
ALTER TABLE events ADD COLUMN injured_high INTEGER;
ALTER TABLE events ADD COLUMN figures JSON;            -- {kind: {count, low, high, attribution_ids, rule}}, every kind
