"""One incident, many mentions: is a mention an incident already found (and which), a running total, or the
first naming of a toll told just before?

News and analysis describe one incident over several sentences ("Raiders seized a depot ... The attackers then
set fire ... Two guards died"), so a mention is a new incident only when it says so: its own date or place that
differs from the earlier incidents, or a marker such as "another raid" / "a second blast". The decisions are the
`COREFERENCE` rule table (`Merger.coreferent`); the rule that decided is recorded on the mention (`rule`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract._doc import children, doc_text, values
from pipeline.extract._rules import RuleTable
from pipeline.extract.events.triggers import Triggers

BROAD = ("country", "admin_region", "region")

def _alt(words) -> str:
    """A regex alternation of words (longest first); a space matches any run of spaces."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


def whole_pattern(lx: dict) -> re.Pattern:
    """'across the', 'throughout': the words before a place that make a figure a total over it."""
    return re.compile(rf"\b{_alt(lx['whole_extent_words'])}\s+(?:the\s+)?$", re.I)


def offset_pattern(lx: dict) -> re.Pattern:
    """'20 km north of', 'north-west of', 'miles from', 'from': the words before a reference-point place."""
    w, tail = lx["offset_words"], lx["thresholds"]["unit_tail_chars"]
    return re.compile(rf"(?:\b{_alt(w['compass'])}[\w-]*\s+of|\b{_alt(w['units'])}\b[^.;]{{0,{tail}}}|\b{_alt(w['bare'])})"
                      r"\s+(?:the\s+)?$", re.I)


def _in(lo: int, hi: int, d: dict) -> bool:
    return d.get("start_char") is not None and lo <= d["start_char"] and d["end_char"] <= hi


def _overlap(a: dict, b: dict) -> bool:
    if not (a.get("start") and b.get("start")):
        return False
    return a["start"] <= (b.get("end") or b["start"]) and b["start"] <= (a.get("end") or a["start"])


def _offset(doc: Doc, p: dict, pattern: re.Pattern, window: int) -> bool:
    """A place used as a reference point ("30 km east of the capital", "north-west of the town") is not where
    the incident happened."""
    if p.get("relation") == "from" or p.get("distance_km"):
        return True
    return bool(pattern.search(doc_text(doc)[max(0, p["start_char"] - window): p["start_char"]]))


def _dateline_place(doc: Doc, p: dict) -> bool:
    from pipeline.extract.places.component import _dateline

    return _dateline(doc_text(doc), p)


def _place_key(p: dict):
    return p.get("geonameid") or p["name"].lower()


def _same_country(c_places: list[dict], ev_places: list[dict]) -> bool:
    """A country-level mention ("the unrest in the country") agrees with any event in that country."""
    mine = {p.get("country") for p in c_places if p.get("country")}
    theirs = {p.get("country") for p in ev_places if p.get("country")}
    only_countries = all(p.get("feature") == "country" for p in c_places)
    return bool(mine & theirs) and only_countries


@dataclass
class Mention:
    """A mention being compared with the incidents found before it."""
    head: Token
    typ: str
    own_dates: list
    own_places: list
    has_figures: bool
    events: list
    all_places: list
    casualty: bool = False
    definite: bool = False
    narrow: list = field(default_factory=list)
    broad: list = field(default_factory=list)
    counted: list = field(default_factory=list)
    agrees: bool = False


class Merger:
    def __init__(self, lx: dict, triggers: Triggers):
        self.tr = triggers
        self.distinct = set(lx.get("distinct_markers", []))
        self.aggregate = [c.split() for c in lx.get("aggregate_cues", [])]
        self.limits = lx["thresholds"]
        self.distinct_kinds = set(lx["distinct_kinds"]["kinds"])
        self.family = lx["kind_families"]
        self.classes = set(lx["event_classes"])
        self.whole = whole_pattern(lx)
        self.area = re.compile(rf"\b{_alt(lx['aggregate_extent_words'])}\s+(?:the\s+)?$", re.I)
        self.offset_re = offset_pattern(lx)
        self.rules = self._coreference_rules()

    def offset(self, doc: Doc, p: dict) -> bool:
        return _offset(doc, p, self.offset_re, self.limits["place_window"])

    # -- the coreference table ------------------------------------------------------------------------------
    def _coreference_rules(self) -> RuleTable:
        r = RuleTable()
        last = lambda m: len(m.events) - 1  # noqa: E731
        r.add("no-earlier-incident", lambda m: not m.events)
        # a political act, operation, displacement or toll is never a mention of an incident of another class
        # ("Soldiers fired on the crowd. Hours later the junta declared a curfew"), unless it refers back
        r.add("another-class", lambda m: not m.definite and self.klass(m.typ) != self.klass(m.events[-1]["type"]))
        # "another raid", "a separate group stormed ..."; but "another 9 were detained" is more people
        r.add("distinct-marker", self._marked_distinct)
        # "the shelling ten days earlier": counted back, an earlier incident
        r.add("counted-back", lambda m: any((d.get("offset") or [0])[0] < 0 for d in m.counted))
        # a date counted from the incident just told ("the next day"): a casualty or definite mention is its toll
        # ("she died of her injuries the next day"), another act a sequel ("Later that night a second device ...")
        r.add("toll-counted-from-last", lambda m: self._only_counted(m) and (m.casualty or m.definite), last)
        r.add("sequel-counted-from-last", self._only_counted)
        # "None of the injured were in danger on Monday"
        r.add("definite-casualty", lambda m: m.casualty and m.definite and not m.narrow, last)
        # "a blast killed five": figures of its own, nothing refers back
        r.add("own-figures", lambda m: self._no_own_values(m) and m.has_figures and m.typ != "incident"
              and m.head.pos_ != "VERB" and not m.definite)
        r.add("continues-kindred", self._no_own_values, lambda m: self.kindred(m.typ, m.events))
        r.add("agreeing-incident", lambda m: True, self._agreeing)
        return r

    def coreferent(self, head: Token, typ: str, own_dates, own_places, has_figures: bool, events: list[dict],
                   all_places) -> tuple[int | None, str, bool]:
        """(index of the incident this mention is or None for a new incident, the deciding rule, whether the
        mention's own place or day agrees with that incident)."""
        doc = head.doc
        m = Mention(head, typ, own_dates, [p for p in own_places if not self.offset(doc, p)], has_figures, events,
                    all_places)
        m.broad = [p for p in m.own_places if p.get("feature") in BROAD]
        m.narrow = [p for p in m.own_places if p not in m.broad]
        m.casualty = typ in self.tr.casualty_types or head.lemma_.lower() in self.tr.casualty_verbs
        m.definite = self.tr.definite(head)
        m.counted = [d for d in own_dates if d.get("rule") == "offset-from-previous"]
        name, k = self.rules.decide(m)
        return k, name, m.agrees

    def _marked_distinct(self, m: Mention) -> bool:
        subj = [c for c in children(m.head) if c.dep_ in ("nsubj", "nsubjpass")] \
            if m.typ not in self.tr.casualty_types else []
        return any(c.lower_ in self.distinct for h in [m.head] + subj for c in h.lefts)

    def _only_counted(self, m: Mention) -> bool:
        return bool(m.own_dates) and len(m.counted) == len(m.own_dates) and not m.narrow

    def _no_own_values(self, m: Mention) -> bool:
        return not m.own_dates and not m.narrow and not (m.broad and m.definite)

    def _agreeing(self, m: Mention) -> int | None:
        """The latest incident whose place or day agrees with the mention's and none conflicts."""
        for k in range(len(m.events) - 1, -1, -1):
            ev = m.events[k]
            if m.typ != ev["type"] and m.typ in self.distinct_kinds and ev["type"] in self.distinct_kinds:
                continue  # "commandos raiding a post" and "the air strike" that followed: two acts, same day
            if self._compare(m, ev) == "agree":
                m.agrees = True
                return k
        return None

    def _compare(self, m: Mention, ev: dict) -> str | None:
        """"conflict" (another date or place), "agree" (the same place or day) or None (neither)."""
        doc = m.head.doc
        lo, hi = ev["clause_start"], ev["clause_end"]
        # a date counted from the previous one in the text ("later that morning") is only known once linked
        # ("two years after the raid on X": an offset from an unknown reference says nothing about the day)
        ev_dates = [d for d in values(doc, "cs_dates") if _in(lo, hi, d) and d.get("rule") != "offset-from-previous"
                    and (d.get("start") or not (d.get("rule") or "").startswith("offset"))]
        ev_places = [p for p in m.all_places if _in(lo, hi, p) and not self.offset(doc, p)]
        date_agrees = any(_overlap(a, b) for a in m.own_dates for b in ev_dates)
        date_conflicts = bool(m.own_dates) and bool(ev_dates) and not date_agrees
        keys = {_place_key(p) for p in ev_places} | {p.get("name", "").lower() for p in ev_places}
        same_day = any(a.get("start") and (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
                       for a in m.own_dates for b in ev_dates)
        # a country-level mention ("the unrest in the country") agrees with an incident in that country only when
        # its date is the same: a country holds many incidents, and a period many days
        place_agrees = any(_place_key(p) in keys or p["name"].lower() in keys for p in m.narrow) or (
            not m.narrow and _same_country(m.broad, ev_places) and (same_day or not m.own_dates))
        place_conflicts = bool(m.narrow) and bool([p for p in ev_places if p.get("feature") not in BROAD]) \
            and not place_agrees
        if date_conflicts or place_conflicts:
            return "conflict"
        # a date that merely falls inside a longer period ("May 14" in "April and May") is not enough
        return "agree" if place_agrees or same_day else None

    def klass(self, typ: str) -> str:
        """The class of an event type: `political`, `operation`, `displacement`, `aggregate`, else `incident`."""
        return typ if typ in self.classes else "incident"

    def kindred(self, typ: str, events: list[dict]) -> int | None:
        """The incident a mention without values of its own continues: the last one, unless that is another kind
        of act ("commandos raided a post ... twelve farmers died in the bombing that came next": the bombing is the air
        strike told before the raid)."""
        last = len(events) - 1
        if self.klass(events[last]["type"]) != self.klass(typ):
            same = [k for k in range(last, max(-1, last - self.limits["kindred_lookback"]), -1)
                    if self.klass(events[k]["type"]) == self.klass(typ)]
            return same[0] if same else None
        mine = self.family.get(typ)
        theirs = self.family.get(events[last]["type"])
        if events[last]["type"] not in self.distinct_kinds or mine is None or mine == theirs:
            return last
        for k in range(last - 1, max(-1, last - self.limits["kindred_lookback"]), -1):
            if self.family.get(events[k]["type"]) == mine:
                return k
        return last

    # -- a toll told before the incident is named -------------------------------------------------------------
    def names_toll(self, doc: Doc, head: Token, own_places, events: list[dict], sent: Span) -> bool:
        """Is `head` ("The siege of the mill") the first naming of the incident whose toll the event just before
        reports without naming it ("... at least nine people had died")? A definite trigger noun in the next
        sentence, no marker of another incident, no place of its own that differs."""
        if not events or head.pos_ == "VERB" or not self.tr.definite(head):
            return False
        prev = events[-1]
        ptok = doc.char_span(prev["trigger"]["start_char"], prev["trigger"]["end_char"], alignment_mode="expand")
        if ptok is None or ptok.root.lemma_.lower() not in self.tr.casualty_verbs and prev["type"] != "incident":
            return False
        if prev.get("sent_end") is None or sent.start_char < prev["sent_end"]:
            return False
        if doc_text(doc)[prev["sent_end"]:sent.start_char].strip():
            return False  # only the very next sentence
        if any(c.lower_ in self.distinct for c in head.lefts):
            return False
        lo, hi = prev["clause_start"], prev["clause_end"]
        # settlements only: a hotel or an airport says nothing against a city; the dateline's city is the report's
        broad = BROAD + ("facility",)
        theirs = {_place_key(p) for p in values(doc, "cs_places") if _in(lo, hi, p)
                  and p.get("feature") not in broad and not _dateline_place(doc, p)}
        mine = {_place_key(p) for p in own_places if p.get("feature") not in broad}
        return not (mine and theirs and not (mine & theirs))

    # -- running totals -----------------------------------------------------------------------------------------
    def running_total(self, head: Token, lo: int, hi: int, sent: Span, c_dates, c_places) -> bool:
        """A casualty-only clause that sums up rather than reports one incident: "in all", "have been killed
        since ...", a figure for a whole year, or for a whole country."""
        return self.toll_over(head, lo, hi, sent, c_dates, c_places) is not None

    def toll_over(self, head: Token, lo: int, hi: int, sent: Span, c_dates, c_places) -> str | None:
        """What a summing-up casualty clause totals: "period" ("in all", "so far", "have been killed since", a
        whole year or range), "area" (across, throughout a country or region: `aggregate_extent_words`),
        "place" (a figure "in" a whole country, which may be one day's incidents); None: one incident's toll."""
        own_lo, own_hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        if self.aggregate_cue(max(lo, own_lo), min(hi, own_hi), sent, c_dates):
            return "period"  # the cue in the figure's own phrase, not in a comparison the clause opens with
        if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in children(head)):
            return "period"  # "have been killed since ...": a running total; "had detained" is one past act
        if c_dates and all(d.get("granularity") in ("year", "decade", "century", "range") and not d.get("relative")
                           for d in c_dates):
            return "period"
        located = [p for p in c_places if not _dateline_place(sent.doc, p)]
        # "killed in the country", "across the country": the place is where the figure holds; a country inside an
        # organisation's name is not the figure's extent
        text = doc_text(sent.doc)
        w = self.limits["extent_window"]
        whole = [p for p in located if self.whole.search(text[max(0, p["start_char"] - w):p["start_char"]])]
        if not (whole and all(p.get("feature") in ("country", "region") for p in located)):
            return None
        area = any(self.area.search(text[max(0, p["start_char"] - w):p["start_char"]]) for p in whole)
        return "area" if area else "place"

    def aggregate_cue(self, lo: int, hi: int, sent: Span, c_dates) -> bool:
        """A cue word ("in all", "so far") in the clause; not one inside a stated day ("the 3rd of May this
        year")."""
        days = [d for d in c_dates if d.get("granularity") == "day"]
        words = [t.lower_ for t in sent if lo <= t.idx < hi and not any(_in(d["start_char"], d["end_char"], {
            "start_char": t.idx, "end_char": t.idx + len(t)}) for d in days)]
        return any(words[i:i + len(cue)] == cue for cue in self.aggregate for i in range(len(words)))
