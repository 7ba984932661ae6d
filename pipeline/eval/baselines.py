"""The naive casualty baseline the eval reports next to our figures (not part of the product)."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract._component import load_lexicon

DEFAULT_LEXICON = "lexicons/casualties.json"


_NUM_RE = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\b", re.I)
_WORD_VAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}


def naive_counts(text: str, lexicon: Optional[dict] = None) -> dict:
    """Baseline: for each casualty word, the nearest number (digits or one..twelve, 'a' = 1) within a few words.

    killed / injured = the largest such number per kind, 0 when a casualty word has no number near it,
    None when no casualty word occurs.
    """
    raw = lexicon if lexicon is not None else load_lexicon(DEFAULT_LEXICON)
    cfg = raw["naive"]
    window = cfg["window"]
    toks = re.findall(r"[A-Za-z]+|\d+", text)
    low = [t.lower() for t in toks]
    res: dict = {}
    for kind in ("killed", "injured"):
        words = set(cfg[kind])
        best = None
        for i, w in enumerate(low):
            if w not in words:
                continue
            val, dist = None, None
            for j in range(max(0, i - window), min(len(low), i + window + 1)):
                v = int(low[j]) if low[j].isdigit() else _WORD_VAL.get(low[j])
                if v is None or v > 1000:
                    continue
                d = abs(j - i)
                if dist is None or d < dist:
                    val, dist = v, d
            val = val if val is not None else 0
            best = val if best is None else max(best, val)
        res[kind] = best
    return res
