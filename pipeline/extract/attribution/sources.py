"""Source noun phrases for the attribution extractor: span, display name, pronoun and relative resolution.

Decision (documented for `cs_attributions`): when the source is a pronoun ("he said", "they mention"),
`source.name` is the resolved antecedent's name and `source.start_char/end_char` is the **pronoun** (the
words of this claim, so a reviewer sees what the sentence says); the antecedent's span is kept as
`source.resolved = {name, start_char, end_char}`. An unresolved pronoun keeps its own text as the name.
A relative pronoun ("..., which has announced plans ...") is replaced by its antecedent noun phrase
(span and name), since the antecedent is in the same sentence.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract._doc import ents as doc_ents

NP_DROP_DEPS = {"relcl", "advcl", "punct", "cc", "parataxis", "ccomp", "acl"}
LEADING_DROP = {"the", "a", "an", "this", "these", "those"}


def np_tokens(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without clauses and edge punctuation.

    Everything under a relative/adverbial/complement clause anywhere below the head is cut, and the phrase
    stays contiguous around the head.
    """
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    cut = set()
    for t in doc[lo:hi]:
        if t.i != head.i and t.dep_ in NP_DROP_DEPS - {"punct", "cc"} and t.head.i != t.i:
            cut.update(range(t.left_edge.i, t.right_edge.i + 1))
    start = head.i
    while start - 1 >= lo and (start - 1) not in cut and not _breaks(doc[start - 1]):
        start -= 1
    end = head.i + 1
    while end < hi and end not in cut and not _breaks(doc[end]):
        end += 1
    while end - 1 > head.i and (doc[end - 1].is_punct and doc[end - 1].text not in ")]" or doc[end - 1].dep_ == "cc"
                                or doc[end - 1].lower_ in ("who", "which", "that")):
        end -= 1
    if end - 1 > head.i and doc[end - 1].text in ")]" and "(" not in doc[start:end - 1].text:
        end -= 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > head.i and doc[end - 1].is_space:
        end -= 1
    return start, end


def _breaks(tok: Token) -> bool:
    """A line break, or a clock time ('7:45 a.m.'), never belongs to a source phrase."""
    return "\n" in tok.text or (tok.is_space and "\n" in tok.text_with_ws) or bool(
        tok.like_num and ":" in tok.text)


def np_name(span: Span) -> str:
    """Display name of a source phrase: leading article/demonstrative dropped, whitespace folded."""
    toks = list(span)
    while len(toks) > 1 and toks[0].lower_ in LEADING_DROP:
        toks = toks[1:]
    if not toks:
        return span.text
    s = span.doc[toks[0].i : toks[-1].i + 1].text
    return " ".join(s.split())


def source_dict(doc: Doc, head: Token) -> dict:
    """Span = the whole phrase (with an appositive: "Maria Ortiz, a nurse at the clinic"); name = without the
    appositive and leading article ("Maria Ortiz")."""
    s, e = np_tokens(head)
    span = doc[s:e]
    ne = e
    named_head = head.pos_ == "PROPN" or bool(head.ent_type_)
    for c in head.rights:
        if named_head and c.dep_ == "appos" and c.left_edge.i > head.i and c.left_edge.i < ne:
            ne = c.left_edge.i
    while ne - 1 > head.i and doc[ne - 1].is_punct and not (doc[ne - 1].text in ")]" and "(" in doc[s:ne].text):
        ne -= 1
    return {"name": np_name(doc[s:ne]), "start_char": span.start_char, "end_char": span.end_char, "_head": head.i}


def antecedent_of_relative(tok: Token, speaker_nouns: frozenset = frozenset()) -> Optional[Token]:
    """'X, which said ...': the relcl's head, climbed through 'the wing of X' to the whole phrase."""
    verb = tok.head
    while verb.dep_ in ("conj",) and verb.head != verb:
        verb = verb.head
    if verb.dep_ != "relcl":
        return None
    ant = verb.head
    while (ant.dep_ == "pobj" and ant.head.lower_ == "of" and ant.head.head.pos_ in ("NOUN", "PROPN")
           and not (ant.ent_type_ in ("PERSON", "ORG", "NORP") or ant.lower_ in speaker_nouns)):
        ant = ant.head.head
    return ant


def _is_plural(tok: Token) -> bool:
    if tok.tag_ in ("NNS", "NNPS"):
        return True
    return any(c.dep_ == "conj" for c in tok.children)


def _window_start(doc: Doc, tok: Token, n_sents: int) -> int:
    """The first token of the sentence n_sents before the pronoun's."""
    sent = tok.sent
    window_start = sent.start
    for _ in range(n_sents):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        window_start = sent.start
    return window_start


def _fits_prior(ht: Token, low: str, pr: dict) -> bool:
    """An earlier claim's source head fits the pronoun (he/she: a person; they: a plural or a body; it: a body)."""
    ent = ht.ent_type_
    if low in pr["person"]:
        return ent == "PERSON" or (not ent and not _is_plural(ht) and ht.pos_ in ("NOUN", "PROPN")
                                   and ht.lower_ not in pr["not_person_heads"])
    if low in pr["plural"]:
        return _is_plural(ht) or ent in ("ORG", "NORP")
    if low in pr["thing"]:
        return ent in ("ORG", "GPE", "NORP") or (not ent and not _is_plural(ht) and ht.lower_ in pr["thing_heads"])
    return False


def _prior_candidates(doc: Doc, tok: Token, prior_sources: list[dict], start: int, pr: dict) -> list[tuple[int, dict]]:
    out = []
    for src in prior_sources:
        h = src.get("_head")
        if h is None or h >= tok.i or h < start or doc[h].pos_ == "PRON":
            continue
        if _fits_prior(doc[h], tok.lower_, pr):
            out.append((h, {k: v for k, v in src.items() if not k.startswith("_") and k != "resolved"}))
    return out


def _fits_subject(t: Token, low: str, pr: dict, speakers: set) -> bool:
    ent = t.ent_type_
    if low in pr["person"]:
        return ent == "PERSON" or (not ent and not _is_plural(t) and t.lower_ in speakers)
    if low in pr["plural"]:
        return (_is_plural(t) and (t.lower_ in speakers or ent in ("ORG", "NORP"))) or ent in ("ORG", "NORP")
    if low in pr["thing"]:
        return ent in ("ORG",) or (not ent and not _is_plural(t) and t.lower_ in speakers
                                   and t.lower_ not in pr["not_thing_speakers"])
    return False


def _subject_candidates(doc: Doc, tok: Token, start: int, lex: dict) -> list[tuple[int, dict]]:
    """Subjects of earlier clauses ('Several aid workers visited the camp. They said ...')."""
    pr = lex["pronouns"]
    speakers = set(lex["source_nouns"]["unnamed"])
    out = []
    for t in doc[start : tok.i]:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and _fits_subject(t, tok.lower_, pr, speakers):
            d = source_dict(doc, t)
            out.append((t.i, {k: v for k, v in d.items() if not k.startswith("_")}))
    return out


ENT_FITS = (("person", ("PERSON",)), ("plural", ("ORG", "NORP")), ("thing", ("ORG", "GPE")))


def _entity_candidates(doc: Doc, tok: Token, start: int, pr: dict) -> list[tuple[int, dict]]:
    low = tok.lower_
    labels = next((lab for key, lab in ENT_FITS if low in pr[key]), ())
    return [(ent.end - 1, {"name": np_name(ent), "start_char": ent.start_char, "end_char": ent.end_char})
            for ent in doc_ents(doc) if ent.end <= tok.i and ent.start >= start and ent.label_ in labels]


def resolve_pronoun(doc: Doc, tok: Token, prior_sources: list[dict], lex: dict) -> Optional[dict]:
    """The nearest fitting antecedent for a subject pronoun: {name, start_char, end_char} or None.

    Candidates, nearest first: sources of earlier attributions, subjects of earlier clauses and named entities
    (PERSON for he/she; ORG/NORP/GPE or a plural source for they; ORG/GPE/NORP for it), within the previous
    `pronouns.window_sentences` sentences (word lists in the lexicon's `pronouns` section).
    """
    pr = lex["pronouns"]
    start = _window_start(doc, tok, pr["window_sentences"])
    cands = _prior_candidates(doc, tok, prior_sources, start, pr) + _subject_candidates(doc, tok, start, lex) \
        + _entity_candidates(doc, tok, start, pr)
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    return cands[-1][1]
