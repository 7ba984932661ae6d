"""Whether a mention is a place on its own evidence: `accept(f, doc, m, ctx)` runs ACCEPT_RULES in order.

Each rule is (name, rule); a rule returns True (a place), False (not a place) or None (no verdict: the next
rule decides). Some rules revise the mention's entity on the way (a headline's entities are noise) or set
`veto` (the article-level passes must not accept it either) or the mention's `source` (rules
"jurisdiction" and "embedded", which become the payload's `rule`). Mentions found with evidence (a model
place entity, a dateline, a cue) are accepted at once; a gazetteer-only match needs a cue, a strong
reading or the article's countries. Thresholds and labels: lexicon `accept`.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Doc

from pipeline.extract._doc import tokens
from pipeline.extract.places import gazetteer as gz
from pipeline.extract.places.shapes import _cap, _in_quoted_name, _list_entity, _quoted

_SURE_LEVELS = (gz.COUNTRY, gz.ADMIN1, gz.REGION, gz.CONTINENT)


class Case:
    """One mention under the accept rules: its span, its entity (as the rules revise it), its best reading."""

    def __init__(self, f, doc: Doc, m: dict, ctx: dict):
        self.f, self.doc, self.m, self.ctx = f, doc, m, ctx
        self.toks = tokens(doc)
        self.sp = m["span"]
        self.e = m.get("ent")
        self.ax = f.lx["accept"]
        self._top = None

    @property
    def top(self):
        """(entry, alternate name?, fuzzy?) of the best-scored candidate (only once candidates exist)."""
        if self._top is None:
            self._top = max(self.f._score_all(self.m, self.ctx), key=lambda sc: sc[0])[1]
        return self._top

    @property
    def strong(self) -> bool:
        return self.top[0].level in _SURE_LEVELS and not self.top[2]

    @property
    def large(self) -> bool:
        return self.top[0].population >= self.ax["large_population"]

    @property
    def in_ctx(self) -> bool:
        e = self.top[0]
        return bool(e.country and self.ctx["countries"].get(e.country))

    @property
    def in_ctx_elsewhere(self) -> bool:
        """The best reading's country is named by some other mention of the article (not only this one)."""
        e = self.top[0]
        own = int(self.f._context_share(self.m)[0] == e.country)
        return bool(e.country and self.ctx["countries"].get(e.country, 0) > own)

    @property
    def has_cue(self) -> bool:
        """A locative cue or type noun; a weak preposition ("the road to X") counts for a main name in the
        article's countries, a strong reading or a large place."""
        cue = self.m["cue"]
        if bool(cue["prep"] in self.ax["cue_relations"] and cue["prep"]) \
                or cue["type_before"] is not None or cue["type_after"] is not None:
            return True
        _, alt, fz = self.top
        return bool(cue.get("weak") and not fz and not alt and (self.in_ctx or self.strong or self.large))

    def before(self, k: int = 1):
        return self.toks[self.sp.start - k] if self.sp.start >= k else None

    def veto(self) -> bool:
        self.m["veto"] = True
        return False


# ---------------------------------------------------------------------- how the mention was found
def r_in_acronym_name(c: Case) -> Optional[bool]:
    """Inside an organisation name the article spells out before its acronym."""
    return c.veto() if c.m.get("in_org") else None


def r_street_word(c: Case) -> Optional[bool]:
    """"a crash on Lakeville Ave.": the first word of a street's name."""
    sp, toks = c.sp, c.toks
    if c.m["source"] in c.ax["street_word_sources"] and sp.end < len(toks) and _cap(toks[sp.end]) \
            and toks[sp.end].lower_ in c.f.street_heads:
        return c.veto()
    return None


def r_found_with_evidence(c: Case) -> Optional[bool]:
    """A model place entity, a demonym, a facility, a cue or a dateline: a place."""
    return True if c.m["source"] in c.ax["evidence_sources"] else None


def r_second_pass_only(c: Case) -> Optional[bool]:
    """A spelling variant or an echo counts only next to the place it spells, or as the same name as a sure
    place (second pass)."""
    return False if c.m["source"] in c.ax["second_pass_sources"] else None


# ---------------------------------------------------------------------- a gazetteer-only match: its entity
def r_list_entity(c: Case) -> Optional[bool]:
    """"Vell, Oskby, Tsombe" as one WORK_OF_ART, "Vell and Oskby" as one PERSON: the label says nothing."""
    if c.e is not None and _list_entity(c.e, c.sp):
        c.e = None
    return None


def r_headline_entity(c: Case) -> Optional[bool]:
    """Entities of a title-case headline are noise ("Rebels Strike Lakeville" as a PERSON)."""
    if c.m["headline"]:
        c.e = None
    return None


def r_other_label(c: Case) -> Optional[bool]:
    """Another label ("in Lakeville" as PRODUCT or DATE) yields only to a place preposition right before a
    main name that is the whole entity."""
    e, sp = c.e, c.sp
    if e is None or e.label_ in c.ax["name_labels"]:
        return None
    prev = c.before()
    if not (e.label_ in c.ax["yielding_labels"] and e.start == sp.start and e.end == sp.end and prev is not None
            and prev.lower_ in c.ax["yielding_prepositions"] and not any(ch.isdigit() for ch in e.text)):
        return False
    c.e = None
    return None


def r_quoted_name(c: Case) -> Optional[bool]:
    """The first word of a quoted name: the self-styled "Vell Emirate"."""
    return c.veto() if _in_quoted_name(c.f._txt(c.doc), c.sp) else None


def r_code_before(c: Case) -> Optional[bool]:
    """"the Q7 Ruritania summit": a name with a code."""
    prev = c.before()
    return c.veto() if prev is not None and re.fullmatch(r"[A-Z]+\d+", prev.text) else None


def r_demonym_and_place(c: Case) -> Optional[bool]:
    """"the Ruritanian Vell" as one name: a demonym and a place, not an organisation's name."""
    e, sp = c.e, c.sp
    if e is not None and (e.start < sp.start or e.end > sp.end) and e.label_ in c.ax["longer_name_labels"] and all(
            t.lower_ in c.ax["articles"] or c.f.gaz.demonym(t.text) is not None
            for t in e if not (sp.start <= t.i < sp.end)):
        c.e = None
    return None


def r_jurisdiction(c: Case) -> Optional[bool]:
    """"Lakeville Police Department", "Vell County Sheriff", "the Oskby Metro Police", and untagged "Lakeville
    police said": an organisation or service named after the place it serves (lexicon `jurisdiction_heads`,
    `accept.jurisdiction_qualifiers`; rule "jurisdiction")."""
    if not c.m["cands"] or not (_named_service(c) or _untagged_service(c)):
        return None
    top, _alt, fz = c.top
    if not fz and top.level in (gz.CITY, gz.ADMIN1, gz.ADMIN2):
        c.m["source"] = "jurisdiction"
        return True
    return None


def _named_service(c: Case) -> bool:
    """The name opens an organisation's name, or follows its article ("the Vell Police"), and up to two
    qualifiers come before the head ("Lakeville Metropolitan Police")."""
    e, sp = c.e, c.sp
    if e is None or e.label_ != "ORG" or e.end <= sp.end or not (
            e.start == sp.start or e.start == sp.start - 1 and c.toks[e.start].lower_ in c.ax["articles"]):
        return False
    head = sp.end
    while head < min(e.end - 1, sp.end + 2) and c.toks[head].lower_ in c.ax["jurisdiction_qualifiers"]:
        head += 1
    return c.toks[head].lower_ in c.f.jurisdiction_heads


def _untagged_service(c: Case) -> bool:
    """A name the model left untagged, or tagged as a person on its own, right before a lower-case head
    ("Lakeville police arrested ...", "Oskby fire crews")."""
    sp, e = c.sp, c.e
    alone = e is None or (e.label_ == "PERSON" and (e.start, e.end) == (sp.start, sp.end))
    return alone and sp.end < len(c.toks) and c.toks[sp.end].is_lower and c.toks[sp.end].lower_ in c.f.jurisdiction_heads


def r_inside_longer_name(c: Case) -> Optional[bool]:
    """Part of a longer person or organisation name; with the lexicon option `embedded_in_names` a country or
    region inside an organisation's name, or a large city of a country the article names, is kept as rule
    "embedded" (a reference, never an event's place); a lone direction word ("Central") is not."""
    e, sp, m = c.e, c.sp, c.m
    if e is None or not (e.start < sp.start or e.end > sp.end) or e.label_ not in c.ax["longer_name_labels"]:
        return None
    m["veto"] = True
    lone_direction = len(sp) == 1 and sp[0].lower_ in c.f.directions  # "the Central Bank", "Northern Rail"
    if c.f.embedded and e.label_ == "ORG" and m["cands"] and not lone_direction \
            and not _quoted(c.f._txt(c.doc), sp):
        top, alt, fz = c.top
        # a city needs its country in the article: "Toyota Motor" alone names a company, not Toyota City
        if not fz and not alt and (top.level in _SURE_LEVELS or (c.large and c.in_ctx_elsewhere)):
            m["source"] = "embedded"
            return True
    return False


def r_after_title(c: Case) -> Optional[bool]:
    """A name after a title, or opening with one (unless a city's name opens with a title word)."""
    sp, titles, prev = c.sp, c.f.titles, c.before()
    if (sp[0].lower_ in titles and not c.f._titled_city(c.m)) or (prev is not None and prev.lower_ in titles):
        return False
    return None


def r_not_a_noun(c: Case) -> Optional[bool]:
    """A capitalised verb or adverb, unless a preposition governs it ("to Tsombe")."""
    sp, prev = c.sp, c.before()
    if len(sp) == 1 and sp[0].pos_ not in c.ax["name_pos"] and not (
            sp[0].pos_ in c.ax["governed_pos"] and prev is not None and not sp[0].like_num
            and (prev.lower_ in c.f.preps or c.m["cue"].get("weak"))):
        return False
    return None


def r_no_candidate(c: Case) -> Optional[bool]:
    return False if not c.m["cands"] else None


# ---------------------------------------------------------------------- a gazetteer-only match: its reading
def r_quoted(c: Case) -> Optional[bool]:
    """The "Vell" highway is a road; a "Ruritania" scenario names a place (by its main name)."""
    if not _quoted(c.f._txt(c.doc), c.sp):
        return None
    _, alt, fz = c.top
    return not alt and not fz and len(c.sp.text) > c.ax["quoted_min_chars"] and (c.strong or c.large)


def r_headline(c: Case) -> Optional[bool]:
    """A capitalised word in a headline needs the article to use it as a place (second pass); a first-level
    region only in the article's countries ("Ruritania's Northern Front", "Garden Centre")."""
    if not c.m["headline"]:
        return None
    top, alt, _ = c.top
    return c.strong and not alt and (top.level != gz.ADMIN1 or top.country in c.f._named_countries)


def r_person_entity(c: Case) -> Optional[bool]:
    """The model calls it a person: the subject of a speech verb is one ("Vell said"), unless a country;
    otherwise a strong reading, a cue, or a titled city in the article's countries."""
    if c.e is None or c.e.label_ != "PERSON":
        return None
    sp, f = c.sp, c.f
    top, _, fz = c.top
    if f._speech_subject(sp) and top.level != gz.COUNTRY and (len(sp) == 1 or top.level == gz.CITY):
        return False
    return c.strong or (c.has_cue and not fz) or (c.has_cue and c.in_ctx) or (
        c.in_ctx and f._titled_city(c.m) and not f._speech_subject(sp))


def r_too_short(c: Case) -> Optional[bool]:
    return False if len(c.sp.text) <= c.ax["min_chars"] else None


def r_the_common_noun(c: Case) -> Optional[bool]:
    """"the Centre had failed", "the Alliance's plan": a common noun as a name."""
    sp, prev = c.sp, c.before()
    if len(sp) == 1 and prev is not None and prev.lower_ == "the" and not c.has_cue \
            and c.top[0].level in (gz.ADMIN1, gz.ADMIN2, gz.CITY) and (
            sp.end >= len(c.doc) or c.toks[sp.end].pos_ not in c.ax["noun_after_pos"]):
        return False
    return None


def r_strong(c: Case) -> Optional[bool]:
    """A country, first-level region or larger region (not a lone word by an alternate name only)."""
    top, alt, _ = c.top
    if c.strong and not (alt and len(c.sp) == 1 and c.e is None and top.level != gz.COUNTRY):
        return True
    return None


def r_lone_word(c: Case) -> Optional[bool]:
    """A lone capitalised word ("Hope", "Star") needs a locative cue, or must be the main name of a sizeable
    city, in the article's countries unless large, where the model tags a proper noun."""
    sp = c.sp
    if len(sp) != 1 or c.e is not None:
        return None
    top, alt, fz = c.top
    if c.has_cue and not fz:
        return True
    return (not fz and not alt and top.level == gz.CITY and sp[0].pos_ == "PROPN" and sp.start != sp.sent.start
            and (c.large or (c.in_ctx and top.population >= c.ax["lone_word_context_population"])))


def r_fuzzy(c: Case) -> Optional[bool]:
    """A transliteration match needs a cue and the article's countries."""
    return (c.has_cue and c.in_ctx) if c.top[2] else None


def r_admin2(c: Case) -> Optional[bool]:
    """A second-level division needs its type noun, or a cue for a longer main name in a named country."""
    top, alt, _ = c.top
    if top.level != gz.ADMIN2:
        return None
    cue = c.m["cue"]
    return cue["type_after"] == "admin" or cue["type_before"] == "admin" or (
        len(c.sp) >= 2 and c.has_cue and top.country in c.f._named_countries and not alt)


def r_cue(c: Case) -> Optional[bool]:
    return True if c.has_cue else None


def r_titled_city(c: Case) -> Optional[bool]:
    """"General Vell, Port Oskby and Tsombe have ...": a city named with a title word, in the article's countries."""
    return True if c.in_ctx and c.f._titled_city(c.m) and not c.f._speech_subject(c.sp) else None


def r_sentence_initial(c: Case) -> Optional[bool]:
    return False if c.sp.start == c.sp.sent.start else None


def r_in_context(c: Case) -> Optional[bool]:
    """A town of some size (or a district) in a country the article names elsewhere (a name alone does not put
    the article in its own country: "fans of Toyota trucks")."""
    top = c.top[0]
    return c.in_ctx_elsewhere and (top.population >= c.ax["context_population"] or top.level == gz.ADMIN2)


ACCEPT_RULES: list[tuple[str, Callable[[Case], Optional[bool]]]] = [
    ("in-acronym-name", r_in_acronym_name),
    ("street-name-word", r_street_word),
    ("found-with-evidence", r_found_with_evidence),
    ("second-pass-only", r_second_pass_only),
    ("list-entity", r_list_entity),
    ("headline-entity", r_headline_entity),
    ("other-label", r_other_label),
    ("quoted-name", r_quoted_name),
    ("code-before", r_code_before),
    ("demonym-and-place", r_demonym_and_place),
    ("jurisdiction", r_jurisdiction),
    ("inside-longer-name", r_inside_longer_name),
    ("after-title", r_after_title),
    ("not-a-noun", r_not_a_noun),
    ("no-candidate", r_no_candidate),
    ("quoted", r_quoted),
    ("headline", r_headline),
    ("person-entity", r_person_entity),
    ("too-short", r_too_short),
    ("the-common-noun", r_the_common_noun),
    ("strong", r_strong),
    ("lone-word", r_lone_word),
    ("fuzzy", r_fuzzy),
    ("admin2", r_admin2),
    ("cue", r_cue),
    ("titled-city", r_titled_city),
    ("sentence-initial", r_sentence_initial),
    ("in-context", r_in_context),
]


def accept(f, doc: Doc, m: dict, ctx: dict) -> bool:
    """The first verdict of ACCEPT_RULES; the deciding rule's name is kept on the mention (`accept_rule`)."""
    c = Case(f, doc, m, ctx)
    for name, rule in ACCEPT_RULES:
        verdict = rule(c)
        if verdict is not None:
            m["accept_rule"] = name
            return bool(verdict)
    return False
