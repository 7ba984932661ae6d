"""Article-level evidence, second pass: a rejected mention is accepted by what the accepted ones say.

SECOND_PASS_RULES are (name, rule) tried in order on each rejected mention; a rule returns True (accepted:
its name, when it is one of "alias", "discourse", "coordination", "in-region", goes into the payload's `rule` as
"+<name>"), False (no other rule may accept it) or None (the next rule decides). The pass repeats
(lexicon `evidence.rounds`) while it accepts something. Before it, person evidence vetoes weak acceptances
("Oskby" after "Mara Oskby", unless a locative cue or a country).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Doc

from pipeline.extract.places import gazetteer as gz
from pipeline.extract.places.shapes import _ALIAS_GAP, _COORD_GAP, _has_cue, _quoted


class Pass:
    """The state of the second pass over one doc."""

    def __init__(self, f, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict):
        self.f, self.doc, self.mentions, self.ok, self.ctx = f, doc, mentions, ok, ctx
        self.text = f._txt(doc)
        self.ex = f.lx["evidence"]
        self.sure = [a and f._confident(m, ctx) for m, a in zip(mentions, ok)]
        self.accepted = {gz.norm(m["span"].text) for m, a in zip(mentions, self.sure) if a}
        # "Vell province" (one entity) makes a later bare "Vell" a place too
        self.accepted |= {gz.norm(m["span"][:-1].text) for m, a in zip(mentions, self.sure)
                          if a and m["cue"].get("inside")}
        self.loose = {gz.norm(m["span"].text) for m, a in zip(mentions, ok) if a and not m["headline"]}

    def neighbour(self, i: int, step: int) -> Optional[int]:
        """The nearest accepted mention before (step -1) or after (step 1) mention i."""
        rng = range(i - 1, -1, -1) if step < 0 else range(i + 1, len(self.mentions))
        return next((j for j in rng if self.ok[j]), None)

    def take(self, i: int, via: str, sure: bool) -> bool:
        self.mentions[i]["via"] = via
        self.ok[i] = True
        if sure:
            self.sure[i] = True
        return True


def r_alias(P: Pass, i: int, m: dict) -> Optional[bool]:
    """A spelling variant of the previous place ("Vell (also spelled Vel)"): it takes that place's reading."""
    prev = P.neighbour(i, -1)
    if prev is None:
        return None
    gap = P.text[P.mentions[prev]["span"].end_char: m["span"].start_char]
    if _ALIAS_GAP.fullmatch(gap) and len(m["span"]) <= P.ex["alias_max_words"]:
        o = P.mentions[prev]
        m["copy"] = o.get("best") or P.f._resolve(o, P.ctx)
        return P.take(i, "alias", False)
    return None


def r_echo(P: Pass, i: int, m: dict) -> Optional[bool]:
    """An unknown name the model tags as a place elsewhere, where that mention is sure."""
    if m["source"] != "echo":
        return None
    if gz.norm(m["span"].text) in P.accepted:
        return P.take(i, "discourse", True)
    return False


def r_needs_reading(P: Pass, i: int, m: dict) -> Optional[bool]:
    """The rules below need a gazetteer reading that is not only a transliteration."""
    if m["source"] == "alias" or not m["cands"] or all(c[2] for c in m["cands"]):
        return False
    return None


def r_discourse(P: Pass, i: int, m: dict) -> Optional[bool]:
    """One sense per discourse: the same name is a sure place elsewhere ("in Oskby" ... "The Oskby raid"); a
    headline word, the same name accepted in the running text."""
    key = gz.norm(m["span"].text)
    if key in P.accepted or (m["headline"] and key in P.loose):
        P.take(i, "discourse", False)
        P.sure[i] = key in P.accepted and not m["headline"]
        return True
    return None


def _same_kind(e, oe) -> bool:
    return bool(e.country and e.country == oe.country and (e.level != gz.COUNTRY) == (oe.level != gz.COUNTRY)) \
        or (e.level == oe.level == gz.COUNTRY)


def r_coordination(P: Pass, i: int, m: dict) -> Optional[bool]:
    """Coordinated with a sure place of the same country and kind ("Vell, Oskby and Tsombe"), or with a
    sure locality the gazetteer does not know (for a city in the article's countries); main names only."""
    top = P.f._top(m, P.ctx)
    if top is None or top[1]:
        return False
    for j, left in ((P.neighbour(i, -1), True), (P.neighbour(i, 1), False)):
        if j is None or not P.sure[j]:
            continue
        o = P.mentions[j]
        a, b = (o["span"].end_char, m["span"].start_char) if left else (m["span"].end_char, o["span"].start_char)
        if b < a or not _COORD_GAP.fullmatch(P.text[a:b]):
            continue
        ob = P.f._top(o, P.ctx)
        unknown = ob is None and not o["cands"] and not top[2] and top[0].level == gz.CITY \
            and P.ctx["countries"].get(top[0].country)
        if unknown or (ob is not None and _same_kind(top[0], ob[0])):
            P.accepted.add(gz.norm(m["span"].text))
            return P.take(i, "coordination", True)
    return None


_IN_REGION_GAP = re.compile(r"\s*,\s*in\s+(the\s+)?", re.I)


def r_in_region(P: Pass, i: int, m: dict) -> Optional[bool]:
    """Placed by an apposition inside a sure region: "X, in the Vell district" / "X, in Oskby province" (a
    first- or second-level division, by the gazetteer or by its type noun; a country is not enough:
    "Toyota, in Japan" names a company)."""
    j = P.neighbour(i, 1)
    if j is None or not P.sure[j]:
        return None
    o = P.mentions[j]
    if not _IN_REGION_GAP.fullmatch(P.text[m["span"].end_char:o["span"].start_char]):
        return None
    ob = P.f._top(o, P.ctx)
    region = o["cue"].get("type_after") == "admin" or (ob is not None and ob[0].level in (gz.ADMIN1, gz.ADMIN2))
    return P.take(i, "in-region", True) if region else None


SECOND_PASS_RULES: list[tuple[str, Callable[[Pass, int, dict], Optional[bool]]]] = [
    ("alias", r_alias),
    ("echo", r_echo),
    ("needs-reading", r_needs_reading),
    ("discourse", r_discourse),
    ("coordination", r_coordination),
    ("in-region", r_in_region),
]


def person_veto(f, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
    """Person evidence vetoes weak acceptances: a bare name used in a person's name, unless a locative cue or
    a country reading."""
    for i, m in enumerate(mentions):
        if ok[i] and m["source"] in f.lx["evidence"]["person_veto_sources"] and not _has_cue(m["cue"]) and f._person_like(doc, m):
            top = f._top(m, ctx)
            if top is None or top[0].level != gz.COUNTRY:
                ok[i] = False


def _eligible(P: Pass, i: int, m: dict) -> bool:
    if P.ok[i] or m["source"] == "embedded" or m.get("veto"):
        return False
    return not (P.f._person_like(P.doc, m) or _quoted(P.text, m["span"]) or P.f._speech_subject(m["span"]))


def second_pass(f, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
    """Person veto, then SECOND_PASS_RULES over the rejected mentions until nothing changes (ok in place)."""
    person_veto(f, doc, mentions, ok, ctx)
    P = Pass(f, doc, mentions, ok, ctx)
    for _round in range(P.ex["rounds"]):
        changed = False
        for i, m in enumerate(mentions):
            if not _eligible(P, i, m):
                continue
            for _name, rule in SECOND_PASS_RULES:
                verdict = rule(P, i, m)
                if verdict is not None:
                    changed = changed or bool(verdict)
                    break
        if not changed:
            break
