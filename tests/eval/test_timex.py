"""TimeML values -> intervals, and the timex scorer on an invented article."""
from __future__ import annotations

import json

import pytest

from pipeline.eval.gold import F_TIMEX, GoldDoc, detect_format, iter_gold
from pipeline.eval.metrics import Casualties, Scores
from pipeline.eval.score import score_doc
from pipeline.eval.timex import timex_interval
from pipeline.types import ArticleMeta, DateValue, Extraction, Span


@pytest.mark.parametrize("value, interval", [
    ("1999-03-14", ("1999-03-14", "1999-03-14")),
    ("2000-02", ("2000-02-01", "2000-02-29")),            # leap year
    ("1999-02", ("1999-02-01", "1999-02-28")),
    ("1997", ("1997-01-01", "1997-12-31")),
    ("1999-W01", ("1999-01-04", "1999-01-10")),           # ISO week: Monday to Sunday
    ("1998-W53", ("1998-12-28", "1999-01-03")),
    ("1999-W10-WE", ("1999-03-13", "1999-03-14")),        # its weekend
    ("1999-Q1", ("1999-01-01", "1999-03-31")),
    ("1999-Q4", ("1999-10-01", "1999-12-31")),
    ("1999-H2", ("1999-07-01", "1999-12-31")),
    ("1999-SP", ("1999-03-01", "1999-05-31")),
    ("1999-SU", ("1999-06-01", "1999-08-31")),
    ("1999-FA", ("1999-09-01", "1999-11-30")),
    ("1999-WI", ("1999-12-01", "2000-02-29")),            # December to February of the next year
    ("198X", ("1980-01-01", "1989-12-31")),
    ("19", ("1900-01-01", "1999-12-31")),
    ("20XX", ("2000-01-01", "2099-12-31")),
    ("1999-03-14T09:30", ("1999-03-14", "1999-03-14")),   # a time: its day
    ("1999-03-14TEV", ("1999-03-14", "1999-03-14")),
    ("1999-03-14T18", ("1999-03-14", "1999-03-14")),
    ("FY1999", ("1999-01-01", "1999-12-31")),              # a fiscal year: the calendar year named
    ("FY1998-Q3", ("1998-07-01", "1998-09-30")),
    ("FY2001-H1", ("2001-01-01", "2001-06-30")),
])
def test_calendar_values(value, interval):
    assert timex_interval(value) == interval


@pytest.mark.parametrize("value", [
    "PAST_REF", "PRESENT_REF", "FUTURE_REF", "P3D", "PT2H", "PXY", "XXXX-03-14", "1999-XX", "1999-03-XX",
    "1999-02-30", "1999-13", "1999-W60", "1999-H3", "FY99", "FYXXXX", "", None,
])
def test_values_without_an_interval(value):
    assert timex_interval(value) is None


TEXT = "On Monday, March 8, 1999, officials met for three days; last spring talks failed, as they do each year."


def _spans(*words):
    out = []
    for w in words:
        i = TEXT.index(w)
        out.append((i, i + len(w)))
    return out


LINE = {
    "doc_id": "tx-9", "source_dataset": "AQUAINT", "split": "dev", "title": "t", "url": None, "text": TEXT,
    "publication_date": "1999-03-09",
    "gold": {"events": [], "attributions": [], "locations": [], "timexes": [
        {"start": a, "end": b, "text": TEXT[a:b], "type": ty, "value": v, "tid": f"t{i}"}
        for i, ((a, b), ty, v) in enumerate(zip(
            _spans("Monday, March 8, 1999", "three days", "last spring", "each year"),
            ["DATE", "DURATION", "DATE", "SET"], ["1999-03-08", "P3D", "1998-SP", "P1Y"]))]},
}


def _load(tmp_path) -> GoldDoc:
    p = tmp_path / "dates_x.jsonl"
    p.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    (doc,) = list(iter_gold(p))
    assert isinstance(doc, GoldDoc), doc
    return doc


def test_loader(tmp_path):
    assert detect_format(LINE) == "timex"
    doc = _load(tmp_path)
    assert doc.annotated == frozenset({F_TIMEX}) and doc.published == "1999-03-09"
    assert [(t.type, t.value) for t in doc.timexes] == [("DATE", "1999-03-08"), ("DURATION", "P3D"),
                                                        ("DATE", "1998-SP"), ("SET", "P1Y")]


def date(words: str, start: str, end: str) -> DateValue:
    (a, b), = _spans(words)
    return DateValue(start=start, end=end, granularity="day", rule="t", span=Span(start=a, end=b, text=TEXT[a:b]))


def _score(tmp_path, *dates: DateValue) -> Scores:
    ex = Extraction(article=ArticleMeta(id="tx-9", source="t", sha256="0", chars=len(TEXT)))
    ex.dates.extend(dates)
    sc = Scores()
    score_doc(sc, _load(tmp_path), ex, Casualties())
    return sc


def test_perfect(tmp_path):
    sc = _score(tmp_path, date("Monday, March 8, 1999", "1999-03-08", "1999-03-08"),
                date("last spring", "1998-03-01", "1998-05-31"))
    for mode in ("strict", "overlap"):
        m = sc.metrics[f"dates.timex.{mode}"]
        assert (m.tp, m.fp, m.fn) == (2, 0, 0)     # the DURATION and the SET are not scored
    assert sc.metrics["dates.timex.value_acc"].value == 1.0


def test_partial_extent_wrong_value_and_dont_care(tmp_path):
    sc = _score(tmp_path, date("March 8, 1999", "1999-03-08", "1999-03-08"),   # overlaps, not strict
                date("spring", "1999-03-01", "1999-05-31"),                     # wrong year
                date("three days", "1999-03-06", "1999-03-08"),                 # on a DURATION: don't care
                date("officials", "1999-01-01", "1999-12-31"))                  # no timex: false positive
    strict, overlap = sc.metrics["dates.timex.strict"], sc.metrics["dates.timex.overlap"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 3, 2)
    assert (overlap.tp, overlap.fp, overlap.fn) == (2, 1, 0)
    acc = sc.metrics["dates.timex.value_acc"]
    assert (acc.correct, acc.n) == (1, 2)


def test_nothing_predicted(tmp_path):
    sc = _score(tmp_path)
    m = sc.metrics["dates.timex.overlap"]
    assert (m.tp, m.fp, m.fn, m.recall) == (0, 0, 2, 0.0)
    assert "dates.timex.value_acc" not in sc.metrics


def test_unanchored_prediction_is_a_wrong_value_not_a_crash(tmp_path):
    # a relative date whose anchor is unknown has start/end null: it counts for the extent, its value is wrong
    sc = _score(tmp_path, date("Monday, March 8, 1999", "1999-03-08", "1999-03-08"),
                DateValue(start=None, end=None, granularity="season", relative=True, rule="season",
                          span=Span(start=TEXT.index("last spring"), end=TEXT.index("last spring") + 11,
                                    text="last spring")))
    assert sc.metrics["dates.timex.overlap"].tp == 2
    acc = sc.metrics["dates.timex.value_acc"]
    assert (acc.correct, acc.n) == (1, 2)


@pytest.mark.parametrize("value, mod, interval", [
    ("1999-11", "END", ("1999-11-21", "1999-11-30")),     # "late November": the lexicon's late part
    ("1999-12", "START", ("1999-12-01", "1999-12-10")),
    ("2000-02", "MID", ("2000-02-11", "2000-02-20")),
    ("1997", "START", ("1997-01-01", "1997-04-30")),
    ("198X", "END", ("1987-01-01", "1989-12-31")),
    ("199X", "START", ("1990-01-01", "1993-12-31")),
    ("19", "LATE", ("1967-01-01", "1999-12-31")),
    # other mods, and values that are no whole month, year, decade or century, keep the value's interval
    ("1999-11", "APPROX", ("1999-11-01", "1999-11-30")),
    ("1999-11-05", "END", ("1999-11-05", "1999-11-05")),
    ("1999-11-01", "START", ("1999-11-01", "1999-11-01")),  # a day is no month
    ("1999-Q3", "END", ("1999-07-01", "1999-09-30")),
])
def test_mod_narrows_the_value(value, mod, interval):
    assert timex_interval(value, mod) == interval
