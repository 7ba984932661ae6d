"""GVA registry records (invented lines): loader, and the per-article scorer on hand-made extractions."""
from __future__ import annotations

import json

import pytest

from pipeline.eval.gold import F_GVA, GoldDoc, detect_format, iter_gold
from pipeline.eval.gva import city_ok, date_ok, near_ok, place_key, score_gva
from pipeline.eval.metrics import Casualties, Scores
from pipeline.eval.score import score_doc
from pipeline.extract.casualties.figures import event_figures
from pipeline.types import ArticleMeta, Casualty, DateValue, Event, Extraction, Place, Span

TEXT = "One man died; a pair of brothers suffered wounds in gunfire at Riverton late Saturday night, officers reported."
LINE = {
    "doc_id": "gva-x1", "source_dataset": "SemEval-2018 T5 pilot (GVA)", "split": "dev", "title": "t",
    "url": "http://example.com/2015/06/07/shooting", "text": TEXT, "publication_date": "2015-06-07",
    "gold": {"events": [{"incident_id": "9001", "type": "gun_violence", "date": "2015-06-06",
                         "location": {"state": "Ohio", "city_or_county": "Riverton", "address": "1 Elm St",
                                      "lat_lon": [40.0, -83.0]},
                         "killed": 1, "injured": 2, "participants": [], "spans": None}],
             "attributions": []},
}


def _load(tmp_path, line=LINE) -> GoldDoc:
    p = tmp_path / "gva_dev.jsonl"
    p.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (doc,) = list(iter_gold(p))
    assert isinstance(doc, GoldDoc), doc
    return doc


def test_detect_format_gva_not_gvdb():
    assert detect_format(LINE) == "gva"
    no_name = dict(LINE, source_dataset="")
    assert detect_format(no_name) == "gva"   # incident_id tells it apart


def test_gva_loader(tmp_path):
    doc = _load(tmp_path)
    assert doc.dataset == "gva" and doc.annotated == frozenset({F_GVA}) and doc.published == "2015-06-07"
    (ev,) = doc.events
    assert (ev.incident_id, ev.killed, ev.injured, ev.region) == ("9001", 1, 2, "Ohio")
    assert (ev.date.start, ev.date.end) == ("2015-06-06", "2015-06-06")
    (p,) = ev.places
    assert (p.name, p.lat, p.lon, p.span) == ("Riverton", 40.0, -83.0, ())


def test_gva_loader_without_coordinates(tmp_path):
    line = json.loads(json.dumps(LINE))
    line["gold"]["events"][0]["location"]["lat_lon"] = None
    line["gold"]["events"][0]["date"] = None
    (ev,) = _load(tmp_path, line).events
    assert ev.places[0].lat is None and ev.date is None


def s(a: int, b: int) -> Span:
    return Span(start=a, end=b, text=TEXT[a:b])


def event(date=("2015-06-06", "2015-06-06"), places=(("Riverton", 40.05, -83.1),), killed=1, injured=2) -> Event:
    cas = []
    if killed is not None:
        cas.append(Casualty(kind="killed", count=killed, span=s(0, 12)))
    if injured is not None:
        cas.append(Casualty(kind="injured", count=injured, span=s(14, 48)))
    return Event(id="e1", type="shooting", span=s(52, 59),
                 date=DateValue(start=date[0], end=date[1], granularity="day", rule="t", span=s(77, 85)) if date else None,
                 places=[Place(name=n, lat=la, lon=lo, span=s(63, 71)) for n, la, lo in places], casualties=cas,
                 figures=event_figures(cas))


def extraction(*events: Event) -> Extraction:
    ex = Extraction(article=ArticleMeta(id="gva-x1", source="t", sha256="0", chars=len(TEXT)))
    ex.events.extend(events)
    for e in events:
        ex.casualties.extend(e.casualties)
    return ex


def _values(sc: Scores) -> dict:
    return {k: m.value for k, m in sc.metrics.items() if k.startswith(("dates.gva", "places.gva")) or
            k.endswith(".exact_acc") and "naive" not in k}


def _placed(ev: Event, country="US", admin1="Ohio", lat=40.05, lon=-83.1) -> Event:
    ev.country, ev.admin1, ev.lat, ev.lon = country, admin1, lat, lon
    return ev


def test_perfect_article(tmp_path):
    sc = Scores()
    score_doc(sc, _load(tmp_path), extraction(_placed(event())), Casualties())
    assert _values(sc) == {"casualties.article.killed.exact_acc": 1.0, "casualties.article.injured.exact_acc": 1.0,
                           "dates.gva.contains_acc": 1.0, "places.gva.city_acc": 1.0, "places.gva.acc161": 1.0,
                           "places.gva.country_acc": 1.0, "places.gva.state_acc": 1.0,
                           "places.gva.event_point_acc161": 1.0}


@pytest.mark.parametrize("country, admin1, lat, expected", [
    ("US", "Ohio", 40.05, (1.0, 1.0, 1.0)),
    ("US", "Indiana", 40.05, (1.0, 0.0, 1.0)),     # the wrong state
    ("CA", None, 43.7, (0.0, 0.0, 0.0)),           # another country, no state, 400 km away
    (None, None, None, (0.0, 0.0, 0.0)),           # not placed at all
])
def test_event_location_fields(tmp_path, country, admin1, lat, expected):
    sc = Scores()
    ev = _placed(event(), country, admin1, lat, -79.4 if lat == 43.7 else (-83.1 if lat else None))
    score_doc(sc, _load(tmp_path), extraction(ev), Casualties())
    v = _values(sc)
    assert (v["places.gva.country_acc"], v["places.gva.state_acc"], v["places.gva.event_point_acc161"]) == expected
    assert "casualties.article.killed.naive_exact_acc" in sc.metrics


def test_empty_extraction_scores_zero(tmp_path):
    sc = Scores()
    score_gva(sc, _load(tmp_path), extraction(), Casualties())
    v = _values(sc)
    assert v["dates.gva.contains_acc"] == 0.0 and v["places.gva.city_acc"] == 0.0 and v["places.gva.acc161"] == 0.0
    assert v["casualties.article.killed.exact_acc"] == 0.0   # 0 predicted, gold 1


def test_wrong_figures_and_far_place(tmp_path):
    sc = Scores()
    ev = event(date=("2015-06-01", "2015-06-05"), places=(("Elm Street", 41.5, -83.0), ("Riverton", None, None)),
               killed=3, injured=None)
    score_gva(sc, _load(tmp_path), extraction(ev), Casualties())
    v = _values(sc)
    assert v["casualties.article.killed.exact_acc"] == 0.0 and v["casualties.article.injured.exact_acc"] == 0.0
    assert v["dates.gva.contains_acc"] == 0.0        # the interval ends the day before
    assert v["places.gva.city_acc"] == 1.0           # a place of the event names the city
    assert v["places.gva.acc161"] == 0.0             # its most specific place is 167 km away
    assert sc.metrics["casualties.article.killed.mae"].value == 2.0


@pytest.mark.parametrize("interval, ok", [
    (("2015-06-06", "2015-06-06"), True),
    (("2015-06-01", "2015-06-30"), True),            # a month contains the day
    (("2015-06-07", "2015-06-07"), False),
    (("2015-05-01", "2015-06-05"), False),
    (None, False),
])
def test_date_contains(interval, ok):
    ev = event(date=interval)
    assert date_ok("2015-06-06", ev) is ok


@pytest.mark.parametrize("name, other, same", [
    ("Saint Louis", "St. Louis", True),
    ("Cook (county)", "Cook County", True),
    ("Riverton", "riverton", True),
    ("Fort Worth", "Fort Worth,", True),
    ("Riverton", "Riverside", False),
    ("Marion", "Marion Township", False),
    ("", "", False),
])
def test_place_key(name, other, same):
    assert (bool(place_key(name)) and place_key(name) == place_key(other)) is same
    ev = event(places=((other or "x", None, None),))
    assert city_ok(name, ev) is same


@pytest.mark.parametrize("gold, pred, ok", [
    ("Riverton (Oak Hill)", "Oak Hill", True),     # the neighbourhood GVA names in parentheses
    ("Riverton (Oak Hill)", "Riverton", True),
    ("Riverton (Oak Hill)", "Hill", False),
    ("Cook (county)", "Cook", True),
    ("Cook (county)", "county", False),
])
def test_city_or_county_with_a_second_name(gold, pred, ok):
    assert city_ok(gold, event(places=((pred, None, None),))) is ok


def test_distance_uses_the_most_specific_place_with_coordinates():
    ev = event(places=(("Elm Street", None, None), ("Riverton", 40.1, -83.0), ("Ohio", 40.4, -82.7)))
    assert near_ok(40.0, -83.0, ev)
    assert not near_ok(40.0, -83.0, event(places=(("Elm Street", None, None),)))


@pytest.mark.parametrize("lat, lon, ok", [
    (40.0, -83.0, True),
    (41.4, -83.0, True),      # about 156 km north
    (41.5, -83.0, False),     # about 167 km
    (None, None, False),
])
def test_near(lat, lon, ok):
    assert near_ok(lat, lon, event(places=(("Riverton", 40.0, -83.0),))) is ok
