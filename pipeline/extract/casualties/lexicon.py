"""The casualties lexicon (models/lexicons/casualties.json) as lookup sets, built once per lexicon dict."""
from __future__ import annotations

import re

from spacy.matcher import Matcher

KINDS = ("killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced")
SUBJ = ("nsubj", "nsubjpass")
SHOT_FLAG = "shot_may_include_killed"
HOSPITAL_FLAG = "hospitalized_may_include_killed"
ANTECEDENT = "antecedent"  # a figure whose kind is the one the sentence named just before ("corrected it to 52")


_WORD = re.compile(r"[^\W_]+|[^\w\s]")  # the tokenizer's split of a phrase: words, and each hyphen or sign apart


def phrase_pattern(phrase: str) -> list[dict]:
    """A lexicon phrase as a spaCy Matcher token pattern ("murder-suicide" -> murder, -, suicide; lower-cased)."""
    return [{"LOWER": w} for w in _WORD.findall(phrase.lower())]


def _entries(table: dict) -> dict:
    return {k: v for k, v in table.items() if not k.startswith("_")}


class Lex:
    """Lookup sets built once from the lexicon JSON (`raw`)."""

    def __init__(self, raw: dict):
        self.raw = raw
        # the rules' word lists (lexicon "rule_words": lx.generic_groups, lx.ordinal_people, ...), distances
        # ("limits": lx.max_span_tokens, ...) and measured switches ("switches": lx.soft_singular, ...)
        for name, words in _entries(raw["rule_words"]).items():
            setattr(self, name, frozenset(words))
        for name, value in _entries(raw["limits"]).items():
            setattr(self, name, int(value))
        for name, value in _entries(raw["switches"]).items():
            setattr(self, name, bool(value))
        self.verbs, self.adjs, self.nouns = _entries(raw["verbs"]), _entries(raw["adjectives"]), _entries(raw["nouns"])
        self.person = set(raw["person_nouns"])
        self.non_person = set(raw["non_person_nouns"])
        self.markers = [tuple(m.split()) for m in raw["breakdown_markers"]]
        self.most = [tuple(m.split()) for m in raw["most_markers"]]
        self.fatal_mod = set(raw["fatal_modifiers"])
        self.fatal_conj = set(raw["fatal_conj_verbs"])
        self.fatal_adj = set(raw["fatal_adjectives"])
        self.suffer = set(raw["suffer_verbs"])
        self.agentive = set(raw["transitive_agent_verbs"])
        self.skip = set(raw["skip_between"])
        self._zero(raw["zero"])
        self.approx_preps = {w for k, ws in raw["qualifiers"].items() if not k.startswith("_") for w in ws
                             if " " not in w}
        self.self_obj = set(raw["self_harm"]["objects"])
        self.self_phrases = [p.lower() for p in raw["self_harm"]["phrases"]]
        self._context(raw["non_casualty_context"])
        self.condition = set(raw["condition"]["nouns"])
        self.toll = raw["toll_nouns"]
        self.toll_heads = {k for k in self.toll if " " not in k}  # "toll": a toll however it is qualified
        self.count_nouns = set(raw.get("count_nouns", []))
        self.revise_verbs = set(raw.get("revise_verbs", []))
        self.collective = set(raw.get("collective_nouns", []))
        self.hospital_verbs = set(raw["hospital"]["verbs"])
        self.hospital_nouns = set(raw["hospital"]["nouns"])
        self._aggregate(raw.get("aggregate", {}))
        self.markers_by_first = self._by_first(self.markers)
        self.implied = [(ph, tuple(v)) for ph, v in _entries(raw.get("implied", {})).items()]
        self._matchers: dict[int, Matcher] = {}
        self._labels: dict[int, tuple[str, int]] = {}
        self.cues = self._cue_words(raw)

    def matcher(self, vocab) -> Matcher:
        """The phrase rules as Matcher patterns (built once per vocab): "self:<i>" for the i-th self-harm phrase,
        "implied:<i>" for the i-th implied-count phrase."""
        m = self._matchers.get(id(vocab))
        if m is None or m.vocab is not vocab:
            m = Matcher(vocab)
            for i, p in enumerate(self.self_phrases):
                m.add(f"self:{i}", [phrase_pattern(p)])
            for i, (ph, _) in enumerate(self.implied):
                m.add(f"implied:{i}", [phrase_pattern(ph)])
            self._matchers[id(vocab)] = m
        return m

    def phrase_label(self, match_id: int) -> tuple[str, int]:
        """("self" | "implied", entry index) of a match id of `matcher` (ids are string hashes)."""
        if not self._labels:
            from spacy.strings import hash_string
            for i in range(len(self.self_phrases)):
                self._labels[hash_string(f"self:{i}")] = ("self", i)
            for i in range(len(self.implied)):
                self._labels[hash_string(f"implied:{i}")] = ("implied", i)
        return self._labels[match_id]

    def _zero(self, zero: dict) -> None:
        self.zero_neg = set(zero["negators"])
        self.zero_both = set(zero["both_kinds_nouns"])
        self.unharmed = set(zero.get("unharmed_adjectives", []))
        self.harm_verbs = set(zero.get("harm_verbs", []))

    def _context(self, ctx: dict) -> None:
        self.ctx_after = set(ctx["after"])
        self.ctx_before = set(ctx["before"])
        self.age_after = set(ctx["age_after"])
        self.bad_ents = set(ctx["bad_ent_types"])

    def _aggregate(self, cues: dict) -> None:
        self.period_nouns = set(cues.get("period_nouns", []))
        self.period_dets = set(cues.get("period_determiners", []))
        self.period_preps = set(cues.get("prepositions", []))

    @staticmethod
    def _by_first(markers: list[tuple]) -> dict[str, list[tuple]]:
        by_first: dict[str, list[tuple]] = {}
        for m in sorted(markers, key=len, reverse=True):
            by_first.setdefault(m[0], []).append(m)
        return by_first

    def _cue_words(self, raw: dict) -> frozenset:
        """Every word any rule starts from (kind words, number words, zero, self-harm, implied phrases).
        A sentence with none of them and no digits cannot yield a figure, so it is not examined."""
        words: set[str] = set(self.verbs) | set(self.adjs) | set(self.nouns) | self.zero_neg | self.zero_both
        words |= self.unharmed | self.fatal_mod | self.fatal_adj | self.hospital_nouns | self.condition
        words |= self.count_nouns | {w for k in self.toll for w in k.split()}
        words |= set(raw["condition"].get("verbs_with_hospital", []))
        for sec in ("units", "tens", "scales", "multipliers", "counting_words"):
            words |= {w for k in raw["numbers"].get(sec, {}) for w in k.split()}
        words |= {w for k in raw["vague"] if not k.startswith("_") for w in k.split()}
        words |= {w for p in self.self_phrases for w in p.split()} | self.self_obj
        words |= {w for ph, _ in self.implied for w in ph.lower().split()}
        return frozenset(w.lower() for w in words)


_CACHE: dict[int, Lex] = {}


def lex_for(raw: dict) -> Lex:
    """The lookup sets of a lexicon dict (cached by identity: lexicons are loaded once per process)."""
    key = id(raw)
    if key not in _CACHE:
        _CACHE[key] = Lex(raw)
    return _CACHE[key]
