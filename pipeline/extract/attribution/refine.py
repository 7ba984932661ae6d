"""The kind of a claim refined from its cue and content, as a table of named rules (the first that gives a
kind decides; word lists in the lexicon's `refine` section). A rule that returns the claim's own kind keeps
it (and ends the table): the later rules are for neutral speech verbs reporting in a clause only.

    rule-out-negated      "could not rule out X": the possibility kept open (opinion)
    refuse-to-rule-out    "refused to rule out X": opinion; the cue takes the infinitive, the content its object
    reject-a-claim        "rejected the claim", "a charge the ministry denies": denial
    naming-falsity        naming a report false ("called the reports fabricated"): denial
    naming-blame          a naming content that blames: accusation
    naming-opinion        "described X as an attempt to ...", "called the response inadequate": opinion
    prediction            "warned that the plan would backfire": opinion
    describe-object       "residents described a heavy police presence": report
    toll-object           "announced the figure of 110", "confirmed the toll": report
    condemn-event         "condemned the attack" blames no one (statement); "condemned the attack by X" does
    not-neutral           other cue verbs keep their kind
    not-clausal           neutral speech verbs keep their kind unless the content is a clause or a quote
    denial-phrase         "said X played no part in it": denial
    first-person-negation '"We did not fire," he said': denial
    blame                 the content pins an act on an actor: accusation
    whole-quote           a whole quotation: statement
    commitment            a modal, an intention, the speakers about themselves: statement
    opinion-source        analysts, experts ...: opinion
    report                else: report
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract._rules import RuleTable, always

CLAUSAL_RULES = ("verb-ccomp", "verb-fallback", "verb-parenthetical", "quote", "verb-colon")


@dataclass
class Ctx:
    doc: Doc
    text: str
    a: dict
    lex: dict
    cue: Optional[Token]
    kind: str
    span: Span
    lemma: str

    @property
    def r(self) -> dict:
        return self.lex["refine"]

    @property
    def rule(self) -> str:
        return self.a.get("rule", "")


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _dobj(tok: Token) -> Optional[Token]:
    return next((c for c in tok.children if c.dep_ == "dobj"), None)


def _rule_out_negated(k: Ctx) -> bool:
    t = k.cue
    refuse = k.r["refuse_verbs"]
    return t is not None and k.lemma == "rule" and (
        _has_neg(t) or t.dep_ == "xcomp" and t.head.lemma_.lower() in refuse
        or t.head.dep_ == "xcomp" and _has_neg(t.head))


def _refuse_to_rule_out(k: Ctx):
    m = re.match(r"to\s+(rule\s+out|exclude)\s*", k.span.text) if k.cue is not None and \
        k.lemma in k.r["refuse_verbs"] and re.match(r"to\s+(rule\s+out|exclude)\b", k.span.text) else None
    if m is None:
        return None
    a = k.a
    a["cue"]["end_char"] = a["content"]["start_char"] + len(m.group(0).rstrip())
    a["content"]["start_char"] += m.end()
    a["hedged"], a["hedge"] = True, dict(a["cue"])
    return "opinion"


def _reject_a_claim(k: Ctx):
    if k.cue is None or k.lemma not in k.r["denial_np_verbs"]:
        return None
    dobj = _dobj(k.cue)
    head = dobj if dobj is not None else (k.cue.head if k.cue.dep_ == "relcl" else None)
    return "denial" if head is not None and head.lower_ in k.r["claim_nouns"] else None


def _is_naming(k: Ctx) -> bool:
    return k.kind in ("statement", "accusation", "opinion", "report") and k.cue is not None \
        and k.lemma in k.lex["naming_verbs"]


def _naming_rule(k: Ctx) -> bool:
    return _is_naming(k) and k.rule in ("verb-naming", "verb-relcl-object")


def _naming_opinion(k: Ctx):
    return "opinion" if k.kind == "statement" and (
        k.lemma in k.r["opinion_naming_verbs"]
        or any(t.pos_ == "ADJ" and t.dep_ in ("oprd", "acomp", "ccomp", "xcomp") for t in k.span)) else None


def _condemn_event(k: Ctx):
    dobj = _dobj(k.cue)
    if dobj is not None and dobj.lower_ in k.lex["anaphoric_event_heads"] and not any(
            t.dep_ == "agent" or t.lower_ == "by" or t.dep_ == "poss" for t in dobj.subtree):
        return "statement"
    return None


def _first_person_negation(k: Ctx) -> bool:
    root = k.span.root
    return _has_neg(root) and any(c.dep_ == "nsubj" and c.lower_ in k.r["first_person"] for c in root.children)


def _commitment(k: Ctx) -> bool:
    root = k.span.root
    return any(c.dep_ == "aux" and c.lower_ in k.r["statement_modals"] for c in root.children) or \
        root.lemma_.lower() in k.r["intent_lemmas"] or \
        any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in k.r["first_person"] for c in root.children)


def _opinion_source(k: Ctx) -> bool:
    sh = (k.a.get("source") or {}).get("_head")
    return sh is not None and k.doc[sh].lower_ in k.r["opinion_sources"]


def _gives(kind: str):
    return lambda k: kind


def table(has_phrase, blames, is_whole_quote) -> RuleTable:
    """The kind rules (the content tests come from kinds.py, which owns them)."""
    return (
        RuleTable("attribution kinds")
        .add("rule-out-negated", _rule_out_negated, _gives("opinion"))
        .add("refuse-to-rule-out", always, _refuse_to_rule_out)
        .add("reject-a-claim", always, _reject_a_claim)
        .add("naming-falsity", _is_naming,
             lambda k: "denial" if any(t.lower_ in k.r["falsity_terms"] for t in k.span) else None)
        .add("naming-blame", _naming_rule,
             lambda k: "accusation" if blames(k.span, k.lex, True) and k.kind != "denial" else None)
        .add("naming-opinion", _naming_rule, _naming_opinion)
        .add("prediction", lambda k: k.cue is not None and k.lemma in k.r["opinion_ccomp_verbs"]
             and k.rule == "verb-ccomp", _gives("opinion"))
        .add("describe-object", lambda k: k.lemma in k.r["report_np_verbs"] and k.rule == "verb-np", _gives("report"))
        .add("toll-object", lambda k: k.kind == "statement" and k.rule == "verb-np"
             and k.span.root.lower_ in k.lex.get("toll_nouns", ()), _gives("report"))
        .add("condemn-event", lambda k: k.kind == "accusation" and k.lemma in k.r["condemn_verbs"]
             and k.cue is not None, _condemn_event)
        .add("not-neutral", lambda k: k.lemma not in k.r["neutral_speech_verbs"]
             or k.kind not in ("statement", "report"), lambda k: k.kind)
        .add("not-clausal", lambda k: not k.rule.startswith(CLAUSAL_RULES), lambda k: k.kind)
        .add("denial-phrase", lambda k: bool(has_phrase(k.span.text, k.r["denial_phrases"])), _gives("denial"))
        .add("first-person-negation", _first_person_negation, _gives("denial"))
        .add("blame", lambda k: blames(k.span, k.lex, bool(k.a.get("hedged"))), _gives("accusation"))
        .add("whole-quote", lambda k: is_whole_quote(k.text, k.a), _gives("statement"))
        .add("commitment", _commitment, _gives("statement"))
        .add("opinion-source", _opinion_source, _gives("opinion"))
        .add("report", always, _gives("report"))
    )
