"""Number words, vague quantities and approximations, parsed into best / low / high.

Works on lower-cased token texts (spaCy tokens, so "thirty-three" arrives as
["thirty", "-", "three"]), which keeps it usable on any tokenisation; the
casualties extractor maps token indexes back to character offsets.

Conventions (the tables live in models/lexicons/casualties.json):

- Exact figure: count = low = high = N.  "a dozen" = 12, "two dozen" = 24, "a couple of" = 2.
- Qualifiers, kept as written in `qualifier`:
    min    "at least N"           count = low = N,    high = None
    gt     "more than / over N"   count = low = N+1,  high = None   ("over a hundred" -> 101)
    lt     "nearly / almost N"    count = high = N-1, low = None
    max    "up to / as many as N" count = high = N,   low = None
    approx "about / around N"     count = N,          low = high = None
- Vague quantities follow the ACLED codebook convention of coding the most
  conservative figure the words allow: "dozens" -> 12, "tens" -> 10,
  "hundreds" -> 100; we extend it to "scores" -> 20, "thousands" -> 1000 and
  "several" / "a few" / "a handful" -> 3.  count = low = value, high = None, and
  the rule is named on the value: "vague:dozens=12".  A qualifier before a vague
  word ("more than a dozen", "over hundreds") applies on top.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from pipeline.extract._component import load_lexicon

DEFAULT_LEXICON = "lexicons/casualties.json"
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass
class Quantity:
    """A parsed quantity: `value` as stated, `count` the best estimate, `low`/`high` bounds (None = open)."""

    value: int
    count: Optional[int]
    low: Optional[int]
    high: Optional[int]
    qualifier: Optional[str] = None
    rule: str = "exact"


@dataclass
class QuantityMatch:
    """A quantity found in a token sequence: tokens [start, end) including the qualifier; the number from num_start."""

    start: int
    end: int
    num_start: int
    quantity: Quantity
    words: list[str] = field(default_factory=list)


def _lex(lex: Optional[dict]) -> dict:
    return lex if lex is not None else load_lexicon(DEFAULT_LEXICON)


def _tables(lex: dict) -> tuple[dict, dict, dict, dict]:
    n = lex["numbers"]
    return n["units"], n["tens"], n["scales"], n["multipliers"]


def is_digits(word: str) -> bool:
    return bool(_DIGITS.match(word))


def is_number_word(word: str, lex: Optional[dict] = None) -> bool:
    units, tens, scales, mult = _tables(_lex(lex))
    w = word.lower()
    return is_digits(w) or w in units or w in tens or w in scales or w in mult


def words_to_number(words: Sequence[str], lex: Optional[dict] = None) -> Optional[int]:
    """["one", "hundred", "and", "twelve"] -> 112; ["thirty", "-", "three"] -> 33; ["1,200"] -> 1200.

    Returns None when the words are not a well-formed number.
    """
    units, tens, scales, mult = _tables(_lex(lex))
    ws = [w.lower() for w in words if w not in ("-", "and")]
    if not ws:
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(ws):
        if is_digits(w):
            if seen and current % 1000 != 0 and current:
                return None  # "3 4"
            current += int(w.replace(",", ""))
        elif w in units:
            current += units[w]
        elif w in tens:
            current += tens[w]
        elif w in ("a", "an"):
            if i + 1 >= len(ws) or not (ws[i + 1] in scales or ws[i + 1] in mult):
                return None
            current += 1
        elif w in mult:
            current = max(current, 1) * mult[w]
        elif w in scales:
            if scales[w] >= 1000:
                total += max(current, 1) * scales[w]
                current = 0
            else:
                current = max(current, 1) * scales[w]
        else:
            return None
        seen = True
    return total + current


def apply_qualifier(value: int, kind: Optional[str], qualifier: Optional[str]) -> Quantity:
    """Best/low/high for `value` under a qualifier class (min, gt, lt, max, approx or None = exact)."""
    if kind == "min":
        return Quantity(value, value, value, None, qualifier, "min")
    if kind == "gt":
        return Quantity(value, value + 1, value + 1, None, qualifier, "gt")
    if kind == "lt":
        v = max(value - 1, 0)
        return Quantity(value, v, None, v, qualifier, "lt")
    if kind == "max":
        return Quantity(value, value, None, value, qualifier, "max")
    if kind == "approx":
        return Quantity(value, value, None, None, qualifier, "approx")
    return Quantity(value, value, value, value, None, "exact")


def _qualifier_index(lex: dict) -> dict[tuple[str, ...], str]:
    out = {}
    for kind, phrases in lex["qualifiers"].items():
        if kind.startswith("_"):
            continue
        for p in phrases:
            out[tuple(p.lower().split())] = kind
    return out


def _vague_index(lex: dict) -> dict[tuple[str, ...], int]:
    return {tuple(k.lower().split()): v for k, v in lex["vague"].items() if not k.startswith("_")}


def _counting_index(lex: dict) -> dict[tuple[str, ...], int]:
    return {tuple(k.lower().split()): v for k, v in lex["numbers"].get("counting_words", {}).items()}


_INDEXES: dict[int, tuple] = {}  # id(lexicon) -> (lexicon, indexes): built once per lexicon, not per scan


def _indexes(lex: dict) -> tuple:
    """(qualifiers, vague, counting) phrase indexes of a lexicon and the first words of each (cached)."""
    hit = _INDEXES.get(id(lex))
    if hit is None or hit[0] is not lex:
        if len(_INDEXES) > 64:
            _INDEXES.clear()
        quals, vague, counting = _qualifier_index(lex), _vague_index(lex), _counting_index(lex)
        firsts = tuple(frozenset(k[0] for k in ix if k) for ix in (quals, vague, counting))
        hit = _INDEXES[id(lex)] = (lex, (quals, vague, counting), firsts)
    return hit[1], hit[2]


def _longest(words: Sequence[str], i: int, index: dict, max_len: int = 4,
             firsts: Optional[frozenset] = None) -> Optional[tuple[int, tuple]]:
    """Longest phrase of `index` starting at words[i]: (length, key). `firsts`: the first words of the
    index's phrases (a word outside it starts none)."""
    if firsts is not None and i < len(words) and words[i] not in firsts:
        return None
    for n in range(min(max_len, len(words) - i), 0, -1):
        key = tuple(words[i : i + n])
        if key in index:
            return n, key
    return None


def _number_run(words: Sequence[str], i: int, lex: dict) -> int:
    """End (exclusive) of the number starting at words[i], or i when none starts there."""
    units, tens, scales, mult = _tables(lex)

    def numeric(w: str) -> bool:
        return is_digits(w) or w in units or w in tens or w in scales or w in mult

    j = i
    if words[j] in ("a", "an"):
        if j + 1 < len(words) and (words[j + 1] in scales or words[j + 1] in mult):
            j += 1
        else:
            return i
    if not numeric(words[j]):
        return i
    j += 1
    while j < len(words):
        w = words[j]
        if numeric(w):
            if is_digits(w) and is_digits(words[j - 1]):
                break
            if is_digits(words[j - 1]) and (w in units or w in tens):
                break  # "to 64 three weeks on": a digit number takes only a scale after it ("3 million")
            j += 1
        elif w == "-" and j + 1 < len(words) and (words[j + 1] in units) and words[j - 1] in tens:
            j += 1
        elif w == "and" and j + 1 < len(words) and words[j - 1] in scales and (
            words[j + 1] in units or words[j + 1] in tens or is_digits(words[j + 1])
        ):
            j += 1
        else:
            break
    return j


def scan(words: Sequence[str], lex: Optional[dict] = None) -> list[QuantityMatch]:
    """Every quantity in a token-text sequence, left to right, qualifiers included."""
    lex = _lex(lex)
    words = [w.lower() for w in words]
    (quals, vague, counting), (f_quals, f_vague, f_counting) = _indexes(lex)
    out: list[QuantityMatch] = []
    i = 0
    while i < len(words):
        start, qual_kind, qual_text = i, None, None
        q = _longest(words, i, quals, firsts=f_quals)
        j = i
        if q:
            n, key = q
            j = i + n
            # a qualifier counts only when a quantity follows it
        hit = None
        for k in ([j, i] if j != i else [i]):
            if k >= len(words):
                continue
            v = _longest(words, k, vague, firsts=f_vague)
            c = _longest(words, k, counting, firsts=f_counting)
            end = _number_run(words, k, lex)
            if end > k:
                value = words_to_number(words[k:end], lex)
                if value is not None:
                    # "dozens of" is vague even though "dozen" is a multiplier word
                    hit = (k, end, value, None)
            if hit is None and c:
                hit = (k, k + c[0], counting[c[1]], None)
            if hit is None and v:
                n_v, key_v = v
                hit = (k, k + n_v, vague[key_v], " ".join(key_v))
            if hit is not None:
                if k == j and q:
                    qual_kind, qual_text = quals[q[1]], " ".join(q[1])
                else:
                    start = k
                break
        if hit is None:
            i += 1
            continue
        k, end, value, vague_word = hit
        if vague_word is not None:
            base = apply_qualifier(value, qual_kind, qual_text)
            if qual_kind is None:
                base = Quantity(value, value, value, None, None, "vague")
            base.rule = f"vague:{vague_word}={value}" + (f";{base.rule}" if qual_kind else "")
        else:
            base = apply_qualifier(value, qual_kind, qual_text)
        out.append(QuantityMatch(start if qual_kind else k, end, k, base, list(words[start:end])))
        i = end
    return out


def parse_quantity(text: str, lex: Optional[dict] = None) -> Optional[Quantity]:
    """Parse a short phrase such as "over a hundred", "at least five", "dozens", "thirty-three"."""
    words = re.findall(r"\d[\d,]*|[A-Za-z]+\.?|-", text)
    words = [w.rstrip(".") if w.lower() not in ("approx.",) else w for w in words]
    found = scan(words, lex)
    return found[0].quantity if found else None
