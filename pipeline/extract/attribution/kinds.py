"""Kinds of attribution claims from their content, and the author's-voice forms that have no verb subject.

The cue verb alone does not decide the kind: "X said the attackers fled north" reports an event, "X said
Ruritania played no part in it" denies, "X said the thieves may have been helped by a guard at the
depot" accuses, "X said it would pay compensation" is a statement (a commitment), and "analysts said the
timing was no accident" is an opinion. `refine_kind` applies these rules (lexicon `refine`) to claims whose
cue is a neutral speech verb, plus a few content-independent ones (rejecting a charge is a denial,
calling a report "fabricated" is a denial, condemning an attack blames no one, "could not rule out" is a
hedged opinion).

`author_claims` finds the author's own claims marked by a phrase or an adverb instead of a verb with a
subject: "In my view, ...", "... whose fighters allegedly crossed ...", "similar trends can be expected ...".
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract._doc import tokens
from pipeline.extract.attribution.quotes import quote_at
from pipeline.extract.attribution.refine import Ctx
from pipeline.extract.attribution.refine import table as kind_table
from pipeline.extract.attribution.sources import np_tokens, source_dict
from pipeline.extract.attribution.tree import _subtree_range, _trim


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z']+", text.lower())) + " "


def _has_phrase(text: str, phrases) -> Optional[str]:
    w = _words(text)
    for p in phrases:
        if f" {p} " in w:
            return p
    return None


def content_span(doc: Doc, a: dict) -> Optional[Span]:
    return doc.char_span(a["content"]["start_char"], a["content"]["end_char"], alignment_mode="expand")


def blames(span: Span, lex: dict, hedged: bool) -> bool:
    """The content pins an act on an actor: 'X was behind', 'carried out by X', hedged 'may have been
    helped by X', 'the aircraft were most likely Russian'."""
    r = lex["refine"]
    text = span.text
    if _has_phrase(text, r["denial_phrases"]):
        return False
    if _has_phrase(text, r["blame_terms"]):
        return True
    acts = set(r["act_verbs"])
    for t in span:
        if t.dep_ == "agent" and t.head.lemma_.lower() in acts and hedged:
            return True
        if hedged and t.dep_ in ("attr", "acomp") and t.ent_type_ == "NORP":
            return True
    return False


def _is_whole_quote(text: str, a: dict) -> bool:
    cs, ce = a["content"]["start_char"], a["content"]["end_char"]
    seg = text[cs:ce]
    seg = seg.rstrip(" .,")
    return len(seg) > 4 and seg.startswith(("\"", "“", "«", "''", "``", "‘")) and seg.endswith(("\"", "”", "»", "''", "’"))


def refine_kind(doc: Doc, text: str, a: dict, lex: dict, cue_tok: Optional[Token]) -> str:
    """The claim's kind from its cue and content (the rule table of attribution/refine.py)."""
    span = content_span(doc, a)
    if span is None or len(span) == 0:
        return a["kind"]
    lemma = cue_tok.lemma_.lower() if cue_tok is not None else ""
    k = Ctx(doc, text, a, lex, cue_tok, a["kind"], span, lemma)
    return KIND_RULES.first(k)[1]


def anonymity_request(tok: Token, lex: dict) -> bool:
    """'who asked not to be named', 'requested anonymity': a request about the speaker, not a claim."""
    if tok.lemma_.lower() not in lex["refine"]["anonymity_verbs"]:
        return False
    words = set(lex["refine"]["anonymity_words"])
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "prep"):
            sub = [t.lower_ for t in c.subtree]
            if any(w in words for w in sub) and ("not" in sub or "anonymity" in sub or "condition" in sub):
                return True
            if "anonymity" in sub:
                return True
    return False


def inanimate_subject(subj: Token, lex: dict) -> bool:
    """An event or a process as the subject ('the fighting shows', 'the assault recalled'): not a speaker."""
    return subj.lower_ in lex["refine"]["inanimate_subject_heads"] and subj.pos_ == "NOUN"


def _author_phrases(ex, doc: Doc, quotes, inside) -> list[dict]:
    """'In my view, the closures prove ...': the phrase is the cue, the rest of its clause the content."""
    out: list[dict] = []
    low = ex._text.lower()
    for p in ex.lexicon["refine"]["author_phrases"]:
        for m in re.finditer(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b", low):
            s, e = m.span()
            if quote_at(quotes, s, e) is not None or inside(s, e):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            first = span[0]
            head = first.head
            if head.i in range(span.start, span.end):
                continue
            if span.start == sent.start:
                cs, ce = span.end, sent.end
            else:
                hs, he = _subtree_range(head)
                cs, ce = (hs, span.start) if span.start > head.i else (span.end, he)
            cs, ce = _trim(doc, cs, ce)
            if ce - cs < ex.lexicon["refine"]["author_min_tokens"]:
                continue
            content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
            hedge = ex._hedge(doc, [head], content)
            out.append(ex._make(doc, "opinion", None, (s, e), content, "author-phrase", hedge, first.i, head.i))
    return out


def _author_adverbs(ex, doc: Doc, quotes, inside) -> list[dict]:
    """'whose fighters allegedly crossed ...': an epistemic adverb outside every other claim."""
    lex = ex.lexicon
    out: list[dict] = []
    for t in tokens(doc):
        if t.lower_ not in lex["refine"]["author_adverbs"] or t.dep_ != "advmod":
            continue
        if quote_at(quotes, t.idx, t.idx + 1) is not None or inside(t.idx, t.idx + len(t.text)):
            continue
        verb = t.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in ex.kind_of or verb.lemma_.lower() in ex.naming:
            continue  # "X reportedly said ...": the hedge of X's claim, not the author's
        cs, ce = _subtree_range(verb)
        if verb.dep_ not in ("relcl", "advcl", "ccomp", "conj") and verb.dep_ != "ROOT":
            continue
        if verb.dep_ == "ROOT":
            cs, ce = verb.sent.start, verb.sent.end
        cs, ce = _trim(doc, cs, ce)
        if ce - cs < lex["refine"]["author_min_tokens"]:
            continue
        content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
        kind = "accusation" if blames(doc[cs:ce], lex, True) else "report"
        cue = (t.idx, t.idx + len(t.text))
        out.append(ex._make(doc, kind, None, cue, content, "author-adverb", cue, t.i, verb.i))
    return out


def _author_impersonal(ex, doc: Doc, quotes, inside) -> list[dict]:
    """'further delays can be expected ...': a modal impersonal passive of an expectation verb."""
    lex = ex.lexicon
    r = lex["refine"]
    modals = set(lex["hedges"]["modals"]) | set(r["impersonal_extra_modals"])
    out: list[dict] = []
    for t in tokens(doc):
        if t.lemma_.lower() not in r["impersonal_passive_verbs"] or t.tag_ != "VBN":
            continue
        kids = list(t.children)
        modal = next((c for c in kids if c.dep_ == "aux" and c.lower_ in modals), None)
        if modal is None or not any(c.dep_ == "auxpass" for c in kids) or any(c.dep_ == "agent" for c in kids):
            continue
        subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.lower_ in r["impersonal_pronoun_subjects"]:
            continue
        if quote_at(quotes, t.idx, t.idx + 1) is not None or inside(t.idx, t.idx + len(t.text)):
            continue
        cs, ce = _trim(doc, *_subtree_range(t))
        if ce - cs < r["author_min_tokens"]:
            continue
        content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
        cue = (modal.idx, t.idx + len(t.text))
        out.append(ex._make(doc, "opinion", None, cue, content, "author-impersonal", cue, t.i, t.i))
    return out


# the author's voice without a verb subject, as a table of scanners (each finds its claims in the whole doc)
AUTHOR_SCANS = (
    ("author-phrase", _author_phrases),
    ("author-adverb", _author_adverbs),
    ("author-impersonal", _author_impersonal),
)


def author_claims(ex, doc: Doc, quotes, covered: list[tuple[int, int]]) -> list[dict]:
    """The author's voice without a verb subject: 'In my view, ...', 'allegedly', 'X can be expected'."""

    def inside(s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in covered)

    out: list[dict] = []
    for _name, scan in AUTHOR_SCANS:
        out += scan(ex, doc, quotes, inside)
    return out


KIND_RULES = kind_table(_has_phrase, blames, _is_whole_quote)


def participle_cue(ex, doc: Doc, tok: Token, prior: list[dict]) -> Optional[dict]:
    """'the nine bodies reported by the coroner': a past participle with an agent; the content is
    the noun phrase it modifies, the source the agent."""

    lemma = tok.lemma_.lower()
    if ex.kind_of.get(lemma) not in ("report", "denial") or lemma not in ex.np_ok \
            or tok.head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None  # "the bodies reported by X", not "a city claimed by X" or "troops supported by X"
    if lemma in ex.toll_verbs and tok.head.lemma_.lower() not in ex.toll_nouns:
        return None  # "the money raised by X"
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
        return None
    if pobj.lower_ in ex.lexicon["refine"]["inanimate_subject_heads"]:
        return None
    cs, ce = np_tokens(tok.head)
    ce = min(ce, tok.i)
    while ce > cs and (doc[ce - 1].is_punct or doc[ce - 1].is_space):
        ce -= 1
    if ce <= cs:
        return None
    src = source_dict(doc, pobj)
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    cue = (tok.idx, tok.idx + len(tok.text))
    hedge = ex._hedge(doc, [tok], content)
    return ex._make(doc, ex.kind_of[lemma], src, cue, content, "verb-participle", hedge, tok.i, tok.head.i)


def relcl_object_cue(ex, doc: Doc, tok: Token, prior: list[dict]) -> Optional[dict]:
    """'a charge the authorities reject', 'a figure the police described as misleading': a contact relative
    clause whose object is the noun it modifies."""

    lemma = tok.lemma_.lower()
    if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if ex.kind_of.get(lemma) not in ("denial", "report") and lemma not in ex.naming \
            and lemma not in ex.lexicon["refine"]["denial_np_verbs"]:
        return None
    kids = list(tok.children)
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass", "auxpass") or c.tag_ in ("WRB", "WDT", "WP")
           or c.dep_ == "prep" and c.lower_ != "as" for c in kids):
        return None  # "where troops withdrew from X": not an object gap
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None or subj.i < tok.head.i or subj.lower_ in ex.lexicon["pronouns"]["relative"]:
        return None
    if any(t.lower_ in ex.lexicon["pronouns"]["relative"] for t in doc[tok.head.i + 1 : subj.i]):
        return None
    src = ex._resolve_source(doc, subj, prior)
    if src is None:
        return None
    as_prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None)
    if lemma in ex.naming and as_prep is not None:
        cs, ce = _subtree_range(as_prep)
        kind = ex.lexicon["naming_kind"]
    elif lemma in ex.np_ok and lemma in ex.kind_of and (ex.kind_of[lemma] in ("denial", "report")
                                                         or lemma in ex.lexicon["refine"]["denial_np_verbs"]):
        cs, ce = np_tokens(tok.head)
        ce = min(ce, subj.left_edge.i)
        kind = ex.kind_of[lemma]
    else:
        return None
    cs, ce = _trim(doc, cs, ce)
    if ce <= cs:
        return None
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    cue = ex._cue_range(tok)
    hedge = ex._hedge(doc, [tok], content)
    return ex._make(doc, kind, src, cue, content, "verb-relcl-object", hedge, tok.i, tok.head.i)


def nominal_claims(ex, doc: Doc, quotes, covered: list[tuple[int, int]]) -> list[dict]:
    """'the leadership's repeated statements about X', 'the ministry's claim that Y': a speech noun with a
    possessive source and a content (a that-clause or an about/of/on phrase)."""

    nouns = ex.lexicon["refine"]["nominal_cues"]
    out: list[dict] = []
    for t in tokens(doc):
        if t.pos_ != "NOUN" or t.lower_ not in nouns:
            continue
        if quote_at(quotes, t.idx, t.idx + 1) is not None:
            continue
        poss = next((c for c in t.children if c.dep_ == "poss"), None)
        if poss is None or poss.pos_ not in ("NOUN", "PROPN"):
            continue
        content = None
        for c in t.children:
            if c.dep_ in ("acl", "ccomp") and c.i > t.i and c.left_edge.lower_ == "that":
                s, e = _subtree_range(c)
                content = (s + 1, e)
                break
            if c.dep_ == "prep" and c.i == t.i + 1 and c.lower_ in ("about", "on", "regarding", "concerning"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    content = _subtree_range(pobj)
                    break
        if content is None:
            continue
        cs, ce = _trim(doc, *content)
        if ce - cs < 2:
            continue
        src = ex._resolve_source(doc, poss, [])
        if src is None:
            continue
        # the source phrase ends at the possessive marker
        src["end_char"] = poss.idx + len(poss.text)
        first = min(poss.right_edge.i + 1, t.i)  # a possessive the parser gave right dependents: cue from the noun
        while first < t.i and doc[first].dep_ == "case":
            first += 1
        cue = (doc[first].idx, t.idx + len(t.text))
        cspan = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
        if any(a <= cspan[0] and cspan[1] <= b for a, b in covered):
            continue
        hedge = ex._hedge(doc, [t], cspan)
        out.append(ex._make(doc, nouns[t.lower_], src, cue, cspan, "noun-possessive", hedge, t.i, cs))
    return out


REDUCED_PASSIVE_LEMMAS = ("believe", "think", "say", "report", "know", "understand", "suspect", "consider",
                          "presume", "allege", "rumour", "rumor", "expect", "estimate")


def reduced_passive(tok: Token) -> bool:
    """'a man believed to be the driver ...': a participle the parser took for an active verb; the noun
    is not the one who believes."""
    if tok.lemma_.lower() not in REDUCED_PASSIVE_LEMMAS or tok.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "xcomp" and c.lemma_.lower() in ("be", "have") and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            subj = next((s for s in tok.children if s.dep_ == "nsubj"), None)
            return subj is None or subj.pos_ in ("NOUN", "PROPN")
    return False
