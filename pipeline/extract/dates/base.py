"""What the dates rules share: the space, year and day patterns, interval helpers, `Ctx` and `Cand`.

grammar.py (the Grammar and its day, month, year and relative rules) and periods.py (quarters, halves, fiscal
years, anaphoric units, coordinated days, year-earlier comparisons, tense) both build on these.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

SP = r"[ \t\u00a0\u2007\u2009\u202f]+"  # spaces inside an expression (NBSP, thin, narrow NBSP): never a newline
SPO = r"[ \t\u00a0\u2007\u2009\u202f]*"
DASH = r"[-\u2010\u2011\u2012\u2013\u2014]"
YEAR = r"(?:1[89]|20)\d{2}(?!\d)(?!s\b)"
DAYN = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
ORD = r"(?:st|nd|rd|th)?"
DEFAULT_LEXICON = "lexicons/dates.json"

GRAN_ORDER = {"day": 0, "week": 1, "part_of_month": 1, "range": 2, "month": 2, "season": 3, "approximate": 3,
              "year": 4, "decade": 5, "century": 6}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words (longest first); spaces in entries match any horizontal space."""
    parts = sorted({w for w in words if not w.startswith("_")}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", SP).replace("'", "['\u2019]") for w in parts) + ")"


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_interval(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, _last_day(y, m))


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def _nth_weekday(y: int, m: int, wd: int, nth: int) -> date:
    if nth > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(y, m, _last_day(y, m))
    return last - timedelta(days=(last.weekday() - wd) % 7)


def to_date(value) -> Optional[date]:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Ctx:
    """What resolution may look at: the publication date, the previous resolved date, a date stated in the text."""

    published: Optional[date]
    prev: Optional[dict] = None
    text_anchor: Optional[date] = None


Resolver = Callable[[Ctx], Optional[tuple]]  # -> (start: date|None, end: date|None, granularity, relative, rule)


@dataclass
class Cand:
    start_char: int
    end_char: int
    rule: str
    resolve: Resolver
    priority: int = 0
    absolute_day: bool = False
    extra: dict = field(default_factory=dict)


