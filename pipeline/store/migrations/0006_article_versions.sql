-- A stored article whose file changed is a new version of that article, not a second one. When a text is read
-- from a source path, with an article id, under which another stored text was read before, the older text is
-- marked superseded by the newer (pipeline/store/repo.py mark_versions); its rows stay, and so do the review
-- decisions on them. The figures views count current versions only; decisions on the claims of a superseded
-- version are listed in reviews_orphaned with the current version's sha256. Reading an older text again
-- (a file reverted) makes it current again.
ALTER TABLE articles ADD COLUMN superseded_by VARCHAR;     -- sha256 of the version that replaced it; NULL: current
ALTER TABLE articles ADD COLUMN superseded_at TIMESTAMP;
