"""Where an event is, in the ACLED/UCDP manner: `event_geo(ctx, ev)` gives the flat fields of an event
(`country`, `admin1`, `admin2`, `geo_precision`, `lat`, `lon`, `geo_place`, `geo_rule`) from the containment
of its places (most specific first, as `link` orders them: a facility in a village in a district in a
region) and, when they give no country, from the article's other places.

Only places that locate the event decide (`GeoContext.deciding`): a distance reference beyond
`geo.near_max_km` ("110 km from X"; a shorter one, "5 km from X", is *near* X), a `from` without distance
("militants from X"), a border ("near the border with X", "the X border"), a demonym ("the Chechen
militant", "the Ruritanian frontier") and a place inside an organisation's name never give an event its
country, region or point. The country rules are a table (COUNTRY_RULES, the first that gives a place wins;
its name is `geo_rule`):
- `own-place`: the event's most specific deciding place names a country;
- `containing-place`: a larger place of the event does (the village is unknown, its district is not);
- `dateline`: the article's dateline place;
- `article-country`: the country the article's deciding places name most often (ties: the first named).
`admin1`: the first deciding place of the event in that country that has one; else, when the event is not
placed at country level, the one first-level region the article's places in that country name (none when
they name several). `admin2`: a district the event's places name (inside that admin1). The point (`lat`,
`lon`, `geo_place`): the first deciding place of the event in that country with coordinates (a building or a
part of a town has its town's; a region borrowed by a demonym has none), else an article mention of the
country itself, else none (null, and `geo_place` is the place the country comes from). `geo_precision`: by
the point's feature (lexicon `geo.precision`: town or village 1, district 2, region or country 3), 2 for a
town the event is only near (`geo.near_relations`). Word lists and numbers: lexicon `geo`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Optional

from pipeline.extract._rules import RuleTable

_WS = re.compile(r"\s+")
_ARTICLE_END = re.compile(r"\b(?:the|a|an)$")

Found = tuple[Optional[int], dict]  # (index in the event's places, or None for another mention; the payload)


class GeoContext:
    """What one article gives every event: its text, deciding toponyms, dateline place and country counts."""

    def __init__(self, text: str, toponyms: list[dict], gx: dict, usable: Callable[[dict], bool],
                 dateline: Callable[[dict], bool]):
        self.text, self.gx = text, gx
        self.article = [p for p in toponyms if usable(p) and self.deciding(p)]
        self.dateline_place = next((p for p in self.article if dateline(p) and p.get("country")), None)
        self.counts = Counter(p["country"] for p in self.article if p.get("country"))

    def deciding(self, p: dict) -> bool:
        """Whether a place may give an event its country: not a reference by distance, direction or border,
        not a demonym, not inside an organisation's name."""
        gx = self.gx
        if (p.get("rule") or "").startswith(tuple(gx["never_rules"])) or p.get("country_from") == "demonym":
            return False  # "the Ruritanian embassy in Vell": an adjective, not where the event is
        km = p.get("distance_km")
        if (km is not None and km > gx["near_max_km"]) or (
                km is None and p.get("relation") in gx["reference_relations"]):
            return False  # "110 km from X", "fled from X"; "5 km from X" is near X
        lo = max(0, p["start_char"] - gx["reference_window_chars"])
        before = _WS.sub(" ", self.text[lo: p["start_char"]].lower()).strip()
        before = _ARTICLE_END.sub("", before).strip()
        if before.endswith(tuple(gx["reference_before"])):
            return False
        after = self.text[p["end_char"]: p["end_char"] + gx["reference_window_chars"]].lower().lstrip(" -")
        return not after.startswith(tuple(gx["reference_after"]))

class GeoScan:
    """One event: its deciding places `own` as (index in its places, payload), most specific first."""

    def __init__(self, ctx: GeoContext, ev: dict):
        self.ctx, self.ev = ctx, ev
        self.own: list[Found] = [(k, p) for k, p in enumerate(ev.get("places") or []) if ctx.deciding(p)]


def _own_place(s: GeoScan) -> Optional[Found]:
    return s.own[0] if s.own and s.own[0][1].get("country") else None


def _containing_place(s: GeoScan) -> Optional[Found]:
    return next(((k, p) for k, p in s.own[1:] if p.get("country")), None)


def _dateline(s: GeoScan) -> Optional[Found]:
    return (None, s.ctx.dateline_place) if s.ctx.dateline_place is not None else None


def _article_country(s: GeoScan) -> Optional[Found]:
    if not s.ctx.counts:
        return None
    top = max(s.ctx.counts.values())
    first = next(p for p in s.ctx.article if p.get("country") and s.ctx.counts[p["country"]] == top)
    return None, first


def _article_place(s: GeoScan) -> bool:
    return bool(s.own) and s.own[0][1].get("relation") == "article"


COUNTRY_RULES = (RuleTable("event country")
                 .add("article-place", _article_place, _own_place)
                 .add("own-place", lambda s: bool(s.own), _own_place)
                 .add("containing-place", lambda s: len(s.own) > 1, _containing_place)
                 .add("dateline", lambda s: s.ctx.dateline_place is not None, _dateline)
                 .add("article-country", lambda s: bool(s.ctx.counts), _article_country))


def feature_of(p: dict) -> str:
    """The feature a place's point has: a building's or part of town's is its town's; a named district
    inside a first-level region is `admin2`."""
    f = p.get("within_feature") or p.get("feature") or "other"
    if f == "admin_region" and p.get("admin1") and p.get("admin1") != p.get("name"):
        return "admin2"
    return f


def _admin1(s: GeoScan, cc: str) -> Optional[str]:
    got = next((p["admin1"] for _k, p in s.own if p.get("country") == cc and p.get("admin1")), None)
    if got is not None or any(p.get("feature") == "country" for _k, p in s.own):
        return got
    names = {p["admin1"] for p in s.ctx.article if p.get("country") == cc and p.get("admin1")}
    return names.pop() if len(names) == 1 else None


def _admin2(s: GeoScan, cc: str, admin1: Optional[str]) -> Optional[str]:
    return next((p["name"] for _k, p in s.own if p.get("country") == cc and feature_of(p) == "admin2"
                 and (admin1 is None or p.get("admin1") == admin1)), None)


def _has_point(p: dict, gx: dict) -> bool:
    if p.get("lat") is None or p.get("lon") is None:
        return False
    return p.get("geonameid") is not None or p.get("within_feature") in gx["point_within_features"]


def _point(s: GeoScan, cc: str) -> Optional[Found]:
    gx = s.ctx.gx
    got = next(((k, p) for k, p in s.own if p.get("country") == cc and _has_point(p, gx)), None)
    if got is None:
        land = next((p for p in s.ctx.article if p.get("country") == cc and p.get("feature") == "country"
                     and _has_point(p, gx)), None)
        got = (None, land) if land is not None else None
    return got


def precision(p: dict, gx: dict) -> int:
    """1 the town or village itself, 2 near a town or a district, 3 a first-level region or larger."""
    prec = gx["precision"].get(feature_of(p), gx["precision"]["other"])
    if prec == 1 and (p.get("relation") in gx["near_relations"] or p.get("distance_km") is not None):
        prec = 2
    return prec


def _ref(k: Optional[int], p: dict) -> dict:
    return {"name": p.get("name"), "geonameid": p.get("geonameid"), "index": k, "coords": p.get("coords"),
            "start_char": p["start_char"], "end_char": p["end_char"]}


EMPTY = {"country": None, "admin1": None, "admin2": None, "geo_precision": None, "lat": None, "lon": None,
         "geo_place": None, "geo_rule": None}


def event_geo(ctx: GeoContext, ev: dict) -> dict:
    """The event's location fields (see the module docstring); all None when nothing gives a country."""
    s = GeoScan(ctx, ev)
    got = COUNTRY_RULES.first(s)
    if got is None:
        return dict(EMPTY)
    rule, (k, src) = got
    cc = src["country"]
    admin1 = _admin1(s, cc)
    out = dict(EMPTY, country=cc, admin1=admin1, admin2=_admin2(s, cc, admin1), geo_rule=rule.name)
    pt = _point(s, cc)
    if pt is not None:
        pk, p = pt
        out.update(lat=p["lat"], lon=p["lon"], geo_precision=precision(p, ctx.gx), geo_place=_ref(pk, p))
    else:
        out["geo_place"] = _ref(k, src)
    return out
