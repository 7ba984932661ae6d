"""TimeML TIMEX3 gold (TempEval-3, dates_aquaint.jsonl) against the extraction's top-level `dates[]`.

- `dates.timex.strict` / `dates.timex.overlap`: P/R/F1 of extents over the gold DATE and TIME timexes
  (strict: the same characters, ignoring surrounding whitespace and `.,;:`; overlap: a shared character).
  A predicted date on a DURATION or SET timex only is neither a hit nor a false positive.
- `dates.timex.value_acc`: on overlap-matched timexes whose value is a calendar value (`timex_interval`
  gives an interval), our date's start and end equal that interval. A `mod` START / MID / END narrows the value to
  the lexicon's early / mid / late part ("late November" = 1999-11 with mod END = November 21-30).

`timex_interval` maps a TimeML value to an inclusive interval of days (the table is in the README, Measuring):
YYYY-MM-DD (with a time, THH:MM or TMO/TEV/TNI..., the day), YYYY-MM, YYYY, YYYY-Www (ISO week, Monday to
Sunday; -WE its weekend), YYYY-Qn, YYYY-Hn, YYYY-SP/SU/FA/WI (March-May, June-August, September-November,
December to February of the next year: the seasons of the dates lexicon), YYYX (decade), YY and YYXX
(century: 19 = 1900-1999), FYYYYY and FYYYYY-Qn / -Hn (a fiscal year and its quarters and halves: the
calendar year named, since fiscal years differ between organisations; the extractor does the
same). PAST_REF / PRESENT_REF / FUTURE_REF, durations (P...), sets and values with unknown digits
(XXXX-05-03, 1998-XX) have no interval and are not scored for value.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

from pipeline.eval.gold import GoldDoc
from pipeline.eval.match import match_spans, norm, overlaps
from pipeline.eval.metrics import Scores
from pipeline.types import Extraction

SCORED_TYPES = frozenset({"DATE", "TIME"})
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

Interval = tuple[str, str]


def _iv(a: date, b: date) -> Interval:
    return a.isoformat(), b.isoformat()


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _week(y: int, w: int, weekend: bool) -> Optional[Interval]:
    try:
        monday = date.fromisocalendar(y, w, 1)
    except ValueError:
        return None
    return _iv(monday + timedelta(days=5), monday + timedelta(days=6)) if weekend else _iv(monday, monday + timedelta(days=6))


def _season(y: int, code: str) -> Interval:
    lo, hi = SEASONS[code]
    return _iv(date(y, lo, 1), _month_end(y + 1, hi) if hi < lo else _month_end(y, hi))


def _calendar(v: str) -> Optional[Interval]:
    if m := re.fullmatch(r"FY(\d{4}(?:-[QH]\d)?)", v):
        v = m[1]  # a fiscal year (FY1999, FY1999-Q3): the calendar year named, as the extractor gives it
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return _iv(d, d)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        y, mo = int(m[1]), int(m[2])
        return _iv(date(y, mo, 1), _month_end(y, mo))
    if m := re.fullmatch(r"(\d{4})", v):
        return _iv(date(int(v), 1, 1), date(int(v), 12, 31))
    if m := re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", v):
        return _week(int(m[1]), int(m[2]), bool(m[3]))
    if m := re.fullmatch(r"(\d{4})-([QH])([1-4])", v):
        y, size, n = int(m[1]), 3 if m[2] == "Q" else 6, int(m[3])
        if m[2] == "H" and n > 2:
            return None
        return _iv(date(y, size * (n - 1) + 1, 1), _month_end(y, size * n))
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        return _season(int(m[1]), m[2])
    if m := re.fullmatch(r"(\d{3})X", v):
        d = int(m[1]) * 10
        return _iv(date(d, 1, 1), date(d + 9, 12, 31))
    if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
        c = int(m[1]) * 100
        return _iv(date(max(c, 1), 1, 1), date(c + 99, 12, 31))
    return None


def timex_interval(value: Optional[str], mod: Optional[str] = None) -> Optional[Interval]:
    """The inclusive (start, end) ISO days of a TimeML calendar value, else None (see the module doc); `mod`
    START / MID / END (also EARLY / LATE) narrows a month, year, decade or century to its part (`_part`)."""
    if not value:
        return None
    try:
        iv = _calendar(value.strip())
    except ValueError:  # an impossible day or month
        return None
    part = _MODS.get((mod or "").upper())
    return _part(iv, part) if iv and part is not None else iv


# the parts of the dates lexicon (models/lexicons/dates.json): early/mid/late month = days 1-10 / 11-20 / 21-end,
# year = Jan-Apr / May-Aug / Sep-Dec, decade = years 0-3 / 4-6 / 7-9, century = years 0-32 / 33-66 / 67-99
_MODS = {"START": 0, "EARLY": 0, "MID": 1, "END": 2, "LATE": 2}
_PARTS = {"month": ((1, 10), (11, 20), (21, 31)), "year": ((1, 4), (5, 8), (9, 12)),
          "decade": ((0, 3), (4, 6), (7, 9)), "century": ((0, 32), (33, 66), (67, 99))}


def _part(iv: Interval, part: int) -> Interval:
    """The early / mid / late part of a whole month, year, decade or century (other intervals unchanged)."""
    a, b = date.fromisoformat(iv[0]), date.fromisoformat(iv[1])
    if (a.year, a.month) == (b.year, b.month) and a.day == 1 and b.day == _month_end(b.year, b.month).day:
        lo, hi = _PARTS["month"][part]
        return _iv(date(a.year, a.month, lo), date(a.year, a.month, min(hi, _month_end(a.year, a.month).day)))
    if (a.month, a.day, b.month, b.day) != (1, 1, 12, 31):
        return iv
    span = b.year - a.year + 1
    if span == 1:
        lo, hi = _PARTS["year"][part]
        return _iv(date(a.year, lo, 1), _month_end(a.year, hi))
    kind = {10: "decade", 100: "century"}.get(span)
    if kind is None:
        return iv
    lo, hi = _PARTS[kind][part]
    return _iv(date(max(a.year + lo, 1), 1, 1), date(a.year + hi, 12, 31))


def score_timexes(sc: Scores, gold: GoldDoc, ex: Extraction) -> None:
    text = gold.text
    scored = [t for t in gold.timexes if t.type in SCORED_TYPES]
    other = [t.span for t in gold.timexes if t.type not in SCORED_TYPES]
    preds = [d for d in ex.dates if d.span is not None and d.span.end > d.span.start]
    pspans = [((d.span.start, d.span.end),) for d in preds]
    for mode in ("strict", "overlap"):
        pairs = match_spans([t.span for t in scored], pspans, "exact" if mode == "strict" else "overlap", text)
        mp = {j for _, j in pairs}
        fp = [j for j, ps in enumerate(pspans) if j not in mp and not (
            any(overlaps(ps, o) for o in other) and not any(overlaps(ps, t.span) for t in scored))]
        sc.prf(f"dates.timex.{mode}").add(len(pairs), len(fp), len(scored) - len(pairs))
        if mode != "overlap":
            continue
        mg = {i for i, _ in pairs}
        for i, t in enumerate(scored):
            if i not in mg:
                sc.error("dates.timex", gold, "missed", f"{t.type} {t.value}", None, _where(t.span))
        for j in fp:
            sc.error("dates.timex", gold, "spurious", None, f"{preds[j].start}..{preds[j].end}", _where(pspans[j]))
        for i, j in pairs:
            t, d = scored[i], preds[j]
            iv = timex_interval(t.value, t.mod)
            if iv is None:
                continue
            ok = (d.start, d.end) == iv
            sc.acc("dates.timex.value_acc").add(ok)
            if not ok:
                sc.error("dates.timex.value", gold, "wrong", f"{t.value} = {iv[0]}..{iv[1]}",
                         f"{d.start}..{d.end} ({d.granularity})", _where(t.span))


def _where(spans) -> Optional[tuple[int, int]]:
    n = norm(spans)
    return (n[0][0], n[-1][1]) if n else None
