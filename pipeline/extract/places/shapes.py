"""Text shapes the places rules test: capitalisation, quotes, gaps between names, entity spans."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from pipeline.extract.places import gazetteer as gz

_DIST = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile|mi)"
    r"\s+(?:(?:to\s+the\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:\s+of)?|from|of|away\s+from)\s+$",
    re.I,
)


def _lex(lexicon: dict, key: str) -> set[str]:
    return {w.lower() for w in lexicon.get(key, [])}


_ALIAS_GAP = re.compile(r"\s*(\(\s*|,?\s*\(?(also|or|formerly|now)\s+(spelled|spelt|written|known\s+as|called)\s+)",
                        re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_WORD = re.compile(r"[\w'’-]+")
_APPOSITION = re.compile(r",\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){0,3}?(village|town|city|settlement|hamlet)"
                         r"\s+(?:in|of|near|on|outside)\b")
_GLUED_DATELINE = re.compile(
    r"(?<=[a-z0-9|.!?])(?P<name>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,3})(?=,\s*[A-Z][A-Za-z.]{1,15}\s*(?:\(|—|–|-)|\s*(?:\(|—|–))")
_LINE_CAPS = re.compile(r"(?m)^[A-Z]{3,}\b")
_WITHIN_GAP = re.compile(r"\s*,\s*(?:(?:in|near)\s+)?(?:(?:the|neighbouring|neighboring|southern|northern|eastern|western)"
                         r"\s+)*", re.I)
_COORD_GAP = re.compile(r"\s*(,|and|or|&|/|,\s*and|,\s*or)\s*", re.I)
_NUMERIC = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_COUNTS = {"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _list_entity(e: Span, sp: Span) -> bool:
    """An entity that strings several names together with commas or "and" ("Tame, Fortul, Arauquita") and
    of which the mention is one item: the label says nothing about the item."""
    if e.label_ not in ("PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "ORG") or len(e) < 3:
        return False
    seps = [t for t in e if t.text == "," or (t.lower_ in ("and", "or") and e.start < t.i < e.end - 1)]
    if not seps:
        return False
    before = sp.start == e.start or sp.doc[sp.start - 1] in seps
    after = sp.end == e.end or sp.doc[sp.end] in seps
    return before and after and all(_cap(t) for t in e if t not in seps and t.lower_ not in ("the",))


def _real_ent(e: Optional[Span]) -> Optional[Span]:
    """The entity over a token, ignoring numeric labels on digit-free words ('Zhanaozen' as CARDINAL)."""
    if e is not None and e.label_ in _COUNTS and not any(ch.isdigit() for ch in e.text):
        return None
    return e


def _has_cue(cue: dict) -> bool:
    return cue["prep"] in ("in", "near", "outskirts", "from") or cue["type_before"] is not None \
        or cue["type_after"] is not None


def _core_name(name: str, generic: set) -> str:
    """A settlement's norm key without generic words ('Villa Nueva Esperanza' -> 'nueva esperanza' when
    'villa' is generic; lexicon `generic_name_words`)."""
    words = gz.norm(name).split()
    core = [w for w in words if w not in generic]
    return " ".join(core) if core and len(core) < len(words) else ""


def _unabbreviate(key: str, abbreviations: dict) -> str:
    """A norm key with its abbreviations written out ('st petersburg' -> 'saint petersburg')."""
    return " ".join(abbreviations.get(w, w) for w in key.split())


def _in_quoted_name(text: str, sp: Span) -> bool:
    """The mention opens a quoted multi-word name: the self-styled “Caucasus Province”, “Caucasus Emirate”."""
    before = text[max(0, sp.start_char - 60): sp.start_char]
    lead = re.search(r"[\"“«]((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|for|and|de|al)\s+)*){1,5})$", before)
    if lead is not None:  # the so-called “Liberation Front of Ruritania”
        return re.match(r"(?:[ -][A-Z][\w'’-]*){0,4}[\"”»]", text[sp.end_char: sp.end_char + 60]) is not None
    if text[max(0, sp.start_char - 1): sp.start_char] not in ("\"", "“", "«"):
        return False
    m = re.match(r"(?:[ -][A-Z][\w'’-]*){1,4}[\"”»]", text[sp.end_char: sp.end_char + 60])
    return m is not None


def _quoted(text: str, sp: Span) -> bool:
    before = text[max(0, sp.start_char - 1): sp.start_char]
    after = text[sp.end_char: sp.end_char + 1]
    return before in ("\"", "“", "«", "'", "‘") and after in ("\"", "”", "»", "'", "’")


def _cap(t: Token) -> bool:
    s = t.text
    return bool(s) and s[0].isupper() and any(c.isalpha() for c in s)


def _trim(sp: Span) -> Optional[Span]:
    """Drop a leading article and trailing possessive/punctuation from an entity span."""
    doc = sp.doc
    start, end = sp.start, sp.end
    # an entity never runs across a line break ("Karachi\n\nISLAMABAD" from a headline and a dateline):
    # keep the part after the last break
    for i in range(end - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1 if "\n" in doc[i].whitespace_ or doc[i].is_space else i
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end] if end > start else None
