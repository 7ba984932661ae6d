"""Claims in the author's own voice (source None) on a sentence's root, as a table of named rules; the first
rule whose condition holds decides (its action gives (cue, content, hedge, content_head) or STOP):

    author-we          "We do not exclude the likelihood that ...", "we believe that ..."
    author-epistemic   "... seems quite possible", "it is likely that ...", "X is likely to rise"

Kind: accusation when the content blames a named actor (lexicon `author_voice.accusation_terms`), else opinion.
Word lists are in the lexicon's `author_voice` section."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract.attribution.quotes import quote_at
from pipeline.extract._rules import STOP, RuleTable
from pipeline.extract.attribution.tree import _subtree_range, _trim

ACTOR_LABELS = ("ORG", "GPE", "NORP", "PERSON")


def _subj(root: Token) -> Optional[Token]:
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _chars(doc: Doc, s: int, e: int) -> tuple[int, int]:
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


# ------------------------------------------------------------------------------ A. "we should not exclude ..."
def _is_we(ex, doc: Doc, sent: Span, root: Token) -> bool:
    subj = _subj(root)
    return subj is not None and subj.lower_ == "we" and root.lemma_.lower() in ex.we_verbs


def _we(ex, doc: Doc, sent: Span, root: Token):
    av = ex.lexicon["author_voice"]
    links = av["possibility_links"]
    poss = next((c for c in root.children if c.dep_ == "dobj"), None)
    if poss is not None and poss.lower_ in av["possibility_nouns"]:
        k = poss.i + 1
        if k < sent.end and doc[k].lower_ in links:
            k += 1
        tgt = doc[k] if k < sent.end - 1 else None
        cue_end = poss.idx + len(poss.text)
    else:
        tgt = next((c for c in root.children if c.dep_ == "ccomp"), None)
        cue_end = root.idx + len(root.text)
    if tgt is None:
        return STOP
    first_aux = min([c.i for c in root.children if c.dep_ in ("aux", "neg") and c.i < root.i] + [root.i])
    cue = (doc[first_aux].idx, cue_end)
    s, e = _subtree_range(tgt)
    if poss is not None and tgt.i > poss.i and tgt.i == poss.i + 1 + (doc[poss.i + 1].lower_ in links):
        s, e = tgt.i, sent.end
    if doc[s].lower_ in links and s + 1 < e:
        s += 1
    s, e = _trim(doc, s, e)
    hedge = ex._hedge(doc, [root], (sent.start_char, sent.end_char))
    if hedge is None and any(c.dep_ == "neg" for c in root.children) and root.lemma_.lower() in av["negated_hedge_verbs"]:
        hedge = cue  # "we cannot exclude": the negated exclusion is itself the hedge
    return cue, _chars(doc, s, e), hedge, tgt.i


# ------------------------------------------------------------------------------ B. "... seems possible"
def _epistemic_adj(ex, root: Token) -> Optional[Token]:
    return next((c for c in root.children if c.dep_ in ("acomp", "oprd") and c.lower_ in ex.epistemic), None)


def _is_epistemic(ex, doc: Doc, sent: Span, root: Token) -> bool:
    return root.lemma_.lower() in ex.lexicon["author_voice"]["epistemic_copulas"] and _epistemic_adj(ex, root) is not None


def _epistemic(ex, doc: Doc, sent: Span, root: Token):
    subj = _subj(root)
    adj = _epistemic_adj(ex, root)
    near = list(root.children) + list(adj.children)
    ccomp = next((c for c in near if c.dep_ == "ccomp"), None)
    xcomp = next((c for c in near if c.dep_ == "xcomp"), None)
    if subj is not None and subj.lower_ != "it":
        if adj.lower_ not in ex.hedge_adjs:
            return STOP  # "the lines have been clear": a description, not a claim
        tgt = subj
    elif ccomp is not None:
        tgt = ccomp
    else:
        return STOP
    s, e = _trim(doc, *_subtree_range(tgt))
    if tgt is subj and xcomp is not None:
        s, e = _trim(doc, subj.left_edge.i, xcomp.right_edge.i + 1)  # "X is likely to rise": the whole clause
    if e <= s:
        return STOP
    first = min([c.i for c in root.children if c.dep_ in ("aux", "neg", "expl") and c.i < root.i] + [root.i])
    if subj is not None and subj.lower_ == "it":
        first = min(first, subj.i)
    cue = (doc[first].idx, adj.idx + len(adj.text))
    hedge = cue if adj.lower_ in ex.hedge_adjs or root.lemma_.lower() in ex.hedge_verbs else None
    return cue, _chars(doc, s, e), hedge, tgt.i


AUTHOR_RULES = (
    RuleTable("attribution author voice")
    .add("author-we", _is_we, _we)
    .add("author-epistemic", _is_epistemic, _epistemic)
)


def _accusing(ex, doc: Doc, content: tuple[int, int], rule: str) -> bool:
    """The content names an actor and blames it (accusation terms), or, for 'we cannot exclude ...', attributes
    an act to a named agent ('... being set by <state>'s services')."""
    words = set(re.findall(r"[a-z]+", ex._text[content[0]:content[1]].lower()))
    has_actor = any(e.label_ in ACTOR_LABELS and content[0] <= e.start_char < content[1] for e in doc.ents)
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    agent_actor = any(t.dep_ == "agent" and any(e.label_ in ACTOR_LABELS and t.i < e.start <= t.right_edge.i
                                                for e in doc.ents) for t in doc[span.start:span.end])
    return has_actor and (bool(words & ex.accusation_terms) or (agent_actor and rule == "author-we"))


def author_voice(ex, doc: Doc, sent: Span, quotes, covered: list[tuple[int, int]]) -> Optional[dict]:
    root = sent.root
    if quote_at(quotes, root.idx, root.idx + 1) is not None:
        return None
    hit = AUTHOR_RULES.first(ex, doc, sent, root)
    if hit is None:
        return None
    rule, (cue, content, hedge, content_head) = hit
    if any(a <= content[0] and content[1] <= b for a, b in covered):
        return None
    accusing = _accusing(ex, doc, content, rule.name)
    kind = "accusation" if accusing else "opinion"
    return ex._make(doc, kind, None, cue, content, rule.name, hedge, root.i, content_head)
