"""The words around a mention (its cue): `cue(f, doc, sp)` runs CUE_RULES in order.

A cue dict has `type_before` ("the hamlet of X" -> village; lexicon `type_nouns_before`), `type_after`
("X district" -> admin; `type_nouns_after`), `prep` (the relation its preposition gives; `prepositions`),
`prep_word`, `distance` (km, "some 40 km from X"), and the flags `weak` ("the road to X") and `inside`
(the entity includes its type noun: "Vell province"). Each rule fills its keys; windows and words: lexicon
`cue`.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc, Span

from pipeline.extract._doc import tokens
from pipeline.extract.places.shapes import _APPOSITION, _DIST, _cap


class CueScan:
    """One mention's cue under construction; `k` is the word before the type-noun phrase."""

    def __init__(self, f, doc: Doc, sp: Span):
        self.f, self.doc, self.sp = f, doc, sp
        self.toks = tokens(doc)
        self.text = f._txt(doc)
        self.cx = f.lx["cue"]
        self.cue = {"type_before": None, "type_after": None, "prep": None, "distance": None}
        self.k = sp.start - 1


def c_type_before(c: CueScan) -> None:
    """A type noun before the name ("the hamlet of X", not a headline's capitalised "Market Town X"),
    over articles and adjectives; else an apposition after it ("Vell, a fishing village in ...")."""
    toks, f, cue = c.toks, c.f, c.cue
    j = c.sp.start - 1
    if j >= 0 and toks[j].lower_ == "of":
        j -= 1
    skip = 0
    while j >= 0 and skip < c.cx["type_noun_window"]:
        w = toks[j].lower_
        if w in f.type_of and cue["type_before"] is None and toks[j].text.islower():
            cue["type_before"] = f.type_of[w]
        elif not (w in c.cx["type_phrase_words"] or toks[j].pos_ == "ADJ"):
            break
        j -= 1
        skip += 1
    c.k = j
    if cue["type_before"] is None:
        mt = _APPOSITION.match(c.text, c.sp.end_char)
        if mt is not None:
            cue["type_before"] = f.type_of.get(mt.group(1).lower())


def c_preposition(c: CueScan) -> None:
    """The preposition before the type-noun phrase: one to three words ("in", "close to", "in the area of")."""
    toks, k, sp, cue = c.toks, c.k, c.sp, c.cue
    if k < 0:
        return
    had_of = sp.start >= 1 and toks[sp.start - 1].lower_ == "of" and cue["type_before"] is None
    w = toks[k].lower_
    two = f"{toks[k - 1].lower_} {w}" if k >= 1 else ""
    three = f"{toks[k - 2].lower_} {toks[k - 1].lower_} {w}" if k >= 2 else ""
    phrases = [f"{p} of" for p in (three, two, w) if p] if had_of else []
    for cand in phrases + [three, two, w]:
        if cand and cand in c.f.preps:
            cue["prep"] = c.f.preps[cand]
            cue["prep_word"] = cand
            break


def c_weak(c: CueScan) -> None:
    """A weak locative preposition right before the name ("the road to Tsombe"), not after a verb of saying
    or giving ("according to Oskby", "said to Vell"; lexicon `weak_preposition_excluded_heads`)."""
    toks, k, f = c.toks, c.k, c.f
    if c.cue["prep"] is None and k >= 0 and toks[k].lower_ in f.weak_preps and toks[k].i == c.sp.start - 1 \
            and toks[k].head.lemma_.lower() not in f.weak_prep_heads \
            and not (k >= 1 and toks[k - 1].lower_ in f.weak_prep_heads):
        c.cue["weak"] = True


def c_distance(c: CueScan) -> None:
    """"some 40 km from (the) X": a distance in km, relation "from"."""
    left = c.text[max(0, c.sp.start_char - c.cx["distance_window_chars"]): c.sp.start_char]
    left = re.sub(r"\bthe\s+$", "", left, flags=re.I)
    m = _DIST.search(left)
    if m:
        num = float(m.group("num").replace(",", "."))
        unit = m.group("unit").lower()
        c.cue["distance"] = round(num * c.cx["km_per_mile"], 1) if unit.startswith("mi") else num
        c.cue["prep"] = "from"


def c_dateline(c: CueScan) -> None:
    """A dateline ("LAKEVILLE (Wire) -", "OSKBY —" at the start of a line): relation "in"."""
    sp, text = c.sp, c.text
    line_start = sp.start_char == 0 or text[sp.start_char - 1] == "\n"
    after = text[sp.end_char: sp.end_char + 3].lstrip(" ,")
    if line_start and sp.text.isupper() and len(sp.text) > 2 and after[:1] in c.cx["dateline_marks"]:
        c.cue["prep"] = c.cue["prep"] or "in"


def c_type_after(c: CueScan) -> None:
    """A type noun after the name ("X district"), inside the entity ("Vell province"), or shared by
    coordinated names ("the Vell and Oskby regions")."""
    sp, toks, f, cue = c.sp, c.toks, c.f, c.cue
    nxt = toks[sp.end] if sp.end < len(c.doc) else None
    if len(sp) > 1 and f.type_after.get(sp[-1].lower_) == "admin" and sp[-1].text.islower():
        cue["type_after"] = "admin"
        cue["inside"] = True
    elif nxt is not None and nxt.lower_ in f.type_after:
        cue["type_after"] = f.type_after[nxt.lower_]
    elif nxt is not None and nxt.lower_ in c.cx["coordinators"]:
        j = sp.end
        while j < len(c.doc) and j - sp.end < c.cx["shared_type_window"] and (
                _cap(toks[j]) or toks[j].lower_ in c.cx["coordinators"] or toks[j].lower_ == "-"):
            j += 1
        w = toks[j].lower_ if j < len(c.doc) and j > sp.end + 1 else ""
        if w.endswith("s") and f.type_after.get(w) == "admin":
            cue["type_after"] = "admin"


CUE_RULES: list[tuple[str, Callable[[CueScan], None]]] = [
    ("type-before", c_type_before),
    ("preposition", c_preposition),
    ("weak-preposition", c_weak),
    ("distance", c_distance),
    ("dateline", c_dateline),
    ("type-after", c_type_after),
]


def cue(f, doc: Doc, sp: Span) -> dict:
    c = CueScan(f, doc, sp)
    for _name, rule in CUE_RULES:
        rule(c)
    return c.cue
