"""Casualties extractor: killed / injured / detained / arrested / missing / kidnapped / displaced figures.

Each figure is a payload dict (see `_doc`): start_char, end_char (the phrase,
"four people were killed", "wounding at least five"), kind, count (best), low,
high, qualifier (as written), group (breakdown group), total, rule, flags,
attribution_idxs.

How a figure is found, sentence by sentence (rules are named on each value):

1. Quantities: `numbers.scan` finds numbers in digits and words, approximations
   and vague quantities.  Vague quantities follow the ACLED codebook: the most
   conservative figure the words allow ("dozens" -> 12, "tens" -> 10,
   "hundreds" -> 100; our extension: "scores" -> 20, "several" / "a few" -> 3);
   the value's rule then contains "vague:<word>=<value>".  Numbers that are ages
   ("a 5-year-old", "Smith, 30,"), dates, times, money, percentages, addresses
   ("1000 block of ...") or that count things ("two police cars") are dropped.
2. Linking a quantity (or a singular victim: "a man", "the victim", a named
   person) to a casualty predicate through the dependency parse:
     subj        passive or intransitive subject  "four people were killed", "16 people died"
     obj         object of an active verb          "they killed 33 servicemen", "wounding at least five"
     participle  participle / adjective modifier   "one police officer killed", "three people dead"
     of-noun     "the deaths of three people";  noun  "three deaths", "20 fatalities"
     toll        "the death toll rose to 12"
     window      surface fallback: quantity, then only auxiliaries / adverbs / dashes, then a casualty word
                 ("over a hundred — were injured")
   Lemma -> kind tables live in models/lexicons/casualties.json.  "shot" means hit by
   gunfire: it is coded injured with flag "shot_may_include_killed" unless a killing
   word says otherwise ("shot and killed", "shot dead", "fatally shot").
3. Zero: "there were no casualties" (killed 0 and injured 0), "no one was hurt",
   "no deaths", "the officer was not injured" (group figure, total false).
4. Breakdowns: quantities after "including", "among them", "of whom" ... and before
   the clause ends become parts (total false, group = the noun as written) of the
   nearest preceding total; "most of them — the military" gives a part with
   qualifier "most".  Parts that add up to more than the total flag both with
   "breakdown_exceeds_total".
5. Coordinated victims with their own counts ("his five children as well as his
   wife") give a total that sums them (rule "conj-sum") plus the parts.
6. Other named rules: "singular:*" (one victim: "a clerk was stabbed and killed", "the
   victim died", a named person, "a 13-year-old"), "singular:headline" ("Man shot,
   killed"), "fatally-part" ("two men were shot, one fatally": killed 1, the shot
   figure keeps the survivors, rule suffix ";minus-fatal"), "self-inflicted" (the
   perpetrator's own death, total false), "implied:<phrase>" (minimum counts implied
   by "a fatal shooting", "a double homicide"; flag implied_min), "*:hospital"
   ("was taken to a hospital"; flag hospitalized_may_include_killed), "*:condition"
   ("listed in critical condition").
   Flags: "additional" ("another man", "a second victim"), "aggregate_or_other_period"
   (a statistic "since 2013" / "so far this year", or "killed last year"),
   "breakdown_exceeds_total", "shot_may_include_killed", "singular_may_include_killed".

Conflicting figures for one event (two sources, a later update) are all kept;
nothing is averaged.  `figures.article_totals` combines the figures of a one-incident
article.

Where the rules live: `rules.GRAMMAR` (the sentence rules as a table: name, condition, action),
`predicates.ANCHOR_RULES` / `VERB_CHILD_RULES` / `NOUN_CHILD_RULES` (the parse shapes that link a
quantity or a victim to its predicate), `quantities.NUMBER_FILTERS` (numbers that do not count people),
`lexicon.Lex` (the lexicon as lookup sets), `link.link` (the link stage).
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component, LinkStage, load_lexicon
from pipeline.extract._doc import tokens
# HOSPITAL_FLAG, KINDS, SHOT_FLAG are imported from here by figures.py and other modules
from pipeline.extract.casualties.lexicon import HOSPITAL_FLAG, KINDS, SHOT_FLAG, lex_for  # noqa: F401
from pipeline.extract.casualties.link import link  # noqa: F401  (the link stage; importable from here)
from pipeline.extract.casualties.rules import GRAMMAR

DEFAULT_LEXICON = "lexicons/casualties.json"


def _dedupe(found: list[dict]) -> list[dict]:
    seen = set()
    out = []
    for p in sorted(found, key=lambda p: (p["start_char"], p["end_char"], p["kind"])):
        key = (p["start_char"], p["end_char"], p["kind"], p["count"], p["group"], p["total"])
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def find_casualties(doc: Doc, lexicon: Optional[dict] = None) -> list[dict]:
    """All casualty figures of a parsed doc (pure; does not touch doc._). `lexicon`: the lexicon dict (the
    component passes its configured one; the default file when called bare, e.g. from a notebook)."""
    lx = lex_for(lexicon if lexicon is not None else load_lexicon(DEFAULT_LEXICON))
    found: list[dict] = []
    for sent in doc.sents:
        toks = tokens(doc)[sent.start:sent.end]
        if any(t.like_num or t.lower_ in lx.cues or t.lemma_.lower() in lx.cues for t in toks):
            found += GRAMMAR.run(doc, sent, lx)
    found = _dedupe(found)
    for p in found:
        for k in [k for k in p if k.startswith("_")]:
            del p[k]
    return found


class CasualtiesExtractor(Component):
    ext = "cs_casualties"
    link_stage = LinkStage(writes=("casualties",), run=link)

    def find(self, doc: Doc) -> list[dict]:
        return find_casualties(doc, self.lexicon)


@Language.factory(
    "claimscope_casualties_v1",
    requires=["token.dep", "token.lemma"],
    assigns=["doc._.cs_casualties"],
    default_config={"lexicon": "lexicons/casualties.json"},
)
def make_casualties(nlp: Language, name: str, lexicon: str) -> CasualtiesExtractor:
    return CasualtiesExtractor(nlp, name, lexicon)
