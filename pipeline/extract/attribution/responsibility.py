"""Claims of responsibility ('X claimed responsibility for Y', 'responsibility for Y was claimed by X',
'X claimed the attack', 'the raid was claimed by X') and their denials, as a table of named rules that find
what is claimed (the first that finds it wins; it returns ("noun", responsibility noun) or ("claimed", the
claimed act)):

    responsibility-object   the responsibility noun as object or passive subject of the verb
    claimed-act             'claimed the attack', passive 'the attack was claimed by X'
    claimed-act-conj        'The blast killed five ... and was claimed by X': the subject of the first verb

"No group has claimed ..." is not a claim (no source); a negated claim is a denial."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from pipeline.extract._rules import RuleTable, always
from pipeline.extract.attribution.tree import _subtree_range, _trim


def _has(tok: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in tok.children)


def _object_noun(ex, doc: Doc, tok: Token):
    noun = None
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ex.resp_nouns:
            noun = c
    return None if noun is None else ("noun", noun)


def _claims_acts(ex, doc: Doc, tok: Token) -> bool:
    return tok.lemma_.lower() in ex.lexicon["responsibility"]["claim_object_verbs"]


def _claimed_act(ex, doc: Doc, tok: Token):
    obj = None
    for c in tok.children:
        if c.dep_ == "dobj" and c.lower_ in ex.claim_heads:
            obj = c
        elif c.dep_ == "nsubjpass" and c.lower_ in ex.claim_heads and _has(tok, "agent"):
            obj = c
    return None if obj is None else ("claimed", obj)


def _claimed_act_conj(ex, doc: Doc, tok: Token):
    if not (_claims_acts(ex, doc, tok) and tok.dep_ == "conj" and _has(tok, "agent") and _has(tok, "auxpass")):
        return None
    shared = next((g for g in tok.head.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    return ("claimed", shared) if shared is not None and shared.lower_ in ex.claim_heads else None


CLAIMED_RULES = (
    RuleTable("attribution responsibility")
    .add("responsibility-object", always, _object_noun)
    .add("claimed-act", _claims_acts, _claimed_act)
    .add("claimed-act-conj", _claims_acts, _claimed_act_conj)
)


def _content_head(noun: Token, tok: Token) -> Token:
    """'responsibility for the raid': the raid; else the noun itself."""
    pobj = None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
    if pobj is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
    return pobj if pobj is not None else noun


def _content(doc: Doc, tok: Token, subj: Token, head: Token) -> tuple[int, int]:
    cs, ce = _subtree_range(head)
    if cs < tok.i < ce or cs <= subj.i < ce:
        # a misparse hung the verb under the content: cut the content before the verb's auxiliaries
        cut = min([c.i for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok.i])
        ce = min(ce, cut) if cs < cut else ce
    return _trim(doc, cs, ce)


def _cue(ex, tok: Token, noun: Optional[Token]) -> tuple[int, int]:
    """The verb (+particle), with the responsibility noun when it follows closely ('claimed responsibility')
    and the auxiliaries of a passive whose noun comes first ('responsibility ... was claimed')."""
    cue = list(ex._cue_range(tok))
    if noun is not None and noun.dep_ == "dobj" and tok.i < noun.i <= tok.i + ex.lexicon["responsibility"]["cue_noun_window"]:
        cue[1] = noun.idx + len(noun.text)
    if noun is not None and noun.i < tok.i:
        aux = [c for c in tok.children if c.dep_ in ("auxpass", "aux") and c.i < tok.i]
        if aux:
            cue[0] = min(a.idx for a in aux)
    return cue[0], cue[1]


def responsibility(ex, doc: Doc, tok: Token, prior: list[dict]) -> Optional[dict]:
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in ex.resp_all:
        return None
    hit = CLAIMED_RULES.first(ex, doc, tok)
    if hit is None:
        return None
    what, obj = hit[1]
    noun = obj if what == "noun" else None
    subj = ex._subject(tok)
    if subj is None:
        return None
    negated = _has(tok, "neg") and lemma not in ex.resp_deny
    kind = "denial" if negated or lemma in ex.resp_deny else "responsibility"
    src = ex._resolve_source(doc, subj, prior)
    if src is None:
        return None
    head = _content_head(noun, tok) if noun is not None else obj
    cs, ce = _content(doc, tok, subj, head)
    if ce <= cs:
        return None
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    hedge = ex._hedge(doc, [tok], content)
    return ex._make(doc, kind, src, _cue(ex, tok, noun), content, "responsibility", hedge, tok.i, head.i)
