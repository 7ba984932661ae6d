"""Degrade, never drop (issue 21): a failing component, a value whose span is not the text, a call over its time
budget cost that component's output or that value, with a warning; the article and its other claims are kept
(in the Extraction, in DuckDB's `extraction_warnings`, in the run summary). An article is failed only when nothing
could be extracted, and `--retry-failed` tries it again."""
from __future__ import annotations

import time

import duckdb
import pytest

from pipeline.extract import _guard, api
from pipeline.extract.attribution.component import AttributionExtractor
from pipeline.extract.places.component import PlacesExtractor
from pipeline.ingest.readers import make_article
from pipeline.run import run_pipeline
from pipeline.types import span_errors
from tests.store.kit import write_articles

TEXT = ("KIRKUK, June 3, 2016\n\nAt least 7 people were killed and 12 injured when gunmen attacked a checkpoint "
        "near Kirkuk on Monday, police said.\n")


def _extract(nlp, text=TEXT):
    art = make_article(text, "t.txt")
    return art, api.extract_batch_results([art], nlp=nlp)[0]


def test_a_failing_component_costs_only_its_output(nlp, monkeypatch):
    def boom(self, doc):
        raise RuntimeError("places exploded")

    monkeypatch.setattr(PlacesExtractor, "find", boom)
    art, ex = _extract(nlp)
    assert not isinstance(ex, api.ArticleFailed)
    assert ex.places == [] and all(e.places == [] for e in ex.events)
    assert ex.casualties and ex.events and ex.attributions and ex.dates      # the others are kept
    w = [w for w in ex.warnings if w.component == "claimscope_places"]
    assert len(w) == 1 and w[0].rule == "find" and "places exploded" in w[0].reason and w[0].article == art.id
    assert span_errors(ex, art.text) == []


def test_a_failing_link_stage_empties_only_what_it_links(nlp, monkeypatch):
    from pipeline.extract._component import LinkStage

    def broken(doc, events, lexicon):
        for ev in events:
            ev["attribution_idxs"] = [0]
        raise KeyError("half way")

    monkeypatch.setattr(AttributionExtractor, "link_stage", LinkStage(writes=AttributionExtractor.link_stage.writes,
                                                                      run=broken))
    _art, ex = _extract(nlp)
    assert ex.events and all(e.attribution_ids == [] for e in ex.events)  # reset, not half linked
    assert ex.attributions and ex.events[0].casualties
    assert [(w.component, w.rule) for w in ex.warnings] == [("claimscope_attribution", "link")]


@pytest.mark.parametrize("payload, what", [
    ({"start_char": 5, "end_char": 2}, "end before start"),
    ({"start_char": 0, "end_char": 10_000}, "past the end"),
    ({"start_char": -3, "end_char": 4}, "negative"),
])
def test_a_value_whose_span_is_not_the_text_is_dropped_with_a_warning(nlp, monkeypatch, payload, what):
    real = PlacesExtractor.find

    def with_bad(self, doc):
        found = real(self, doc)
        return found + [dict(found[0], **payload, rule="test-rule")]

    monkeypatch.setattr(PlacesExtractor, "find", with_bad)
    art, ex = _extract(nlp)
    assert ex.places and span_errors(ex, art.text) == []
    w = [w for w in ex.warnings if w.rule == "test-rule"]
    assert w and w[0].component == "claimscope_places" and "dropped" in w[0].reason, what


def test_nothing_extracted_because_everything_failed_is_a_failed_article(nlp, monkeypatch):
    from pipeline.extract._component import Component

    monkeypatch.setattr(Component, "__call__", lambda self, doc: (_guard.guarded(
        doc, self.name, "find", lambda: 1 / 0), self.set_annotations_empty(doc), doc)[-1])
    _art, res = _extract(nlp)
    assert isinstance(res, api.ArticleFailed) and "nothing could be extracted" in res.reason


def test_an_article_that_states_nothing_is_not_failed(nlp):
    _art, ex = _extract(nlp, "Weather notes.\n\nIt was a quiet afternoon in the garden.\n")
    assert not isinstance(ex, api.ArticleFailed) and ex.warnings == []


def test_time_budget_interrupts_a_runaway_call():
    t0 = time.monotonic()
    with pytest.raises(_guard.TimeBudgetExceeded):
        with _guard.Deadline(0.2):
            n = 0
            while time.monotonic() - t0 < 20:
                n += 1
    assert time.monotonic() - t0 < 20


def test_time_budget_leaves_a_call_that_finishes_alone():
    with _guard.Deadline(5):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(0.05)  # nothing fires later either


def test_a_component_over_its_budget_is_cut_off_with_a_warning(nlp, monkeypatch):
    real = PlacesExtractor.find

    def slow(self, doc):
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            pass
        return real(self, doc)

    _extract(nlp)  # everything the components load on first use is loaded before the budget is cut
    monkeypatch.setattr(_guard, "TIME_BUDGET", 0.3)
    monkeypatch.setattr(PlacesExtractor, "find", slow)
    _art, ex = _extract(nlp)
    assert ex.places == [] and ex.casualties
    w = [w for w in ex.warnings if w.component == "claimscope_places"]
    assert w and "time budget" in w[0].reason


def test_run_stores_the_article_with_its_warning_and_retries_failed(tmp_path, nlp, monkeypatch):
    """The done-when test: a deliberately failing component; the article is stored, the warning is in
    extraction_warnings, in runs.warnings and in the summary."""
    write_articles(tmp_path / "in", 2)

    def boom(self, doc):
        raise ValueError("deliberate")

    monkeypatch.setattr(PlacesExtractor, "find", boom)
    db = tmp_path / "w.duckdb"
    s = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False)
    assert s.articles_new == 2 and s.errors == [] and s.warnings == 2 and s.places == 0 and s.casualties > 0
    assert all(ex[1] == "claimscope_places" and "deliberate" in ex[3] for ex in s.warning_examples)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT component, rule, article_id FROM extraction_warnings ORDER BY article_id").fetchall()
        assert rows == [("claimscope_places", "find", "art000"), ("claimscope_places", "find", "art001")]
        assert con.execute("SELECT warnings FROM runs").fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 2
    finally:
        con.close()


def test_failed_article_is_retried_with_retry_failed(tmp_path, nlp, monkeypatch):
    from pipeline.extract._component import Component

    write_articles(tmp_path / "in", 1)
    real = Component.__call__
    monkeypatch.setattr(Component, "__call__", lambda self, doc: (_guard.guarded(
        doc, self.name, "find", lambda: 1 / 0), self.set_annotations_empty(doc), doc)[-1])
    db = tmp_path / "f.duckdb"
    s1 = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False)
    assert s1.articles_new == 0 and len(s1.errors) == 1 and "nothing could be extracted" in s1.errors[0].reason
    monkeypatch.setattr(Component, "__call__", real)
    s2 = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False)
    assert s2.articles_new == 0 and s2.articles_skipped == 1           # failed before: skipped
    s3 = run_pipeline([str(tmp_path / "in")], db=str(db), use_prefect=False, retry_failed=True)
    assert s3.articles_new == 1 and s3.errors == [] and s3.warnings == 0
