"""One article never sinks a batch (issue 21): a ten-digit toll, a far-future publication date, pathological texts
and a malformed JSONL line in one batch; every other article is stored. Counts above the ceiling are clamped and
flagged; a write that fails for one article is retried article by article."""
from __future__ import annotations

import json

import duckdb
import pytest

from pipeline import batch as B
from pipeline.extract import api
from pipeline.ingest.readers import make_article
from pipeline.run import run_pipeline
from pipeline.types import COUNT_CEILING, span_errors
from tests.store.kit import write_articles


def _batch(folder):
    write_articles(folder, 3)
    (folder / "toll.txt").write_text("Officials said 2147483648 people were killed in the fighting on Monday.\n",
                                     encoding="utf-8")
    (folder / "future.md").write_text("---\npublished: 9999-12-31\n---\nGunmen killed four guards near Mosul "
                                      "yesterday, police said.\n", encoding="utf-8")
    (folder / "equals.txt").write_text("=" * 16000 + "\n", encoding="utf-8")
    (folder / "killed.txt").write_text("killed " * 4000 + "\n", encoding="utf-8")
    lines = [json.dumps({"id": "good-line", "text": "Two soldiers were wounded in Homs on Friday, the army said."}),
             '{"id": "bad", "text": "unterminated',
             json.dumps({"id": "t", "text": "A quiet day.", "title": 42}),
             '{"id": "s", "text": "lone \\ud800 surrogate"}']
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_batch_with_hostile_articles_stores_every_other_article(tmp_path, nlp):
    _batch(tmp_path / "in")
    db = tmp_path / "b.duckdb"
    s = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False, batch_size=16)
    assert s.state == "completed"
    errors = sorted(f.source for f in s.errors)
    assert errors == [f"{tmp_path / 'in' / 'mixed.jsonl'}:{n}" for n in (2, 3, 4)], s.errors
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        assert {"art000", "art001", "art002", "toll", "future", "equals", "killed", "good-line"} <= ids
        assert con.execute("SELECT max(count) FROM casualties").fetchall()[0][0] == 2147483648
        assert con.execute("SELECT published FROM articles WHERE id = 'future'").fetchall() == [(None,)]
        w = con.execute("SELECT component, rule FROM extraction_warnings WHERE article_id = 'future'").fetchall()
        assert ("ingest", "published-range") in w
        assert con.execute("SELECT count(*) FROM event_figures").fetchall()[0][0] > 0   # the view reads BIGINTs
    finally:
        con.close()


@pytest.mark.parametrize("text", [
    "Officials said 5000000000000 people were killed in the war.",
    "At least 3,000,000,000,000 people were killed, the ministry said.",
])
def test_count_above_the_ceiling_is_clamped_and_flagged(nlp, text):
    art = make_article(text, "c.txt")
    ex = api.extract_batch_results([art], nlp=nlp)[0]
    assert span_errors(ex, text) == []
    over = [c for c in ex.casualties if "count-clamped" in c.flags]
    assert over
    assert all(c.count <= COUNT_CEILING for c in ex.casualties)
    assert any(w.rule == "count-ceiling" and "ceiling" in w.reason for w in ex.warnings)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0999-12-31", "3000-01-01"])
def test_publication_date_out_of_range_is_refused_with_a_warning(nlp, published):
    text = "Gunmen killed two guards near Mosul three days ago, police said on Monday."
    art = make_article(text, "p.txt", published=published)
    assert art.published is None and art.warnings[0].rule == "published-range"
    raw = art.model_copy(update={"published": published, "warnings": []})   # an Article built by a caller
    ex = api.extract_batch_results([raw], nlp=nlp)[0]
    assert not isinstance(ex, api.ArticleFailed)
    assert ex.article.published is None and [w.rule for w in ex.warnings] == ["published-range"]


@pytest.mark.parametrize("published", ["2016-06-27", "1000-01-01", "2999-12-31"])
def test_publication_date_in_range_is_kept(published):
    art = make_article("Gunmen killed two guards near Mosul, police said.", "p.txt", published=published)
    assert art.published == published and art.warnings == []


@pytest.mark.parametrize("text, published", [
    ("On 29 February, a car bomb killed two guards outside the governor's office.", "2019-06-01"),
    ("The blast on February 29 wounded three people, police said.", "2021-03-10"),
    ("Fighting resumed on 31 April, officials said.", "2016-06-27"),
    ("Two days later, on 29 Feb., the army withdrew.", None),
    ("On 29 February, a car bomb killed two guards outside the governor's office.", "2022-05-04"),
    ("The blast on February 29 wounded three people, police said.", "2999-12-31"),
])
def test_impossible_dates_do_not_crash(nlp, text, published):
    art = make_article(text, "d.txt", published=published)
    ex = api.extract_batch_results([art], nlp=nlp)[0]
    assert not isinstance(ex, api.ArticleFailed)
    assert span_errors(ex, text) == []
    assert not [w for w in ex.warnings if w.rule in ("find", "link")]   # no component failed


@pytest.mark.parametrize("text", ["=" * 16000, "killed " * 4000, "(" * 5000, "\u201c" * 3000 + "said",
                                  "1 " * 5000, "a" * 20000])
def test_pathological_texts_extract_with_exact_spans(nlp, text):
    art = make_article(text, "x.txt")
    ex = api.extract_batch_results([art], nlp=nlp)[0]
    assert not isinstance(ex, api.ArticleFailed)
    assert span_errors(ex, text) == []


def test_a_write_that_fails_for_one_article_is_retried_one_by_one(tmp_path, nlp, monkeypatch):
    import pipeline.store.repo as repo

    write_articles(tmp_path / "in", 4)
    real = repo.write_batch

    def picky(con, run_id, items):
        if any(a.id == "art002" for a, _ in items):
            raise duckdb.ConversionException("Conversion Error: value out of range")
        return real(con, run_id, items)

    monkeypatch.setattr(repo, "write_batch", picky)
    db = tmp_path / "r.duckdb"
    s = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False, batch_size=4)
    assert s.articles_new == 3 and len(s.errors) == 1
    assert s.errors[0].source.endswith("art002.txt#art002") and s.errors[0].reason.startswith("write failed")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall()) == ["art000", "art001", "art003"]
        assert con.execute("SELECT kind FROM ingest_errors").fetchall() == [("write",)]
    finally:
        con.close()


def test_a_database_failure_is_not_hidden_as_an_article_failure(tmp_path, nlp, monkeypatch):
    import pipeline.store.repo as repo

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(repo, "write_batch", broken)
    write_articles(tmp_path / "in", 2)
    with pytest.raises(OSError, match="disk full"):
        B.write_results(str(tmp_path / "x.duckdb"), "r", [(a, api.extract_one(a, nlp)) for a in
                        [make_article("Two guards were killed in Homs.", "a.txt")]])
    B.close_connection(str(tmp_path / "x.duckdb"))
