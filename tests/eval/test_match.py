"""Span matching, one-to-one assignment, event matching and the Acc@161 distance."""
from __future__ import annotations

import pytest

from pipeline.eval.gold import GDate, GEvent, GPlace, GCasualty
from pipeline.eval.match import (
    exact, greedy, haversine_km, match_events, match_spans, norm, overlaps, same_place,
)
from pipeline.eval.metrics import gold_view


@pytest.mark.parametrize("a, b, km", [
    ((0.0, 0.0), (0.0, 1.0), 111.195),            # one degree of longitude on the equator
    ((0.0, 0.0), (1.0, 0.0), 111.195),            # one degree of latitude
    ((48.8566, 2.3522), (51.5074, -0.1278), 343.6),  # Paris - London
    ((43.31, 45.69), (43.31, 45.69), 0.0),
    ((0.0, 179.5), (0.0, -179.5), 111.195),       # across the antimeridian
])
def test_haversine(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


@pytest.mark.parametrize("g, p, ok", [
    ((557, None, None), (557, None, None), True),                  # same id, no coordinates
    ((557, 43.0, 45.0), (999, 43.0, 46.9), True),                  # ~154 km apart: within 161
    ((557, 43.0, 45.0), (999, 43.0, 47.1), False),                 # ~170 km: outside
    ((None, 43.0, 45.0), (None, None, None), False),               # no predicted coordinates
    ((557, 43.0, 45.0), (None, 43.0, 45.0), True),                 # coordinates decide without an id
])
def test_same_place_acc161(g, p, ok):
    assert same_place(*g, *p) is ok


TEXT = "Police said, on Monday, that two men were killed."


@pytest.mark.parametrize("a, b, is_exact, is_overlap", [
    (((0, 11),), ((0, 11),), True, True),
    (((0, 11),), ((0, 12),), True, True),        # trailing comma is trimmed
    (((0, 6),), ((7, 11),), False, False),
    (((0, 11),), ((7, 20),), False, True),
    (((0, 6), (7, 11)), ((0, 11),), True, True),   # two touching pieces = one span (after whitespace trim)
    (((0, 6), (12, 22)), ((0, 6),), False, True),  # discontinuous gold, one piece predicted
    (((0, 6), (13, 22)), ((0, 22),), True, True),  # discontinuous gold, prediction from first to last piece
    (((0, 6), (13, 22)), ((0, 6), (16, 22)), False, True),
    ((), ((0, 6),), False, False),
])
def test_exact_and_overlap(a, b, is_exact, is_overlap):
    assert exact(a, b, TEXT) is is_exact
    assert overlaps(a, b) is is_overlap


def test_norm_merges_and_trims():
    assert norm(((12, 23), (0, 6)), TEXT) == ((0, 6), (13, 22))


def test_greedy_is_one_to_one_and_prefers_the_best_pair():
    gold = [((0, 10),), ((20, 30),)]
    pred = [((0, 9),), ((2, 10),), ((21, 30),)]
    pairs = match_spans(gold, pred, "overlap")
    assert pairs == [(0, 0), (1, 2)]  # (0,9) has the larger overlap with (0,10); (2,10) stays unmatched
    assert match_spans(gold, pred, "exact") == []
    assert greedy([1, 2], [2, 1], lambda g, p: 1.0 if g == p else 0.0) == [(0, 1), (1, 0)]


def _ev(span=(), date=None, places=(), casualties=(), id="g"):
    return gold_view(GEvent(id=id, span=span, date=date, places=list(places), casualties=list(casualties)))


def test_event_matching_tiers():
    d = GDate("2016-05-09", "2016-05-09", "day")
    grozny = GPlace("Grozny", (), geonameid=557)
    gold = [
        _ev(span=((100, 120),)),                                                   # matched by its span
        _ev(casualties=[GCasualty("killed", 1, span=((300, 310),))]),              # by a value span
        _ev(date=d, places=[grozny]),                                              # by date + place
        _ev(span=((900, 910),)),                                                   # unmatched
    ]
    pred = [
        _ev(date=d, places=[GPlace("grozny", ())]),                                # date + same name
        _ev(span=((290, 299),), casualties=[GCasualty("killed", 1, span=((305, 312),))]),
        _ev(span=((110, 130),)),
        _ev(span=((500, 510),)),
    ]
    assert match_events(gold, pred) == [(0, 2), (1, 1), (2, 0)]


def test_event_span_overlap_beats_value_overlap():
    gold = [_ev(span=((0, 10),), casualties=[GCasualty("killed", 1, span=((50, 60),))])]
    pred = [_ev(span=((40, 45),), casualties=[GCasualty("killed", 1, span=((50, 60),))]), _ev(span=((5, 15),))]
    assert match_events(gold, pred) == [(0, 1)]


def test_same_date_different_place_does_not_match():
    d = GDate("2016-05-09", "2016-05-09", "day")
    gold = [_ev(date=d, places=[GPlace("Grozny", ())])]
    pred = [_ev(date=d, places=[GPlace("Derbent", ())])]
    assert match_events(gold, pred) == []


def test_an_aggregate_gold_event_is_matched_like_any_other():
    """analytical_dev: a toll over a period ("aggregate") is an event; it matches by span or values."""
    from pipeline.eval.metrics import EventView

    def view(span, typ, values=(), date=None, keys=()):
        return EventView(span=span, value_spans=list(values), date=date, granularity=None, date_span=(),
                         place_keys=set(keys), places=[], counts={}, type=typ)

    gold = [view(((100, 160),), "aggregate", values=[((120, 130),)]), view(((10, 30),), "political")]
    pred = [view(((12, 28),), "attack"), view(((150, 170),), "killing")]
    assert match_events(gold, pred) == [(0, 1), (1, 0)]
    gold_by_values = [view((), "aggregate", values=[((120, 130),)])]
    assert match_events(gold_by_values, [view(((118, 125),), "killing", values=[((118, 125),)])]) == [(0, 0)]
