"""Which casualty predicate governs a quantity or a victim: the dependency-shape rules, as tables.

`link_anchor(anchor, noun, lx, person)` tries the rules of `ANCHOR_RULES` in order; each rule looks at one
parse shape and returns a `Pred` (the rule fired), `STOP` (the shape is there but says "no casualty") or
None (not this shape: try the next rule). The rule name is the value's `rule` (plus suffixes such as
":fatal", ":complement", ":hospital" from the predicate rules of `VERB_CHILD_RULES`).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract.casualties.lexicon import ANTECEDENT, HOSPITAL_FLAG, KINDS, SHOT_FLAG, SUBJ, Lex

STOP = object()  # a rule that recognised its shape and decided: no figure


# --------------------------------------------------------------------------- token tests


def kind_of(tok: Token, lx: Lex, strong_only: bool = False) -> Optional[str]:
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


def is_person(noun: Optional[Token], lx: Lex) -> Optional[bool]:
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
    if is_year_old(noun, lx):
        return True
    if noun.pos_ == "PRON" and low in lx.person_pronouns:
        return True
    return None


def is_year_old(tok: Token, lx: Lex) -> bool:
    """'old' / 'olds' closing "13-year-old" used as a noun."""
    d = tok.doc
    return tok.lower_ in lx.year_old_closers and tok.i >= 2 and d[tok.i - 1].text == "-" and \
        d[tok.i - 2].lower_ in lx.year_old_units


def negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


class Pred:
    """A casualty predicate found for an anchor: kind, trigger token, rule name, flags."""

    def __init__(self, kind: str, trigger: Token, rule: str, flags: Optional[list] = None, negated: bool = False):
        self.kind, self.trigger, self.rule = kind, trigger, rule
        self.flags = flags or []
        self.negated = negated


# --------------------------------------------------------------------------- "shot" vs "shot dead"

FATAL_CHILD_DEPS = ("advmod", "oprd", "acomp", "xcomp", "npadvmod", "dobj", "ccomp", "advcl")


def _fatal_word(verb: Token, lx: Lex) -> tuple[bool, Token]:
    """(a killing word goes with the verb, the trigger: a killing conjunct "shot and killed" if there is one)."""
    fatal, trigger = False, verb
    for c in verb.children:
        if c.lower_ in lx.fatal_mod and c.dep_ in FATAL_CHILD_DEPS:
            fatal = True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() in lx.fatal_pobj for g in c.children):
            fatal = True
        if c.dep_ == "conj" and c.lemma_.lower() in lx.fatal_conj and not any(g.dep_ in SUBJ for g in c.children):
            fatal, trigger = True, c
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in lx.fatal_mod and doc[verb.i + 1].dep_ in ("amod", "advmod"):
        fatal = True  # "shot dead four policemen": the parser may hang "dead" on the object
    return fatal, trigger


def refine(kind: str, verb: Token, lx: Lex, rule: str) -> Pred:
    """'shot' -> killed when a killing word goes with it; otherwise injured with the shot flag."""
    flags: list[str] = []
    neg = negated(verb)
    kind = kind.removesuffix("_weak")
    fatal, trigger = _fatal_word(verb, lx)
    if kind == "injured" and fatal:
        return Pred("killed", trigger, rule + ":fatal", flags, neg)
    if verb.lemma_.lower() in lx.shot_verbs and kind == "injured":
        # "shot and wounded" is an injury; "shot" alone may turn out fatal later in the article
        if not any(c.dep_ == "conj" and lx.verbs.get(c.lemma_.lower()) == "injured"
                   and c.lemma_.lower() not in lx.shot_verbs for c in verb.children):
            flags.append(SHOT_FLAG)
    return Pred(kind, verb, rule, flags, neg)


# --------------------------------------------------------------------------- what hangs on a verb


def _r_complement(verb: Token, c: Token, lx: Lex, rule: str) -> Optional[Pred]:
    """"was found dead", "left two people dead", "are missing", "was pronounced dead"."""
    if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr") and c.i > verb.i and c.tag_ in ("JJ", "VBN"):
        k2 = kind_of(c, lx, strong_only=True)
        if k2:
            p = refine(k2, c, lx, rule + ":complement")
            p.negated = p.negated or negated(verb)
            return p
    return None


def _r_suffered(verb: Token, c: Token, lx: Lex, rule: str) -> Optional[Pred]:
    """"suffered (fatal) gunshot wounds", "sustained injuries"."""
    if verb.lemma_.lower() in lx.suffer and c.dep_ in ("dobj", "obj") and lx.nouns.get(c.lemma_.lower()) == "injured":
        fatal = any(g.lower_ in lx.fatal_adj for g in c.children)
        return Pred("killed" if fatal else "injured", c, rule + ":suffered", [], negated(verb))
    return None


def _r_hospital(verb: Token, c: Token, lx: Lex, rule: str) -> Optional[Pred]:
    """"was taken to a hospital", "sent two people to the hospital": hurt, possibly fatally."""
    if c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_.lower() in lx.hospital_verbs and any(
            g.dep_ == "pobj" and g.lemma_.lower() in lx.hospital_nouns for g in c.children):
        return Pred("injured", verb, rule + ":hospital", [HOSPITAL_FLAG], negated(verb))
    return None


def _r_with_or_condition(verb: Token, c: Token, lx: Lex, rule: str) -> Optional[Pred]:
    """"with minor injuries", "in critical condition"."""
    if not (c.dep_ == "prep" and c.lower_ in ("with", "in")):
        return None
    for g in c.children:
        if g.dep_ != "pobj":
            continue
        if c.lower_ == "with" and lx.nouns.get(g.lemma_.lower()) == "injured":
            fatal = any(a.lower_ in lx.fatal_adj for a in g.children)
            return Pred("killed" if fatal else "injured", g, rule + ":with-injuries", [], negated(verb))
        if c.lower_ == "in" and g.lemma_.lower() in lx.condition and any(
                a.dep_ in ("amod", "compound") for a in g.children):
            return Pred("injured", g, rule + ":condition", [], negated(verb))
    return None


# rules on one child of a predicate verb, tried child by child in this order (the suffix they add to the rule)
VERB_CHILD_RULES: tuple[tuple[str, Callable], ...] = (
    ("complement", _r_complement), ("suffered", _r_suffered), ("hospital", _r_hospital),
    ("with-injuries|condition", _r_with_or_condition),
)


def _verb_itself(verb: Token, lx: Lex, rule: str, need_person: bool) -> Optional[Pred]:
    kind = kind_of(verb, lx)
    if kind and (not kind.endswith("_weak") or need_person is False):
        return refine(kind, verb, lx, rule)
    for c in verb.children:
        for _name, fn in VERB_CHILD_RULES:
            p = fn(verb, c, lx, rule)
            if p is not None:
                return p
    return None


def predicate_of_verb(verb: Token, lx: Lex, rule: str, need_person: bool) -> Optional[Pred]:
    """The casualty predicate of `verb` or what hangs on it (found dead, left ... injured, suffered wounds)."""
    p = _verb_itself(verb, lx, rule, need_person)
    if p is None or p.kind == "injured":
        # "was found shot and died at a hospital": a subject-less conjunct verb shares the subject
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in SUBJ for g in c.children):
                k = kind_of(c, lx, strong_only=True)
                if k == "killed":
                    return Pred("killed", c, rule + ":conj", [], negated(c))
                if p is None and k:
                    return refine(k, c, lx, rule + ":conj")
    return p


# --------------------------------------------------------------------------- what hangs on the counted noun


def _n_relative(noun: Token, c: Token, lx: Lex) -> Optional[Pred]:
    """"three people who died": a relative clause on the noun (not when the noun is its agent)."""
    if c.dep_ == "relcl" and c.i > noun.i and all(
            g.lower_ in lx.relative_pronouns for g in c.children if g.dep_ in SUBJ):
        p = predicate_of_verb(c, lx, "relative", need_person=True)
        if p and p.trigger.pos_ == "VERB" and p.trigger.lemma_.lower() in lx.agentive and not passive(p.trigger) \
                and any(g.dep_ == "nsubj" for g in list(p.trigger.children) + list(c.children)):
            return None  # "three troopers who shot ...": the noun is the agent
        return p
    return None


def _n_participle(noun: Token, c: Token, lx: Lex) -> Optional[Pred]:
    """"one officer killed", "three people dead"."""
    if c.dep_ in ("acl", "amod") and noun.i < c.i <= noun.i + lx.participle_max_distance:
        k = kind_of(c, lx, strong_only=True)
        if k:
            return refine(k, c, lx, "participle")
    return None


def _n_with_injuries(noun: Token, c: Token, lx: Lex) -> Optional[Pred]:
    """"a man with gunshot wounds"."""
    if c.dep_ == "prep" and c.lower_ == "with":
        for g in c.children:
            if g.dep_ == "pobj" and lx.nouns.get(g.lemma_.lower()) == "injured":
                fatal = any(a.lower_ in lx.fatal_adj for a in g.children)
                return Pred("killed" if fatal else "injured", g, "with-injuries")
    return None


# rules on one child of the counted noun, tried child by child in this order
NOUN_CHILD_RULES: tuple[tuple[str, Callable], ...] = (
    ("relative", _n_relative), ("participle", _n_participle), ("with-injuries", _n_with_injuries),
)


def noun_link(noun: Token, lx: Lex) -> Optional[Pred]:
    """Participles / adjectives / relative clauses on the noun: "one officer killed", "three people dead"."""
    for c in noun.children:
        for _name, fn in NOUN_CHILD_RULES:
            p = fn(noun, c, lx)
            if p is not None:
                return p
    return None


# --------------------------------------------------------------------------- the anchor rules


class Anchor:
    """What the anchor rules look at: the anchor, the counted noun, the clause role after coordinations."""

    def __init__(self, anchor: Token, noun: Optional[Token], lx: Lex, person: Optional[bool]):
        self.anchor, self.noun, self.lx = anchor, noun, lx
        self.need_person = person is not True
        a = anchor
        # walk up coordinations: "two soldiers and a policeman were killed"
        while a.dep_ == "conj" and a.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and a.head is not a:
            a = a.head
        self.dep, self.head = a.dep_, a.head


def _a_noun(x: Anchor):
    """"three deaths", "20 fatalities" ("two gunshot wounds" counts wounds, not people)."""
    if x.noun is not None and x.anchor is x.noun:
        k = x.lx.nouns.get(x.noun.lemma_.lower())
        if k == "kidnapped" and x.noun.dep_ in ("dobj", "nsubjpass") and kind_of(x.noun.head, x.lx) in (
                "killed", "injured"):
            return None  # "soldiers killed two hostages": hostages killed are killed, the verb decides
        if k in KINDS and k != "injured":
            return Pred(k, x.noun, "noun")
    return None


def _a_lives(x: Anchor):
    """"the blast claimed 12 lives", "the fighting cost 30 lives": lives taken are people killed (a death idiom;
    "saved 12 lives" is no casualty)."""
    n = x.noun
    if n is not None and x.anchor is n and n.lemma_.lower() in x.lx.life_nouns and n.dep_ in ("dobj", "nsubjpass") \
            and n.head.lemma_.lower() in x.lx.life_verbs:
        return Pred("killed", n, "lives")
    return None


def _a_noun_modifier(x: Anchor):
    """A participle, relative clause or "with injuries" on the counted noun (NOUN_CHILD_RULES)."""
    return noun_link(x.noun, x.lx) if x.noun is not None else None


def _a_subject(x: Anchor):
    """"four people were killed", "16 people died"; an active transitive's subject is the agent
    ("three gunmen killed ...", "a suspect kicked the door and shot him"), unless there is no object and no
    auxiliary (headline: "one police officer killed")."""
    if x.dep not in SUBJ:
        return None
    p = predicate_of_verb(x.head, x.lx, "subj", x.need_person)
    if p is None:
        return STOP
    v = p.trigger
    if x.dep == "nsubj" and v.pos_ == "VERB" and v.lemma_.lower() in x.lx.agentive and not passive(v) and (
            v is x.head or v.dep_ == "conj"):
        if v is not x.head:
            return STOP
        if has_object(v) or any(c.dep_ == "aux" for c in v.children) or v.tag_ == "VBG":
            return STOP
    return p


def _a_object(x: Anchor):
    """"they killed 33 servicemen", "wounding at least five"; "left two people dead", "found three injured"."""
    if x.dep not in ("dobj", "obj"):
        return None
    head, lx = x.head, x.lx
    if head.lemma_.lower() in lx.suffer:
        return STOP
    kind = kind_of(head, lx)
    if kind and any(c.dep_ == "prt" for c in head.children):
        return STOP  # "held up a store clerk"
    if kind and not kind.endswith("_weak"):
        return refine(kind, head, lx, "obj")
    return predicate_of_verb(head, lx, "obj", x.need_person) or STOP


def _a_collective(x: Anchor):
    """"killed a family of five": the family is the victims."""
    h = x.head
    if x.dep == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in x.lx.collective:
        return link_anchor(h.head, h.head, x.lx, True) or STOP
    return None


def _a_of_noun(x: Anchor):
    """"the deaths of three people"."""
    h = x.head
    if x.dep == "pobj" and h.lower_ == "of" and h.head.pos_ == "NOUN":
        k = x.lx.nouns.get(h.head.lemma_.lower())
        if k in KINDS:
            return Pred(k, h.head, "of-noun")
    return None


def _a_toll(x: Anchor):
    """"the death toll rose to 12", "a death toll of 5", "set the death toll at nine" (the toll may also be
    the verb's object), "put the number of injured at 40", "corrected the figure to 52" (the kind just named)."""
    h, lx = x.head, x.lx
    if not (x.dep == "pobj" and h.lower_ in lx.toll_prepositions and h.head is not None):
        return None
    for t in [h.head] + [c for c in h.head.children if c.dep_ in SUBJ + ("dobj",)]:
        if t.lemma_.lower() in lx.toll_heads:
            return Pred(toll_kind(t, lx) or "killed", t, "toll")
        if t.lemma_.lower() in lx.count_nouns:
            kind = toll_kind(t, lx)
            if kind:
                return Pred(kind, t, "toll")
            if t.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and t.head.lemma_.lower() in lx.revise_verbs:
                return Pred(ANTECEDENT, t, "toll:revised")
    return None


def _a_approx_object(x: Anchor):
    """"injuring over a hundred", "killing around 40": the parser hangs the figure on a preposition."""
    h, lx = x.head, x.lx
    if x.dep == "pobj" and h.lower_ in lx.approx_preps and h.dep_ == "prep" and h.head.pos_ == "VERB":
        kind = kind_of(h.head, lx)
        if kind and not kind.endswith("_weak") and not passive(h.head):
            return refine(kind, h.head, lx, "obj")
    return None


# the anchor rules in the order they are tried: (name, rule); a rule returns a Pred, STOP or None
ANCHOR_RULES: tuple[tuple[str, Callable[[Anchor], object]], ...] = (
    ("lives", _a_lives), ("noun", _a_noun), ("participle|relative|with-injuries", _a_noun_modifier),
    ("subj", _a_subject), ("obj", _a_object), ("collective", _a_collective), ("of-noun", _a_of_noun),
    ("toll", _a_toll), ("obj", _a_approx_object),
)


def link_anchor(anchor: Token, noun: Optional[Token], lx: Lex, person: Optional[bool]) -> Optional[Pred]:
    """Casualty predicate governing `anchor` (the quantified noun, or the number itself)."""
    x = Anchor(anchor, noun, lx, person)
    for _name, rule in ANCHOR_RULES:
        p = rule(x)
        if p is STOP:
            return None
        if p is not None:
            return p
    return None


def toll_kind(toll: Token, lx: Lex) -> Optional[str]:
    """"death toll", "injury toll", "the toll of wounded", "the number of dead": the kind it names, if any."""
    words = [c for c in toll.children if c.dep_ in ("compound", "amod")]
    words += [g for c in toll.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    doc = toll.doc
    if toll.i + 2 < len(doc) and doc[toll.i + 1].lower_ == "of":  # headlines parse badly: "Toll of Wounded Rises"
        words.append(doc[toll.i + 2])
    for w in words:
        k = lx.nouns.get(w.lemma_.lower()) or lx.adjs.get(w.lower_) or (
            "injured" if w.lower_.startswith(tuple(lx.injury_prefixes)) else None)
        if k in KINDS:
            return k
    return None


def aggregate(trigger: Token, lx: Lex) -> bool:
    """A cumulative statistic rather than one incident: "28 have been killed so far this year", "since 2013"."""
    years, dets, preps = lx.period_nouns, lx.period_dets, lx.period_preps
    heads = [trigger] + ([trigger.head] if trigger.head is not trigger else [])
    anchor = trigger.head
    if trigger.dep_ in ("relcl", "advcl") and (anchor.lower_ in years or (
            anchor.like_num and len(anchor.text) == 4 and anchor.text.isdigit())):
        return True  # "... since 2011, when 40 died": a figure about a whole year
    for h in heads:
        for t in h.subtree if h is trigger else h.children:
            if t.dep_ == "prep" and t.lower_ in preps and t.head in heads:
                return True
            if t.lower_ in years and any(c.lower_ in dets for c in t.children) and t.head in heads + [
                    c for c in h.children if c.dep_ == "prep"]:
                return True
    return False


def window_link(doc: Doc, sent: Span, end: int, lx: Lex) -> Optional[Pred]:
    """Surface fallback (rule "window"): after the quantity only auxiliaries / adverbs / dashes, then a casualty
    word ("over a hundred — were injured")."""
    i, steps = end, 0
    while i < sent.end and steps < lx.window_max_steps:
        t = doc[i]
        if t.is_space or t.lower_ in lx.skip or t.lemma_.lower() in lx.be_forms:
            i += 1
            steps += 1
            continue
        k = kind_of(t, lx, strong_only=True)
        if k is None and t.lower_ in lx.adjs:
            k = lx.adjs[t.lower_]
        if k and not (t.dep_ in SUBJ):
            if t.pos_ == "VERB" and t.lemma_.lower() in lx.agentive and not passive(t) and has_object(t):
                return None  # "three gunmen killed the guard": the number counts the agents
            return refine(k, t, lx, "window")
        return None
    return None
