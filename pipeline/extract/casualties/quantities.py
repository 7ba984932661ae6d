"""Which number runs count people: the filters that drop ages, dates, times, money, addresses, model names, and
the noun a number counts.

`bad_number(doc, start, end, lx)` is true when any rule of `NUMBER_FILTERS` fires (each one a named shape of a
number that is not a casualty count).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from pipeline.extract.casualties import numbers
from pipeline.extract.casualties.lexicon import KINDS, Lex
from pipeline.extract.casualties.predicates import is_year_old


class Num:
    """A number run doc[start:end] with its neighbours."""

    def __init__(self, doc: Doc, start: int, end: int, lx: Lex):
        self.doc, self.start, self.end, self.lx = doc, start, end, lx
        self.toks = doc[start:end]
        self.nxt = doc[end] if end < len(doc) else None
        self.nxt2 = doc[end + 1] if end + 1 < len(doc) else None
        self.prv = doc[start - 1] if start > 0 else None


def _victims(t: Token, lx: Lex) -> bool:
    """"injuring 21, in March": a bare (day-like) number the NER calls a date, object of a casualty verb."""
    doc = t.doc
    verb_kind = (lx.verbs.get(t.head.lemma_.lower()) or "").removesuffix("_weak")
    return t.ent_type_ == "DATE" and t.text.isdigit() and len(t.text) <= lx.date_entity_max_digits \
        and t.dep_ in ("dobj", "obj") and t.head.pos_ == "VERB" and verb_kind in KINDS \
        and not (t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ == "DATE" and doc[t.i + 1].ent_iob_ == "I")


def _f_entity(n: Num) -> bool:
    """A number inside a date, time, money, ... entity (spaCy sometimes calls "dozens" or "a dozen" a DATE:
    trust only CARDINAL-looking words then)."""
    if any(t.ent_type_ in n.lx.bad_ents and not _victims(t, n.lx) for t in n.toks
           if t.like_num or t.lower_ in n.lx.indefinite_articles):
        return not all(t.lower_ in n.lx.vague_entity_words for t in n.toks if t.ent_type_)
    return False


def _f_unit_after(n: Num) -> bool:
    """"5 percent", "10 pm", "a 5-year-old", "30 years old", "10:30", "608 Savage Road"."""
    nxt, nxt2, lx = n.nxt, n.nxt2, n.lx
    if nxt is None:
        return False
    if nxt.lower_ in lx.ctx_after:
        return True
    if nxt.lower_ in lx.age_hyphens and nxt2 is not None and nxt2.lower_ in lx.age_after:
        return True
    if nxt.lower_ in lx.age_after and nxt2 is not None and nxt2.lower_ in lx.age_followers:
        return True
    if nxt.text.startswith(":") or re.match(r"^\d", nxt.text):
        return True
    if nxt.pos_ == "PROPN" and nxt.ent_type_ in ("FAC", "GPE", "LOC", "ORG", ""):
        # keep "two Americans" (NORP) and "five Kyrgyz guards" (a people noun follows)
        if (nxt.ent_type_ != "" or (nxt2 is not None and nxt2.pos_ == "PROPN")) and not (
                nxt2 is not None and (nxt2.lower_ in lx.person or nxt2.lemma_.lower() in lx.person)):
            return True
    return False


def _f_sign_before(n: Num) -> bool:
    """"$5", "#3", "route 9", "aged 30"."""
    return n.prv is not None and (n.prv.lower_ in n.lx.ctx_before or n.prv.text in n.lx.signs_before)


def _f_apposition(n: Num) -> bool:
    """Age apposition: "Larry Smith, 30, was ..." (as parsed, or as punctuated)."""
    last = n.doc[n.end - 1]
    if last.dep_ == "appos" and last.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return True
    prv, nxt = n.prv, n.nxt
    return prv is not None and prv.text == "," and nxt is not None and nxt.text in n.lx.apposition_closers \
        and n.start >= 2 and n.doc[n.start - 2].pos_ in ("PROPN", "NOUN")


def _f_parenthesis(n: Num) -> bool:
    """"(30)": an age or a reference in parentheses."""
    return n.prv is not None and n.prv.text == "(" and n.nxt is not None and n.nxt.text == ")"


# the filters of numbers that do not count people: (name, test)
NUMBER_FILTERS: tuple[tuple[str, Callable[[Num], bool]], ...] = (
    ("entity", _f_entity), ("unit-after", _f_unit_after), ("sign-before", _f_sign_before),
    ("apposition", _f_apposition), ("parenthesis", _f_parenthesis),
)


def bad_number(doc: Doc, start: int, end: int, lx: Lex) -> bool:
    """Numbers that are ages, dates, times, money, percentages, addresses, model names."""
    n = Num(doc, start, end, lx)
    return any(test(n) for _name, test in NUMBER_FILTERS)


def num_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a number run whose head lies outside the run (the syntactic number)."""
    for t in doc[start:end]:
        if not (start <= t.head.i < end) or t.head is t:
            return t
    return doc[end - 1]


def quantified_noun(num: Token, lx: Lex) -> tuple[Optional[Token], Token]:
    """(noun the number counts, anchor token carrying the clause role)."""
    if num.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and num.head.i > num.i and num.head.pos_ in (
            "NOUN", "PROPN", "PRON", "ADJ"):
        noun = num.head
        if noun.pos_ == "ADJ" and noun.lower_ in lx.adjs:
            return None, num  # "two dead", "three injured"
        return noun, noun
    # "three of the victims", "dozens of people"
    for c in num.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g, num
    return None, num


def span_of_noun(noun: Token, lx: Lex) -> tuple[int, int]:
    """Token range of a noun with its left modifiers (compound, amod) — for groups."""
    left = noun.i
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and not is_year_old(c, lx) and \
                c.lower_ not in lx.not_group_modifiers:
            left = min(left, c.i)
            break
    return left, noun.i + 1


def _range_pair(words: list[str], a, b, lx: Lex) -> Optional[bool]:
    """None when a and b are not one range; else whether it is a "between A and B" range."""
    if b is None:
        return None
    between = a.start > 0 and words[a.start - 1].lower() == "between" and words[a.end].lower() == "and" \
        if a.end < len(words) else False
    if (b.start == a.end + 1 and (words[a.end].lower() in lx.range_joiners or between)
            and b.quantity.qualifier is None and a.quantity.count is not None and b.quantity.count is not None
            and a.quantity.count < b.quantity.count):
        return between
    return None


def ranges(words: list[str], matches: list, lx: Lex) -> list:
    """"137 to 141 people died", "20-25 soldiers": one figure, count = the conservative low end, high = the
    upper end (rule `range`)."""
    out, k = [], 0
    while k < len(matches):
        a = matches[k]
        b = matches[k + 1] if k + 1 < len(matches) else None
        between = _range_pair(words, a, b, lx)
        if between is None:
            out.append(a)
            k += 1
            continue
        lo, hi = a.quantity.count, b.quantity.count
        q = numbers.Quantity(value=lo, count=lo, low=lo, high=hi,
                             qualifier=" ".join(words[a.num_start:b.end]), rule="range")
        start = a.start - 1 if between else a.start
        out.append(numbers.QuantityMatch(start=start, end=b.end, num_start=a.num_start, quantity=q,
                                         words=list(words[start:b.end])))
        k += 2
    return out
