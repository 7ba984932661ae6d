"""'according to X' and its relatives (lexicon `according_to`): the content is the clause the phrase modifies
(the side of its head word; a participle clause right before it: '..., killing three, according to X');
'according to plan' is manner, not a source (`according_non_source_heads`). Steps, in order:

    phrase     the lexicon phrases at a token (by first word, in lexicon order; the first that gives a claim)
    source     its object (or the next noun the parser hung elsewhere, within `according.source_window`)
    head       the word the phrase modifies (else the sentence root)
    content    the head's side of the clause (a participle clause before the phrase: from its start)
    data       'according to figures compiled by X': X is the source, 'figures compiled by' part of the cue"""
from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from pipeline.extract.attribution.sources import np_name, np_tokens, resolve_pronoun
from pipeline.extract.attribution.tree import _subtree_range, _trim


def _phrases_at(ex, doc: Doc, i: int) -> list[list[str]]:
    """The lexicon phrases that start at token i (in lexicon order)."""
    n = len(doc)
    return [phrase for phrase in ex.according_by_first.get(doc[i].lower_, ())
            if [doc[j].lower_ for j in range(i, min(n, i + len(phrase)))] == phrase]


def _source_token(ex, doc: Doc, last: Token, after: int) -> Optional[Token]:
    n = len(doc)
    objs = [c for c in last.children if c.dep_ == "pobj"]
    if objs:
        return objs[0]
    if after < n and doc[after].pos_ in ("NOUN", "PROPN", "PRON"):
        return doc[after]
    # "according to the ..." where the parser hangs the object elsewhere: the next noun
    for j in range(after, min(n, after + ex.lexicon["according"]["source_window"])):
        if doc[j].pos_ in ("NOUN", "PROPN") and doc[j].dep_ in ("pobj", "nsubj", "dobj", "conj", "appos"):
            return doc[j]
    return None


def _head(doc: Doc, i: int, phrase_s: int, phrase_e: int) -> Optional[Token]:
    first = doc[i]
    head = first.head if first.head != first else None
    sent = first.sent
    if head is None or head.i in range(phrase_s, phrase_e):
        head = sent.root if sent.root.i not in range(phrase_s, phrase_e) else None
    return head


def _content(doc: Doc, head: Token, phrase_s: int, phrase_e: int) -> tuple[int, int]:
    sent = head.sent
    hs, he = (min(head.left_edge.i, sent.start), max(head.right_edge.i + 1, sent.end)) \
        if head == sent.root else _subtree_range(head)
    if head.i < phrase_s:
        cs, ce = hs, phrase_s
        # "X attacked ..., killing three and wounding five, according to Y": the participle clause
        k = phrase_s - 1
        while k > hs and doc[k].is_punct:
            k -= 1
        anc = doc[k]
        while anc.head != anc and anc.head != head:
            anc = anc.head
        if anc.head == head and anc.tag_ == "VBG" and anc.dep_ in ("advcl", "conj", "xcomp") and anc.i > head.i:
            cs = anc.left_edge.i
    else:
        cs, ce = phrase_e, he
    return _trim(doc, max(cs, sent.start if head == sent.root else cs), ce)


def _data_source(ex, doc: Doc, src_tok: Token, span, last: Token):
    """'according to figures compiled by X': (X's span, X, the agent 'by' that ends the cue)."""
    if src_tok.lower_ in ex.lexicon["refine"]["data_nouns"]:
        for c in src_tok.children:
            ag = next((g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" else None
            po = next((g for g in ag.children if g.dep_ == "pobj"), None) if ag is not None else None
            if po is not None and c.tag_ == "VBN":
                a_s, a_e = np_tokens(po)
                return doc[a_s:a_e], po, ag
    return span, src_tok, last


def _claim_at(ex, doc: Doc, i: int, phrase: list[str], prior: list[dict]) -> Optional[dict]:
    k = len(phrase)
    last = doc[i + k - 1]
    src_tok = _source_token(ex, doc, last, i + k)
    if src_tok is None:
        return None
    src_s, src_e = np_tokens(src_tok)
    if any(t.lemma_.lower() in ex.according_bad or t.lower_ in ex.according_bad for t in doc[max(src_s, i + k):src_e]):
        return None
    src_s = max(src_s, i + k)
    head = _head(doc, i, i, src_e)
    if head is None:
        return None
    cs, ce = _content(doc, head, i, src_e)
    if ce <= cs:
        return None
    span, src_tok, cue_last = _data_source(ex, doc, src_tok, doc[src_s:src_e], last)
    src = {"name": np_name(span), "start_char": span.start_char, "end_char": span.end_char, "_head": src_tok.i}
    if src_tok.pos_ == "PRON":
        res = resolve_pronoun(doc, src_tok, prior, ex.lexicon)
        if res:
            src["name"], src["resolved"] = res["name"], res
    kind = ex.according_prep_kind.get(" ".join(phrase), ex.according_kind)
    hedge = ex._hedge(doc, [head], (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text)))
    cue = (doc[i].idx, cue_last.idx + len(cue_last.text))
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    return ex._make(doc, kind, src, cue, content, "according-to", hedge, i, head.i)


def according(ex, doc: Doc, out: list[dict], prior: list[dict]) -> None:
    if len(doc) == 0:
        return
    # only tokens whose lower form starts a phrase are looked at (hash comparison on the whole Doc)
    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), ex.according_first_ids)).tolist():
        for phrase in _phrases_at(ex, doc, i):
            a = _claim_at(ex, doc, i, phrase, prior)
            if a is not None:
                out.append(a)
                prior.append(a["source"])
                break
