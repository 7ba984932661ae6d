"""Attribution extractor: who says, reports, claims, blames, denies or believes what (issue 7).

Rules over the spaCy dependency parse plus a data lexicon (`models/lexicons/attribution.json`):

1. Cue verbs (lemma -> kind) with a content: a clausal complement ("X said (that) ..."), an infinitive
   ("X announced plans to ...", "vowed to ..."), a noun phrase for verbs that take one ("X confirmed the
   deaths"), a naming complement ("X called the events “...”", "X described the raid as ..."), a verb+preposition phrase ("called for ...", "pointed out that"), what follows a colon
   ("mention the following: ..."), the clause a parenthetical interrupts ("The curfew, X said, will ..."),
   or, for strong speech verbs the parser left bare, the rest of the sentence. A cue without a content
   ("as he said", "he said nothing") makes no claim. Passive cues need an agent ("by X").
2. "according to X" and its relatives: the content is the clause the phrase modifies (the side of the
   head word; a participle clause right before it: "..., killing three, according to X"); "according to
   plan/scenario" is manner, not a source.
3. Claims of responsibility: responsibility/credit as object of claim/take/assume ... (and the passive
   "responsibility for ... is taken over by X"), or "claimed the attack". "No group has claimed ..." is not
   a claim. Denials of responsibility are kind `denial`; "accused/blamed/held responsible" are accusations.
4. Direct quotes (see attribution_quotes): a cue next to a quotation takes the whole quotation as content,
   also when the quote runs over several sentences or paragraphs; "NAME: text" lines and
   "“...” ― NAME" signatures are layout cues. Cues inside a quotation are the quoted speaker's and are not
   extracted (`cues_inside_quotes` in the lexicon; measured on PolNeAR, which does not annotate them).
5. The author's own voice (source None): "we do not exclude the likelihood ...", "I think ..."
   outside quotations, "... seem quite possible", "it is likely that ..."
   -> opinion, or accusation when the content blames a named actor (accusation terms in the lexicon);
   also "In my view, ...", an unattached "allegedly", "X can be expected" (attribution_kinds.author_claims).
6. Kinds from content (attribution_kinds.refine_kind, lexicon `refine`): a neutral speech verb reporting facts is
   a report, a commitment/first person/whole quotation a statement, blame in the content an accusation, a
   denial phrase a denial, an analyst's view an opinion. Also there: participles with an agent ("the bodies
   reported by X"), contact relative clauses ("a charge the authorities reject"), speech nouns with a
   possessive source ("the ministry's statements about X"), and what is not a cue ("asked not to be named",
   an event as subject, "believed to be").

Cue spans take the auxiliaries before the verb and a particle/light preposition or colon after it ("has
also said", "called for", "said:"). Source spans are the whole noun phrase (appositive included, relative
clause excluded); `source.name` drops the article and a named head's appositive. Pronoun sources: see
attribution_sources. Every claim is checked for hedges (modals, epistemic adverbs/adjectives, "seem",
lexicon phrases) on the cue and on the content's head; `hedge` is the hedge's span.

Payload (doc._.cs_attributions, sorted by cue): kind, source {name, start_char, end_char[, resolved]} | None,
cue {start_char, end_char}, content {start_char, end_char}, hedged, hedge {start_char, end_char} | None,
plus `rule` (which rule fired, for review and debugging).
"""
from __future__ import annotations

import logging
import re
from typing import Optional

import numpy as np
from spacy.attrs import POS
from spacy.language import Language
from spacy.strings import hash_string
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from pipeline.extract._component import Component, LinkStage
from pipeline.extract._doc import doc_text, meta
from pipeline.extract._guard import warn
from pipeline.extract.attribution.according import according
from pipeline.extract.attribution.author import author_voice
from pipeline.extract.attribution.combine import PRESETS, combine, to_claim
from pipeline.extract.attribution.content import content_of_verb
from pipeline.extract.attribution.kinds import author_claims, nominal_claims, refine_kind
from pipeline.extract.attribution.link import WRITES, link  # noqa: F401  (link: the stage, importable here)
from pipeline.extract.attribution.quotes import Quote, find_quotes, outer_quotes, quote_at
from pipeline.extract.attribution.responsibility import responsibility
from pipeline.extract.attribution import tagger as _tagger  # noqa: F401  (registers claimscope_attribution_tagger_v1)
from pipeline.extract.attribution.sources import antecedent_of_relative, np_tokens, resolve_pronoun, source_dict
from pipeline.extract.attribution.tree import (  # noqa: F401  (_subtree_range, _trim: importable here)
    QUOTE_CHARS, _subtree_range, _trim, claim_ok, repair_optional_spans,
)
from pipeline.extract.attribution.verbs import verb_cue

log = logging.getLogger(__name__)

# "WASHINGTON ― ", "LOS ANGELES, Sept. 28 (UPI) — " at the start of a content
DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,}(?:,[^\n—―–]{0,25})?(?:\([A-Za-z. ]+\))?\s*(?:―|—|–|--)\s*")


class AttributionExtractor(Component):
    ext = "cs_attributions"

    def __init__(self, nlp, name: str, lexicon: str, combine: str = "rules", min_score: float = 0.0):
        super().__init__(nlp, name, lexicon)
        self._set_combine(combine, min_score)
        self._quotes: Optional[list[Quote]] = None
        self._text = ""
        self._headline_memo: dict[tuple[int, int], bool] = {}
        lex = self.lexicon
        self.kind_of: dict[str, str] = {}
        for kind in reversed(lex["kind_priority"]):
            for lemma in lex["cue_verbs"].get(kind, []):
                self.kind_of[lemma] = kind
        self.naming = set(lex["naming_verbs"])
        self.np_ok = set(lex["np_content_verbs"])
        self.toll_verbs = set(lex.get("toll_verbs", []))
        self.toll_nouns = set(lex.get("toll_nouns", []))
        self.np_bad = set(lex["np_content_excluded_heads"])
        self.xcomp_ok = set(lex["xcomp_content_verbs"])
        self.light = {k: v for k, v in lex["light_phrases"].items() if not k.startswith("_")}
        resp = lex["responsibility"]
        self.resp_nouns = set(resp["nouns"])
        self.resp_verbs = set(resp["verbs"])
        self.resp_deny = set(resp["deny_verbs"])
        self.claim_heads = set(resp["claim_object_heads"])
        self.according = [p.split() for p in lex["according_to"]]
        self.according_kind = lex["according_kind"]
        self.according_prep_kind = lex["according_prep_kind"]
        h = lex["hedges"]
        self.hedge_modals = set(h["modals"])
        self.hedge_adverbs = set(h["adverbs"])
        self.hedge_adjs = set(h["adjectives"])
        self.hedge_verbs = set(h["verbs"])
        self.hedge_phrases = [re.compile(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b", re.I)
                              for p in sorted(h["phrases"], key=len, reverse=True)]
        av = lex["author_voice"]
        self.we_verbs = set(av["we_verbs"])
        self.epistemic = set(av["epistemic_predicates"])
        self.accusation_terms = set(av["accusation_terms"])
        self.title_nouns = set(lex["title_nouns"])
        self.speaker_nouns = frozenset(lex["source_nouns"]["unnamed"])
        self.strong_speech = set(lex["strong_speech_verbs"])
        self.cue_adverbs = set(lex["cue_adverbs"])
        # "NAME: text" at the start of a line (after an optional quote mark); NAME is 1-4 capitalised words
        self.colon_line = re.compile(
            r"(?m)^[ \t]*[\"“'‘]?(?P<name>[A-Z][\w.'’\-]*(?:[ \t]+(?:[A-Z][\w.'’\-]*|of|the|de|van|von)){0,4})"
            r":[ \t]+(?P<content>\S[^\n]*)$")
        self.dash_name = re.compile(
            r"[ \t]*(?P<dash>―|—|–|--)[ \t]*(?P<name>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,4})(?=[ \t]*(?:,|\n|$))")
        self.according_bad = set(lex["according_non_source_heads"])
        # speed: the phrases of "according to" by first word (order kept), the first words of light phrases,
        # and every lemma any token rule can fire on (a token with another lemma, or not a verb/auxiliary,
        # yields nothing: _responsibility, _accusation_np and _verb_cue all return None for it)
        self.according_by_first: dict[str, list[list[str]]] = {}
        for phrase in self.according:
            self.according_by_first.setdefault(phrase[0], []).append(phrase)
        self.according_first_ids = np.array([hash_string(w) for w in self.according_by_first], dtype=np.uint64)
        self.light_first = {k.split()[0] for k in self.light}
        self.resp_all = self.resp_verbs | self.resp_deny
        acc = lex["accusation_phrases"]
        self.cue_lemmas = (self.resp_all | set(self.kind_of) | self.naming | self.light_first
                           | set(acc["accuse_verbs"]) | set(acc["hold_verbs"]))

    def _set_combine(self, combine: str, min_score: float) -> None:
        """How the learned tagger's claims join the rules' (a preset of attribution/combine.py)."""
        if combine not in PRESETS:
            raise ValueError(f"unknown combine preset {combine!r}: expected one of {', '.join(PRESETS)}")
        self.combine, self.preset, self.min_score = combine, PRESETS[combine], float(min_score)

    # ------------------------------------------------------------------ helpers
    def _is_title_quote(self, doc: Doc, q: Quote) -> bool:
        """A quotation that names a work ("the film “What She Said”"), not speech."""
        before = self._text[max(0, q.start - 40) : q.start].lower()
        words = re.findall(r"[a-z\-]+", before)
        return bool(words) and any(w in self.title_nouns for w in words[-2:])

    def _is_headline(self, doc: Doc, tok: Token) -> bool:
        """The first line of the text when it has no final punctuation and is title-cased (a headline)."""
        line_start = self._text.rfind("\n", 0, tok.idx) + 1
        line_end = self._text.find("\n", tok.idx)
        line_end = len(self._text) if line_end < 0 else line_end
        key = (line_start, line_end)
        hit = self._headline_memo.get(key)
        if hit is None:
            hit = self._headline_memo[key] = self._is_headline_line(self._text[line_start:line_end])
        return hit

    @staticmethod
    def _is_headline_line(line: str) -> bool:
        line = line.strip()
        if not line or line[-1] in ".!?\"”":
            return False
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
        return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def _subject(self, verb: Token) -> Optional[Token]:
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        # "by saying that ...", "for claiming ...": the subject of the verb the preposition hangs on
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self._subject(verb.head.head)
        # "X said that two cars had been found and blamed Y": an active verb with an object that the parser
        # coordinated with a passive complement shares the subject of the verb that governs the complement
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in self.kind_of \
                and any(c.dep_ in ("dobj", "ccomp") for c in verb.children) \
                and not any(c.dep_ == "auxpass" for c in verb.children) \
                and any(c.dep_ == "nsubjpass" for c in verb.head.children) \
                and not any(c.dep_ == "nsubj" for c in verb.head.children):
            return self._subject(verb.head.head)
        # "X said the school would reopen and announced new fees": a past-tense verb cannot share
        # the modal of the complement it is coordinated with; it is the speaker's second act
        if verb.dep_ == "conj" and verb.tag_ == "VBD" and verb.head.dep_ == "ccomp" and verb.head.tag_ == "VB" \
                and any(c.tag_ == "MD" for c in verb.head.children) \
                and verb.head.head.lemma_.lower() in self.kind_of:
            return self._subject(verb.head.head)
        # "The raid was claimed two days later by X": the agent the parser hung on a time phrase
        if any(c.dep_ == "auxpass" for c in verb.children):
            for c in verb.children:
                if c.dep_ == "npadvmod" and c.i > verb.i:
                    for g in c.children:
                        if g.dep_ == "prep" and g.lower_ == "by":
                            pobj = next((x for x in g.children if x.dep_ == "pobj"), None)
                            if pobj is not None:
                                return pobj
        # coordinated or participial verbs share the subject of their head ("X met and said", "X ..., saying")
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "advcl" and verb.tag_ != "VBG":
                return None
            if verb.dep_ == "advcl" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
                # "X denied that its planes had flown there, calling the reports false": the participle
                # the parser hung inside the complement belongs to the cue verb that governs it
                anc = verb.head
                while anc.head != anc:
                    if anc.dep_ == "ccomp" and anc.head.lemma_.lower() in self.kind_of:
                        return self._subject(anc.head)
                    anc = anc.head
            return self._subject(verb.head)
        return None

    def _resolve_source(self, doc: Doc, subj: Token, prior: list[dict]) -> Optional[dict]:
        low = subj.lower_
        pr = self.lexicon["pronouns"]
        if subj.pos_ == "PRON" or low in pr["relative"]:
            if low in pr["relative"] or subj.tag_ == "WDT" or subj.tag_ == "WP":
                ant = antecedent_of_relative(subj, self.speaker_nouns)
                return source_dict(doc, ant) if ant is not None else None
            src = source_dict(doc, subj)
            if low in pr["person"] + pr["plural"] + pr["thing"]:
                res = resolve_pronoun(doc, subj, prior, self.lexicon)
                if res:
                    src["name"] = res["name"]
                    src["resolved"] = res
            return src
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children) or low in (
            "nobody", "none", "noone", "nothing"
        ):
            return None
        return source_dict(doc, subj)

    def _content_of_verb(self, doc: Doc, verb: Token) -> Optional[tuple[int, int, Token, str]]:
        """(start_tok, end_tok, head_token, how) of a cue verb's content, or None (attribution/content.py)."""
        return content_of_verb(self, doc, verb)

    def _fallback_content(self, doc: Doc, verb: Token) -> Optional[tuple[int, int, Token, str]]:
        """A speech verb the parser left without a complement: the rest of the sentence after the verb
        (its object words skipped: 'told me on Friday'), or, when the verb and its subject close the
        sentence ('..., experts say.'), what comes before the subject."""
        sent = verb.sent
        subj = self._subject(verb)
        if subj is None:
            return None
        ss, se = np_tokens(subj)
        if ss > verb.i:  # inverted: '..., said X'
            before = (sent.start, min(verb.i, ss))
        else:
            before = (sent.start, ss)
        k = verb.i + 1
        while k < sent.end:
            t = doc[k]
            if t.head == verb and t.dep_ in ("dobj", "dative", "npadvmod", "advmod", "prt", "prep", "agent", "nsubj"):
                k = max(k + 1, t.right_edge.i + 1)  # "told reporters by telephone", "said on Monday"
            elif t.is_punct and t.text in ",":
                k += 1
            else:
                break
        if ss > verb.i:
            k = max(k, se)
        after = (k, sent.end)
        a_len = sum(1 for t in doc[after[0]:after[1]] if not t.is_punct)
        b_len = sum(1 for t in doc[before[0]:before[1]] if not t.is_punct)
        if a_len >= 3 and doc[after[0]].lower_ not in self.np_bad:
            return after[0], after[1], doc[after[0]], "fallback"
        if b_len >= 3 and a_len <= 1:
            return before[0], before[1], doc[before[0]], "fallback"
        return None

    def _hedge(self, doc: Doc, toks: list[Token], region: tuple[int, int]) -> Optional[tuple[int, int]]:
        """A hedge among the children of `toks` (or the tokens themselves), or a lexicon phrase in region."""
        text = self._text
        for m in (p.search(text, region[0], region[1]) for p in self.hedge_phrases):
            if m:
                return m.start(), m.end()
        for t in toks:
            if t is None:
                continue
            for c in [t, *t.children]:
                low = c.lower_
                if c.dep_ == "aux" and low in self.hedge_modals and c.head == t:
                    if any(g.dep_ == "neg" for g in t.children):
                        continue  # "cannot comment", "could not reach": ability, not likelihood
                    nb = c.nbor(1) if c.i + 1 < len(doc) else None
                    if nb is not None and nb.lower_ in ("be", "have") and nb.head == t:
                        return c.idx, nb.idx + len(nb.text)
                    if low in self.lexicon["hedges"]["modals_only_with_be"]:
                        continue  # "can" hedges only as "can be" (ability otherwise)
                    return c.idx, c.idx + len(c.text)
                if c.dep_ in ("advmod",) and low in self.hedge_adverbs:
                    return c.idx, c.idx + len(c.text)
                if c is t and c.lemma_.lower() in self.hedge_verbs and c.pos_ == "VERB":
                    return c.idx, c.idx + len(c.text)
                if c.dep_ in ("acomp",) and low in self.hedge_adjs and c.head == t:
                    return c.left_edge.idx, c.idx + len(c.text)
        return None

    def _balance(self, content: tuple[int, int]) -> tuple[int, int]:
        """A content that opens a quotation it does not close takes the closing mark after it ('was “true.”')."""
        cs, ce = content
        text = self._text
        seg = text[cs:ce]
        if sum(seg.count(c) for c in QUOTE_CHARS) % 2 == 1:
            m = re.match(r"[.,!?;…]{0,3}[\"”»]", text[ce : ce + 5])
            if m:
                return cs, ce + m.end()
        return cs, ce

    def _clip_paragraph(self, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
        """Keep a content inside the cue's paragraph (a parser may glue a dateline to the first sentence),
        unless it is a quotation running over paragraphs."""
        cs, ce = content
        text = self._text
        if text[cs:cs + 1] in QUOTE_CHARS and text[ce - 1:ce] in QUOTE_CHARS:
            return cs, ce
        pos = cue[0]
        ps = text.rfind("\n\n", 0, pos)
        pe = text.find("\n\n", pos)
        if ps >= 0 and cs < ps + 2 <= ce:
            cs = ps + 2
            while cs < ce and text[cs].isspace():
                cs += 1
        if pe >= 0 and cs < pe < ce:
            ce = pe
            while ce > cs and text[ce - 1] in " \t\n,;:":
                ce -= 1
        return cs, ce

    def _make(self, doc: Doc, kind: str, source: Optional[dict], cue: tuple[int, int], content: tuple[int, int],
              rule: str, hedge: Optional[tuple[int, int]], cue_tok: int, content_head: Optional[int]) -> dict:
        content = self._balance(content)
        content = self._clip_paragraph(content, cue)
        m = DATELINE.match(self._text, content[0], content[1])
        if m and m.end() < content[1]:
            content = (m.end(), content[1])
        return {
            "kind": kind,
            "source": source,
            "cue": {"start_char": cue[0], "end_char": cue[1]},
            "content": {"start_char": content[0], "end_char": content[1]},
            "hedged": hedge is not None,
            "hedge": {"start_char": hedge[0], "end_char": hedge[1]} if hedge else None,
            "rule": rule,
            "_cue_tok": cue_tok,
            "_content_head": content_head,
        }

    def _kind_for(self, verb: Token, content_head: Optional[Token]) -> Optional[str]:
        lemma = verb.lemma_.lower()
        if lemma in self.naming and lemma not in self.kind_of:
            return self.lexicon["naming_kind"]
        for key, kind in self.light.items():
            w0, w1 = key.split()
            if w0 == lemma and any(c.lower_ == w1 for c in verb.children if c.dep_ in ("prep", "prt")):
                return kind
        kind = self.kind_of.get(lemma)
        if lemma == "claim":
            kind = "statement"
        return kind

    def _cue_range(self, verb: Token) -> tuple[int, int]:
        """The cue: the verb with the auxiliaries and adverbs right before it ("has also said", "is demanding"),
        its particle or light preposition right after it ("point out", "taken over", "called for"), and a
        colon that introduces the content ("said:")."""
        doc = verb.doc
        k = verb.i
        while k - 1 >= 0 and doc[k - 1].head == verb and (
            doc[k - 1].dep_ in ("aux", "auxpass", "neg") or doc[k - 1].lower_ in self.cue_adverbs
        ):
            k -= 1
        while k < verb.i and doc[k].dep_ not in ("aux", "auxpass", "neg"):
            k += 1  # an adverb only inside an auxiliary chain ("has also said", not "also said")
        s, e = doc[k].idx, verb.idx + len(verb.text)
        lemma = verb.lemma_.lower()
        if verb.i + 1 < len(doc):
            nxt = doc[verb.i + 1]
            if nxt.head == verb and (nxt.dep_ == "prt" or nxt.dep_ == "prep" and f"{lemma} {nxt.lower_}" in self.light):
                e = nxt.idx + len(nxt.text)
            elif nxt.text == ":":
                e = nxt.idx + 1
        return s, e

    # ------------------------------------------------------------------ rules
    def _according(self, doc: Doc, out: list[dict], prior: list[dict]) -> None:
        """'according to X' claims (attribution/according.py)."""
        according(self, doc, out, prior)

    def _responsibility(self, doc: Doc, tok: Token, prior: list[dict]) -> Optional[dict]:
        """Claims of responsibility and their denials (the rule table of attribution/responsibility.py)."""
        return responsibility(self, doc, tok, prior)

    def _verb_cue(self, doc: Doc, tok: Token, prior: list[dict], quotes: list[Quote]) -> Optional[dict]:
        """A claim introduced by a cue verb (the rule tables of attribution/verbs.py)."""
        return verb_cue(self, doc, tok, prior, quotes)

    def _accusation_np(self, doc: Doc, tok: Token, prior: list[dict]) -> Optional[dict]:
        """'X accused Y of Z', 'X blamed Y for Z', 'X held Y responsible for Z': content from Y to the end of Z."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB":
            return None
        acc = self.lexicon["accusation_phrases"]
        dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if lemma in acc["accuse_verbs"] or (
            lemma in acc["hold_verbs"] and any(c.lower_ in acc["hold_adjectives"] for c in tok.children)
        ):
            pass
        else:
            return None
        if dobj is None:
            return None
        end = dobj.right_edge.i + 1
        for c in tok.children:
            if c.i > dobj.i and c.dep_ in ("prep", "oprd", "acomp", "xcomp", "ccomp", "advcl"):
                end = max(end, c.right_edge.i + 1)
        subj = self._subject(tok)
        if subj is None:
            return None
        src = self._resolve_source(doc, subj, prior)
        if src is None:
            return None
        start = dobj.left_edge.i
        if dobj.lower_ in self.lexicon["pronouns"]["relative"] and tok.dep_ == "relcl":
            start = min(start, tok.head.left_edge.i)  # "the blast, which they blamed on X": from the antecedent
        cs, ce = _trim(doc, start, end)
        if ce <= cs:
            return None
        content = (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text))
        hedge = self._hedge(doc, [tok], content)
        kind = "opinion" if lemma in acc["opinion_verbs"] else "accusation"
        return self._make(doc, kind, src, self._cue_range(tok), content, "accusation", hedge, tok.i, dobj.i)

    def _author_voice(self, doc: Doc, sent: Span, quotes: list[Quote], covered: list[tuple[int, int]]) -> Optional[dict]:
        """Claims in the author's voice (the rule table of attribution/author.py)."""
        return author_voice(self, doc, sent, quotes, covered)

    def _quote_pass(self, doc: Doc, quotes: list[Quote], found: list[dict], prior: list[dict]) -> list[dict]:
        """Quotations with no claim yet: attach a cue verb right after (', he said') or before ('He said:')."""
        out = []
        used = {a["_cue_tok"] for a in found}
        for q in outer_quotes(quotes):
            if q.end - q.start < 12 or self._is_title_quote(doc, q):
                continue
            if any(a["content"]["start_char"] <= q.start + 1 and q.end - 1 <= a["content"]["end_char"] for a in found):
                continue
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            cand: Optional[Token] = None
            inner_last = self._text[q.end - 2 : q.end - 1]
            after_txt = self._text[q.end : q.end + 1]
            # after: '“...,” he said' / '“...?” asked X' / '“...” —X said': only a subject phrase in between
            if inner_last in ",?!—-–" or after_txt in (",", "—", "–"):
                j = span.end
                for t in doc[j : min(len(doc), j + 8)]:
                    if t.is_punct and t.text in ",—–-" and t.i == j:
                        continue
                    if t.lemma_.lower() in self.kind_of and t.pos_ in ("VERB", "AUX") and t.i not in used:
                        cand = t
                        break
                    if t.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "ADV", "PUNCT", "AUX", "PART", "ADP", "CCONJ") \
                            or t.is_sent_start and t.i > j or t.text in ".!?;":
                        break
            # before: the cue verb right before the opening mark ("X said: “...”", "X told reporters, “...”")
            if cand is None:
                k = span.start - 1
                if k >= 0 and doc[k].text in (":", ","):
                    k -= 1
                    for t in reversed(doc[max(0, k - 2) : k + 1]):
                        if t.lemma_.lower() in self.kind_of and t.pos_ == "VERB" and t.i not in used:
                            cand = t
                            break
            if cand is None:
                continue
            subj = self._subject(cand)
            if subj is None:
                continue
            if q.contains(subj.idx, subj.idx + len(subj.text)):
                continue
            src = self._resolve_source(doc, subj, prior)
            if src is None:
                continue
            kind = self.kind_of[cand.lemma_.lower()]
            hedge = self._hedge(doc, [cand], (q.start, q.end))
            a = self._make(doc, kind, src, self._cue_range(cand), (q.start, q.end), "quote", hedge, cand.i, None)
            out.append(a)
            used.add(cand.i)
            prior.append(src)
        return out

    def _layout(self, doc: Doc, quotes: list[Quote], found: list[dict]) -> list[dict]:
        """Attributions marked by layout, not verbs: 'NAME: text' lines (transcripts, headlines) and a
        quotation followed by a dash and a name ('“...” ― Jane Doe')."""
        text = self._text
        out: list[dict] = []
        labels = set(self.lexicon["layout"]["not_speaker_labels"])
        taken = [(a["content"]["start_char"], a["content"]["end_char"]) for a in found]
        for m in self.colon_line.finditer(text):
            name_s, name_e = m.span("name")
            name = m.group("name")
            if name.lower() in labels or any(w.lower() in labels for w in name.split()[:1]):
                continue
            ents = [e for e in doc.ents if e.start_char <= name_s and name_e <= e.end_char
                    and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
            is_caps = name.isupper() and len(name) > 1
            if not ents and not is_caps and name.split()[-1].lower() not in self.speaker_nouns:
                continue
            cs, ce = m.span("content")
            content = text[cs:ce].rstrip()
            ce = cs + len(content)
            while ce > cs and text[ce - 1] in "\"”'":
                ce -= 1  # the transcript's closing mark belongs to the whole exchange, not this turn
            if ce - cs < 3 or any(a <= cs < b for a, b in taken):
                continue
            src = {"name": " ".join(name.split()), "start_char": name_s, "end_char": name_e}
            out.append(self._make(doc, self.lexicon["layout"]["kind"], src, (name_e, name_e + 1), (cs, ce),
                                  "layout-colon", None, -1, None))
        for q in outer_quotes(quotes):
            m = self.dash_name.match(text, q.end)
            if not m or any(a <= q.start < b for a, b in taken):
                continue
            name_s, name_e = m.span("name")
            dash_s, dash_e = m.span("dash")
            src = {"name": " ".join(m.group("name").split()), "start_char": name_s, "end_char": name_e}
            out.append(self._make(doc, self.lexicon["layout"]["kind"], src, (dash_s, dash_e), (q.start, q.end),
                                  "layout-dash", None, -1, None))
        return out

    # ------------------------------------------------------------------ main
    def find(self, doc: Doc) -> list[dict]:
        text = self._text = doc_text(doc)  # Doc.text is rebuilt on every access: read it once
        self._headline_memo = {}
        quotes = find_quotes(text)
        self._quotes = quotes
        found: list[dict] = []
        prior: list[dict] = []
        self._according(doc, found, prior)
        used = {a["_cue_tok"] for a in found}
        cue_lemmas = self.cue_lemmas
        # only verbs/auxiliaries with a cue lemma can fire (the rules below return None for the rest)
        pos = doc.to_array(POS) if len(doc) else np.empty(0, dtype=np.uint64)
        for i in np.flatnonzero((pos == VERB) | (pos == AUX)).tolist():
            if i in used:
                continue
            tok = doc[i]
            if tok.lemma_.lower() not in cue_lemmas:
                continue
            if self._is_headline(doc, tok):
                continue
            q = quote_at(quotes, tok.idx, tok.idx + len(tok.text))
            if q is not None and (self._is_title_quote(doc, q) or not self.lexicon.get("cues_inside_quotes", True)):
                continue
            a = self._responsibility(doc, tok, prior) or self._accusation_np(doc, tok, prior) \
                or self._verb_cue(doc, tok, prior, quotes)
            if a is None:
                continue
            # a claim whose content lies entirely inside another claim's cue->source is a parse artefact
            found.append(a)
            used.add(tok.i)
            if a["source"]:
                prior.append(a["source"])
        found += self._quote_pass(doc, quotes, found, prior)
        found += self._layout(doc, quotes, found)
        covered = [(a["content"]["start_char"], a["content"]["end_char"]) for a in found]
        for sent in doc.sents:
            a = self._author_voice(doc, sent, quotes, covered)
            if a is not None:
                found.append(a)
        found += author_claims(self, doc, quotes, [(a["content"]["start_char"], a["content"]["end_char"]) for a in found])
        found += nominal_claims(self, doc, quotes, [(a["content"]["start_char"], a["content"]["end_char"]) for a in found])
        # first person inside someone else's reported content is theirs, not the author's
        found = [a for a in found if a["rule"] != "author-first-person" or not any(
            b is not a and b["content"]["start_char"] <= a["cue"]["start_char"] < b["content"]["end_char"]
            for b in found)]
        return self._finish(doc, text, self._with_learned(doc, found))

    def _with_learned(self, doc: Doc, found: list[dict]) -> list[dict]:
        """The rule claims combined with the learned tagger's (doc._.cs_attribution_spans; attribution/combine.py)."""
        learned = getattr(doc._, "cs_attribution_spans", None)
        if learned is None or not self.preset["learned"]:
            return found
        prior = [a["source"] for a in found if a["source"]]
        claims = [c for c in (to_claim(self, doc, p, prior) for p in learned) if c is not None]
        return combine(found, claims, self.preset, self.min_score)

    def _finish(self, doc: Doc, text: str, found: list[dict]) -> list[dict]:
        """Kinds refined from the contents; malformed claims dropped (a span inverted, empty or outside the
        text: a parse the rules misread must not cost the article); sorted by cue; private keys removed."""
        for a in found:
            cue_tok = doc[a["_cue_tok"]] if isinstance(a.get("_cue_tok"), int) and a["_cue_tok"] >= 0 else None
            a["kind"] = refine_kind(doc, text, a, self.lexicon, cue_tok)
        bad = [a for a in found if not claim_ok(text, a)]
        if bad:
            log.debug("%s: dropped %d malformed claim(s) (rules %s)", meta(doc).get("id"), len(bad),
                      sorted({a["rule"] for a in bad}))
            for a in bad:
                warn(a["rule"], "claim dropped: a cue, content or source span inverted, empty or outside the text")
            found = [a for a in found if claim_ok(text, a)]
        for a in found:
            repair_optional_spans(text, a)
        found.sort(key=lambda a: (a["cue"]["start_char"], a["content"]["start_char"]))
        for a in found:
            for k in [k for k in a if k.startswith("_")]:
                del a[k]
            if a["source"]:
                a["source"].pop("_head", None)
                if "resolved" in a["source"]:
                    a["source"]["resolved"] = {k: v for k, v in a["source"]["resolved"].items() if not k.startswith("_")}
        return found


AttributionExtractor.link_stage = LinkStage(writes=WRITES, run=link)


@Language.factory(
    "claimscope_attribution_v1",
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.cs_attributions"],
    default_config={"lexicon": "lexicons/attribution.json", "combine": "rules", "min_score": 0.0},
)
def make_attribution(nlp: Language, name: str, lexicon: str, combine: str, min_score: float) -> AttributionExtractor:
    return AttributionExtractor(nlp, name, lexicon, combine, min_score)
