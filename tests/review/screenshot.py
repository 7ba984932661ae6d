"""Regenerate docs/review.png: `.venv/bin/python -m tests.review.screenshot` (needs chromium + playwright).

The article is one we wrote for the picture; the claims are hand-built (as in the tests), so the screenshot
does not depend on the state of the extractors.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.paths import ROOT
from pipeline.types import Attribution, Casualty, DateValue, Event, Extraction, Place, SourceRef, SpanRef
from tests.review.conftest import article, sp, write

TEXT = (
    "MOSUL, 14 April 2017 \u2014 A suicide car bomb struck a checkpoint on the western outskirts of Mosul on "
    "Thursday, killing at least nine soldiers and wounding 17 others, a military spokesman said.\n\n"
    "A militant group later said in an online message that its fighters carried out the attack. Two civilians were "
    "among the dead, according to a local hospital official, who spoke on condition of anonymity.\n\n"
    "The checkpoint had been attacked twice in March, when three police officers were killed near Tal Afar."
)


def demo() -> tuple:
    t = TEXT
    a = article(t, "mosul-checkpoint", "2017-04-14").model_copy(
        update={"title": "Car bomb hits checkpoint outside Mosul", "source": "corpus/demo/mosul-checkpoint.txt"})
    mosul = Place(name="Mosul", geonameid=99072, country="IQ", admin1="Nineveh", lat=36.335, lon=43.119,
                  feature="city", relation="outskirts", rule="gazetteer", span=sp(t, "Mosul"))
    tal = Place(name="Tal Afar", geonameid=None, country="IQ", feature="city", relation="near", rule="gazetteer",
                span=sp(t, "Tal Afar"))
    thu = DateValue(start="2017-04-13", end="2017-04-13", granularity="day", relative=True,
                    rule="weekday-before-publication", span=sp(t, "on Thursday"))
    mar = DateValue(start="2017-03-01", end="2017-03-31", granularity="month", rule="absolute",
                    span=sp(t, "in March"))
    k9 = Casualty(kind="killed", count=9, low=9, qualifier="at least", rule="num-verb", attribution_ids=["at-1"],
                  span=sp(t, "killing at least nine soldiers"))
    w17 = Casualty(kind="injured", count=17, low=17, high=17, rule="num-verb", attribution_ids=["at-1"],
                   span=sp(t, "wounding 17 others"))
    civ = Casualty(kind="killed", count=2, low=2, high=2, group="civilians", total=False, rule="among-the-dead",
                   attribution_ids=["at-3"], span=sp(t, "Two civilians were among the dead"))
    k3 = Casualty(kind="killed", count=3, low=3, high=3, rule="num-verb", span=sp(t, "three police officers were killed"))
    at1 = Attribution(id="at-1", kind="report", source=SourceRef(name="military spokesman", span=sp(t, "a military spokesman")),
                      cue=SpanRef(span=sp(t, "said")), content=SpanRef(span=sp(t, "killing at least nine soldiers and wounding 17 others")))
    at2 = Attribution(id="at-2", kind="responsibility", source=SourceRef(name="militant group", span=sp(t, "A militant group")),
                      cue=SpanRef(span=sp(t, "said", nth=1)), content=SpanRef(span=sp(t, "its fighters carried out the attack")),
                      event_ids=["ev-1"])
    at3 = Attribution(id="at-3", kind="report", source=SourceRef(name="local hospital official",
                      span=sp(t, "a local hospital official")), cue=SpanRef(span=sp(t, "according to")),
                      content=SpanRef(span=sp(t, "Two civilians were among the dead")), hedged=False)
    ev1 = Event(id="ev-1", type="bombing", span=sp(t, "A suicide car bomb struck a checkpoint"), date=thu,
                places=[mosul], casualties=[k9, w17, civ], attribution_ids=["at-1", "at-2", "at-3"])
    ev2 = Event(id="ev-2", type="attack", span=sp(t, "attacked twice"), date=mar, places=[tal], casualties=[k3])
    ex = Extraction(article=a.meta(), events=[ev1, ev2], attributions=[at1, at2, at3], places=[mosul, tal],
                    dates=[DateValue(start="2017-04-14", end="2017-04-14", granularity="day", rule="dateline",
                              span=sp(t, "14 April 2017")), thu, mar])
    return a, ex


def main(out: Path = ROOT / "docs" / "review.png") -> None:
    from playwright.sync_api import sync_playwright

    from pipeline.review import queries
    from pipeline.review.decisions import make_review, store_review
    from pipeline.review.server import make_server, shutdown, start_background
    from tests.review.test_browser import ARGS, CHROMIUM

    import os

    os.chdir(tempfile.mkdtemp())
    db = Path("claims.duckdb")
    write(db, [demo()])
    sha = demo()[0].sha256
    claims = {c["span_text"]: c for c in queries.article(db, sha)["claims"]}
    store_review(db, make_review(claim=claims["14 April 2017"], decision="accepted", reviewer="demo"))
    store_review(db, make_review(claim=claims["on Thursday"], decision="accepted", reviewer="demo"))
    store_review(db, make_review(claim=claims["wounding 17 others"], decision="corrected", reviewer="demo",
                                 new_value={"count": 18, "low": 18, "high": 18}))
    httpd, app = make_server(db, port=0, reviewer="demo")
    start_background(httpd, app)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pg = b.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
            ev = claims["A suicide car bomb struck a checkpoint"]["claim_id"]
            pg.goto(f"http://127.0.0.1:{app.port}/#status=all&sha={sha}&claim={ev}")  # a link: focused, card
            pg.wait_for_selector("body[data-ready='1']")
            pg.wait_for_selector("#event-card")
            pg.wait_for_timeout(300)
            pg.screenshot(path=str(out))
            b.close()
    finally:
        shutdown(httpd, app)
    print(out)


if __name__ == "__main__":
    main()
