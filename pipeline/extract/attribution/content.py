"""The content of a cue verb, as a table of named rules (tried in order; the first that finds a content wins).

Each action returns (start_tok, end_tok, head_token) of the content, None (try the next rule) or STOP (the
verb has no content). The name a rule records (`records`) is the `how` of the claim: the payload's rule is
"verb-<how>". Word lists and windows are in the lexicon's `content_rules` section.

    light          "point out that ...", "called for X": a verb + preposition phrase of the lexicon
    ccomp          "X said (that) ...": a clausal complement in the verb's sentence
    that-under-prep "warned in a letter to members that ...": a that-clause the parser hung under the prepositional object
    naming-*       naming verbs: "called the move “a sham”", "described the raid as ...", "proclaimed himself X"
    xcomp          "vowed to ...", "announced plans to ..." (verbs of the lexicon)
    object-colon   "mention the following: ...": what follows the colon after the object
    toll           "put the toll at nine": the toll noun phrase (a toll verb without one has no content)
    np             "confirmed the deaths": a noun phrase object (verbs of the lexicon)
    parenthetical  "The curfew, X said, will ...": the clause the parenthetical interrupts (always found)
    colon          "X said: ...", "X said, “...”": what follows the colon (or comma + quote mark)
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from pipeline.extract._rules import STOP, RuleTable, always
from pipeline.extract.attribution.tree import QUOTE_CHARS, _subtree_range

CLAUSE_DEPS = ("ccomp",)
OBJ_DEPS = ("pobj", "pcomp")

Found = Optional[tuple[int, int, Token]]


def _objs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ in OBJ_DEPS]


def _dobj(verb: Token) -> Optional[Token]:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


# ---------------------------------------------------------------------------------------- conditions
def _is_naming(ex, doc: Doc, verb: Token) -> bool:
    return verb.lemma_.lower() in ex.naming


def _is_naming_with_object(ex, doc: Doc, verb: Token) -> bool:
    return _is_naming(ex, doc, verb) and _dobj(verb) is not None


def _takes_xcomp(ex, doc: Doc, verb: Token) -> bool:
    return verb.lemma_.lower() in ex.xcomp_ok


def _is_toll_verb(ex, doc: Doc, verb: Token) -> bool:
    return verb.lemma_.lower() in ex.toll_verbs


def _takes_np(ex, doc: Doc, verb: Token) -> bool:
    return verb.lemma_.lower() in ex.np_ok


def _is_parenthetical(ex, doc: Doc, verb: Token) -> bool:
    return verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i


# ---------------------------------------------------------------------------------------- actions
def light(ex, doc: Doc, verb: Token) -> Found:
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and f"{lemma} {c.lower_}" in ex.light and c.i == verb.i + 1 \
                and c.dep_ == "prep" and _objs(c):
            return (*_subtree_range(_objs(c)[0]), _objs(c)[0])
    return None


def ccomp(ex, doc: Doc, verb: Token) -> Found:
    for c in verb.children:
        if c.dep_ in CLAUSE_DEPS and verb.sent.start <= c.i < verb.sent.end:
            return (*_subtree_range(c), c)
    return None


def that_under_prep(ex, doc: Doc, verb: Token) -> Found:
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i:
            for g in c.subtree:
                if g.dep_ in ("acl", "ccomp", "relcl") and g.left_edge.lower_ == "that" and g.left_edge.dep_ == "mark":
                    return (*_subtree_range(g), g)
    return None


def naming_quote(ex, doc: Doc, verb: Token) -> Found:
    """'called the plan “a trap”', 'labelled the group as “...”': the object up to the quotation after it."""
    dobj = _dobj(verb)
    if ex._quotes is None:
        return None
    after = dobj.right_edge.idx + len(dobj.right_edge.text)
    between = set(ex.lexicon["content_rules"]["naming_quote_between"])
    for q in ex._quotes:
        if q.start >= after and ex._text[after:q.start].strip() in between:
            end_tok = doc.char_span(q.start, q.end, alignment_mode="expand")
            if end_tok is not None:
                return dobj.left_edge.i, end_tok.end, dobj
        if q.start > after:
            break
    return None


def naming_quoted_modifier(ex, doc: Doc, verb: Token) -> Found:
    """'calling the reports “fabricated”': the quoted label parsed as a modifier of the object."""
    dobj = _dobj(verb)
    if any(c.dep_ in ("acl", "amod") and c.i > dobj.i and any(t.text in QUOTE_CHARS for t in c.subtree)
           for c in dobj.children):
        return (*_subtree_range(dobj), dobj)
    return None


def naming_label(ex, doc: Doc, verb: Token) -> Found:
    """'called the vote a farce' (object + predicate), 'proclaimed himself leader' (a second object)."""
    dobj = _dobj(verb)
    oprd = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > verb.i), None)
    if oprd is None:
        oprd = next((c for c in verb.children if c.dep_ == "dobj" and c.i > dobj.i), None)
    if oprd is not None:
        return dobj.left_edge.i, oprd.right_edge.i + 1, oprd
    return None


def naming_prep(ex, doc: Doc, verb: Token) -> Found:
    """'described the raid as a provocation', 'referred to the strike as a warning', passive 'the deal was
    described by analysts as a turning point' (from the label's preposition on)."""
    dobj = _dobj(verb)
    preps = ex.lexicon["content_rules"]["naming_preps"]
    children = list(verb.children)
    for c in children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i:
            objs = _objs(c)
            if objs and (dobj is not None or any(x.dep_ in ("nsubjpass", "agent") for x in children)):
                s = dobj.left_edge.i if dobj is not None else c.i + 1
                return s, objs[0].right_edge.i + 1, objs[0]
    return None


def xcomp(ex, doc: Doc, verb: Token) -> Found:
    for c in verb.children:
        if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX"):
            return (*_subtree_range(c), c)
    return None


def object_colon(ex, doc: Doc, verb: Token) -> Found:
    window = ex.lexicon["content_rules"]["object_colon_window"]
    end = verb.sent.end
    for c in verb.children:
        if c.dep_ == "dobj" and c.i > verb.i and c.right_edge.i + 1 < end:
            k = c.i + 1
            while k < end and doc[k].text != ":" and k - c.i < window:
                k += 1
            if k + 1 < end and doc[k].text == ":":
                return k + 1, end, doc[k + 1]
    return None


def toll(ex, doc: Doc, verb: Token):
    """'officials put the toll at nine', 'medics gave a lower toll of 12 dead'."""
    children = list(verb.children)
    for c in children:
        if c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in ex.toll_nouns:
            s, e = _subtree_range(c)
            for p in children:
                if p.dep_ == "prep" and p.lower_ in ex.lexicon["content_rules"]["toll_preps"] and p.i >= e:
                    e = max(e, p.right_edge.i + 1)
            return s, e, c
    return STOP


def np(ex, doc: Doc, verb: Token) -> Found:
    for c in verb.children:
        if c.dep_ == "dobj" and c.i > verb.i and c.lower_ not in ex.np_bad and c.pos_ in ("NOUN", "PROPN", "NUM"):
            return (*_subtree_range(c), c)
    return None


def parenthetical(ex, doc: Doc, verb: Token):
    head = verb.head
    hs, he = _subtree_range(head)
    vs, ve = _subtree_range(verb)
    if vs <= hs + 1:
        return ve, he, head
    if ve >= he - 1:
        return hs, vs, head
    return hs, he, head


def colon(ex, doc: Doc, verb: Token) -> Found:
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].dep_ in ("advmod", "npadvmod") and doc[nxt].head == verb:
        nxt += 1
    if nxt + 1 < len(doc) and (doc[nxt].text == ":" or doc[nxt].text == "," and doc[nxt + 1].text in QUOTE_CHARS):
        s, e = nxt + 1, verb.sent.end
        if e > s + 1:
            return s, e, doc[s]
    return None


CONTENT_RULES = (
    RuleTable("attribution content")
    .add("light", always, light)
    .add("ccomp", always, ccomp)
    .add("that-under-prep", always, that_under_prep, records="ccomp")
    .add("naming-quote", _is_naming_with_object, naming_quote, records="naming")
    .add("naming-quoted-modifier", _is_naming_with_object, naming_quoted_modifier, records="naming")
    .add("naming-label", _is_naming_with_object, naming_label, records="naming")
    .add("naming-prep", _is_naming, naming_prep, records="naming")
    .add("xcomp", _takes_xcomp, xcomp)
    .add("object-colon", always, object_colon, records="colon")
    .add("toll", _is_toll_verb, toll)
    .add("np", _takes_np, np)
    .add("parenthetical", _is_parenthetical, parenthetical)
    .add("colon", always, colon)
)


def content_of_verb(ex, doc: Doc, verb: Token) -> Optional[tuple[int, int, Token, str]]:
    """(start_tok, end_tok, head_token, how) of a cue verb's content, or None."""
    got = CONTENT_RULES.first(ex, doc, verb)
    if got is None:
        return None
    rule, (s, e, head) = got
    return s, e, head, rule.label
