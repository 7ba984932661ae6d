"""The places linking stage: `link(doc, events, lexicon)` sets `ev["places"]` of each event.

The places of an event are those in its clause (else its sentence, else the previous sentence of the same
paragraph); comparisons ("a Springfield-style raid") do not count. Demonyms (`references(doc)`) count only
with a relation or before a place noun ("some 40 km from the Ruritanian frontier"), and only after the
toponyms, or alone when the text names no place. The ordering steps are a table (`STEPS`), run in order;
each step is named after what it decides. All word lists and ranks come from the lexicon the stage receives
(the component's configured lexicon, key `link`). Then each event gets its location fields (`ev["geo"]`:
country, admin1, admin2, geo_precision, lat/lon, geo_place; `geo.event_geo`, lexicon key `geo`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Optional

from spacy.tokens import Doc

from pipeline.extract._doc import doc_text, values
from pipeline.extract.places.geo import EMPTY, GeoContext, event_geo

REFS_KEY = "claimscope.place_references"


def is_reference(p: dict) -> bool:
    """A demonym ("the Ruritanian frontier"): it locates (a reference for events, "some 40 km from the
    Ruritanian frontier") but is not a toponym (annotations/README.md; GeoWebNews: don't care)."""
    return (p.get("rule") or "").startswith("demonym")


def references(doc: Doc) -> list[dict]:
    """The demonym payloads of a doc, kept aside from `doc._.cs_places` (see `is_reference`)."""
    return doc.user_data.get(REFS_KEY) or []


_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'-]+"  # capitals with diacritics too ("SÃO TOMÉ —")
                       r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:\([^)]{0,40}\)\s*)?[—–-]")


def _dateline(text: str, p: dict) -> bool:
    """A news dateline ("LAKEVILLE — ...", "PORT ELLIS, Maine — ...") names where the report was filed,
    not necessarily where the incident happened."""
    line_start = text.rfind("\n", 0, p["start_char"]) + 1
    m = _DATELINE.match(text[line_start:line_start + 80])
    return bool(m) and p["end_char"] <= line_start + m.end()


def _key(p: dict):
    return p.get("geonameid") or (p.get("name"), p.get("feature"))


class _Linker:
    """The state of one `link` call: the doc's text, its toponyms and references, the lexicon's link data."""

    def __init__(self, doc: Doc, events: list[dict], lexicon: dict):
        self.doc, self.events = doc, events
        self.lx = lexicon["link"]
        self.place_nouns = {w.lower() for w in lexicon.get("place_nouns", [])}
        self.toponyms = values(doc, "cs_places")
        self.refs = references(doc)
        self.text = doc_text(doc)

    # ------------------------------------------------------------------ which mentions count
    def rank(self, p: dict) -> int:
        """How specific a place is (lexicon `link.feature_rank`: facility 0 ... region 6, else `other`)."""
        f = p.get("feature") or "other"
        if f == "other" and p.get("geonameid") is None and p.get("relation") in self.lx["unknown_is_village_relations"]:
            f = "village"  # a locality the text places the event in but the gazetteer does not know is small
        if f == "admin_region" and p.get("admin1") and p.get("admin1") != p.get("name"):
            f = "admin2"  # a district inside a named first-level region
        ranks = self.lx["feature_rank"]
        return ranks.get(f, ranks["other"])

    def dateline(self, p: dict) -> bool:
        return _dateline(self.text, p)

    def usable(self, p: dict) -> bool:
        text = self.text
        if (p.get("rule") or "").startswith("embedded"):
            return False  # a place inside an organisation's name does not locate an event
        if text[p["end_char"]: p["end_char"] + 7].lower().startswith(tuple(self.lx["comparison_suffixes"])):
            return False  # "a Springfield-style raid" compares, it does not locate
        if text[max(0, p["start_char"] - 1): p["start_char"]] in self.lx["open_quotes"] \
                and text[p["end_char"]: p["end_char"] + 1] in self.lx["close_quotes"]:
            return False  # a "Lakeville" scenario names a pattern, not where the event happened
        if is_reference(p):
            if p.get("relation"):
                return True
            nxt = text[p["end_char"]: p["end_char"] + 30].split()
            return bool(nxt) and nxt[0].lower().strip(",.;:") in self.place_nouns
        return True

    def within(self, pool: list[dict], lo: int, hi: int) -> list[dict]:
        return [p for p in pool if lo <= p["start_char"] and p["end_char"] <= hi and self.usable(p)]

    def scope(self, pool: list[dict], ev: dict) -> list[dict]:
        """The mentions of the event's clause, else of its sentence, else of the paragraph's previous sentence."""
        lo, hi = ev.get("clause_start"), ev.get("clause_end")
        found = self.within(pool, lo, hi) if lo is not None and hi is not None else []
        if not found and ev.get("sent_start") is not None:
            found = self.within(pool, ev["sent_start"], ev["sent_end"])
        if not found and ev.get("sent_start") is not None:
            para_start = self.text.rfind("\n", 0, ev["sent_start"]) + 1
            prev = [p for p in pool if para_start <= p["start_char"] and p["end_char"] <= ev["sent_start"]
                    and self.usable(p)]
            if prev:
                last_sent_start = max(self.text.rfind(". ", para_start, prev[-1]["start_char"]) + 1, para_start)
                found = [p for p in prev if p["start_char"] >= last_sent_start]
        return found

    def gather(self, ev: dict) -> tuple[list[dict], list[dict]]:
        """The event's toponyms (else its references) and the references of its sentence that come after."""
        found = self.scope(self.toponyms, ev)
        extra = []
        if found and self.refs:
            starts = [v for v in (ev.get("clause_start"), ev.get("sent_start")) if v is not None]
            lo = min(starts) if ev.get("sent_start") is not None or ev.get("clause_start") is not None else None
            hi = ev.get("sent_end") if ev.get("sent_end") is not None else ev.get("clause_end")
            extra = self.within(self.refs, lo, hi) if lo is not None and hi is not None else []
        elif self.refs:
            found = self.scope(self.refs, ev)
        return found, extra

    def place(self, ev: dict) -> list[dict]:
        found, extra = self.gather(ev)
        uniq = self.order(found)
        for _name, step in STEPS:
            uniq = step(self, ev, uniq, extra)
        return [dict(p) for p in uniq]

    # ------------------------------------------------------------------ one mention per place, most specific first
    def order(self, found: list[dict]) -> list[dict]:
        """One mention per place (the first; running text before a dateline), most specific first."""
        seen, uniq = set(), []
        for p in sorted(found, key=lambda p: (self.dateline(p), p["start_char"])):
            key = _key(p)
            if key not in seen:
                seen.add(key)
                uniq.append(p)
        inside_rels, max_inside = self.lx["inside_relations"], self.lx["inside_max_rank"]
        # a place "near" comes after a district or settlement the event is "in"
        inside = any(q.get("relation") in inside_rels and self.rank(q) <= max_inside and not self.dateline(q)
                     for q in uniq)
        # among equally specific places, one the text locates the event with ("in", "near", "outskirts of")
        # comes before a bare mention (a dateline, a place in a quote)
        uniq.sort(key=lambda p: (p.get("relation") == "from" or self.dateline(p) or is_reference(p),
                                 inside and p.get("relation") == "near", self.rank(p),
                                 p.get("relation") is None, p["start_char"]))
        self._dateline_city_first(uniq)
        # places in another country than the most specific one only count as references ("from", "near")
        anchor = next((p.get("country") for p in uniq if p.get("country")), None)
        return [p for p in uniq if not anchor or not p.get("country") or p["country"] == anchor
                or p.get("relation") in self.lx["foreign_reference_relations"]]

    def _dateline_city_first(self, uniq: list[dict]) -> None:
        """A dateline city inside the larger area the text names comes first (in place)."""
        if not uniq or self.rank(uniq[0]) < self.lx["area_min_rank"] or self.dateline(uniq[0]):
            return
        area = uniq[0]
        for k, p in enumerate(uniq):
            if self.dateline(p) and self.rank(p) <= self.lx["settlement_max_rank"] and p.get("country") \
                    and p["country"] == area.get("country") \
                    and (area.get("feature") in ("country", "region") or p.get("admin1") == area.get("admin1")):
                uniq.insert(0, uniq.pop(k))
                break


# ---------------------------------------------------------------------- the ordering steps, in order
def step_elaboration(lk: _Linker, ev: dict, uniq: list[dict], extra: list[dict]) -> list[dict]:
    """The sentence names only areas (and perhaps a dateline city): a settlement the next sentence gives for
    the incident comes first ("... in northern Ruritania. The patrol ... near the hamlet of Oskby") -- unless the
    sentence names the dateline city again ("LAKEVILLE, Maine — ... outside a gym in Lakeville")."""
    core = [p for p in uniq if not lk.dateline(p)]
    lines = {p.get("geonameid") for p in uniq if lk.dateline(p) and p.get("geonameid")}
    if lines and ev.get("sent_start") is not None and any(
            p.get("geonameid") in lines and not lk.dateline(p)
            for p in lk.within(lk.toponyms, ev["sent_start"], ev["sent_end"])):
        core = []
    if not (core and all(lk.rank(p) >= lk.lx["area_min_rank"] for p in core)):
        return uniq
    elab, have = [], set()
    for p in _elaboration(lk, ev, core):
        if _key(p) not in have:
            have.add(_key(p))
            elab.append(p)
    return elab + [p for p in uniq if _key(p) not in have]


def _elaboration(lk: _Linker, ev: dict, coarse: list[dict]) -> list[dict]:
    """Settlements that the next sentence of the paragraph names inside the countries or regions the event's
    own sentence gives, when that sentence reports no event of its own (in text order: the first of
    coordinated settlements)."""
    doc, text, end = lk.doc, lk.text, ev.get("sent_end")
    if end is None or not doc.has_annotation("SENT_START"):
        return []
    nxt = next((s for s in doc.sents if s.start_char >= end), None)
    if nxt is None or "\n" in text[end:nxt.start_char]:
        return []
    if any(o is not ev and o.get("start_char") is not None and nxt.start_char <= o["start_char"] < nxt.end_char
           for o in lk.events):
        return []
    where = {p.get("country") for p in coarse if p.get("country")}
    return [p for p in lk.toponyms if nxt.start_char <= p["start_char"] and p["end_char"] <= nxt.end_char
            and lk.usable(p) and lk.rank(p) <= lk.lx["settlement_max_rank"]
            and (p.get("country") in where or not p.get("country")) and not lk.dateline(p)]


def step_from_mentions(lk: _Linker, ev: dict, uniq: list[dict], extra: list[dict]) -> list[dict]:
    """A later mention of the same incident may say more precisely where it happened ("the raid near Oskby"
    ... "storming a farm in the hamlet of Vell, on the edge of Oskby"): a settlement more specific than the
    event's first place goes first when the mention's clause puts the incident "in" or "at" it and names the
    event's place as well."""
    if not uniq:
        return uniq
    first = uniq[0]
    have = {_key(p) for p in uniq}
    out = []
    for m in ev.get("mentions") or []:
        if m.get("clause_start") is None:
            continue
        here = lk.within(lk.toponyms, m["clause_start"], m["clause_end"])
        if not any(_key(p) == _key(first) for p in here):
            continue
        for p in lk.order(here):
            if (_key(p) in have or not 1 <= lk.rank(p) < lk.rank(first) or lk.dateline(p)
                    or p.get("relation") not in lk.lx["mention_relations"]):
                continue
            out.append(p)
            have.add(_key(p))
    return out + uniq


def step_references_last(lk: _Linker, ev: dict, uniq: list[dict], extra: list[dict]) -> list[dict]:
    """Demonym references of the sentence come after the toponyms ("... 40 km from the Ruritanian frontier")."""
    if not extra:
        return uniq
    have = {p.get("geonameid") for p in uniq}
    return uniq + [p for p in lk.order(extra) if p.get("geonameid") not in have]


def _part_of_settlement(p: dict) -> bool:
    """A street, building or part of town the gazetteer does not place ("outside the Grand Hotel", "on Birch
    Avenue"): it says where in a settlement, not which settlement."""
    return p.get("feature") == "facility" or (p.get("feature") == "region" and p.get("geonameid") is None
                                              and not is_reference(p))


def step_settlement_around(lk: _Linker, ev: dict, uniq: list[dict], extra: list[dict]) -> list[dict]:
    """An event placed only by streets, buildings or unresolved parts of town gets the settlement they are in
    after them: the last resolved city, town or village named before them (a dateline or headline included),
    else the first one after them."""
    if not uniq or not all(_part_of_settlement(p) for p in uniq):
        return uniq
    at = uniq[0]["start_char"]
    towns = [p for p in lk.toponyms if p.get("feature") in ("city", "village") and p.get("geonameid")
             and not is_reference(p) and lk.usable(p)]
    before = [p for p in towns if p["end_char"] <= at]
    after = [p for p in towns if p["start_char"] >= at]
    home = max(before, key=lambda p: p["start_char"]) if before else \
        min(after, key=lambda p: p["start_char"]) if after else None
    if home is not None and _key(home) not in {_key(p) for p in uniq}:
        return uniq + [home]
    return uniq


def step_article_settlement(lk: _Linker, ev: dict, uniq: list[dict], extra: list[dict]) -> list[dict]:
    """An event whose text names no place ("the shooting happened shortly after midnight") is placed at the
    article's settlement, with relation `article`: the dateline's town, else the town the article names most
    often (more often than any other; or the only one)."""
    if uniq:
        return uniq
    towns = [p for p in lk.toponyms if p.get("feature") in lk.lx["article_settlement_features"]
             and p.get("geonameid") and not is_reference(p) and lk.usable(p)]
    home = next((p for p in towns if lk.dateline(p)), None)
    if home is None:
        counts = Counter(_key(p) for p in towns)
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return uniq
        home = next(p for p in towns if _key(p) == ranked[0][0])
    return [dict(home, relation="article")]


Step = Callable[[_Linker, dict, list, list], list]
# (name, step): each takes the event's ordered places and returns them reordered or extended
STEPS: list[tuple[str, Step]] = [
    ("elaboration", step_elaboration),
    ("from-mentions", step_from_mentions),
    ("references-last", step_references_last),
    ("settlement-around", step_settlement_around),
    ("article-settlement", step_article_settlement),
]


def link(doc: Doc, events: list[dict], lexicon: dict) -> None:
    """Set ev["places"] to copies of the place payloads of each event, most specific first (module docstring),
    and ev["geo"] to its location fields, with the lexicon the events component passes (the places
    component's configured one)."""
    lk = _Linker(doc, events, lexicon)
    if not lk.toponyms and not lk.refs:
        for ev in events:
            ev["places"], ev["geo"] = [], dict(EMPTY)
        return
    for ev in events:
        ev["places"] = lk.place(ev)
    ctx = GeoContext(lk.text, lk.toponyms, lexicon["geo"], lk.usable, lk.dateline)
    for ev in events:
        ev["geo"] = event_geo(ctx, ev)

