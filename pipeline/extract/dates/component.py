"""Dates extractor: every temporal expression as an interval, and the date of each event.

`find` runs the grammar of `datetime_rules` (word lists in models/lexicons/dates.json) over the whole text,
accepts bare years that spaCy also tags as DATE, sends the spaCy DATE entities the grammar does not cover
to dateparser (English, RELATIVE_BASE = publication date, cached), and marks the article's dateline date
with rule "dateline" (also an in-text dateline such as "CITY, St. (Dec. 10, 2015) -" near the top; when
the article has no publication date, relative dates then resolve against it). Decisions (intervals,
relative dates without a publication date, "April and May this year" as one range ...) are documented at
the top of `datetime_rules`.

`link(doc, events, lexicon)` (dates/link.py, the link stage) gives each event the date the text assigns to it.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component, LinkStage
from pipeline.extract._doc import doc_text, meta
from pipeline.extract.dates.grammar import (
    DEFAULT_LEXICON, Grammar, dateparser_fallback, grammar, parse_expression, to_date,
)
from pipeline.extract.dates.link import link
from pipeline.extract.dates.periods import tense_of

__all__ = ["DatesExtractor", "find_dates", "link", "parse_expression"]

_ENT_LABELS = ("DATE", "TIME")


def find_dates(text: str, published=None, dateline: Optional[tuple[int, int]] = None,
               ents: list[tuple[int, int, str]] = (), lexicon: str = DEFAULT_LEXICON,
               use_dateparser: bool = True, tense=None) -> list[dict]:
    """All temporal expressions of `text` (payload dicts in text order). `ents`: (start, end, label) from spaCy;
    `tense(offset)`: the tense of the verb governing an offset (`periods.tense_of(doc)`), else lexical cues."""
    g: Grammar = grammar(lexicon)
    date_ents = [(s, e) for s, e, label in ents if label == "DATE"]
    cands = g.candidates(text, date_ents)
    found = g.resolve(text, cands, published, skip_anchor=dateline, tense=tense)
    if dateline:
        _mark_dateline(text, found, dateline, published, lexicon)
    else:
        dl = _mark_inline_dateline(text, found, g.limits)
        if dl and not to_date(published):
            # the dateline is the only publication date we have: relative dates resolve against it
            found = g.resolve(text, cands, dl["start"], skip_anchor=(dl["start_char"], dl["end_char"]), tense=tense)
            _mark_inline_dateline(text, found, g.limits)
    if use_dateparser:
        for s, e, label in ents:
            if label == "DATE":
                _dateparser_day(g, text, (s, e), found, published, lexicon)
    found.sort(key=lambda p: p["start_char"])
    return found


def _mark_dateline(text: str, found: list[dict], dateline: tuple[int, int], published, lexicon: str) -> None:
    """The date inside the dateline span (the one overlapping it most) gets rule "dateline"; when the grammar
    found none there, the span is parsed on its own and added."""
    ds, de = dateline
    inside = [p for p in found if p["start_char"] < de and p["end_char"] > ds]
    if inside:
        best = max(inside, key=lambda p: min(p["end_char"], de) - max(p["start_char"], ds))
        best["rule"] = "dateline"
    elif 0 <= ds < de <= len(text):
        p = parse_expression(text[ds:de], published, lexicon, fallback=False)
        if p and p["start"]:
            p.update(start_char=p["start_char"] + ds, end_char=p["end_char"] + ds, rule="dateline", relative=False)
            found.append(p)


def _dateparser_day(g: Grammar, text: str, ent: tuple[int, int], found: list[dict], published, lexicon: str) -> None:
    """A spaCy DATE entity the grammar reads only coarsely (or not at all): dateparser's day replaces the
    grammar's values inside it (in `found`, in place)."""
    s, e = ent
    inside = [p for p in found if p["start_char"] < e and p["end_char"] > s]
    if any(p["start_char"] < s or p["end_char"] > e for p in inside):
        return  # the grammar's expression is wider than the entity
    coarse = g.lex["dateparser_refines"]
    if inside and (any(p["granularity"] not in coarse for p in inside) or not re.search(r"\d", text[s:e])):
        return  # the entity adds no day the grammar missed
    p = dateparser_fallback(text[s:e], published, lexicon)
    if not p or (inside and p["granularity"] != "day"):
        return
    p.update(start_char=p["start_char"] + s, end_char=p["end_char"] + s)
    p["context"] = g.context(text, p["start_char"])
    for old in inside:
        found.remove(old)
    found.append(p)


_INLINE_DATELINE_AFTER = re.compile(r"\)?[ \t\u00a0]*(?:[\u2013\u2014]|--?)[ \t\u00a0]")
_INLINE_DATELINE_BEFORE = re.compile(
    r"(?:[A-Z][\w.]*[ ,.\u00a0]*)+\([ \t\u00a0]*$|(?:^|\n)[ \t\u00a0]*(?:[A-Z][\w.]*[ ,.\u00a0]*)*$")


def _mark_inline_dateline(text: str, found: list[dict], limits: dict) -> Optional[dict]:
    """'INDIANAPOLIS, Ind. (Dec. 10, 2015) - ...': a dateline inside the first lines is the publication date.

    The first absolute day date near the top, after a capitalised place (in parentheses) or at a line start,
    and followed by a dash, gets rule "dateline" (the linker uses it only as a fallback). Returns it.
    `limits`: the lexicon's limits (inline_dateline_within/_before/_after, in characters)."""
    for p in found:
        if p["start_char"] > limits["inline_dateline_within"]:
            break
        if p["granularity"] != "day" or p["relative"] or not p["start"]:
            continue
        after = text[p["end_char"]:p["end_char"] + limits["inline_dateline_after"]]
        before = text[max(0, p["start_char"] - limits["inline_dateline_before"]):p["start_char"]]
        if _INLINE_DATELINE_AFTER.match(after) and _INLINE_DATELINE_BEFORE.search(before):
            p["rule"] = "dateline"
            return p
    return None


class DatesExtractor(Component):
    ext = "cs_dates"

    def find(self, doc: Doc) -> list[dict]:
        m = meta(doc)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _ENT_LABELS]
        dl = m.get("dateline")
        return find_dates(doc_text(doc), m.get("published"), tuple(dl) if dl else None, ents, self.lexicon_path,
                          tense=tense_of(doc, self.lexicon))


DatesExtractor.link_stage = LinkStage(writes=("date",), run=link)


@Language.factory(
    "claimscope_dates_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_dates"],
    default_config={"lexicon": "lexicons/dates.json"},
)
def make_dates(nlp: Language, name: str, lexicon: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, lexicon)
