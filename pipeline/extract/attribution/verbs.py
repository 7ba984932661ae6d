"""Claims introduced by a cue verb ("X said that ...", "X called the raid “a crime”"), as tables of named rules:

    CUE_VETOES       a verb that is a cue word but makes no claim here (a modifier, a request for anonymity,
                     a reduced passive "believed to be")
    CONTENT_RULES    the content (attribution/content.py)
    BARE_RULES       a verb none of the content rules gave a content: a contact relative clause ("a charge
                     the ministry denies"), the rest of the sentence for strong speech verbs, a claim noun
                     object ("withdrew its statement")
    CONTENT_VETOES   a content that is not a claim ("called an emergency meeting", "the town Kurds call X")
    VOICE_RULES      who speaks: an event subject (no speaker, or the author's inference), the author's first
                     person (source None), else the subject's noun phrase (or what a pronoun refers to)

`ex` is the AttributionExtractor (its lexicon sets and helpers)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from pipeline.extract.attribution.content import content_of_verb
from pipeline.extract.attribution.kinds import (
    anonymity_request, inanimate_subject, participle_cue, reduced_passive, relcl_object_cue,
)
from pipeline.extract.attribution.quotes import quote_at
from pipeline.extract._rules import STOP, RuleTable, always
from pipeline.extract.attribution.tree import _subtree_range, _trim


# ------------------------------------------------------------------------------ vetoes on the cue verb
CUE_VETOES = (
    RuleTable("attribution cue vetoes")
    .add("modifier", always, lambda ex, tok: tok.dep_ in ("amod", "compound"))
    .add("anonymity-request", always, lambda ex, tok: anonymity_request(tok, ex.lexicon))
    .add("reduced-passive", always, lambda ex, tok: reduced_passive(tok))
)


# ------------------------------------------------------------------------------ verbs without a content
def _relcl_object(ex, doc: Doc, tok: Token, prior: list[dict]):
    return relcl_object_cue(ex, doc, tok, prior)  # a claim dict: "a claim the ministry denies"


def _bare_speech(ex, doc: Doc, tok: Token, prior: list[dict]):
    return ex._fallback_content(doc, tok)


def _is_bare_speech(ex, doc: Doc, tok: Token, prior: list[dict]) -> bool:
    # "considering declaring it" (a gerund complement) is not bare speech; a passive has no speaker here
    return tok.lemma_.lower() in ex.strong_speech and not any(c.dep_ == "auxpass" for c in tok.children) \
        and not (tok.dep_ == "xcomp" and tok.tag_ == "VBG")


def _claim_noun_object(ex, doc: Doc, tok: Token, prior: list[dict]):
    r = ex.lexicon["refine"]
    dobj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in r["claim_nouns"]), None)
    return None if dobj is None else (*_subtree_range(dobj), dobj, "np")


BARE_RULES = (
    RuleTable("attribution bare cue verbs")
    .add("relcl-object", lambda ex, doc, tok, prior: tok.dep_ == "relcl", _relcl_object)
    .add("fallback", _is_bare_speech, _bare_speech)
    .add("claim-noun-object", lambda ex, doc, tok, prior: tok.lemma_.lower() in ex.lexicon["refine"]["claim_np_only_verbs"],
         _claim_noun_object)
)


# ------------------------------------------------------------------------------ vetoes on the content
def _not_a_claim_noun(ex, tok: Token, got) -> bool:
    """'withdrew the statement' is a cue, 'withdrew its troops' is not."""
    r = ex.lexicon["refine"]
    return tok.lemma_.lower() in r["claim_np_only_verbs"] and got[3] == "np" and got[2].lower_ not in r["claim_nouns"]


def _excluded_object(ex, tok: Token, got) -> bool:
    """'called an emergency meeting'."""
    return got[3] == "np" and got[2].lower_ in ex.lexicon["refine"]["np_excluded_objects"].get(tok.lemma_.lower(), ())


def _a_name(ex, tok: Token, got) -> bool:
    """'the town that Kurds call Shingal', 'as residents call their city': a name, not a claim."""
    return got[3] in ("np", "naming") and tok.lemma_.lower() in ex.naming and (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        or tok.dep_ == "relcl" and got[2].pos_ == "PROPN"
        and not any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in tok.children))


CONTENT_VETOES = (
    RuleTable("attribution content vetoes")
    .add("not-a-claim-noun", always, _not_a_claim_noun)
    .add("excluded-object", always, _excluded_object)
    .add("a-name", always, _a_name)
)


# ------------------------------------------------------------------------------ who speaks
def _event_subject(ex, doc, tok, subj, how, quotes, prior):
    """'the fighting shows ...': an event does not speak; 'the attacks suggest that ...' is the author's inference."""
    if tok.lemma_.lower() not in ex.lexicon["refine"]["inference_verbs"] or how not in ("ccomp", "fallback"):
        return STOP
    return ("author", None)


def _first_person(ex, doc, tok, subj, how, quotes, prior):
    """'I think', 'we believe' outside any quotation: the author's own voice; 'you know' and first person
    inside quotations are not claims of their own; 'we cannot rule out ...' is the author rule."""
    pr = ex.lexicon["pronouns"]
    if subj.lower_ not in pr["author"] or quote_at(quotes, subj.idx, subj.idx + 1):
        return STOP
    if tok.lemma_.lower() in ex.we_verbs and subj.lower_ == "we":
        return STOP
    return ("author", None)


def _subject_source(ex, doc, tok, subj, how, quotes, prior):
    src = ex._resolve_source(doc, subj, prior)
    return STOP if src is None else ("source", src)


VOICE_RULES = (
    RuleTable("attribution voice")
    .add("event-subject", lambda ex, doc, tok, subj, *_: inanimate_subject(subj, ex.lexicon), _event_subject)
    .add("first-person", lambda ex, doc, tok, subj, *_: subj.lower_ in ex.lexicon["pronouns"]["self"], _first_person)
    .add("subject", always, _subject_source)
)


# ------------------------------------------------------------------------------ the claim
def _find_content(ex, doc: Doc, tok: Token, prior: list[dict]):
    """A content tuple (start_tok, end_tok, head, how), a finished claim dict (relative clause), or None."""
    got = content_of_verb(ex, doc, tok)
    if got is None:
        hit = BARE_RULES.first(ex, doc, tok, prior)
        got = hit[1] if hit else None
    return got


def _head_side(tok: Token, got) -> tuple[int, int, Token, str]:
    """'..., which he said were tied to favors': a content around the cue keeps the side of its head."""
    cs, ce, head, how = got
    if how != "parenthetical" and cs <= tok.i < ce:
        if head.i > tok.i:
            cs = tok.i + 1
        else:
            ce = tok.i
    return cs, ce, head, how


def _passive_without_agent(tok: Token) -> bool:
    """'it was reported that', 'is said to': no source."""
    return any(c.dep_ == "nsubjpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children)


def verb_cue(ex, doc: Doc, tok: Token, prior: list[dict], quotes) -> Optional[dict]:
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" and not (tok.pos_ == "AUX" and lemma in ex.kind_of):
        return None
    if lemma not in ex.kind_of and lemma not in ex.naming and lemma not in ex.light_first:
        return None
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and lemma not in ex.lexicon["participle_not_cues"]:
        return participle_cue(ex, doc, tok, prior)  # "the bodies reported by X"
    if CUE_VETOES.vetoed(ex, tok):
        return None
    got = _find_content(ex, doc, tok, prior)
    if got is None or isinstance(got, dict):
        return got
    if CONTENT_VETOES.vetoed(ex, tok, got):
        return None
    cs, ce, head, how = _head_side(tok, got)
    kind = ex._kind_for(tok, head)
    if kind is None:
        return None
    if how == "naming":
        kind = ex.lexicon["naming_kind_by_verb"].get(lemma, ex.lexicon["naming_kind"])
    subj = ex._subject(tok)
    if subj is None or _passive_without_agent(tok):
        return None
    voice = VOICE_RULES.first(ex, doc, tok, subj, how, quotes, prior)
    if voice is None:
        return None
    who, src = voice[1]
    if who == "author":
        return _author_claim(ex, doc, tok, subj, (cs, ce, head), kind)
    return _source_claim(ex, doc, tok, src, (cs, ce, head, how), kind, quotes)


def _author_claim(ex, doc: Doc, tok: Token, subj: Token, got, kind: str) -> Optional[dict]:
    cs, ce, head = got
    cs, ce = _trim(doc, cs, ce)
    if ce <= cs or cs <= subj.i < ce:
        return None
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    cue = ex._cue_range(tok)
    hedge = ex._hedge(doc, [tok, head], (min(cue[0], content[0]), max(cue[1], content[1])))
    return ex._make(doc, kind, None, cue, content, "author-first-person", hedge, tok.i, head.i)


def _own_claim_start(ex, doc: Doc, cs: int, ce: int, head: Token) -> int:
    """'X promised to ... and said that ...', '..., calling the reports false': a conjoined or participial
    cue verb inside the content starts a claim of its own; the content ends before it."""
    for t in doc[cs:ce]:
        if t.i <= head.i or t.head.i < cs or t.lemma_.lower() not in ex.kind_of:
            continue
        if (t.dep_ == "conj" and t.lemma_.lower() in ex.strong_speech and any(g.dep_ == "ccomp" for g in t.children)) \
                or (t.dep_ == "advcl" and t.tag_ == "VBG" and doc[t.left_edge.i - 1].text == ","):
            return min(ce, t.left_edge.i)
    return ce


def _source_claim(ex, doc: Doc, tok: Token, src: dict, got, kind: str, quotes) -> Optional[dict]:
    cs, ce, head, how = got
    if cs <= src["_head"] < ce and how != "parenthetical":
        return None  # the source must not sit inside the content (parse loops)
    cs, ce = _trim(doc, cs, _own_claim_start(ex, doc, cs, ce, head))
    if ce <= cs:
        return None
    content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
    # content inside a quotation that the cue is outside of: the whole quotation is the content
    q = quote_at(quotes, content[0], content[1])
    if q is not None and not q.contains(tok.idx, tok.idx + len(tok.text)):
        content = (q.start, q.end)
    cue = ex._cue_range(tok)
    if tok.lemma_.lower() in ex.lexicon["accusation_phrases"]["np_accusation_verbs"] and how == "np":
        kind = "accusation"
    hedge = ex._hedge(doc, [tok, head], (min(cue[0], content[0]), max(cue[1], content[1])))
    return ex._make(doc, kind, src, cue, content, f"verb-{how}", hedge, tok.i, head.i)
