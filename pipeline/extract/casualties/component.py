"""Casualties extractor: killed / injured / detained / arrested / missing / kidnapped / displaced figures.

Each figure is a payload dict (see `_doc`): start_char, end_char (the phrase,
"four people were killed", "wounding at least five"), kind, count (best), low,
high, qualifier (as written), group (breakdown group), total, rule, flags,
attribution_idxs.

How a figure is found, sentence by sentence (rules are named on each value):

1. Quantities: `numbers.scan` finds numbers in digits and words, approximations
   and vague quantities.  Vague quantities follow the ACLED codebook: the most
   conservative figure the words allow ("dozens" -> 12, "tens" -> 10,
   "hundreds" -> 100; our extension: "scores" -> 20, "several" / "a few" -> 3);
   the value's rule then contains "vague:<word>=<value>".  Numbers that are ages
   ("a 5-year-old", "Smith, 30,"), dates, times, money, percentages, addresses
   ("1000 block of ...") or that count things ("two police cars") are dropped.
2. Linking a quantity (or a singular victim: "a man", "the victim", a named
   person) to a casualty predicate through the dependency parse:
     subj        passive or intransitive subject  "four people were killed", "16 people died"
     obj         object of an active verb          "they killed 33 servicemen", "wounding at least five"
     participle  participle / adjective modifier   "one police officer killed", "three people dead"
     of-noun     "the deaths of three people";  noun  "three deaths", "20 fatalities"
     toll        "the death toll rose to 12"
     window      surface fallback: quantity, then only auxiliaries / adverbs / dashes, then a casualty word
                 ("over a hundred — were injured")
   Lemma -> kind tables live in models/lexicons/casualties.json.  "shot" means hit by
   gunfire: it is coded injured with flag "shot_may_include_killed" unless a killing
   word says otherwise ("shot and killed", "shot dead", "fatally shot").
3. Zero: "there were no casualties" (killed 0 and injured 0), "no one was hurt",
   "no deaths", "the officer was not injured" (group figure, total false).
4. Breakdowns: quantities after "including", "among them", "of whom" ... and before
   the clause ends become parts (total false, group = the noun as written) of the
   nearest preceding total; "most of them — the military" gives a part with
   qualifier "most".  Parts that add up to more than the total flag both with
   "breakdown_exceeds_total".
5. Coordinated victims with their own counts ("his five children as well as his
   wife") give a total that sums them (rule "conj-sum") plus the parts.
6. Other named rules: "singular:*" (one victim: "a man was shot and killed", "the
   victim died", a named person, "a 13-year-old"), "singular:headline" ("Man shot,
   killed"), "fatally-part" ("two men were shot, one fatally": killed 1, the shot
   figure keeps the survivors, rule suffix ";minus-fatal"), "self-inflicted" (the
   perpetrator's own death, total false), "implied:<phrase>" (minimum counts implied
   by "a fatal shooting", "a double homicide"; flag implied_min), "*:hospital"
   ("was taken to a hospital"; flag hospitalized_may_include_killed), "*:condition"
   ("listed in critical condition").
   Flags: "additional" ("another man", "a second victim"), "aggregate_or_other_period"
   (a statistic "since 2013" / "so far this year", or "killed last year"),
   "breakdown_exceeds_total", "shot_may_include_killed", "singular_may_include_killed".

Conflicting figures for one event (two sources, a later update) are all kept;
nothing is averaged.  `article_totals` combines the figures of a one-incident
article; `naive_counts` is the baseline the eval reports next to ours.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.casualties import numbers
from pipeline.extract.casualties.link import link  # noqa: F401  (the link stage; importable from here)
from pipeline.extract._component import Component, LinkStage, load_lexicon
from pipeline.extract._doc import doc_text, tokens

DEFAULT_LEXICON = "lexicons/casualties.json"
KINDS = ("killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced")
SUBJ = ("nsubj", "nsubjpass")
GENERIC_GROUPS = {"people", "person", "persons", "one", "body", "others", "other", "individuals", "anyone", "nobody",
                  "none", "casualties", "casualty", "victims", "injuries", "deaths", "fatalities"}
SHOT_FLAG = "shot_may_include_killed"
ANTECEDENT = "antecedent"  # a figure whose kind is the one the sentence named just before ("revised it to 89")
HOSPITAL_FLAG = "hospitalized_may_include_killed"
SOFT_SINGULAR = True  # "the victim was injured" may be the one later reported dead
OTHERS_ADDITIONAL = False  # "two others were wounded" as additive lost accuracy
ORDINAL_PEOPLE = {"second", "third", "fourth", "fifth", "sixth"}
_BE = {"be", "have", "been", "being", "was", "were", "is", "are", "has", "had"}


class _Lex:
    """Lookup sets built once from the lexicon JSON."""

    def __init__(self, raw: dict):
        self.raw = raw
        self.verbs = {k: v for k, v in raw["verbs"].items() if not k.startswith("_")}
        self.adjs = {k: v for k, v in raw["adjectives"].items() if not k.startswith("_")}
        self.nouns = {k: v for k, v in raw["nouns"].items() if not k.startswith("_")}
        self.person = set(raw["person_nouns"])
        self.non_person = set(raw["non_person_nouns"])
        self.markers = [tuple(m.split()) for m in raw["breakdown_markers"]]
        self.most = [tuple(m.split()) for m in raw["most_markers"]]
        self.fatal_mod = set(raw["fatal_modifiers"])
        self.fatal_conj = set(raw["fatal_conj_verbs"])
        self.fatal_adj = set(raw["fatal_adjectives"])
        self.suffer = set(raw["suffer_verbs"])
        self.agentive = set(raw["transitive_agent_verbs"])
        self.skip = set(raw["skip_between"])
        self.zero_neg = set(raw["zero"]["negators"])
        self.zero_both = set(raw["zero"]["both_kinds_nouns"])
        self.unharmed = set(raw["zero"].get("unharmed_adjectives", []))
        self.harm_verbs = set(raw["zero"].get("harm_verbs", []))
        self.approx_preps = {w for k, ws in raw["qualifiers"].items() if not k.startswith("_") for w in ws
                             if " " not in w}
        self.self_obj = set(raw["self_harm"]["objects"])
        self.self_phrases = [p.lower() for p in raw["self_harm"]["phrases"]]
        ctx = raw["non_casualty_context"]
        self.ctx_after = set(ctx["after"])
        self.ctx_before = set(ctx["before"])
        self.age_after = set(ctx["age_after"])
        self.bad_ents = set(ctx["bad_ent_types"])
        self.condition = set(raw["condition"]["nouns"])
        self.toll = raw["toll_nouns"]
        self.count_nouns = set(raw.get("count_nouns", []))
        self.revise_verbs = set(raw.get("revise_verbs", []))
        self.collective = set(raw.get("collective_nouns", []))
        self.hospital_verbs = set(raw["hospital"]["verbs"])
        self.hospital_nouns = set(raw["hospital"]["nouns"])
        by_first: dict[str, list[tuple]] = {}
        for m in sorted(self.markers, key=len, reverse=True):
            by_first.setdefault(m[0], []).append(m)
        self.markers_by_first = by_first
        self.self_res = [(p, re.compile(re.escape(p))) for p in self.self_phrases]
        self.implied = [(ph, tuple(v), re.compile(r"\b" + re.escape(ph.lower()) + r"\b"))
                        for ph, v in raw.get("implied", {}).items() if not ph.startswith("_")]
        self.cues = self._cue_words(raw)

    def _cue_words(self, raw: dict) -> frozenset:
        """Every word any rule starts from (kind words, number words, zero, self-harm, implied phrases).
        A sentence with none of them and no digits cannot yield a figure, so it is not examined."""
        words: set[str] = set(self.verbs) | set(self.adjs) | set(self.nouns) | self.zero_neg | self.zero_both
        words |= self.unharmed | self.fatal_mod | self.fatal_adj | self.hospital_nouns | self.condition
        words |= self.count_nouns | {w for k in self.toll for w in k.split()}
        words |= set(raw["condition"].get("verbs_with_hospital", []))
        for sec in ("units", "tens", "scales", "multipliers", "counting_words"):
            words |= {w for k in raw["numbers"].get(sec, {}) for w in k.split()}
        words |= {w for k in raw["vague"] if not k.startswith("_") for w in k.split()}
        words |= {w for p in self.self_phrases for w in p.split()} | self.self_obj
        words |= {w for ph, _, _ in self.implied for w in ph.lower().split()}
        return frozenset(w.lower() for w in words)


_LEX_CACHE: dict[int, _Lex] = {}


def _lex(raw: Optional[dict] = None) -> _Lex:
    raw = raw if raw is not None else load_lexicon(DEFAULT_LEXICON)
    key = id(raw)
    if key not in _LEX_CACHE:
        _LEX_CACHE[key] = _Lex(raw)
    return _LEX_CACHE[key]


# --------------------------------------------------------------------------- token predicates


def _kind_of(tok: Token, lx: _Lex, strong_only: bool = False) -> Optional[str]:
    """Kind named by a predicate token (verb lemma, participle or adjective); '_weak' kinds need a person noun."""
    low = tok.lower_
    kind = None
    if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG"):
        kind = lx.verbs.get(tok.lemma_.lower()) or lx.verbs.get(low)
        if kind is None and low in lx.adjs and tok.tag_ in ("VBN", "JJ", "VBG"):  # "are missing"
            kind = lx.adjs[low]
    elif tok.pos_ == "ADJ":
        kind = lx.adjs.get(low)
    if kind and strong_only and kind.endswith("_weak"):
        return None
    return kind


def _is_person(noun: Optional[Token], lx: _Lex) -> Optional[bool]:
    """True for a person noun, False for a thing, None when unknown."""
    if noun is None:
        return None
    low, lemma = noun.lower_, noun.lemma_.lower()
    if low in lx.non_person or lemma in lx.non_person:
        return False
    if low in lx.person or lemma in lx.person:
        return True
    if noun.ent_type_ in ("PERSON", "NORP"):
        return True
    if _is_year_old(noun):
        return True
    if noun.pos_ == "PRON" and low in ("he", "she", "him", "her", "they", "them", "who", "whom"):
        return True
    return None


def _is_year_old(tok: Token) -> bool:
    """'old' / 'olds' closing "13-year-old" used as a noun."""
    d = tok.doc
    return tok.lower_ in ("old", "olds") and tok.i >= 2 and d[tok.i - 1].text == "-" and d[tok.i - 2].lower_ in (
        "year", "month", "week", "day")


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


class _Pred:
    """A casualty predicate found for an anchor: kind, trigger token, flags."""

    def __init__(self, kind: str, trigger: Token, rule: str, flags: Optional[list] = None, negated: bool = False):
        self.kind, self.trigger, self.rule = kind, trigger, rule
        self.flags = flags or []
        self.negated = negated


def _refine(kind: str, verb: Token, lx: _Lex, rule: str) -> _Pred:
    """'shot' -> killed when a killing word goes with it; otherwise injured with the shot flag."""
    flags: list[str] = []
    neg = _negated(verb)
    if kind.endswith("_weak"):
        kind = kind[: -len("_weak")]
    lemma = verb.lemma_.lower()
    fatal = False
    trigger = verb
    for c in verb.children:
        if c.lower_ in lx.fatal_mod and c.dep_ in ("advmod", "oprd", "acomp", "xcomp", "npadvmod", "dobj", "ccomp",
                                                   "advcl"):
            fatal = True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children):
            fatal = True
        if c.dep_ == "conj" and c.lemma_.lower() in lx.fatal_conj and not any(g.dep_ in SUBJ for g in c.children):
            fatal = True
            trigger = c
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in lx.fatal_mod and doc[verb.i + 1].dep_ in ("amod", "advmod"):
        fatal = True  # "shot dead four policemen": the parser may hang "dead" on the object
    if kind == "injured" and fatal:
        return _Pred("killed", trigger, rule + ":fatal", flags, neg)
    if lemma in ("shoot", "stab") and kind == "injured":
        # "shot and wounded" is an injury; "shot" alone may turn out fatal later in the article
        if not any(c.dep_ == "conj" and lx.verbs.get(c.lemma_.lower()) == "injured"
                   and c.lemma_.lower() not in ("shoot", "stab") for c in verb.children):
            flags.append(SHOT_FLAG)
    return _Pred(kind, verb, rule, flags, neg)


def _predicate_of_verb(verb: Token, lx: _Lex, rule: str, need_person: bool) -> Optional[_Pred]:
    """The casualty predicate of `verb` or what hangs on it (found dead, left ... injured, suffered wounds)."""
    p = _predicate_of_verb1(verb, lx, rule, need_person)
    if p is None or p.kind == "injured":
        # "was found shot and died at a hospital": a subject-less conjunct verb shares the subject
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in SUBJ for g in c.children):
                k = _kind_of(c, lx, strong_only=True)
                if k == "killed":
                    return _Pred("killed", c, rule + ":conj", [], _negated(c))
                if p is None and k:
                    return _refine(k, c, lx, rule + ":conj")
    return p


def _predicate_of_verb1(verb: Token, lx: _Lex, rule: str, need_person: bool) -> Optional[_Pred]:
    kind = _kind_of(verb, lx)
    if kind and (not kind.endswith("_weak") or need_person is False):
        return _refine(kind, verb, lx, rule)
    lemma = verb.lemma_.lower()
    for c in verb.children:
        # "was found dead", "left two people dead", "are missing", "was pronounced dead"
        if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr") and c.i > verb.i and c.tag_ in ("JJ", "VBN"):
            k2 = _kind_of(c, lx, strong_only=True)
            if k2:
                p = _refine(k2, c, lx, rule + ":complement")
                p.negated = p.negated or _negated(verb)
                return p
        # "suffered (fatal) gunshot wounds", "sustained injuries"
        if lemma in lx.suffer and c.dep_ in ("dobj", "obj"):
            nk = lx.nouns.get(c.lemma_.lower())
            if nk == "injured":
                fatal = any(g.lower_ in lx.fatal_adj for g in c.children)
                return _Pred("killed" if fatal else "injured", c, rule + ":suffered", [], _negated(verb))
        # "was taken to a hospital", "sent two people to the hospital": hurt, possibly fatally
        if c.dep_ == "prep" and c.lower_ == "to" and lemma in lx.hospital_verbs and any(
                g.dep_ == "pobj" and g.lemma_.lower() in lx.hospital_nouns for g in c.children):
            return _Pred("injured", verb, rule + ":hospital", [HOSPITAL_FLAG], _negated(verb))
        # "with minor injuries", "in critical condition"
        if c.dep_ == "prep" and c.lower_ in ("with", "in"):
            for g in c.children:
                if g.dep_ == "pobj":
                    if c.lower_ == "with" and lx.nouns.get(g.lemma_.lower()) == "injured":
                        fatal = any(a.lower_ in lx.fatal_adj for a in g.children)
                        return _Pred("killed" if fatal else "injured", g, rule + ":with-injuries", [], _negated(verb))
                    if c.lower_ == "in" and g.lemma_.lower() in lx.condition and any(
                        a.dep_ in ("amod", "compound") for a in g.children
                    ):
                        return _Pred("injured", g, rule + ":condition", [], _negated(verb))
    return None


def _aggregate(trigger: Token, lx: _Lex) -> bool:
    """A cumulative statistic rather than one incident: "28 have been killed so far this year", "since 2013"."""
    cues = lx.raw.get("aggregate", {})
    years = set(cues.get("period_nouns", []))
    dets = set(cues.get("period_determiners", []))
    preps = set(cues.get("prepositions", []))
    heads = [trigger] + ([trigger.head] if trigger.head is not trigger else [])
    anchor = trigger.head
    if trigger.dep_ in ("relcl", "advcl") and (anchor.lower_ in years or (
            anchor.like_num and len(anchor.text) == 4 and anchor.text.isdigit())):
        return True  # "... since 2007, when 28 were killed": a figure about a whole year
    for h in heads:
        for t in h.subtree if h is trigger else h.children:
            if t.dep_ == "prep" and t.lower_ in preps and t.head in heads:
                return True
            if t.lower_ in years and any(c.lower_ in dets for c in t.children) and t.head in heads + [
                    c for c in h.children if c.dep_ == "prep"]:
                return True
    return False


def _noun_link(noun: Token, lx: _Lex) -> Optional[_Pred]:
    """Participles / adjectives / relative clauses on the noun: "one officer killed", "three people dead"."""
    for c in noun.children:
        if c.dep_ == "relcl" and c.i > noun.i and all(
            g.lower_ in ("who", "that", "which", "whom") for g in c.children if g.dep_ in SUBJ
        ):
            p = _predicate_of_verb(c, lx, "relative", need_person=True)
            if p and p.trigger.pos_ == "VERB" and p.trigger.lemma_.lower() in lx.agentive and not _passive(p.trigger) \
                    and any(g.dep_ == "nsubj" for g in list(p.trigger.children) + list(c.children)):
                p = None  # "three troopers who shot ...": the noun is the agent
            if p:
                return p
        if c.dep_ in ("acl", "amod") and noun.i < c.i <= noun.i + 4:
            k = _kind_of(c, lx, strong_only=True)
            if k:
                return _refine(k, c, lx, "participle")
        if c.dep_ == "prep" and c.lower_ == "with":
            for g in c.children:
                if g.dep_ == "pobj" and lx.nouns.get(g.lemma_.lower()) == "injured":
                    fatal = any(a.lower_ in lx.fatal_adj for a in g.children)
                    return _Pred("killed" if fatal else "injured", g, "with-injuries")
    return None


def _link(anchor: Token, noun: Optional[Token], lx: _Lex, person: Optional[bool]) -> Optional[_Pred]:
    """Casualty predicate governing `anchor` (the quantified noun, or the number itself)."""
    need_person = person is not True
    if noun is not None and anchor is noun and lx.nouns.get(noun.lemma_.lower()) in KINDS and (
            lx.nouns[noun.lemma_.lower()] != "injured"):  # "two gunshot wounds" counts wounds, not people
        return _Pred(lx.nouns[noun.lemma_.lower()], noun, "noun")
    if noun is not None:
        p = _noun_link(noun, lx)
        if p:
            return p
    doc = anchor.doc
    if noun is None and anchor.i >= 2 and doc[anchor.i - 1].lower_ in ("to", "at") and (
            doc[anchor.i - 2].lemma_.lower() in lx.count_nouns or doc[anchor.i - 2].lemma_.lower() == "toll"):
        # "revised the figure to 89 two days later": the parser may lose the number, the words do not
        t = doc[anchor.i - 2]
        kind = _toll_kind(t, lx) or ("killed" if t.lemma_.lower() == "toll" else None)
        if kind:
            return _Pred(kind, t, "toll")
        if t.head.lemma_.lower() in lx.revise_verbs or t.head.head.lemma_.lower() in lx.revise_verbs:
            return _Pred(ANTECEDENT, t, "toll:revised")
    dep = anchor.dep_
    # walk up coordinations: "two soldiers and a policeman were killed"
    a = anchor
    while a.dep_ == "conj" and a.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and a.head is not a:
        a = a.head
    dep = a.dep_
    head = a.head
    if dep in SUBJ:
        p = _predicate_of_verb(head, lx, "subj", need_person)
        if p is None:
            return None
        v = p.trigger
        if dep == "nsubj" and v.pos_ == "VERB" and v.lemma_.lower() in lx.agentive and not _passive(v) and (
                v is head or v.dep_ == "conj"):
            # active transitive: the subject is the agent ("three gunmen killed ...", "a suspect kicked the door
            # and shot him"), unless there is no object and no auxiliary (headline: "one police officer killed")
            if v is not head and not _passive(v):
                return None
            if _has_object(v) or any(c.dep_ == "aux" for c in v.children) or v.tag_ == "VBG":
                return None
        return p
    if dep in ("dobj", "obj"):
        if head.lemma_.lower() in lx.suffer:
            return None
        kind = _kind_of(head, lx)
        if kind and any(c.dep_ == "prt" for c in head.children):
            return None  # "held up a store clerk"
        if kind and not kind.endswith("_weak"):
            return _refine(kind, head, lx, "obj")
        # "left two people dead", "found three people injured"
        return _predicate_of_verb(head, lx, "obj", need_person)
    if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lx.collective:
        return _link(head.head, head.head, lx, True)  # "killed a family of five": the family is the victims
    if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        k = lx.nouns.get(head.head.lemma_.lower())
        if k in KINDS:
            return _Pred(k, head.head, "of-noun")
    if dep == "pobj" and head.lower_ in ("to", "at", "of") and head.head is not None:
        # "the death toll rose to 12", "a death toll of 5"
        # "put the death toll at three": the toll may also be the verb's object
        cand = [head.head] + [c for c in head.head.children if c.dep_ in SUBJ + ("dobj",)]
        for t in cand:
            if t.lemma_.lower() == "toll":
                return _Pred(_toll_kind(t, lx) or "killed", t, "toll")
            if t.lemma_.lower() in lx.count_nouns:  # "put the number of injured at 40"
                kind = _toll_kind(t, lx)
                if kind:
                    return _Pred(kind, t, "toll")
                if t.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and t.head.lemma_.lower() in lx.revise_verbs:
                    return _Pred(ANTECEDENT, t, "toll:revised")  # "revised the figure to 89": the kind just named
    if dep == "pobj" and head.lower_ in lx.approx_preps and head.dep_ == "prep" and head.head.pos_ == "VERB":
        # "injuring over a hundred", "killing around 40": the parser hangs the figure on a preposition
        kind = _kind_of(head.head, lx)
        if kind and not kind.endswith("_weak") and not _passive(head.head):
            return _refine(kind, head.head, lx, "obj")
    return None


def _toll_kind(toll: Token, lx: _Lex) -> Optional[str]:
    """"death toll", "injury toll", "the toll of wounded", "the number of dead": the kind it names, if any."""
    words = [c for c in toll.children if c.dep_ in ("compound", "amod")]
    words += [g for c in toll.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    doc = toll.doc
    if toll.i + 2 < len(doc) and doc[toll.i + 1].lower_ == "of":  # headlines parse badly: "Toll of Wounded Rises"
        words.append(doc[toll.i + 2])
    for w in words:
        k = lx.nouns.get(w.lemma_.lower()) or lx.adjs.get(w.lower_) or (
            "injured" if w.lower_.startswith("injur") else None)
        if k in KINDS:
            return k
    return None


# --------------------------------------------------------------------------- quantity filtering


def _bad_number(doc: Doc, start: int, end: int, lx: _Lex) -> bool:
    """Numbers that are ages, dates, times, money, percentages, addresses, model names."""
    toks = doc[start:end]

    def glued(t: Token) -> bool:
        # "to 89 two days later": the NER glues a figure to the date phrase after it
        return t.ent_type_ == "DATE" and t.text.isdigit() and t.i + 1 < len(doc) and doc[t.i + 1].like_num \
            and not doc[t.i + 1].text.isdigit() and doc[t.i + 1].ent_iob_ == "I"

    def victims(t: Token) -> bool:
        # "injuring 21, on the night ...": a bare number the NER calls a date, object of a casualty verb
        return t.ent_type_ == "DATE" and t.text.isdigit() and len(t.text) <= 3 and t.dep_ in ("dobj", "obj") \
            and t.head.pos_ == "VERB" and (lx.verbs.get(t.head.lemma_.lower()) or "").removesuffix("_weak") in KINDS \
            and not (t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ == "DATE" and doc[t.i + 1].ent_iob_ == "I")

    if any(t.ent_type_ in lx.bad_ents and not glued(t) and not victims(t) for t in toks
           if t.like_num or t.lower_ in ("a", "an")):
        # spaCy sometimes calls "dozens" or "a dozen" a DATE: trust only CARDINAL-looking words then
        if not all(t.lower_ in ("dozens", "hundreds", "scores", "several", "dozen") for t in toks if t.ent_type_):
            return True
    nxt = doc[end] if end < len(doc) else None
    nxt2 = doc[end + 1] if end + 1 < len(doc) else None
    prv = doc[start - 1] if start > 0 else None
    if nxt is not None:
        if nxt.lower_ in lx.ctx_after:
            return True
        if nxt.lower_ in ("-", "–") and nxt2 is not None and nxt2.lower_ in lx.age_after:
            return True
        if nxt.lower_ in lx.age_after and nxt2 is not None and nxt2.lower_ in ("old", "-"):
            return True
        if nxt.text.startswith(":") or re.match(r"^\d", nxt.text):
            return True
        if nxt.pos_ == "PROPN" and nxt.ent_type_ in ("FAC", "GPE", "LOC", "ORG", ""):
            # "608 Savage Road"; keep "two Americans" (NORP) and "five Kyrgyz guards" (a people noun follows)
            if (nxt.ent_type_ != "" or (nxt2 is not None and nxt2.pos_ == "PROPN")) and not (
                    nxt2 is not None and (nxt2.lower_ in lx.person or nxt2.lemma_.lower() in lx.person)):
                return True
    if prv is not None:
        if prv.lower_ in lx.ctx_before or prv.text in ("-", "/", "#", "$", "€", "£"):
            return True
    # age apposition: "Larry Smith, 30, was ..."
    last = doc[end - 1]
    if last.dep_ == "appos" and last.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return True
    if prv is not None and prv.text == "," and nxt is not None and nxt.text in (",", ")", ".", "and", "-", "–", "—") \
            and start >= 2:
        if doc[start - 2].pos_ in ("PROPN", "NOUN"):
            return True
    if prv is not None and prv.text == "(" and nxt is not None and nxt.text == ")":
        return True
    return False


def _num_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a number run whose head lies outside the run (the syntactic number)."""
    for t in doc[start:end]:
        if not (start <= t.head.i < end) or t.head is t:
            return t
    return doc[end - 1]


def _quantified_noun(num: Token, lx: _Lex) -> tuple[Optional[Token], Token]:
    """(noun the number counts, anchor token carrying the clause role)."""
    if num.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and num.head.i > num.i and num.head.pos_ in (
        "NOUN", "PROPN", "PRON", "ADJ"
    ):
        noun = num.head
        if noun.pos_ == "ADJ" and noun.lower_ in lx.adjs:
            # "two dead", "three injured"
            return None, num
        return noun, noun
    # "three of the victims", "dozens of people"
    for c in num.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g, num
    return None, num


def _span_of_noun(noun: Token) -> tuple[int, int]:
    """Token range of a noun with its left modifiers (compound, amod) — for groups."""
    left = noun.i
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and not _is_year_old(c) and c.lower_ not in (
                "dead", "fatally", "mortally"):
            left = min(left, c.i)
            break
    return left, noun.i + 1


# --------------------------------------------------------------------------- the extractor


def _payload(doc: Doc, t0: int, t1: int, kind: str, q: Optional[numbers.Quantity], rule: str,
             group: Optional[str] = None, total: bool = True, flags: Optional[list] = None,
             count: Optional[int] = None, low=None, high=None, qualifier=None) -> dict:
    span = doc[t0:t1]
    if q is not None:
        count, low, high, qualifier = q.count, q.low, q.high, q.qualifier
        if q.rule != "exact":
            rule = f"{rule};{q.rule}"
    return {
        "start_char": span.start_char, "end_char": span.end_char, "kind": kind, "count": count, "low": low,
        "high": high, "qualifier": qualifier, "group": group, "total": total, "rule": rule,
        "flags": list(flags or []), "attribution_idxs": [],
        "_tok": (t0, t1),
    }


def _group_text(doc: Doc, noun: Optional[Token], lx: _Lex) -> Optional[str]:
    if noun is None or noun.lower_ in GENERIC_GROUPS or noun.lemma_.lower() in GENERIC_GROUPS:
        return None
    if noun.pos_ == "PRON" or noun.ent_type_ == "PERSON" or _is_year_old(noun):
        return None
    a, b = _span_of_noun(noun)
    return doc[a:b].text


def _window_link(doc: Doc, sent: Span, end: int, lx: _Lex) -> Optional[_Pred]:
    """Surface fallback: after the quantity only auxiliaries / adverbs / dashes, then a casualty word."""
    i = end
    steps = 0
    while i < sent.end and steps < 5:
        t = doc[i]
        if t.is_space or t.lower_ in lx.skip or t.lemma_.lower() in _BE:
            i += 1
            steps += 1
            continue
        k = _kind_of(t, lx, strong_only=True)
        if k is None and t.lower_ in lx.adjs:
            k = lx.adjs[t.lower_]
        if k and not (t.dep_ in SUBJ):
            if t.pos_ == "VERB" and t.lemma_.lower() in lx.agentive and not _passive(t) and _has_object(t):
                return None  # "three gunmen killed the guard": the number counts the agents
            return _refine(k, t, lx, "window")
        return None
    return None


def _ranges(words: list[str], matches: list) -> list:
    """"137 to 141 people died", "20-25 soldiers": one figure, count = the conservative low end, high = the
    upper end (rule `range`)."""
    out, k = [], 0
    while k < len(matches):
        a = matches[k]
        b = matches[k + 1] if k + 1 < len(matches) else None
        between = a.start > 0 and words[a.start - 1].lower() == "between" and words[a.end].lower() == "and" \
            if b is not None and a.end < len(words) else False
        if (b is not None and b.start == a.end + 1 and (words[a.end].lower() in ("to", "-", "–") or between)
                and b.quantity.qualifier is None and a.quantity.count is not None and b.quantity.count is not None
                and a.quantity.count < b.quantity.count):
            lo, hi = a.quantity.count, b.quantity.count
            q = numbers.Quantity(value=lo, count=lo, low=lo, high=hi,
                                 qualifier=" ".join(words[a.num_start:b.end]), rule="range")
            start = a.start - 1 if between else a.start
            out.append(numbers.QuantityMatch(start=start, end=b.end, num_start=a.num_start, quantity=q,
                                             words=list(words[start:b.end])))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def _sentence(doc: Doc, sent: Span, lx: _Lex) -> list[dict]:
    out: list[dict] = []
    words = [t.text for t in tokens(doc)[sent.start:sent.end]]
    matches = _ranges(words, numbers.scan(words, lx.raw))
    used_nouns: set[int] = set()
    cands = []  # (t0, t1, num_token, noun, anchor, quantity)
    for m in matches:
        s, e, ns = sent.start + m.start, sent.start + m.end, sent.start + m.num_start
        if doc[ns].lower_ == "one" and ns > 0 and doc[ns - 1].lower_ == "no":
            continue
        if _bad_number(doc, ns, e, lx):
            continue
        num = _num_head(doc, ns, e)
        noun, anchor = _quantified_noun(num, lx)
        cands.append((s, e, num, noun, anchor, m.quantity))
        if noun is not None:
            used_nouns.add(noun.i)

    parts_zone = _breakdown_zones(doc, sent, lx)

    for s, e, num, noun, anchor, q in cands:
        person = _is_person(noun, lx)
        if person is False:
            continue
        # a figure standing before "of them" with a predicate of its own ("killing two of them") is its own
        in_zone = any(z0 <= s < z1 and not (s == z0 and doc[z0].like_num) for z0, z1, _ in parts_zone)
        pred = _link(anchor, noun, lx, person)
        window_ok = (pred is None and num.dep_ not in ("pobj", "appos", "poss", "npadvmod")
                     and (noun is None or (person is True and noun.i >= e and all(
                         doc[k].is_space or doc[k].head is noun for k in range(e, noun.i)))))
        if window_ok:
            last = noun.i + 1 if noun is not None else e
            pred = _window_link(doc, sent, last, lx)
        if pred is None:
            # "Two men were shot, one fatally"
            if noun is None and any(c.lower_ in lx.fatal_mod for c in num.children) or (
                e < sent.end and doc[e].lower_ in lx.fatal_mod
            ):
                t1 = e + 1 if e < sent.end and doc[e].lower_ in lx.fatal_mod else e
                out.append(_payload(doc, s, max(t1, e), "killed", q, "fatally-part", flags=[]))
            continue
        if in_zone and pred.rule in ("obj",) and pred.trigger.i < s:
            continue  # a breakdown part of an object figure; handled below
        if pred.kind == ANTECEDENT:
            prior = [p for p in out if p["_tok"][0] < s and p["count"] is not None]
            if not prior:
                continue
            pred.kind = prior[-1]["kind"]
        if pred.kind not in KINDS and pred.kind != "casualties":
            continue
        if person is None and noun is not None and noun.pos_ not in ("PRON",) and pred.kind in (
            "missing", "displaced", "detained", "kidnapped"
        ) and noun.lower_ not in lx.person:
            continue
        if pred.kind == "casualties":
            continue
        toks = [s, e - 1, pred.trigger.i]
        if noun is not None:
            toks.append(noun.i)
        t0, t1 = min(toks), max(toks) + 1
        if t1 - t0 > 30:
            continue
        kind = pred.kind
        if pred.negated:
            continue
        flags = list(pred.flags)
        if _aggregate(pred.trigger, lx):
            flags.append("aggregate_or_other_period")
        if s > sent.start and doc[s - 1].lower_ in ("another", "other") or doc[s].lower_ == "another" or (
                OTHERS_ADDITIONAL and (noun is not None and noun.lower_ in ("others", "more") or (
                    e < sent.end and doc[e].lower_ in ("others", "other", "more")))):
            flags.append("additional")
        out.append(_payload(doc, t0, t1, kind, q, pred.rule, group=_group_text(doc, noun, lx), flags=flags))
        out[-1]["_anchor"] = anchor.i
        out[-1]["_noun"] = noun.i if noun is not None else None

    out += _singulars(doc, sent, lx, used_nouns)
    out += _headline(doc, sent, lx, out)
    out += _zeros(doc, sent, lx)
    out += _self_harm(doc, sent, lx)
    out += _implied(doc, sent, lx)
    out = _conj_sums(doc, out, lx)
    out = _breakdowns(doc, sent, out, parts_zone, lx)
    out = _fatal_subtract(out)
    return out


def _singulars(doc: Doc, sent: Span, lx: _Lex, used: set[int]) -> list[dict]:
    """One victim named by a singular noun phrase, a person's name or he/she: "a man was shot and killed"."""
    out = []
    for t in tokens(doc)[sent.start:sent.end]:
        if t.i in used:
            continue
        if t.pos_ == "PRON":
            if t.lower_ not in ("he", "she", "him", "her"):
                continue
        elif t.pos_ == "PROPN":
            if t.ent_type_ != "PERSON" or t.dep_ == "compound":
                continue
        elif t.pos_ in ("NOUN", "ADJ") and t.lower_ in ORDINAL_PEOPLE and any(
                c.lower_ in ("a", "another") for c in t.children if c.dep_ == "det"):
            pass  # "a second was injured", "a third victim"
        elif t.pos_ in ("NOUN", "ADJ"):
            if _is_year_old(t):
                if t.lower_ == "olds":
                    continue
            elif t.pos_ == "ADJ" or t.tag_ != "NN" or (_is_person(t, lx) is not True and not (
                    _is_person(t, lx) is None and any(c.dep_ == "conj" and _is_person(c, lx) is True
                                                      for c in t.children))) or t.lower_ in (
                    "one", "police", "staff", "security", "family", "crew", "personnel", "gang", "other"):
                continue
            dets = [c for c in t.children if c.dep_ in ("det", "poss")]
            if any(c.lower_ in ("no", "every", "each", "any", "all", "some", "both") for c in dets):
                continue
            if not dets and t.dep_ not in SUBJ:
                continue
        else:
            continue
        if any(c.dep_ == "nummod" for c in t.children):
            continue
        of_noun = t.dep_ == "pobj" and t.head.lower_ == "of" and lx.nouns.get(t.head.head.lemma_.lower()) == "killed"
        if t.dep_ not in SUBJ + ("dobj", "obj", "conj") and not of_noun and not any(
            c.dep_ in ("acl", "relcl") for c in t.children
        ):
            continue
        if t.dep_ == "conj" and t.head.dep_ not in SUBJ + ("dobj", "obj"):
            continue
        pred = _link(t, t if t.pos_ != "PRON" else None, lx, True)
        if pred is None or pred.negated or pred.kind not in KINDS:
            continue
        if t.pos_ == "PRON" and t.dep_ in ("dobj", "obj") and t.lower_ not in ("him", "her"):
            continue
        a0 = t.i
        for c in t.lefts:
            if c.dep_ in ("det", "poss", "amod", "compound", "nummod"):
                a0 = min(a0, c.i)
                break
        if t.pos_ == "PROPN":
            ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            if ent is not None:
                a0 = min(a0, ent.start)
        toks = [a0, t.i, pred.trigger.i]
        t0, t1 = min(toks), max(toks) + 1
        if t1 - t0 > 30:
            continue
        flags = list(pred.flags)
        if any(c.lower_ == "another" or c.lower_ in ORDINAL_PEOPLE for c in t.lefts) or (
                t.lower_ in ORDINAL_PEOPLE):
            flags.append("additional")
        if pred.kind == "injured" and SHOT_FLAG not in flags and SOFT_SINGULAR:
            flags.append("singular_may_include_killed")
        p = _payload(doc, t0, t1, pred.kind, None, f"singular:{pred.rule}", group=_group_text(doc, t, lx),
                     flags=flags, count=1, low=1, high=1)
        p["_anchor"] = t.i
        p["_noun"] = t.i
        out.append(p)
    return out


def _headline(doc: Doc, sent: Span, lx: _Lex, found: list[dict]) -> list[dict]:
    """Headline style: a bare singular person noun followed by casualty participles ("Man shot, killed ...")."""
    toks = tokens(doc)
    out = []
    covered = {i for p in found for i in range(*p["_tok"])}
    for t in tokens(doc)[sent.start:sent.end]:
        if t.i in covered or t.tag_ not in ("NN", "NNP") or t.lower_ not in lx.person or t.lower_ in (
                "one", "police", "other"):
            continue
        if any(c.dep_ in ("det", "poss", "nummod") for c in t.children) or (t.i > 0 and toks[t.i - 1].pos_ in ("DET",
                                                                                                           "NUM")):
            continue
        kinds, j = [], t.i + 1
        while j < sent.end and j <= t.i + 4:
            w = toks[j]
            if w.text in (",", "and", "&"):
                j += 1
                continue
            k = lx.verbs.get(w.lemma_.lower()) or lx.verbs.get(w.lower_) or lx.adjs.get(w.lower_)
            if k is None or k.endswith("_weak") or w.tag_ not in ("VBN", "VBD", "JJ"):
                break
            kinds.append((k, w))
            j += 1
        if not kinds:
            continue
        k, w = next(((k, w) for k, w in kinds if k == "killed"), kinds[0])
        flags = []
        if k == "injured":
            flags = [SHOT_FLAG] if w.lemma_.lower() == "shoot" else ["singular_may_include_killed"]
        out.append(_payload(doc, t.i, j, k, None, "singular:headline", group=_group_text(doc, t, lx), flags=flags,
                            count=1, low=1, high=1))
    return out


def _zeros(doc: Doc, sent: Span, lx: _Lex) -> list[dict]:
    """Exact zeros: "no casualties", "no one was hurt", "nobody was killed", "the officer was not injured"."""
    toks = tokens(doc)
    out = []
    for t in tokens(doc)[sent.start:sent.end]:
        low = t.lower_
        noun = None
        if low == "no" and t.dep_ == "det":
            noun = t.head
        elif low in ("nobody", "none", "noone", "no-one"):
            noun = t
        elif low == "one" and t.i > 0 and toks[t.i - 1].lower_ == "no":
            noun = t
        if noun is None:
            continue
        start = t.i if low != "one" else t.i - 1
        lemma = noun.lemma_.lower()
        if lemma in lx.zero_both or noun.lower_ in lx.zero_both:
            if _is_person(noun, lx) and noun.dep_ in SUBJ:
                pred = _link(noun, noun, lx, True)
                if pred is not None and pred.kind in KINDS:
                    out.append(_payload(doc, start, max(noun.i, pred.trigger.i) + 1, pred.kind, None, "zero:no-subject",
                                        count=0, low=0, high=0))
                    continue
            for kind in ("killed", "injured"):
                out.append(_payload(doc, start, noun.i + 1, kind, None, "zero:no-casualties", count=0, low=0, high=0))
            continue
        nk = lx.nouns.get(lemma)
        if nk in KINDS:
            out.append(_payload(doc, start, noun.i + 1, nk, None, "zero:no-noun", count=0, low=0, high=0))
            continue
        if _is_person(noun, lx) or low in ("nobody", "none", "noone", "no-one") or noun.lower_ == "one":
            pred = _link(noun, noun, lx, True)
            if pred is None or pred.kind not in KINDS:
                continue
            group = _group_text(doc, noun, lx)
            kinds, last = [pred.kind], pred.trigger.i
            for c in pred.trigger.children:  # "no soldiers were killed or wounded"
                k = _kind_of(c, lx, strong_only=True) if c.dep_ == "conj" else None
                if k in KINDS and k not in kinds:
                    kinds.append(k)
                    last = max(last, c.i)
            # "no one was hurt": nobody was killed either, unless others were ("no one else was hurt")
            if pred.kind == "injured" and pred.trigger.lemma_.lower() in lx.harm_verbs and not any(
                    w.lower_ in ("else", "other", "others", "further", "more") for w in doc[start:pred.trigger.i]):
                kinds.append("killed")
            if "killed" in kinds and "injured" in kinds:
                kinds = ["killed", "injured"]
            for kind in dict.fromkeys(kinds):
                out.append(_payload(doc, start, max(noun.i, last) + 1, kind, None, "zero:no-subject",
                                    group=group, total=group is None, count=0, low=0, high=0))
    # "all German staff were unhurt", "the crew escaped unharmed": zero killed and injured for that group
    for t in tokens(doc)[sent.start:sent.end]:
        if t.lower_ not in lx.unharmed or t.dep_ not in ("acomp", "oprd", "advmod", "advcl", "xcomp", "ROOT", "conj"):
            continue
        verb = t if t.dep_ in ("ROOT", "conj") else t.head
        subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
        if subj is None or _is_person(subj, lx) is False or subj.pos_ == "PRON" and subj.lower_ in ("it", "this"):
            continue
        a0 = min([subj.i] + [c.i for c in subj.lefts])
        group = _group_text(doc, subj, lx)
        for kind in ("killed", "injured"):
            out.append(_payload(doc, a0, t.i + 1, kind, None, "zero:unharmed", group=group, total=group is None,
                                count=0, low=0, high=0))
    # negated predicates with a definite subject: "the officer was not injured"
    for t in sorted({n.head for n in tokens(doc)[sent.start:sent.end] if n.dep_ == "neg"}, key=lambda x: x.i):
        kind = _kind_of(t, lx, strong_only=True)
        if kind not in KINDS:
            continue
        subj = next((c for c in t.children if c.dep_ in SUBJ), None)
        if subj is None or subj.lower_ in ("no", "nobody", "none", "one") or any(
            c.lower_ == "no" for c in subj.children
        ):
            continue
        if _is_person(subj, lx) is not True or (subj.dep_ == "nsubj" and t.lemma_.lower() in lx.agentive
                                                and not _passive(t)):
            continue
        a0 = min([subj.i] + [c.i for c in subj.lefts])
        out.append(_payload(doc, a0, t.i + 1, kind, None, "zero:negated", group=_group_text(doc, subj, lx),
                            total=False, count=0, low=0, high=0))
    return out


def _self_harm(doc: Doc, sent: Span, lx: _Lex) -> list[dict]:
    """The perpetrator's own death ("killed himself", "took his own life"): killed 1, total false."""
    out = []
    text = doc_text(doc)[sent.start_char:sent.end_char].lower()  # == sent.text, without building it
    for t in tokens(doc)[sent.start:sent.end]:
        if t.lower_ in lx.self_obj and t.dep_ in ("dobj", "obj"):
            v = t.head
            k = _kind_of(v, lx, strong_only=True)
            if k is None:
                continue
            pred = _refine(k, v, lx, "self")
            if pred.kind != "killed" or pred.negated:
                continue
            out.append(_payload(doc, min(v.i, t.i), max(v.i, t.i) + 1, "killed", None, "self-inflicted",
                                group="perpetrator (self-inflicted)", total=False, count=1, low=1, high=1))
    for phrase, rx in lx.self_res:
        if phrase not in text:
            continue
        for m in rx.finditer(text):
            a = sent.start_char + m.start()
            span = doc.char_span(a, a + len(phrase), alignment_mode="expand")
            if span is None:
                continue
            out.append(_payload(doc, span.start, span.end, "killed", None, "self-inflicted",
                                group="perpetrator (self-inflicted)", total=False, count=1, low=1, high=1))
    return out


def _implied(doc: Doc, sent: Span, lx: _Lex) -> list[dict]:
    """"a fatal shooting" (>= 1 killed), "a double homicide" (>= 2 killed), "a double shooting" (>= 2 hit):
    minimum figures implied by the event noun (flag implied_min, rule implied:<phrase>)."""
    out = []
    text = doc_text(doc)[sent.start_char:sent.end_char].lower()  # == sent.text, without building it
    for phrase, (kind, n), rx in lx.implied:
        if phrase.lower() not in text:
            continue
        for m in rx.finditer(text):
            a = sent.start_char + m.start()
            span = doc.char_span(a, a + len(phrase), alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            if head.dep_ == "compound":
                continue  # "fatal shooting investigation" still implies a death; "homicide detectives" does not
            flags = ["implied_min"] + ([SHOT_FLAG] if kind == "injured" else [])
            out.append(_payload(doc, span.start, span.end, kind, None, "implied:" + phrase.replace(" ", "-"),
                                flags=flags, count=n, low=n, high=None))
    return out


def _conj_sums(doc: Doc, out: list[dict], lx: _Lex) -> list[dict]:
    """"killing his five children as well as his wife": the coordinated victims, each counted, sum to a total."""
    by_noun = {p["_noun"]: p for p in out if p.get("_noun") is not None and p["total"]}
    done: set[int] = set()
    extra = []
    for p in out:
        n = p.get("_noun")
        if n is None or n in done or not p["total"] or p["count"] is None:
            continue
        tok = doc[n]
        if tok.dep_ == "conj":
            continue
        chain = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        members = [by_noun.get(c.i) for c in chain]
        members = [m for m in members if m is not None and m["kind"] == p["kind"]]
        if len(members) < 2:
            continue
        done.update(c.i for c in chain)
        for m in members:
            m["total"] = False
            if m["group"] is None:
                m["group"] = doc[m["_noun"]].text
        t0 = min(m["_tok"][0] for m in members)
        t1 = max(m["_tok"][1] for m in members)
        counts = [m["count"] for m in members]
        tot = _payload(doc, t0, t1, p["kind"], None, "conj-sum", count=sum(counts), low=sum(counts),
                       high=sum(counts) if all(m["high"] is not None for m in members) else None)
        tot["flags"] = sorted({f for m in members for f in m["flags"] if f != "additional"})
        extra.append(tot)
    return out + extra


def _marker_at(words: list[str], i: int, by_first: dict[str, list[tuple]]) -> Optional[int]:
    for m in by_first.get(words[i], ()):  # longest first
        if tuple(words[i : i + len(m)]) == m:
            return len(m)
    return None


def _breakdown_zones(doc: Doc, sent: Span, lx: _Lex) -> list[tuple[int, int, str]]:
    """Token ranges after a breakdown marker up to the end of the parenthesis / clause."""
    words = [t.lower_ for t in tokens(doc)[sent.start:sent.end]]
    zones = []
    for i in range(len(words)):
        n = _marker_at(words, i, lx.markers_by_first)
        if not n:
            continue
        s = sent.start + i + n
        e = s
        depth = 1 if i > 0 and words[i - 1] == "(" else 0
        while e < sent.end:
            w = doc[e].text
            nxt = doc[e + 1] if e + 1 < sent.end else None
            # the list ends at ";", ".", its closing parenthesis, or a comma before a new clause
            # ("..., and", "..., according to figures released by the two governments")
            if w in (";", ".") or (w == ")" and depth) or (w == "," and nxt is not None and (
                    nxt.lower_ in ("and", "but", "while", "according") or nxt.pos_ in ("VERB", "AUX"))):
                break
            e += 1
        z0 = sent.start + i
        if words[i] == "of" and i > 0 and sent[i - 1].like_num and sent[i - 1].lower_ != "one":
            z0 -= 1  # "36 of them Kyrgyz citizens": the part's figure stands before the marker
        zones.append((z0, e, " ".join(words[i : i + n])))
    return zones


def _breakdowns(doc: Doc, sent: Span, out: list[dict], zones, lx: _Lex) -> list[dict]:
    if not zones:
        return out
    totals = sorted([p for p in out if p["total"] and p["count"] is not None and p["count"] > 0],
                    key=lambda p: p["_tok"][0])
    words = [t.text for t in tokens(doc)[sent.start:sent.end]]
    quantities = numbers.scan(words, lx.raw)
    new = []
    for z0, z1, marker in zones:
        before = [p for p in totals if p["_tok"][0] < z0 and p["_tok"][1] <= z0 + 1]
        if not before:
            continue
        tot = before[-1]
        # quantities in the zone that are not themselves linked figures with their own predicate
        parts = []
        for m in quantities:
            s, e = sent.start + m.start, sent.start + m.end
            if not (z0 < s < z1 or s == z0 and doc[z0].like_num):
                continue
            num = _num_head(doc, sent.start + m.num_start, e)
            noun, anchor = _quantified_noun(num, lx)
            if _is_person(noun, lx) is False or _bad_number(doc, sent.start + m.num_start, e, lx):
                continue
            if s == z0 and anchor.dep_ in SUBJ + ("dobj", "obj") and not (
                    tot["_tok"][0] <= anchor.head.i < tot["_tok"][1]):
                continue  # "12 of whom were later released": a clause of its own, not a part of the total
            linked = [p for p in out if p["_tok"][0] <= s < p["_tok"][1] and p is not tot]
            own = [p for p in linked if p["_tok"][0] >= tot["_tok"][1]]  # its own verb, not the total's
            if linked and (s == z0 and own or any(p["rule"].split(";")[0] not in ("obj",) for p in linked)):
                continue  # "killing two of them" is a figure of its own, not a part of the shot total
            out[:] = [p for p in out if p not in linked]
            t1 = max(e, noun.i + 1 if noun is not None and noun.i >= e else e)
            pay = _payload(doc, s, t1, tot["kind"], m.quantity, f"breakdown:{marker}",
                           group=_group_text(doc, noun, lx) or (noun.text if noun is not None and noun.pos_ != "PRON"
                                                                else None), total=False)
            parts.append(pay)
        # "among them a captain": singular parts
        for t in doc[z0:z1]:
            if t.pos_ == "NOUN" and t.tag_ == "NN" and _is_person(t, lx) and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children
            ):
                a0 = min([t.i] + [c.i for c in t.lefts if c.dep_ in ("det", "amod", "compound")])
                if any(p["_tok"][0] <= t.i < p["_tok"][1] for p in parts):
                    continue
                out[:] = [p for p in out if not (p["_tok"][0] <= t.i < p["_tok"][1] and p is not tot)]
                parts.append(_payload(doc, a0, t.i + 1, tot["kind"], None, f"breakdown:{marker}",
                                      group=_group_text(doc, t, lx), total=False, count=1, low=1, high=1))
        # "most of them — the military"
        if not parts and tuple(marker.split()) in lx.most:
            noun = next((t for t in doc[z0:z1] if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("them", "whom")),
                        None)
            if noun is not None and tot["count"]:
                c = tot["count"]
                parts.append(_payload(doc, z0, noun.i + 1, tot["kind"], None, f"breakdown:{marker}", group=noun.text,
                                      total=False, count=None, low=c // 2 + 1, high=c, qualifier="most"))
        if parts:
            s = sum(p["count"] for p in parts if p["count"] is not None)
            if tot["high"] is not None and s > tot["high"] or (tot["count"] is not None and s > tot["count"]
                                                                 and tot["high"] is not None):
                for p in parts + [tot]:
                    p["flags"].append("breakdown_exceeds_total")
            new += parts
    return out + new


def _fatal_subtract(out: list[dict]) -> list[dict]:
    """"Two men were shot, one fatally": the shot figure keeps the survivors as injured."""
    fatal = [p for p in out if p["rule"].startswith("fatally-part")]
    if not fatal:
        return out
    shots = [p for p in out if SHOT_FLAG in p["flags"] and p["count"] is not None]
    for f in fatal:
        prior = [p for p in shots if p["_tok"][0] < f["_tok"][0]]
        if prior:
            sp = prior[-1]
            killed = f["count"] or 0
            sp["count"] = max(sp["count"] - killed, 0)
            sp["low"] = sp["count"] if sp["low"] is not None else None
            sp["high"] = sp["count"] if sp["high"] is not None else None
            sp["rule"] += ";minus-fatal"
            sp["flags"] = [x for x in sp["flags"] if x != SHOT_FLAG]
    # a stray "one fatally" with no shot figure before it still counts as one killed
    return out


def _dedupe(found: list[dict]) -> list[dict]:
    seen = set()
    out = []
    for p in sorted(found, key=lambda p: (p["start_char"], p["end_char"], p["kind"])):
        key = (p["start_char"], p["end_char"], p["kind"], p["count"], p["group"], p["total"])
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    # a singular figure inside a numbered one for the same kind ("two men ... one of them")
    return out


def find_casualties(doc: Doc, lexicon: Optional[dict] = None) -> list[dict]:
    """All casualty figures of a parsed doc (pure; does not touch doc._)."""
    lx = _lex(lexicon)
    found: list[dict] = []
    for sent in doc.sents:
        if any(t.like_num or t.lower_ in lx.cues or t.lemma_.lower() in lx.cues for t in tokens(doc)[sent.start:sent.end]):
            found += _sentence(doc, sent, lx)
    found = _dedupe(found)
    for p in found:
        for k in [k for k in p if k.startswith("_")]:
            del p[k]
    return found


class CasualtiesExtractor(Component):
    ext = "cs_casualties"

    def find(self, doc: Doc) -> list[dict]:
        return find_casualties(doc, self.lexicon)


CasualtiesExtractor.link_stage = LinkStage(writes=("casualties",), run=link)


@Language.factory(
    "claimscope_casualties_v1",
    requires=["token.dep", "token.lemma"],
    assigns=["doc._.cs_casualties"],
    default_config={"lexicon": "lexicons/casualties.json"},
)
def make_casualties(nlp: Language, name: str, lexicon: str) -> CasualtiesExtractor:
    return CasualtiesExtractor(nlp, name, lexicon)
