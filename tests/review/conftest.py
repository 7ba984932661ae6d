"""Fixtures for review tests: small hand-built articles (some hostile) written through the real store code."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.extract.casualties.figures import event_figures
from pipeline.types import (
    Article, Attribution, Casualty, DateValue, Event, Extraction, Place, SourceRef, Span, SpanRef,
)

HOSTILE = (
    "KIRA, 3 March 2024 \u2014 At least 12 people were killed and 30 wounded when a car bomb exploded near the "
    "market in Kira on Monday, police said.\n"
    "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> </textarea>"
    "<b onmouseover=\"window.__pwned = 3\">bold</b> {{7*7}} &amp; &lt;\n"
    "Officials blamed the Northern Front. \U0001F642 Later, 4 more died in Dalmo hospital."
)
PLAIN = (
    "Rivertown, 5 June 2023. Two soldiers were killed in an ambush on a convoy near Rivertown on Saturday, "
    "the army said in a statement. Three others were injured."
)


def sp(text: str, needle: str, nth: int = 0, start_at: int = 0) -> Span:
    i = start_at
    for _ in range(nth + 1):
        i = text.index(needle, i if _ == 0 else i + 1)
    return Span(start=i, end=i + len(needle), text=needle)


def article(text: str, aid: str, published: str = "2024-03-03") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                   title=f"Test article {aid}", published=published)


def hostile_extraction(text: str = HOSTILE, variant: int = 1) -> tuple[Article, Extraction]:
    """variant 2 = 'a changed rule': the date span grows ("on Monday" -> "Monday"), the rest stays."""
    a = article(text, "hostile")
    killed = Casualty(kind="killed", count=12, low=12, high=None, qualifier="at least", total=True, rule="num-verb",
                      span=sp(text, "At least 12 people were killed"), attribution_ids=["at-1"])
    injured = Casualty(kind="injured", count=30, low=30, high=30, total=True, rule="num-verb",
                       span=sp(text, "30 wounded"), attribution_ids=["at-1"])
    later = Casualty(kind="killed", count=4, low=4, high=4, total=False, group="later", rule="num-verb",
                     span=sp(text, "4 more died"))
    kira = Place(name="Kira", geonameid=None, country="XX", feature="city", relation="in", rule="gazetteer",
                 span=sp(text, "Kira"))
    evil = Place(name='<img src=x onerror="window.__pwned = 2">', rule="gazetteer",
                 span=sp(text, '<img src=x onerror="window.__pwned = 2">'))
    dalmo = Place(name="Dalmo", rule="gazetteer", span=sp(text, "Dalmo"))
    date_span = sp(text, "on Monday") if variant == 1 else sp(text, "Monday")
    monday = DateValue(start="2024-02-26", end="2024-02-26", granularity="day", relative=True,
                       rule="weekday-before-publication", span=date_span)
    dateline = DateValue(start="2024-03-03", end="2024-03-03", granularity="day", rule="dateline",
                         span=sp(text, "3 March 2024"))
    at = Attribution(id="at-1", kind="report", source=SourceRef(name="police", span=sp(text, "police")),
                     cue=SpanRef(span=sp(text, "said")),
                     content=SpanRef(span=sp(text, "At least 12 people were killed and 30 wounded")),
                     event_ids=["ev-1"])
    ev = Event(id="ev-1", type="bombing", span=sp(text, "a car bomb exploded"), date=monday, places=[kira],
               casualties=[killed, injured], attribution_ids=["at-1"],
               figures=event_figures([killed, injured]))
    ex = Extraction(article=a.meta(), events=[ev], attributions=[at], places=[kira, evil, dalmo],
                    dates=[dateline, monday], casualties=[later])
    return a, ex


def plain_extraction() -> tuple[Article, Extraction]:
    text = PLAIN
    a = article(text, "plain", "2023-06-05")
    killed = Casualty(kind="killed", count=2, low=2, high=2, total=True, rule="num-verb",
                      span=sp(text, "Two soldiers were killed"), attribution_ids=["at-1"])
    place = Place(name="Rivertown", geonameid=123, country="XX", rule="gazetteer", relation="near",
                  span=sp(text, "Rivertown", nth=1))
    at = Attribution(id="at-1", kind="statement", source=SourceRef(name="army", span=sp(text, "the army")),
                     cue=SpanRef(span=sp(text, "said")), content=SpanRef(span=sp(text, "Two soldiers were killed")))
    ev = Event(id="ev-1", type="ambush", span=sp(text, "an ambush on a convoy"), places=[place],
               casualties=[killed], attribution_ids=["at-1"], figures=event_figures([killed]))
    return a, Extraction(article=a.meta(), events=[ev], attributions=[at], places=[place])


def write(db: Path, items, run_id: str = "run-1") -> None:
    from pipeline.store import connect
    from pipeline.store.repo import write_batch

    con = connect(db)
    try:
        con.execute("INSERT INTO runs (run_id, version, model, config_hash, started_at, state) "
                    "VALUES (?, '0.1.0', 'test', 'x', now(), 'completed') ON CONFLICT DO NOTHING", [run_id])
        write_batch(con, run_id, list(items))
    finally:
        con.close()


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "claims.duckdb"
    write(path, [hostile_extraction(), plain_extraction()])
    return path
