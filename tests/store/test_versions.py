"""A stored article whose file changed is a new version of that article: the older text is superseded, its
figures are not counted twice, decisions on its claims are listed as orphaned with the current version."""
from __future__ import annotations

import hashlib

import duckdb
import pytest

from pipeline.store import connect
from pipeline.store.repo import record_sources
from tests.review.conftest import PLAIN, article, plain_extraction, write


def _edited(extra: str):
    """The plain article's file edited in place: same source and id, text grown at the end (spans unchanged)."""
    a, ex = plain_extraction()
    text = PLAIN + extra
    a2 = a.model_copy(update={"text": text, "sha256": hashlib.sha256(text.encode()).hexdigest()})
    ex2 = ex.model_copy(update={"article": a2.meta()})
    return a2, ex2


def _q(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.duckdb"
    write(path, [plain_extraction()])
    return path


def test_changed_file_is_a_new_version_not_a_second_article(db):
    old_sha = plain_extraction()[0].sha256
    new, ex = _edited(" A later statement gave no new figures.")
    write(db, [(new, ex)], run_id="run-2")
    assert _q(db, "SELECT sha256, superseded_by FROM articles ORDER BY ingested_at") == [
        (old_sha, new.sha256), (new.sha256, None)]
    # figures once, from the current version
    assert _q(db, "SELECT article_sha256, killed FROM event_figures") == [(new.sha256, 2)]
    assert _q(db, "SELECT article_sha256, count FROM article_figures WHERE kind = 'killed'") == [(new.sha256, 2)]
    assert _q(db, "SELECT sum(killed) FROM event_figures WHERE article_id = 'plain'") == [(2,)]


def test_decision_on_the_old_version_is_shown_as_orphaned(db):
    from pipeline.review.decisions import make_review, store_review
    from pipeline.review.queries import claim_for_review

    old_sha = plain_extraction()[0].sha256
    cid = _q(db, "SELECT claim_id FROM casualties WHERE article_sha256 = ?", [old_sha])[0][0]
    claim = claim_for_review(db, cid)
    store_review(db, make_review(claim=claim, decision="accepted", reviewer="t", new_value=None, note=None,
                                 text_len=claim.get("text_len")))
    assert _q(db, "SELECT count(*) FROM reviews_orphaned") == [(0,)]
    new, ex = _edited(" Officials later updated the report.")
    write(db, [(new, ex)], run_id="run-2")
    assert _q(db, "SELECT claim_id, current_sha256 FROM reviews_orphaned") == [(cid, new.sha256)]


def test_file_reverted_makes_the_old_text_current_again(db):
    old = plain_extraction()[0]
    new, ex = _edited(" One more sentence.")
    write(db, [(new, ex)], run_id="run-2")
    con = connect(db)
    try:
        record_sources(con, [old])       # the file was read again with its first text (already stored)
    finally:
        con.close()
    assert dict(_q(db, "SELECT sha256, superseded_by FROM articles")) == {old.sha256: None, new.sha256: old.sha256}
    assert _q(db, "SELECT article_sha256 FROM event_figures") == [(old.sha256,)]


def test_other_articles_and_same_text_elsewhere_are_untouched(db):
    other = article(PLAIN + " Different file.", "other")          # another id, another source
    a, ex = plain_extraction()
    write(db, [(other, ex.model_copy(update={"article": other.meta()}))], run_id="run-2")
    assert _q(db, "SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL") == [(0,)]
    assert _q(db, "SELECT count(*) FROM event_figures") == [(2,)]


def test_two_texts_under_one_id_read_together_supersede_neither(tmp_path):
    path = tmp_path / "dup.duckdb"
    a, ex = plain_extraction()
    b, exb = _edited(" A duplicate line with the same id.")
    write(path, [(a, ex), (b, exb)])
    assert _q(path, "SELECT count(*) FROM articles WHERE superseded_by IS NULL") == [(2,)]


def test_export_takes_the_current_version_only(db, tmp_path):
    import json

    from pipeline.review.export import export

    new, ex = _edited(" A closing line.")
    write(db, [(new, ex)], run_id="run-2")
    out = tmp_path / "claims.jsonl"
    export(str(db), "jsonl", str(out), False)
    shas = {json.loads(line)["article_sha256"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert shas == {new.sha256}
