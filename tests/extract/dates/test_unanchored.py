"""A relative date with no anchor (no publication date, no date before it) says so: start and end null, with
the rule that found it; the events link, the figures, the store and the eval take such values as they are."""
from __future__ import annotations

import pytest

from pipeline.extract.dates.component import find_dates

TEXT = ("Gunmen attacked a convoy near Dorrel on Saturday evening, killing three soldiers. "
        "Last month a market was bombed in the same district. That year the army had withdrawn.")


@pytest.mark.parametrize("text, span, rule", [
    ("Gunmen attacked a convoy on Saturday evening.", "on Saturday evening", "weekday-before-publication"),
    ("Two shops were looted last month.", "last month", "relative-unit"),
    ("That year the army withdrew.", "That year", "anaphoric-unit"),
    ("The bridge reopened in March.", "March", "month"),
    ("Profit fell in the latest quarter.", "the latest quarter", "quarter"),
    ("The office was raided two weeks ago.", "two weeks ago", "ago"),
])
def test_no_anchor_no_guess(text, span, rule):
    got = [(text[p["start_char"]:p["end_char"]], p["start"], p["end"], p["rule"])
           for p in find_dates(text, None, use_dateparser=False)]
    assert (span, None, None, rule) in got, got


@pytest.mark.parametrize("text, span, start", [
    # an absolute date before it anchors what can be counted from it
    ("A bomb went off on June 3, 2015. Two days later, a second bomb exploded.", "Two days later", "2015-06-05"),
    ("The mill shut on May 2, 2012. That year, prices fell.", "That year", "2012-01-01"),
])
def test_an_earlier_date_anchors(text, span, start):
    got = [(text[p["start_char"]:p["end_char"]], p["start"]) for p in find_dates(text, None, use_dateparser=False)]
    assert (span, start) in got, got


def test_downstream_takes_null_dates(tmp_path):
    from pipeline.extract.api import extract_one
    from pipeline.extract.casualties.figures import article_figures
    from pipeline.ingest.readers import make_article
    from pipeline.store import connect
    from pipeline.store.repo import start_run, write_batch

    art = make_article(TEXT, "unanchored.txt")
    assert art.published is None
    ex = extract_one(art)
    nulls = [d for d in ex.dates if d.start is None]
    assert nulls and all(d.end is None and d.rule and d.span for d in nulls)
    for ev in ex.events:  # an event never takes an unresolved date as its stated date
        assert ev.date is None or ev.date.start is not None
    article_figures(ex)
    con = connect(tmp_path / "n.duckdb")
    run = start_run(con, "m", "h", 1)
    assert write_batch(con, run, [(art, ex)]) == 1
    n = con.execute("SELECT count(*) FROM dates WHERE date_start IS NULL AND date_end IS NULL").fetchall()[0][0]
    assert n == len({(d.span.start, d.span.end) for d in nulls})
    con.close()
