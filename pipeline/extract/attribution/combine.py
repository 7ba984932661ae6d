"""How the rule claims and the learned tagger's claims (doc._.cs_attribution_spans) are combined.

Two claims share a cue when their cue spans overlap. A preset (`combine` in the component's config) says
1. `learned`: whether the tagger's claims are used at all;
2. `rules`: which rule claims without a learned cue are kept: `all`, `author` (only the author's own voice,
   source None, which the tagger does not model) or `none`;
3. `spans`: on a shared cue, whose cue/source/content spans win: `rules` (the rule claim as it is) or
   `tagger` (the tagger's spans, with the rule claim's kind, hedge and source name/resolution) or
   `tagger_cue_source` (the tagger's cue and source, the rule claim's content, kind and hedge);
4. a learned claim with no rule claim on its cue is kept when its score (cue margin) is >= `min_score` and,
   with `only: lexicon`, when its cue word is one of the rule lexicon's cue words (the rules know the verb but
   missed its construction: a passive, "adding", a quote that goes on after "he said"); with `only: vetted`,
   also only when the claim passes the rules' vetoes (`vetted`: a speaker that is named and not negated, no
   event as speaker, no "asked not to be named", no negated cue, not in a headline) and has a content the
   rules would accept (`content_ok`: a clause or a quotation; a noun phrase only after a verb that takes one).
Kinds, hedges, pronoun resolution, the author's voice and the links to events stay with the rules
(`to_claim` gives a learned claim the rules' kind from its cue lemma, its hedge and its resolved pronoun).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from pipeline.extract.attribution.kinds import anonymity_request, inanimate_subject, reduced_passive
from pipeline.extract.attribution.quotes import quote_at
from pipeline.extract.attribution.sources import np_name, resolve_pronoun
from pipeline.extract.attribution.tree import QUOTE_CHARS
from pipeline.extract.attribution.verbs import _passive_without_agent

PRESETS: dict[str, dict] = {
    "rules": {"learned": False, "rules": "all", "spans": "rules"},
    "tagger": {"learned": True, "rules": "none", "spans": "tagger"},
    "tagger+author": {"learned": True, "rules": "author", "spans": "tagger"},
    "tagger_cues": {"learned": True, "rules": "none", "spans": "rules"},
    "tagger_cues+author": {"learned": True, "rules": "author", "spans": "rules"},
    "union": {"learned": True, "rules": "all", "spans": "rules"},
    "union_tagger_spans": {"learned": True, "rules": "all", "spans": "tagger"},
    "union_lexicon": {"learned": True, "rules": "all", "spans": "rules", "only": "lexicon"},
    "union_vetted": {"learned": True, "rules": "all", "spans": "rules", "only": "vetted"},
    "tagger_rule_content": {"learned": True, "rules": "none", "spans": "tagger_cue_source"},
    "tagger_rule_content+author": {"learned": True, "rules": "author", "spans": "tagger_cue_source"},
}


def _overlap(a: dict, b: dict) -> bool:
    return a["start_char"] < b["end_char"] and b["start_char"] < a["end_char"]


def _merged(rule: dict, learned: dict, keep_content: bool = False) -> dict:
    """The tagger's spans with the rule claim's kind, hedge and (for an overlapping source) name/resolution;
    with `keep_content` the rule claim's content too."""
    out = dict(learned)
    if keep_content:
        out["content"], out["_content_head"] = rule["content"], rule.get("_content_head")
    out["kind"], out["hedged"], out["hedge"] = rule["kind"], rule["hedged"], rule["hedge"]
    out["rule"] = f"learned+{rule['rule']}"
    rs, ls = rule["source"], learned["source"]
    if rs and ls and _overlap(rs, ls):
        out["source"] = {**ls, "name": rs["name"], **({"resolved": rs["resolved"]} if "resolved" in rs else {})}
    elif rs and not ls:
        out["source"] = rs
    return out


def combine(rules: list[dict], learned: list[dict], preset: dict, min_score: float) -> list[dict]:
    """The claims of one Doc under a preset (see the module doc); rule claims first in their order."""
    if not preset["learned"]:
        return list(rules)
    out: list[dict] = []
    used: set[int] = set()
    for cl in learned:
        k = next((k for k, r in enumerate(rules) if k not in used and _overlap(r["cue"], cl["cue"])), None)
        if k is None:
            only = preset.get("only")
            if cl.get("_score", 0.0) >= min_score and (only is None or cl.get(f"_{only}")):
                out.append(cl)
            continue
        used.add(k)
        spans = preset["spans"]
        out.append(rules[k] if spans == "rules" else _merged(rules[k], cl, spans == "tagger_cue_source"))
    keep = preset["rules"]
    extra = [r for k, r in enumerate(rules) if k not in used and (keep == "all" or keep == "author" and r["source"] is None)]
    return extra + out


def _root(doc: Doc, s: int, e: int) -> Token:
    """The token of [s, e) whose head lies outside it (the first such)."""
    for t in doc[s:e]:
        if not s <= t.head.i < e or t.head.i == t.i:
            return t
    return doc[e - 1]


def _source(ex, doc: Doc, s: int, e: int, prior: list[dict]) -> dict:
    head = _root(doc, s, e)
    span = doc[s:e]
    src = {"name": np_name(span), "start_char": span.start_char, "end_char": span.end_char, "_head": head.i}
    pr = ex.lexicon["pronouns"]
    if e - s == 1 and head.pos_ == "PRON" and head.lower_ in pr["person"] + pr["plural"] + pr["thing"]:
        res = resolve_pronoun(doc, head, prior, ex.lexicon)
        if res:
            src["name"], src["resolved"] = res["name"], res
    return src


def _author_pronoun(ex, tok: Token) -> bool:
    return tok.lower_ in ex.lexicon["pronouns"]["author"] and quote_at(ex._quotes or [], tok.idx, tok.idx + 1) is None


def to_claim(ex, doc: Doc, p: dict, prior: list[dict]) -> Optional[dict]:
    """A learned prediction as a claim dict of the rules' shape (rule `learned`); None without a content."""
    tok = p.get("_tok") or {}
    if p.get("content") is None or not tok.get("cue") or not tok.get("content"):
        return None
    cs, ce = tok["cue"]
    cue_tok = _root(doc, cs, ce)
    head = _root(doc, *tok["content"])
    kind = ex._kind_for(cue_tok, head) or ex.lexicon.get("learned_kind", "statement")
    src = _source(ex, doc, *tok["source"], prior) if tok.get("source") else None
    author = src is not None and _author_pronoun(ex, doc[src["_head"]])
    if author:
        src = None  # "we expect", "I think" outside a quotation: the author's own voice, as the rules say
    content = (p["content"]["start_char"], p["content"]["end_char"])
    hedge = ex._hedge(doc, [cue_tok, head], content)
    cue = (p["cue"]["start_char"], p["cue"]["end_char"])
    a = ex._make(doc, kind, src, cue, content, "learned", hedge, cue_tok.i, head.i)
    a["_score"] = p["score"]
    a["_lexicon"] = cue_tok.lemma_.lower() in ex.cue_lemmas
    a["_vetted"] = a["_lexicon"] and (author or vetted(ex, doc, cue_tok, src)) \
        and content_ok(ex, doc, cue_tok, head, content)
    return a


def content_ok(ex, doc: Doc, cue_tok: Token, head: Token, content: tuple[int, int]) -> bool:
    """A content of the kind the rules accept: a clause or a quotation, a noun phrase only after a verb that
    takes one ("confirmed the deaths"); a passive cue needs its agent ("is believed to be", "a man believed to
    be", "those identified" are not claims); naming verbs ("call", "describe") are left to the naming rules."""
    if _passive_without_agent(cue_tok) or reduced_passive(cue_tok) or cue_tok.lemma_.lower() in ex.naming:
        return False
    if cue_tok.tag_ == "VBN" and cue_tok.dep_ in ("acl", "amod"):
        return False  # a past participle modifying a noun ("those identified so far"): the noun is not a speaker
    quoted = ex._text[content[0]:content[0] + 1] in QUOTE_CHARS
    return quoted or head.pos_ in ("VERB", "AUX") or cue_tok.lemma_.lower() in ex.np_ok


NEGATED_SOURCES = ("no", "neither", "nobody", "none", "noone", "nothing")
SELF_DETS = ("this", "our", "my")  # "this report shows", "our survey finds": the text itself, the author's voice


def vetted(ex, doc: Doc, cue_tok: Token, src: Optional[dict]) -> bool:
    """A learned claim the rules' vetoes let through: it has a source, not negated ("no group", "nobody"), not
    an event ("the fighting shows") and not the text itself ("this report", "our survey"); its cue is not negated ("did not comment"), not a request for
    anonymity and not in a headline."""
    if src is None:
        return False
    head = doc[src["_head"]]
    if head.lower_ in NEGATED_SOURCES or any(c.dep_ == "det" and c.lower_ in NEGATED_SOURCES for c in head.children):
        return False
    if head.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") and c.lower_ in SELF_DETS for c in head.children):
        return False
    if inanimate_subject(head, ex.lexicon) or anonymity_request(cue_tok, ex.lexicon):
        return False
    return not any(c.dep_ == "neg" for c in cue_tok.children) and not ex._is_headline(doc, cue_tok)
