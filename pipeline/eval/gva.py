"""GVA (SemEval-2018 Task 5 documents with their Gun Violence Archive records): scoring one article.

The gold is a registry record, not a text annotation (no spans); several articles may report one incident.
Per article, against the predicted incident (`incident_event`):
- `casualties.article.{killed,injured}.*`: the article-level figure (`article_figures`) vs the record's
  `killed` / `injured`, exact accuracy and MAE, next to the naive baseline in the same run;
- `dates.gva.contains_acc`: the incident's date interval contains the record's date;
- `places.gva.city_acc`: one of the incident's places has the record's city or county name (GVA writes a
  place inside a city as "City (Neighbourhood)": either name counts);
- `places.gva.acc161`: the incident's most specific place with coordinates (a street without a GeoNames
  entry has none) lies within 161 km of the record's coordinates;
- the incident's own location fields (`Event.country`, `admin1`, `lat`/`lon`): `places.gva.country_acc`
  (US: the registry records US incidents), `places.gva.state_acc` (admin1 = the record's state) and
  `places.gva.event_point_acc161` (the event's point within 161 km of the record's coordinates).
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.eval.gold import GEvent, GoldDoc
from pipeline.eval.match import ACC_KM, haversine_km
from pipeline.eval.metrics import (Casualties, Scores, _article_where, _score_counts, _zero, article_figure_counts,
                                   primary_event)
from pipeline.types import Event, Extraction


def incident_event(ex: Extraction) -> Optional[Event]:
    """The predicted event that stands for the article's one incident (the one place to switch)."""
    return primary_event(ex)


def article_figures(ex: Extraction, cas: Casualties) -> dict:
    """The article-level killed / injured figures (the one place to switch): what the `article_figures` view
    returns (the figures of the article's main incident), a kind without a figure counting 0."""
    return _zero(article_figure_counts(ex))


_COUNTY = re.compile(r"\s*\((?:county|parish|borough)\)\s*$|\s+(?:county|parish|borough)$", re.I)
_SAINT = re.compile(r"^(?:saint|st\.?)\s+", re.I)


def place_key(name: Optional[str]) -> str:
    """A comparable form of a place name: lower case, 'Saint'/'St.' folded, a county suffix and
    punctuation dropped ("Saint Louis" = "St. Louis", "Cook (county)" = "Cook County" = "cook")."""
    if not name:
        return ""
    s = _COUNTY.sub("", name.strip())
    s = _SAINT.sub("saint ", s)
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


_PAREN = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def gold_keys(name: Optional[str]) -> set[str]:
    """The names a GVA city_or_county accepts: "Goleta (Isla Vista)" -> {goleta, isla vista}; a county
    marker in parentheses is a suffix, not a second name ("Cook (county)" -> {cook})."""
    m = _PAREN.match(name or "")
    if m and not _COUNTY.search(name or ""):
        return {k for k in (place_key(m["main"]), place_key(m["inner"])) if k}
    key = place_key(name)
    return {key} if key else set()


def city_ok(gold_name: Optional[str], ev: Optional[Event]) -> bool:
    keys = gold_keys(gold_name)
    return bool(keys) and ev is not None and any(place_key(p.name) in keys for p in ev.places)


def date_ok(gold_date: Optional[str], ev: Optional[Event]) -> bool:
    d = ev.date if ev is not None else None
    return bool(gold_date and d is not None and d.start and d.end and d.start <= gold_date <= d.end)


def near_ok(lat: Optional[float], lon: Optional[float], ev: Optional[Event], km: float = ACC_KM) -> bool:
    p = located(ev)
    return lat is not None and lon is not None and p is not None and haversine_km(lat, lon, p.lat, p.lon) <= km


def located(ev: Optional[Event]):
    """The event's most specific place that has coordinates, else None."""
    return next((p for p in ev.places if p.lat is not None and p.lon is not None), None) if ev is not None else None


def _span(ev: Optional[Event]) -> Optional[tuple[int, int]]:
    return (ev.span.start, ev.span.end) if ev is not None and ev.span is not None else None


def _score_place(sc: Scores, gold: GoldDoc, ge: GEvent, ev: Optional[Event]) -> None:
    if not ge.places:
        return
    gp = ge.places[0]
    if gp.name:
        ok = city_ok(gp.name, ev)
        sc.acc("places.gva.city_acc").add(ok)
        if not ok:
            names = ", ".join(p.name for p in ev.places) if ev is not None and ev.places else None
            sc.error("places.gva.city", gold, "wrong" if names else "missed", gp.name, names, _span(ev))
    if gp.lat is not None and gp.lon is not None:
        ok = near_ok(gp.lat, gp.lon, ev)
        sc.acc("places.gva.acc161").add(ok)
        if not ok:
            p = located(ev)
            sc.error("places.gva.coordinates", gold, "wrong" if p else "missed", f"{gp.name} ({gp.lat:.2f},{gp.lon:.2f})",
                     f"{p.name} ({p.lat},{p.lon})" if p else None, _span(ev))


def _score_event_geo(sc: Scores, gold: GoldDoc, ge: GEvent, ev: Optional[Event]) -> None:
    """The incident's own location fields (Event.country/admin1/lat/lon): country US (the registry is of US
    incidents), admin1 = the record's state, its point within 161 km of the record's coordinates."""
    sc.acc("places.gva.country_acc").add(ev is not None and ev.country == "US")
    if ge.region:
        ok = ev is not None and bool(ev.admin1) and place_key(ev.admin1) == place_key(ge.region)
        sc.acc("places.gva.state_acc").add(ok)
        if not ok:
            sc.error("places.gva.state", gold, "wrong" if ev is not None and ev.admin1 else "missed", ge.region,
                     ev.admin1 if ev is not None else None, _span(ev))
    gp = ge.places[0] if ge.places else None
    if gp is not None and gp.lat is not None and gp.lon is not None:
        sc.acc("places.gva.event_point_acc161").add(
            ev is not None and ev.lat is not None and haversine_km(gp.lat, gp.lon, ev.lat, ev.lon) <= ACC_KM)


def score_gva(sc: Scores, gold: GoldDoc, ex: Extraction, cas: Casualties) -> None:
    """Add one GVA article (its first record; the set has one per article)."""
    if not gold.events:
        return
    ge = gold.events[0]
    ev = incident_event(ex)
    _score_counts(sc, gold, "casualties.article", {"killed": ge.killed, "injured": ge.injured},
                  article_figures(ex, cas), _zero(cas.naive(gold.text)), _article_where(gold.text, ex))
    if ge.date and ge.date.start:
        ok = date_ok(ge.date.start, ev)
        sc.acc("dates.gva.contains_acc").add(ok)
        if not ok:
            d = ev.date if ev is not None else None
            sc.error("dates.gva", gold, "wrong" if d and d.start else "missed", ge.date.start,
                     (d.start, d.end) if d and d.start else None,
                     (d.span.start, d.span.end) if d and d.span else _span(ev))
    _score_place(sc, gold, ge, ev)
    _score_event_geo(sc, gold, ge, ev)
