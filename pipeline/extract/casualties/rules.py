"""The casualty rules of one sentence, as a table: `GRAMMAR.add(rule, condition, action)`.

A rule has a name, a condition (a cheap test on the sentence: may the rule fire here?) and an action that
returns the payloads it finds; the rule name (with the parse shape that linked the figure, e.g.
"subj:fatal", "singular:obj", "zero:no-subject") is recorded on the value's `rule` field. Find rules run in
order and append their payloads; combine rules (`GRAMMAR.combine`) then rewrite the sentence's list
(coordinated sums, breakdown parts, "one fatally").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from pipeline.extract._doc import tokens
from pipeline.extract.casualties import numbers
from pipeline.extract.casualties.lexicon import ANTECEDENT, KINDS, SHOT_FLAG, SUBJ, Lex
from pipeline.extract.casualties.predicates import (aggregate, is_person, is_year_old, kind_of, link_anchor, passive,
                                                    refine, window_link)
from pipeline.extract.casualties.quantities import bad_number, num_head, quantified_noun, ranges, span_of_noun


@dataclass
class Sent:
    """One sentence being read: what the rules share."""

    doc: Doc
    sent: Span
    lx: Lex
    out: list = field(default_factory=list)
    used: set = field(default_factory=set)  # nouns counted by a number (not singular victims)
    zones: list = field(default_factory=list)  # breakdown zones (start, end, marker)
    phrase_matches: Optional[list] = None  # the lexicon phrases found (Lex.matcher), computed once
    lowered: Optional[set] = None  # the sentence's lower-case words (`has_any`), computed once

    @property
    def toks(self):
        return tokens(self.doc)[self.sent.start:self.sent.end]

    def has_any(self, words: set) -> bool:
        """Is one of `words` a token of the sentence (lower case)?"""
        if self.lowered is None:
            self.lowered = {t.lower_ for t in self.toks}
        return not self.lowered.isdisjoint(words)

    def words(self, lower: bool = False) -> list[str]:
        return [t.lower_ if lower else t.text for t in self.toks]


@dataclass(frozen=True)
class Rule:
    name: str
    condition: Callable[[Sent], bool]
    action: Callable[[Sent], list]
    combine: bool = False


class Grammar:
    """Named rules run in order on each sentence."""

    def __init__(self):
        self.rules: list[Rule] = []

    def add(self, rule: str, condition: Callable[[Sent], bool], action: Callable[[Sent], list]) -> None:
        """A find rule: its payloads are appended to the sentence's list."""
        self.rules.append(Rule(rule, condition, action))

    def combine(self, rule: str, condition: Callable[[Sent], bool], action: Callable[[Sent], list]) -> None:
        """A combine rule: its result replaces the sentence's list."""
        self.rules.append(Rule(rule, condition, action, combine=True))

    def run(self, doc: Doc, sent: Span, lx: Lex) -> list[dict]:
        s = Sent(doc, sent, lx)
        s.zones = breakdown_zones(s)
        for r in self.rules:
            if r.condition(s):
                s.out = r.action(s) if r.combine else s.out + r.action(s)
        return s.out


# --------------------------------------------------------------------------- payloads


def payload(doc: Doc, t0: int, t1: int, kind: str, q: Optional[numbers.Quantity], rule: str,
            group: Optional[str] = None, total: bool = True, flags: Optional[list] = None,
            count: Optional[int] = None, low=None, high=None, qualifier=None) -> dict:
    span = doc[t0:t1]
    if q is not None:
        count, low, high, qualifier = q.count, q.low, q.high, q.qualifier
        if q.rule != "exact":
            rule = f"{rule};{q.rule}"
    return {
        "start_char": span.start_char, "end_char": span.end_char, "kind": kind, "count": count, "low": low,
        "high": high, "qualifier": qualifier, "group": group, "total": total, "rule": rule,
        "flags": list(flags or []), "attribution_idxs": [],
        "_tok": (t0, t1),
    }


def exact(doc: Doc, t0: int, t1: int, kind: str, rule: str, n: int, **kw) -> dict:
    """A figure stated exactly (count = low = high = n)."""
    return payload(doc, t0, t1, kind, None, rule, count=n, low=n, high=n, **kw)


def group_text(doc: Doc, noun: Optional[Token], lx: Lex) -> Optional[str]:
    """The group a figure is about, as written ("police officers"); None for generic nouns, pronouns, names."""
    if noun is None or noun.lower_ in lx.generic_groups or noun.lemma_.lower() in lx.generic_groups:
        return None
    if noun.pos_ == "PRON" or noun.ent_type_ == "PERSON" or is_year_old(noun, lx):
        return None
    a, b = span_of_noun(noun, lx)
    return doc[a:b].text


# --------------------------------------------------------------------------- numbered figures


@dataclass
class Cand:
    start: int
    end: int
    num: Token
    noun: Optional[Token]
    anchor: Token
    q: numbers.Quantity


def _candidates(s: Sent) -> list[Cand]:
    """The quantities of the sentence that may count people (numbers.scan, ranges, quantities.bad_number)."""
    doc, lx, base = s.doc, s.lx, s.sent.start
    words = s.words()
    cands = []
    for m in ranges(words, numbers.scan(words, lx.raw), lx):
        st, e, ns = base + m.start, base + m.end, base + m.num_start
        if doc[ns].lower_ == "one" and ns > 0 and doc[ns - 1].lower_ == "no":
            continue
        if bad_number(doc, ns, e, lx):
            continue
        num = num_head(doc, ns, e)
        noun, anchor = quantified_noun(num, lx)
        cands.append(Cand(st, e, num, noun, anchor, m.quantity))
        if noun is not None:
            s.used.add(noun.i)
    return cands


def _window_ok(s: Sent, c: Cand, person: Optional[bool]) -> bool:
    doc, noun = s.doc, c.noun
    return c.num.dep_ not in ("pobj", "appos", "poss", "npadvmod") and (noun is None or (
        person is True and noun.i >= c.end
        and all(doc[k].is_space or doc[k].head is noun for k in range(c.end, noun.i))))


def _fatally_part(s: Sent, c: Cand) -> list[dict]:
    """"Two men were shot, one fatally": the unlinked "one fatally" is a killed figure (rule fatally-part)."""
    doc, lx, end = s.doc, s.lx, s.sent.end
    after = c.end < end and doc[c.end].lower_ in lx.fatal_mod
    if c.noun is None and any(ch.lower_ in lx.fatal_mod for ch in c.num.children) or after:
        t1 = c.end + 1 if after else c.end
        return [payload(doc, c.start, max(t1, c.end), "killed", c.q, "fatally-part", flags=[])]
    return []


def _kind_ok(s: Sent, c: Cand, pred, person: Optional[bool], found: list[dict]) -> bool:
    """The predicate's kind, resolved ("corrected it to 52": the kind named before) and fit for the noun."""
    if pred.kind == ANTECEDENT:
        prior = [p for p in found if p["_tok"][0] < c.start and p["count"] is not None]
        if not prior:
            return False
        pred.kind = prior[-1]["kind"]
    if pred.kind not in KINDS:
        return False
    noun = c.noun
    return not (person is None and noun is not None and noun.pos_ not in ("PRON",) and pred.kind in
                s.lx.kinds_need_person and noun.lower_ not in s.lx.person)


def _additional(s: Sent, c: Cand) -> bool:
    """"another 6 fighters", "six other people"."""
    doc, noun = s.doc, c.noun
    lx = s.lx
    return c.start > s.sent.start and doc[c.start - 1].lower_ in lx.additional_before or \
        doc[c.start].lower_ == "another" or (lx.others_additional and (
            noun is not None and noun.lower_ in lx.additional_nouns or (
                c.end < s.sent.end and doc[c.end].lower_ in lx.additional_after)))


def _figure(s: Sent, c: Cand, found: list[dict]) -> list[dict]:
    """One quantity linked to its predicate (predicates.ANCHOR_RULES, else the surface window)."""
    doc, lx = s.doc, s.lx
    person = is_person(c.noun, lx)
    if person is False:
        return []
    # a figure standing before "of them" with a predicate of its own ("killing two of them") is its own
    in_zone = any(z0 <= c.start < z1 and not (c.start == z0 and doc[z0].like_num) for z0, z1, _ in s.zones)
    pred = link_anchor(c.anchor, c.noun, lx, person)
    if pred is None and _window_ok(s, c, person):
        pred = window_link(doc, s.sent, c.noun.i + 1 if c.noun is not None else c.end, lx)
    if pred is None:
        return _fatally_part(s, c)
    if in_zone and pred.rule in ("obj",) and pred.trigger.i < c.start:
        return []  # a breakdown part of an object figure; the breakdown rule takes it
    if not _kind_ok(s, c, pred, person, found) or pred.negated:
        return []
    toks = [c.start, c.end - 1, pred.trigger.i] + ([c.noun.i] if c.noun is not None else [])
    t0, t1 = min(toks), max(toks) + 1
    if t1 - t0 > lx.max_span_tokens:
        return []
    flags = list(pred.flags)
    if aggregate(pred.trigger, lx):
        flags.append("aggregate_or_other_period")
    if _additional(s, c):
        flags.append("additional")
    p = payload(doc, t0, t1, pred.kind, c.q, pred.rule, group=group_text(doc, c.noun, lx), flags=flags)
    p["_anchor"] = c.anchor.i
    p["_noun"] = c.noun.i if c.noun is not None else None
    return [p]


def figures(s: Sent) -> list[dict]:
    """Rule "figure": every quantity that counts people linked to a casualty predicate."""
    found: list[dict] = []
    for c in _candidates(s):
        found += _figure(s, c, found)
    return found


# --------------------------------------------------------------------------- one victim


def _singular_noun(t: Token, lx: Lex) -> bool:
    """A common noun naming one person ("a man", "the victim", "a 13-year-old", "a second")."""
    if t.lower_ in lx.ordinal_people and any(c.lower_ in lx.ordinal_determiners for c in t.children if c.dep_ == "det"):
        return True  # "a second was injured", "a third victim"
    if is_year_old(t, lx):
        if t.lower_ == "olds":
            return False
    elif t.pos_ == "ADJ" or t.tag_ != "NN" or (is_person(t, lx) is not True and not (
            is_person(t, lx) is None and any(c.dep_ == "conj" and is_person(c, lx) is True for c in t.children))) \
            or t.lower_ in lx.not_singular_nouns:
        return False
    dets = [c for c in t.children if c.dep_ in ("det", "poss")]
    if any(c.lower_ in lx.not_singular_determiners for c in dets):
        return False
    return bool(dets) or t.dep_ in SUBJ


def _singular_victim(t: Token, lx: Lex) -> bool:
    """A token that may name one victim: he/she, a person's name, a singular person noun, in a victim role."""
    if t.pos_ == "PRON":
        ok = t.lower_ in lx.singular_pronouns
    elif t.pos_ == "PROPN":
        ok = t.ent_type_ == "PERSON" and t.dep_ != "compound"
    elif t.pos_ in ("NOUN", "ADJ"):
        ok = _singular_noun(t, lx)
    else:
        ok = False
    if not ok or any(c.dep_ == "nummod" for c in t.children):
        return False
    of_noun = t.dep_ == "pobj" and t.head.lower_ == "of" and lx.nouns.get(t.head.head.lemma_.lower()) == "killed"
    if t.dep_ not in SUBJ + ("dobj", "obj", "conj") and not of_noun and not any(
            c.dep_ in ("acl", "relcl") for c in t.children):
        return False
    return not (t.dep_ == "conj" and t.head.dep_ not in SUBJ + ("dobj", "obj"))


def _singular_start(doc: Doc, t: Token) -> int:
    """First token of the victim's phrase (its determiner or modifier; a name's whole entity)."""
    a0 = t.i
    for c in t.lefts:
        if c.dep_ in ("det", "poss", "amod", "compound", "nummod"):
            a0 = min(a0, c.i)
            break
    if t.pos_ == "PROPN":
        ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
        if ent is not None:
            a0 = min(a0, ent.start)
    return a0


def _singular(s: Sent, t: Token) -> list[dict]:
    doc, lx = s.doc, s.lx
    pred = link_anchor(t, t if t.pos_ != "PRON" else None, lx, True)
    if pred is None or pred.negated or pred.kind not in KINDS:
        return []
    if t.pos_ == "PRON" and t.dep_ in ("dobj", "obj") and t.lower_ not in lx.object_pronouns:
        return []
    toks = [_singular_start(doc, t), t.i, pred.trigger.i]
    t0, t1 = min(toks), max(toks) + 1
    if t1 - t0 > lx.max_span_tokens:
        return []
    flags = list(pred.flags)
    if any(c.lower_ == "another" or c.lower_ in lx.ordinal_people for c in t.lefts) or t.lower_ in lx.ordinal_people:
        flags.append("additional")
    if pred.kind == "injured" and SHOT_FLAG not in flags and lx.soft_singular:
        flags.append("singular_may_include_killed")
    p = exact(doc, t0, t1, pred.kind, f"singular:{pred.rule}", 1, group=group_text(doc, t, lx), flags=flags)
    p["_anchor"] = p["_noun"] = t.i
    return [p]


def singulars(s: Sent) -> list[dict]:
    """Rule "singular:*": one victim named by a singular noun phrase, a person's name or he/she: "a man was shot
    and killed" (not the nouns a number counts)."""
    out = []
    for t in s.toks:
        if t.i not in s.used and _singular_victim(t, s.lx):
            out += _singular(s, t)
    return out


def _headline_kinds(s: Sent, t: Token) -> tuple[list, int]:
    """The casualty participles after a headline's bare noun ("Man shot, killed"), and where they end."""
    toks, lx = tokens(s.doc), s.lx
    kinds, j = [], t.i + 1
    while j < s.sent.end and j <= t.i + lx.headline_max_distance:
        w = toks[j]
        if w.text in lx.headline_joiners:
            j += 1
            continue
        k = lx.verbs.get(w.lemma_.lower()) or lx.verbs.get(w.lower_) or lx.adjs.get(w.lower_)
        if k is None or k.endswith("_weak") or w.tag_ not in ("VBN", "VBD", "JJ"):
            break
        kinds.append((k, w))
        j += 1
    return kinds, j


def headline(s: Sent) -> list[dict]:
    """Rule "singular:headline": a bare singular person noun followed by casualty participles ("Man shot, killed")."""
    doc, lx = s.doc, s.lx
    toks = tokens(doc)
    out = []
    covered = {i for p in s.out for i in range(*p["_tok"])}
    for t in s.toks:
        if t.i in covered or t.tag_ not in ("NN", "NNP") or t.lower_ not in lx.person or \
                t.lower_ in lx.not_headline_nouns:
            continue
        if any(c.dep_ in ("det", "poss", "nummod") for c in t.children) or (
                t.i > 0 and toks[t.i - 1].pos_ in ("DET", "NUM")):
            continue
        kinds, j = _headline_kinds(s, t)
        if not kinds:
            continue
        k, w = next(((k, w) for k, w in kinds if k == "killed"), kinds[0])
        flags = []
        if k == "injured":
            flags = [SHOT_FLAG] if w.lemma_.lower() == "shoot" else ["singular_may_include_killed"]
        out.append(exact(doc, t.i, j, k, "singular:headline", 1, group=group_text(doc, t, lx), flags=flags))
    return out


# --------------------------------------------------------------------------- exact zeros

def _zero_head(t: Token, toks, lx: Lex) -> Optional[Token]:
    """The noun a negator makes zero: "no [casualties]", "[nobody]", "no [one]"."""
    low = t.lower_
    if low == "no" and t.dep_ == "det":
        return t.head
    if low in lx.zero_pronouns:
        return t
    if low == "one" and t.i > 0 and toks[t.i - 1].lower_ == "no":
        return t
    return None


def _zero_both(s: Sent, start: int, noun: Token) -> list[dict]:
    """"no casualties", "no victims": killed 0 and injured 0 (or the subject's own predicate)."""
    doc, lx = s.doc, s.lx
    if is_person(noun, lx) and noun.dep_ in SUBJ:
        pred = link_anchor(noun, noun, lx, True)
        if pred is not None and pred.kind in KINDS:
            return [exact(doc, start, max(noun.i, pred.trigger.i) + 1, pred.kind, "zero:no-subject", 0)]
    return [exact(doc, start, noun.i + 1, kind, "zero:no-casualties", 0) for kind in ("killed", "injured")]


def _zero_subject(s: Sent, start: int, noun: Token) -> list[dict]:
    """"no one was hurt", "no guards were hurt or killed"."""
    doc, lx = s.doc, s.lx
    pred = link_anchor(noun, noun, lx, True)
    if pred is None or pred.kind not in KINDS:
        return []
    group = group_text(doc, noun, lx)
    kinds, last = [pred.kind], pred.trigger.i
    for c in pred.trigger.children:  # "no guards were hurt or killed"
        k = kind_of(c, lx, strong_only=True) if c.dep_ == "conj" else None
        if k in KINDS and k not in kinds:
            kinds.append(k)
            last = max(last, c.i)
    # "no one was hurt": nobody was killed either, unless others were ("no one else was hurt")
    if pred.kind == "injured" and pred.trigger.lemma_.lower() in lx.harm_verbs and not any(
            w.lower_ in lx.zero_except for w in doc[start:pred.trigger.i]):
        kinds.append("killed")
    if "killed" in kinds and "injured" in kinds:
        kinds = ["killed", "injured"]
    return [exact(doc, start, max(noun.i, last) + 1, kind, "zero:no-subject", 0, group=group, total=group is None)
            for kind in dict.fromkeys(kinds)]


def zero_no(s: Sent) -> list[dict]:
    """Rules "zero:no-casualties", "zero:no-noun", "zero:no-subject": "there were no casualties", "no deaths",
    "no one was hurt", "nobody was killed"."""
    doc, lx = s.doc, s.lx
    toks = tokens(doc)
    out = []
    for t in s.toks:
        noun = _zero_head(t, toks, lx)
        if noun is None:
            continue
        start = t.i if t.lower_ != "one" else t.i - 1
        lemma = noun.lemma_.lower()
        if lemma in lx.zero_both or noun.lower_ in lx.zero_both:
            out += _zero_both(s, start, noun)
        elif lx.nouns.get(lemma) in KINDS:
            out.append(exact(doc, start, noun.i + 1, lx.nouns[lemma], "zero:no-noun", 0))
        elif is_person(noun, lx) or t.lower_ in lx.zero_pronouns or noun.lower_ == "one":
            out += _zero_subject(s, start, noun)
    return out


def zero_unharmed(s: Sent) -> list[dict]:
    """Rule "zero:unharmed": "all the staff were unhurt", "the crew escaped unharmed": zero killed and injured
    for that group."""
    doc, lx = s.doc, s.lx
    out = []
    for t in s.toks:
        if t.lower_ not in lx.unharmed or t.dep_ not in ("acomp", "oprd", "advmod", "advcl", "xcomp", "ROOT", "conj"):
            continue
        verb = t if t.dep_ in ("ROOT", "conj") else t.head
        subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
        if subj is None or is_person(subj, lx) is False or (
                subj.pos_ == "PRON" and subj.lower_ in lx.non_person_pronouns):
            continue
        a0 = min([subj.i] + [c.i for c in subj.lefts])
        group = group_text(doc, subj, lx)
        out += [exact(doc, a0, t.i + 1, kind, "zero:unharmed", 0, group=group, total=group is None)
                for kind in ("killed", "injured")]
    return out


def zero_negated(s: Sent) -> list[dict]:
    """Rule "zero:negated": a negated predicate with a definite subject, "the officer was not injured"."""
    doc, lx = s.doc, s.lx
    out = []
    for t in sorted({n.head for n in s.toks if n.dep_ == "neg"}, key=lambda x: x.i):
        kind = kind_of(t, lx, strong_only=True)
        if kind not in KINDS:
            continue
        subj = next((c for c in t.children if c.dep_ in SUBJ), None)
        if subj is None or subj.lower_ in lx.not_negated_subjects or any(
                c.lower_ == "no" for c in subj.children):
            continue
        if is_person(subj, lx) is not True or (subj.dep_ == "nsubj" and t.lemma_.lower() in lx.agentive
                                               and not passive(t)):
            continue
        a0 = min([subj.i] + [c.i for c in subj.lefts])
        out.append(exact(doc, a0, t.i + 1, kind, "zero:negated", 0, group=group_text(doc, subj, lx), total=False))
    return out


# --------------------------------------------------------------------------- self-inflicted, implied


def _self(doc: Doc, t0: int, t1: int) -> dict:
    return exact(doc, t0, t1, "killed", "self-inflicted", 1, group="perpetrator (self-inflicted)", total=False)


def self_object(s: Sent) -> list[dict]:
    """Rule "self-inflicted": a killing verb on "himself" / "herself" (killed 1, total false)."""
    out = []
    for t in s.toks:
        if t.lower_ in s.lx.self_obj and t.dep_ in ("dobj", "obj"):
            v = t.head
            k = kind_of(v, s.lx, strong_only=True)
            if k is None:
                continue
            pred = refine(k, v, s.lx, "self")
            if pred.kind == "killed" and not pred.negated:
                out.append(_self(s.doc, min(v.i, t.i), max(v.i, t.i) + 1))
    return out


def _phrases(s: Sent, table: str) -> list[tuple[int, Span]]:
    """(entry index, span) for every phrase of lexicon `table` ("self" or "implied") in the sentence, by the
    Matcher patterns of `Lex.matcher`, in lexicon order then text order."""
    if s.phrase_matches is None:
        base = s.sent.start
        s.phrase_matches = sorted(s.lx.phrase_label(mid) + (base + a, base + b)
                                  for mid, a, b in s.lx.matcher(s.doc.vocab)(s.sent))
    return [(i, s.doc[a:b]) for name, i, a, b in s.phrase_matches if name == table]


def self_phrase(s: Sent) -> list[dict]:
    """Rule "self-inflicted": the lexicon's self-harm phrases ("took his own life")."""
    return [_self(s.doc, span.start, span.end) for _, span in _phrases(s, "self")]


def implied(s: Sent) -> list[dict]:
    """Rule "implied:<phrase>": "a fatal shooting" (>= 1 killed), "a double homicide" (>= 2 killed), "a double
    shooting" (>= 2 hit): minimum figures implied by the event noun (flag implied_min)."""
    out = []
    for i, span in _phrases(s, "implied"):
        phrase, (kind, n) = s.lx.implied[i]
        if span.root.dep_ == "compound":
            continue  # "fatal shooting investigation" still implies a death; "homicide detectives" does not
        flags = ["implied_min"] + ([SHOT_FLAG] if kind == "injured" else [])
        out.append(payload(s.doc, span.start, span.end, kind, None, "implied:" + phrase.replace(" ", "-"),
                           flags=flags, count=n, low=n, high=None))
    return out


# --------------------------------------------------------------------------- combine: coordinated sums


def _conj_sum(doc: Doc, p: dict, by_noun: dict, done: set) -> Optional[dict]:
    tok = doc[p["_noun"]]
    if tok.dep_ == "conj":
        return None
    chain = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
    members = [by_noun.get(c.i) for c in chain]
    members = [m for m in members if m is not None and m["kind"] == p["kind"]]
    if len(members) < 2:
        return None
    done.update(c.i for c in chain)
    for m in members:
        m["total"] = False
        if m["group"] is None:
            m["group"] = doc[m["_noun"]].text
    t0 = min(m["_tok"][0] for m in members)
    t1 = max(m["_tok"][1] for m in members)
    n = sum(m["count"] for m in members)
    tot = payload(doc, t0, t1, p["kind"], None, "conj-sum", count=n, low=n,
                  high=n if all(m["high"] is not None for m in members) else None)
    tot["flags"] = sorted({f for m in members for f in m["flags"] if f != "additional"})
    return tot


def conj_sums(s: Sent) -> list[dict]:
    """Rule "conj-sum": "killing two nephews and their uncle": the coordinated victims, each counted,
    sum to a total (the members become parts)."""
    out = s.out
    by_noun = {p["_noun"]: p for p in out if p.get("_noun") is not None and p["total"]}
    done: set[int] = set()
    extra = []
    for p in out:
        n = p.get("_noun")
        if n is None or n in done or not p["total"] or p["count"] is None:
            continue
        tot = _conj_sum(s.doc, p, by_noun, done)
        if tot is not None:
            extra.append(tot)
    return out + extra


# --------------------------------------------------------------------------- combine: breakdowns


def _marker_at(words: list[str], i: int, by_first: dict[str, list[tuple]]) -> Optional[int]:
    for m in by_first.get(words[i], ()):  # longest first
        if tuple(words[i: i + len(m)]) == m:
            return len(m)
    return None


def _zone_end(s: Sent, s0: int, depth: int) -> int:
    """The list ends at ";", ".", its closing parenthesis, or a comma before a new clause ("..., and",
    "..., according to figures released by the two governments")."""
    doc, e = s.doc, s0
    while e < s.sent.end:
        w = doc[e].text
        nxt = doc[e + 1] if e + 1 < s.sent.end else None
        if w in (";", ".") or (w == ")" and depth) or (w == "," and nxt is not None and (
                nxt.lower_ in s.lx.zone_end_words or nxt.pos_ in ("VERB", "AUX"))):
            break
        e += 1
    return e


def breakdown_zones(s: Sent) -> list[tuple[int, int, str]]:
    """Token ranges after a breakdown marker ("including", "among them", "of whom") up to the end of the
    parenthesis / clause."""
    sent = s.sent
    words = s.words(lower=True)
    zones = []
    for i in range(len(words)):
        n = _marker_at(words, i, s.lx.markers_by_first)
        if not n:
            continue
        e = _zone_end(s, sent.start + i + n, 1 if i > 0 and words[i - 1] == "(" else 0)
        z0 = sent.start + i
        if words[i] == "of" and i > 0 and sent[i - 1].like_num and sent[i - 1].lower_ != "one":
            z0 -= 1  # "36 of them Kyrgyz citizens": the part's figure stands before the marker
        zones.append((z0, e, " ".join(words[i: i + n])))
    return zones


def _numbered_part(s: Sent, m, tot: dict, z0: int, z1: int, marker: str) -> Optional[dict]:
    """A quantity in the zone that is not a linked figure with its own predicate becomes a part of `tot`."""
    doc, lx, base = s.doc, s.lx, s.sent.start
    st, e = base + m.start, base + m.end
    if not (z0 < st < z1 or st == z0 and doc[z0].like_num):
        return None
    num = num_head(doc, base + m.num_start, e)
    noun, anchor = quantified_noun(num, lx)
    if is_person(noun, lx) is False or bad_number(doc, base + m.num_start, e, lx):
        return None
    if st == z0 and anchor.dep_ in SUBJ + ("dobj", "obj") and not (tot["_tok"][0] <= anchor.head.i < tot["_tok"][1]):
        return None  # "12 of whom were later released": a clause of its own, not a part of the total
    linked = [p for p in s.out if p["_tok"][0] <= st < p["_tok"][1] and p is not tot]
    own = [p for p in linked if p["_tok"][0] >= tot["_tok"][1]]  # its own verb, not the total's
    if linked and (st == z0 and own or any(p["rule"].split(";")[0] not in ("obj",) for p in linked)):
        return None  # "killing two of them" is a figure of its own, not a part of the shot total
    s.out[:] = [p for p in s.out if p not in linked]
    t1 = max(e, noun.i + 1 if noun is not None and noun.i >= e else e)
    group = group_text(doc, noun, lx) or (noun.text if noun is not None and noun.pos_ != "PRON" else None)
    return payload(doc, st, t1, tot["kind"], m.quantity, f"breakdown:{marker}", group=group, total=False)


def _singular_parts(s: Sent, tot: dict, z0: int, z1: int, marker: str, parts: list) -> None:
    """"among them a captain": singular parts."""
    doc, lx = s.doc, s.lx
    for t in doc[z0:z1]:
        if t.pos_ == "NOUN" and t.tag_ == "NN" and is_person(t, lx) and any(
                c.dep_ == "det" and c.lower_ in lx.indefinite_articles for c in t.children):
            a0 = min([t.i] + [c.i for c in t.lefts if c.dep_ in ("det", "amod", "compound")])
            if any(p["_tok"][0] <= t.i < p["_tok"][1] for p in parts):
                continue
            s.out[:] = [p for p in s.out if not (p["_tok"][0] <= t.i < p["_tok"][1] and p is not tot)]
            parts.append(exact(doc, a0, t.i + 1, tot["kind"], f"breakdown:{marker}", 1, group=group_text(doc, t, lx),
                               total=False))


def _most_part(s: Sent, tot: dict, z0: int, z1: int, marker: str) -> list[dict]:
    """"most of them — the military": a part with qualifier "most" (low = half + 1, high = the total)."""
    if tuple(marker.split()) not in s.lx.most:
        return []
    noun = next((t for t in s.doc[z0:z1] if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in s.lx.not_most_nouns),
                None)
    if noun is None or not tot["count"]:
        return []
    c = tot["count"]
    return [payload(s.doc, z0, noun.i + 1, tot["kind"], None, f"breakdown:{marker}", group=noun.text, total=False,
                    count=None, low=c // 2 + 1, high=c, qualifier="most")]


def _flag_excess(tot: dict, parts: list[dict]) -> None:
    """Parts that add up to more than the total: flag both."""
    n = sum(p["count"] for p in parts if p["count"] is not None)
    if tot["high"] is not None and n > tot["high"] or (tot["count"] is not None and n > tot["count"]
                                                       and tot["high"] is not None):
        for p in parts + [tot]:
            p["flags"].append("breakdown_exceeds_total")


def breakdowns(s: Sent) -> list[dict]:
    """Rule "breakdown:<marker>": quantities after "including", "among them", "of whom" ... become parts
    (total false, group = the noun as written) of the nearest preceding total."""
    totals = sorted([p for p in s.out if p["total"] and p["count"] is not None and p["count"] > 0],
                    key=lambda p: p["_tok"][0])
    quantities = numbers.scan(s.words(), s.lx.raw)
    new = []
    for z0, z1, marker in s.zones:
        before = [p for p in totals if p["_tok"][0] < z0 and p["_tok"][1] <= z0 + 1]
        if not before:
            continue
        tot = before[-1]
        parts = [p for p in (_numbered_part(s, m, tot, z0, z1, marker) for m in quantities) if p is not None]
        _singular_parts(s, tot, z0, z1, marker, parts)
        if not parts:
            parts = _most_part(s, tot, z0, z1, marker)
        if parts:
            _flag_excess(tot, parts)
            new += parts
    return s.out + new


# --------------------------------------------------------------------------- combine: one fatally


def fatal_subtract(s: Sent) -> list[dict]:
    """Rule suffix ";minus-fatal": "Two men were shot, one fatally": the shot figure keeps the survivors as
    injured (a stray "one fatally" with no shot figure before it still counts as one killed)."""
    out = s.out
    shots = [p for p in out if SHOT_FLAG in p["flags"] and p["count"] is not None]
    for f in (p for p in out if p["rule"].startswith("fatally-part")):
        prior = [p for p in shots if p["_tok"][0] < f["_tok"][0]]
        if prior:
            sp = prior[-1]
            sp["count"] = max(sp["count"] - (f["count"] or 0), 0)
            sp["low"] = sp["count"] if sp["low"] is not None else None
            sp["high"] = sp["count"] if sp["high"] is not None else None
            sp["rule"] += ";minus-fatal"
            sp["flags"] = [x for x in sp["flags"] if x != SHOT_FLAG]
    return out


# --------------------------------------------------------------------------- the table


def _any_word(words: Callable[[Lex], set]) -> Callable[[Sent], bool]:
    return lambda s: s.has_any(words(s.lx))


def _always(s: Sent) -> bool:
    return True


GRAMMAR = Grammar()
GRAMMAR.add("figure", _always, figures)
GRAMMAR.add("singular", _always, singulars)
GRAMMAR.add("singular:headline", _always, headline)
GRAMMAR.add("zero:no", _any_word(lambda lx: lx.zero_neg), zero_no)
GRAMMAR.add("zero:unharmed", _any_word(lambda lx: lx.unharmed), zero_unharmed)
GRAMMAR.add("zero:negated", lambda s: any(t.dep_ == "neg" for t in s.toks), zero_negated)
GRAMMAR.add("self-inflicted", _any_word(lambda lx: lx.self_obj), self_object)
GRAMMAR.add("self-inflicted", lambda s: bool(_phrases(s, "self")), self_phrase)
GRAMMAR.add("implied", lambda s: bool(_phrases(s, "implied")), implied)
GRAMMAR.combine("conj-sum", lambda s: any(p.get("_noun") is not None for p in s.out), conj_sums)
GRAMMAR.combine("breakdown", lambda s: bool(s.zones), breakdowns)
GRAMMAR.combine("fatally-part", lambda s: any(p["rule"].startswith("fatally-part") for p in s.out), fatal_subtract)
