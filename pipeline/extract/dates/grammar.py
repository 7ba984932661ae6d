"""Temporal expressions as intervals: a regex grammar whose word lists live in models/lexicons/dates.json.

Pure functions of a text and a publication date (no spaCy, no clock):

- `Grammar.scan(text, published, ...)` finds every temporal expression in a text and returns payload
  dicts `{start_char, end_char, start, end, granularity, relative, rule, context}` in text order;
- `parse_expression(text, published)` parses one short string (a spaCy DATE entity, a benchmark item);
- `dateparser_fallback(text, published)` asks dateparser (English only, RELATIVE_BASE = publication date,
  cached) about a string the grammar does not know.

Decisions (documented here because the linker and the eval rely on them):
- Intervals are inclusive `[start, end]` at the precision the text gives: "December 2011" is the whole month,
  never an invented day; "16-17th December 2011" is a two-day range; "2015-2016" a two-year range.
- "April and May this year" is ONE expression, a range April 1 - May 31 (granularity "range"), so that an
  event linked to it gets the interval the text gives.
- Relative expressions (weekday names, "yesterday", "last month", "May this year", year-less "Jan. 27")
  resolve against the publication date and are marked `relative`. A weekday means the latest such day on or
  before publication ("last Friday": strictly before; "next Friday": strictly after); a weekday in a future
  clause ("will ... on Monday", "scheduled for", "for Thursday", "until Wednesday") is the next such day after
  publication. The tense is that of the verb governing the expression (the parse, `periods.tense_of`; without
  one, a future cue in the clause before it); it also sends year-less months, seasons, month-days and quarters
  forwards ("elections will be held in March": the next March); a present tense puts a year-less month at the
  nearer of its two occurrences ("when the appeal comes up in May").
  "the 4th of March this year", "March 3 last year": the year word belongs to the day.
- Without a publication date, relative expressions keep their span with `start`/`end` = None, except
  year-less month-days ("Jan. 27"), which take their year from the nearest full date stated in the text
  (rule suffix "-year-from-text"), and anaphoric offsets ("two days later", "the next day"), which resolve
  against the previous resolved date in the text (rule "offset-from-previous") whatever the publication date.
- Parts: early/mid/late month = days 1-10 / 11-20 / 21-end ("part_of_month"); early/mid/late or
  beginning/middle/end of a year = Jan-Apr / May-Aug / Sep-Dec ("approximate"); early/mid/late decade =
  years 0-3 / 4-6 / 7-9 (granularity "decade", rule "decade-part"). All tables are in the lexicon.
- Two day (or month) expressions joined by a dash, "to", "through", "until" (or "and" after "between") are
  one range ("June 30 - July 2, 2016", rule "date-range"); "in 2008 and 2012" stays two years and "on March 3
  and 5" two days (rule "coordinated-day"); consecutive months joined by "and" stay one range (above).
- Quarters, halves, fiscal years, "that year", "a year earlier" in comparisons: see periods.py.
- "N days before/after X", "the day after X": when X is a date, the offset counts from it ("offset-from-next");
  otherwise the reference is unknown and start/end stay None. Offsets keep `offset` = [n, unit] so that the
  linker can count from the date of the event just mentioned.
- A weekday in a future-tense clause ("will appear in court on Monday") is the first such day after
  publication (rule "weekday-after-publication"); cue words are in the lexicon.
- `context` ("since", "until", "other" or None) records what the words before the date say about it: an
  open interval ("since October 7, 2007") or a date about something else than an incident ("the Decree
  ... of January 19, 2010"). The event linker skips "since" and "other" dates.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Optional

from pipeline.extract._component import load_lexicon
from pipeline.extract._guard import warn
from pipeline.extract.dates.base import (  # noqa: F401 - re-exported: the rules' shared pieces
    DASH, DAYN, DEFAULT_LEXICON, GRAN_ORDER, ORD, SP, SPO, YEAR, Cand, Ctx, Resolver, _add_months, _alt, _easter,
    _last_day, _month_interval, _nth_weekday, _safe_date, calendar, to_date,
)
from pipeline.extract.dates.periods import PeriodRules

# date arithmetic that leaves the calendar ("29 February" in a common year, a year near 1 or 9999)
CALENDAR_ERRORS = (ValueError, OverflowError)


def _safe(resolve: Resolver, what: str) -> Resolver:
    """`resolve` that answers None (with one warning) for an expression the calendar cannot hold."""
    warned: list[bool] = []

    def run(c: Ctx) -> Optional[tuple]:
        try:
            return resolve(c)
        except CALENDAR_ERRORS as exc:
            if not warned:
                warned.append(True)
                warn("calendar", f"date {what[:60]!r} not resolved: {type(exc).__name__}: {exc}")
            return None
    return run


class Grammar(PeriodRules):
    """The compiled rules of one lexicon."""

    def __init__(self, lex: dict):
        self.lex = lex
        self.rules: list[tuple] = []
        self._vocabulary(lex)
        self._add_day_rules()
        self._add_coordinated_rules()
        self._add_week_of_rule()
        self._add_period_rules(lex)
        self._add_fiscal_period_rules(lex)
        self._add_relative_rules(lex)
        self._add_anaphoric_rules(lex)
        self._index_anchors(lex)
        self._word_sets(lex)

    F = re.IGNORECASE
    B = r"(?<![\w\-\u2013/.])"  # not glued to a preceding word, number, dash or slash

    def add(self, rule: str, pattern: str, handler, priority: int = 0) -> None:
        """A named rule: its pattern (compiled case-insensitive) and its handler (match, text, rule) -> Cand."""
        self.rules.append((rule, re.compile(pattern, self.F), handler, priority))

    def _vocabulary(self, lex: dict) -> None:
        """Month, weekday and number-word patterns shared by the rules."""
        self.months = {k: v for k, v in lex["months"].items() if not k.startswith("_")}
        self.weekdays = lex["weekdays"]
        longest: dict[int, str] = {}
        for k, v in self.months.items():
            if len(k) > len(longest.get(v, "")):
                longest[v] = k
        full_months = list(longest.values())
        abbrevs = [k for k in self.months if k not in full_months]
        self.MON = rf"(?:{_alt(full_months)}\b|{_alt(abbrevs)}\b\.?)"  # "Jan." keeps its dot, "May." does not
        self.MONF = rf"(?:{_alt(full_months)}\b)"
        self.WD = rf"(?:{_alt(self.weekdays)}\b)"
        self.nums = {k: v for k, v in lex["number_words"].items()}
        self.NUM = rf"(?:\d{{1,3}}|{_alt(self.nums)})"

    def _add_day_rules(self) -> None:
        """Dates with a day or a month: ISO, numeric, month-day(-year), day ranges, month-year, month ranges."""
        add, B, MON, WD = self.add, self.B, self.MON, self.WD
        # "the 4th of March this year", "March 3 last year": the year word belongs to the day
        YREL = rf"(?:,?{SP}(?P<yrel>this|last|next){SP}year\b)?"
        add("iso-date", rf"{B}(?P<y>(?:1[89]|20)\d{{2}})-(?P<m>0?[1-9]|1[0-2])-(?P<d>{DAYN})(?![\w\-/])", self._h_iso, 3)
        add("numeric-date",
            rf"{B}(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d{{2}}|\d{{2}})(?![\w/]|\.\d)",
            self._h_numeric, 2)
        add("month-day-year",
            rf"(?:(?P<wd>{WD})\.?,?{SP})?(?P<mon>{MON}){SP}(?P<day>{DAYN}){ORD}\b,?(?:{SP}of)?{SP}(?P<year>{YEAR})",
            self._h_mdy, 5)
        add("day-month-year",
            rf"(?:(?P<wd>{WD}),?{SP})?{B}(?:the{SP})?(?P<day>{DAYN}){ORD}{SP}(?:of{SP})?(?P<mon>{MON}),?{SP}"
            rf"(?P<year>{YEAR})", self._h_mdy, 5)
        add("day-range",
            rf"{B}(?:the{SP})?(?P<d1>{DAYN}){ORD}{SPO}(?:{DASH}|{SP}(?:to|and|through){SP}){SPO}(?P<d2>{DAYN}){ORD}{SP}(?:of{SP})?"
            rf"(?P<mon>{MON})(?:,?{SP}(?P<year>{YEAR}))?", self._h_day_range, 6)
        add("day-range",
            rf"(?P<mon>{MON}){SP}(?P<d1>{DAYN}){ORD}{SPO}(?:{DASH}|{SP}(?:to|and|through){SP}){SPO}(?P<d2>{DAYN}){ORD}"
            rf"(?![\d:])(?:,?{SP}(?P<year>{YEAR}))?", self._h_day_range, 6)
        add("month-day",
            rf"(?:(?P<wd>{WD})\.?,?{SP})?(?P<mon>{MON}){SP}(?P<day>{DAYN}){ORD}\b(?![:.]\d)(?!{SP}(?:percent|%|people|years?)\b)"
            rf"{YREL}", self._h_md, 4)
        add("day-month",
            rf"(?:(?P<wd>{WD}),?{SP})?{B}(?:the{SP})?(?P<day>{DAYN}){ORD}{SP}(?:of{SP})?(?P<mon>{MON}){YREL}",
            self._h_md, 4)
        add("month-year", rf"(?P<mon>{MON})(?:{SP}of)?,?{SP}(?P<year>{YEAR})", self._h_month_year, 4)
        add("month-relative-year",
            rf"(?P<mon>{self.MONF})(?:{SP}of)?{SP}(?P<yrel>this|last|next|that|the{SP}same){SP}year\b",
            self._h_month_year, 4)

    def _add_period_rules(self, lex: dict) -> None:
        """Months, parts of months and years, decades, centuries, years and year ranges, seasons."""
        add, B, MONF = self.add, self.B, self.MONF
        YQ = (rf"(?:,?{SP}(?:of{SP})?(?P<year>{YEAR})|{SP}(?:of{SP})?(?P<yrel>this|last|next|that|the{SP}same)"
              rf"{SP}year\b)")
        pom, poy = _alt(lex["part_of_month"]), _alt(lex["part_of_year"])
        add("month-range", rf"(?P<mon>{MONF}){SP}(?:and|to|through|until|{DASH}){SP}?(?P<mon2>{MONF}){YQ}?",
            self._h_month_range, 5)
        add("part-of-month", rf"\b(?P<part>{pom}){SPO}(?:-{SPO})?(?:the{SP})?(?P<mon>{MONF}){YQ}?", self._h_part_month, 5)
        add("month-relative", rf"\b(?P<rel>last|this|next|this{SP}past|past){SP}(?P<mon>{MONF})", self._h_month_rel, 4)
        add("month", rf"\b(?P<mon>{MONF})(?!{SP}?\d)(?![\w'\u2019-])", self._h_month, 1)
        add("year-part", rf"\b(?P<part>{poy}|earlier|later){SPO}(?:-{SPO})?(?:(?P<year>{YEAR})|(?P<yrel>this|last|next){SP}year\b|(?P<theyear>the{SP}year)\b)",
            self._h_year_part, 5)
        add("decade",
            rf"(?:\bthe{SP})?(?:\b(?P<part>early|mid|late){SPO}(?:-{SPO})?)?{B}(?P<dec>(?:1[89]|20)\d0)['\u2019]?s\b",
            self._h_decade, 4)
        add("decade", rf"\bthe{SP}(?:(?P<part>early|mid|late){SPO}(?:-{SPO})?)?['\u2019](?P<dec2>\d0)s\b", self._h_decade, 4)
        add("century",
            rf"\b(?:the{SP})?(?:(?P<part>early|mid|late){SPO}(?:-{SPO})?)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>"
            rf"{_alt(lex['ordinal_words'])}))"
            rf"{SPO}(?:-{SPO})?century\b", self._h_century, 4)
        add("year-range",
            rf"{B}(?P<y1>{YEAR}){SPO}(?:{DASH}|/|{SP}(?:to|and|through|until){SP}){SPO}(?P<y2>{YEAR}|\d{{2}}(?!\d))"
            rf"(?![\w\-\u2013/%])(?!{SP}?%)", self._h_year_range, 3)
        add("year", rf"{B}(?P<year>{YEAR})(?![\w\-\u2013/%])(?!{SP}?%)(?![.,]\d)", self._h_year, 0)
        add("season",
            rf"\b(?:(?P<the>the){SP})?(?:(?P<part>early|mid|late){SPO}(?:-{SPO})?)?(?:(?P<rel>this{SP}past|this|last|next|past){SP})?"
            rf"(?P<season>{_alt(lex['seasons'])})\b(?:(?:{SP}of)?,?{SP}(?P<year>{YEAR})|{SP}(?:of{SP})?(?P<yrel>this|last|next){SP}year\b)?",
            self._h_season, 3)

    def _add_relative_rules(self, lex: dict) -> None:
        """Days and units relative to publication, weekdays, "N days ago", offsets, holidays."""
        add, NUM = self.add, self.NUM
        rel_days = _alt(k for k, v in lex["relative_days"].items() if v is not None)
        dirs, vague = _alt(lex["offset_directions"]), _alt(lex["vague_numbers"])
        hol = _alt(list(lex["holidays_fixed"]) + list(lex["holidays_nth_weekday"]) + list(lex["holidays_easter"]))
        add("relative-day",
            rf"\b(?P<w>{rel_days})(?:{SP}(?P<dp>morning|afternoon|evening|night))?\b(?!{SP}?%)", self._h_rel_day, 3)
        add("weekday",
            rf"(?:\b(?P<on>on){SP})?(?:\b(?P<rel>this{SP}past|last|this|next|past){SP})?(?:\b(?P<part>"
            rf"{_alt(lex['day_part_prefixes'])}){SP})?(?:\bon{SP})?"
            rf"\b(?P<wd>{self.WD})(?:{SP}(?P<dp>{_alt(lex['day_parts'])})\b)?", self._h_weekday, 2)
        add("relative-unit",
            rf"\b(?<!the )(?<!the\u00a0)(?P<rel>this{SP}past|last|this|next|past|previous|coming|current){SP}"
            rf"(?P<unit>week|month|year|weekend)\b(?!{SP}(?:old|long)\b)", self._h_rel_unit, 3)
        add("weekend", rf"\b(?:over|during|on|at|for){SP}(?P<w>the{SP}weekend)\b", self._h_weekend, 2)
        add("ago",
            rf"\b(?P<n>{NUM}|{vague})(?:{SP}(?:to|or){SP}(?P<n2>{NUM}))?{SPO}(?:-{SPO})?(?P<unit>day|week|month|year|decade)s?"
            rf"{SP}ago\b", self._h_ago, 4)
        add("offset-from-previous",
            rf"\b(?P<n>{NUM}){SPO}(?:-{SPO})?(?P<unit>day|week|month|year|decade)s?{SP}(?P<dir>{dirs})\b",
            self._h_offset, 3)
        add("offset-from-previous", rf"\b(?P<w>{_alt(lex['anaphoric_days'])})\b", self._h_anaphoric, 3)
        add("holiday", rf"\b(?P<h>{hol})\b(?:,?{SP}(?:of{SP})?(?P<year>{YEAR}))?", self._h_holiday, 4)

    _MONTH_RULES = ("month-day-year", "day-month-year", "day-range", "month-day", "day-month", "month-year",
                    "month-relative-year", "month-range", "part-of-month", "month-relative", "month")

    def _index_anchors(self, lex: dict) -> None:
        """Each rule runs only near its anchors (a digit, a month name ...): scanning every position of a long
        text with ~30 case-insensitive alternations is what costs time. `kind_of`: word -> anchor kinds."""
        kind_of: dict[str, set] = {}

        def kind(words, k):
            for w in words:
                kind_of.setdefault(w, set()).add(k)
        hol_words = set()
        for key in list(lex["holidays_fixed"]) + list(lex["holidays_nth_weekday"]) + list(lex["holidays_easter"]):
            hol_words.update(re.findall(r"[a-z]+", key.lower()))
        kind(hol_words - set(lex["anchor_words"]["not_holiday"]), "holiday")
        for k in ("dayword", "unit", "ago", "century", "period", "fiscal"):
            kind(lex["anchor_words"][k], k)
        kind(lex["offset_directions"], "dirs")
        kind(lex["seasons"], "season")
        kind(self.weekdays, "weekday")
        kind(self.months, "month")
        self.kind_of = kind_of
        self.anchors = {r: ("month",) for r in self._MONTH_RULES}
        self.anchors.update({
            "iso-date": ("digit",), "numeric-date": ("digit",), "year-range": ("digit",), "year": ("digit",),
            "decade": ("digit",), "year-part": ("digit", "unit"), "century": ("century",), "season": ("season",),
            "relative-day": ("dayword",), "weekday": ("weekday",), "relative-unit": ("unit",),
            "weekend": ("unit",), "ago": ("ago",), "offset-from-previous": ("dirs", "dayword"),
            "holiday": ("holiday",), "period": ("period",), "fiscal-year": ("fiscal",),
            "anaphoric-unit": ("unit", "period"), "coordinated-day": ("month",), "week-of": ("month",),
        })

    def _word_sets(self, lex: dict) -> None:
        """The lexicon's context word lists, as sets and compiled cue patterns."""
        F = self.F
        self.preceders = {w.lower() for w in lex["year_preceders"]}
        self.followers = {w.lower() for w in lex["year_followers"]}
        self.not_after_year = {w.lower() for w in lex["not_after_year"]}
        self.address_words = {w.lower() for w in lex["address_words"]}
        self.not_before_year = {w.lower() for w in lex["not_before_year"]}
        self.vehicle_makes = {w.lower() for w in lex.get("vehicle_makes", [])}
        self.ctx_month_words = {w.lower() for w in lex["months_needing_context"]}
        self.month_preceders = set(lex["month_preceders"])
        self.season_preceders = set(lex["season_preceders"])
        self.not_weekday_prefix = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["weekday_name_prefixes"]))
                                             + r")\s*$")
        self.not_named = set(lex["offset_not_named"])
        self.limits = lex["limits"]
        self.not_after_may_day = set(lex["not_after_may_day"])
        words = [w for w in lex["months"] if w not in lex["months_needing_context"]] + list(lex["weekdays"])
        words = [w.capitalize() for w in words] + [w.upper() for w in words]
        self.rx_date_word = re.compile(r"\b" + _alt(words) + r"\b")
        self.rx_not_dated = re.compile(r"\b" + _alt(lex["not_dated_words"]) + r"\b", F)
        self.rx_future = re.compile(r"(?<![\w'\u2019])" + _alt(lex["future_cues"]) + r"\b", F)
        self.rx_other = re.compile(r"\b" + _alt(lex["other_topic_cues"]) + r"\b", F)
        self.rx_since = re.compile(_alt(lex["context_since"]) + rf"{SP}(?:(?:on|the|about|around|early|late|mid){SP})*$", F)
        self.rx_until = re.compile(r"\b" + _alt(lex["context_until"]) + rf"{SP}(?:(?:the|early|late|mid){SP})*$", F)
        self.rx_comparison = re.compile(r"\b" + _alt(lex["comparison_cues"]) + r"\b", F)
        self._sports_words = set(lex["period_sports_words"])
        # "for Thursday", "until 8 p.m. Friday", "as soon as Monday": a planned day (a clock time may come between)
        self.rx_planned = re.compile(r"\b" + _alt(lex["planned_day_cues"]) + rf"{SP}(?:\d{{1,2}}(?::\d\d)?{SPO}"
                                     rf"(?:[ap]\.?m\.?{SPO})?(?:[A-Z]{{2,4}}{SP})?)?$", F)

    # ------------------------------------------------------------------ helpers
    def _mon(self, s: str) -> Optional[int]:
        return self.months.get(s.lower().rstrip("."))

    @staticmethod
    def _cap(s: str) -> bool:
        return bool(s) and s[0].isupper()

    def _wd(self, s: Optional[str]) -> Optional[int]:
        if not s:
            return None
        return self.weekdays.get(s.lower().rstrip("."))

    def _num(self, s: str) -> Optional[int]:
        s = re.sub(r"\s+", " ", s.lower())
        if s.isdigit():
            return int(s)
        return self.nums.get(s)

    @staticmethod
    def _word_before(text: str, pos: int) -> str:
        m = re.search(r"([A-Za-z/]+)[ \t\u00a0\u202f]*$", text[max(0, pos - 30):pos])
        return m.group(1).lower() if m else ""

    @staticmethod
    def _word_after(text: str, pos: int) -> str:
        m = re.match(r"[ \t\u00a0\u202f]*([A-Za-z%]+)", text[pos:pos + 30])
        return m.group(1) if m else ""

    # ------------------------------------------------------------------ handlers: (match, text) -> Cand | None
    def _h_iso(self, m, text, rule=None):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if not d:
            return None
        return Cand(m.start(), m.end(), "iso-date", lambda c: (d, d, "day", False, "iso-date"), absolute_day=True)

    def _h_numeric(self, m, text, rule=None):
        a, b, y = int(m["a"]), int(m["b"]), m["y"]
        pivot = self.limits["two_digit_year_pivot"]
        year = int(y) if len(y) == 4 else 2000 + int(y) if int(y) < pivot else 1900 + int(y)
        if m["sep"] == "." and len(y) == 2:
            return None  # "3.5.16" is more often a version or a score than a date
        mon, day = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
        d = _safe_date(year, mon, day)
        if not d:
            return None
        return Cand(m.start(), m.end(), "numeric-date", lambda c: (d, d, "day", False, "numeric-date"), absolute_day=True)

    def _h_mdy(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon, y, dd = self._mon(m["mon"]), int(m["year"]), int(m["day"])
        d = _safe_date(y, mon, dd)
        if not d:
            return None
        start = self._start_after_wd(m, text)
        return Cand(start, m.end(), rule, lambda c: (d, d, "day", False, rule), absolute_day=True)

    def _start_after_wd(self, m, text: str) -> int:
        """Start of the match, past a weekday group that is not a capitalised weekday name."""
        if m["wd"] and not self._cap(m["wd"]):
            return self._lstrip(text, m.end("wd"), m.end())
        return m.start()

    def _lstrip(self, text: str, start: int, end: int) -> int:
        while start < end and text[start] in " \t\u00a0\u202f,.":
            start += 1
        return start

    def _h_day_range(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon, d1, d2 = self._mon(m["mon"]), int(m["d1"]), int(m["d2"])
        if not d1 < d2:
            return None
        joined = text[m.end("d1"):m.start("d2")]
        if re.search(r"\band\b", joined, re.I) and self._word_before(text, m.start()) != "between":
            return None  # "on March 3 and 5": two days (coordinated-day), not a range
        year = int(m["year"]) if m["year"] else None

        info: dict = {"tensed": year is None}

        def res(c: Ctx, year=year):
            y = year if year is not None else self._infer_year(mon, d1, c, None, info.get("tense"))
            if y is None:
                return None, None, "range", True, "day-range"
            a, b = _safe_date(y, mon, d1), _safe_date(y, mon, d2)
            if not (a and b):
                return None
            return a, b, "range", year is None, "day-range"
        return Cand(m.start(), m.end(), "day-range", res, absolute_day=year is not None, extra=info)

    def _infer_year(self, mon: int, day: int, c: Ctx, wd: Optional[int], tense: Optional[str] = None) -> Optional[int]:
        """Year of a year-less month-day: closest to the publication date, the past preferred (the future in a
        future clause: "will be sentenced on March 3")."""
        anchor = c.published or c.text_anchor
        if anchor is None:
            return None
        cands = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, mon, day))]
        if wd is not None:
            matching = [d for d in cands if d.weekday() == wd]
            cands = matching or cands
        future_weight = self.limits["future_year_weight"] if c.published else 1
        past_weight = 1
        if tense == "future" and c.published:
            past_weight, future_weight = future_weight, 1

        def cost(d: date) -> int:
            delta = (anchor - d).days
            return delta * past_weight if delta >= 0 else -delta * future_weight
        return min(cands, key=cost).year if cands else None

    def _h_md(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon, dd = self._mon(m["mon"]), int(m["day"])
        if _safe_date(2016, mon, dd) is None:
            return None
        wd = self._wd(m["wd"]) if m["wd"] and self._cap(m["wd"]) else None
        start = self._start_after_wd(m, text)
        # "the 5 May be ..." at a sentence start: the modal after a number, not a date
        if rule == "day-month" and self._mon(m["mon"]) == 5 and self._word_after(text, m.end()).lower() in self.not_after_may_day:
            return None

        yrel = m.groupdict().get("yrel")
        info: dict = {"tensed": not yrel}

        def res(c: Ctx):
            if yrel:
                y = self._yrel(yrel, c)
                d = _safe_date(y, mon, dd) if y else None
                return d, d, "day", True, rule
            if c.published is None and c.text_anchor is None:
                return None, None, "day", True, rule
            y = self._infer_year(mon, dd, c, wd, info.get("tense"))  # None: no year near the anchor has the day
            d = _safe_date(y, mon, dd) if y else None
            return d, d, "day", True, rule if c.published else rule + "-year-from-text"
        return Cand(start, m.end(), rule, res, extra=info)

    def _yrel(self, s: Optional[str], c: Ctx) -> Optional[int]:
        """Year of 'this|last|next|that|the same year' (None when it cannot be known)."""
        s = re.sub(r"\s+", " ", (s or "").lower())
        if s in ("that", "the same"):
            prev = c.prev
            return to_date(prev["start"]).year if prev and prev.get("start") else None
        if c.published is None:
            return None
        return c.published.year + {"this": 0, "last": -1, "next": 1}[s]

    def _h_month_year(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon = self._mon(m["mon"])
        year = m.groupdict().get("year")
        yrel = m.groupdict().get("yrel")

        def res(c: Ctx):
            y = int(year) if year else self._yrel(yrel, c)
            rule = "month-year" if year else "month-relative-year"
            if y is None:
                return None, None, "month", bool(yrel), rule
            a, b = _month_interval(y, mon)
            return a, b, "month", bool(yrel), rule
        return Cand(m.start(), m.end(), "month-year", res)

    def _nearest_past_month(self, mon: int, c: Ctx, rel: str = "", tense: Optional[str] = None) -> Optional[int]:
        """Year of a year-less month: the latest such month on or before publication; in a future clause
        ("elections will be held in March") the next one from publication on."""
        if c.published is None:
            return None
        p = c.published
        if rel in ("last", "past", "this past"):
            return p.year if mon < p.month else p.year - 1
        if rel == "next":
            return p.year if mon > p.month else p.year + 1
        if rel == "this":
            return p.year
        if tense == "future":
            return p.year if mon >= p.month else p.year + 1
        if tense == "present" and self.lex.get("tense_present_nearest_month"):
            # "when the appeal comes up in May": the nearer of the two, the past on a tie
            ahead, back = (mon - p.month) % 12, (p.month - mon) % 12
            if 0 < ahead < back:
                return p.year if mon > p.month else p.year + 1
        return p.year if mon <= p.month else p.year - 1

    def _h_month_range(self, m, text, rule=None):
        if not (self._cap(m["mon"]) and self._cap(m["mon2"])):
            return None
        m1, m2 = self._mon(m["mon"]), self._mon(m["mon2"])
        if m1 >= m2:
            return None
        joined = text[m.end("mon"):m.start("mon2")].strip(" \t\u00a0\u202f").lower()
        if joined == "and" and m2 != m1 + 1 and self._word_before(text, m.start()) != "between":
            return None  # "in February and June": two months, each found by the month rules
        year, yrel = m["year"], m["yrel"]
        info: dict = {"tensed": not (year or yrel)}

        def res(c: Ctx):
            y = int(year) if year else self._yrel(yrel, c) if yrel else \
                self._nearest_past_month(m2 if info.get("tense") != "future" else m1, c, tense=info.get("tense"))
            if y is None:
                return None, None, "range", True, "month-range"
            return date(y, m1, 1), date(y, m2, _last_day(y, m2)), "range", not year, "month-range"
        return Cand(m.start(), m.end(), "month-range", res, extra=info)

    def _h_part_month(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon = self._mon(m["mon"])
        part = re.sub(r"\s+", " ", m["part"].lower())
        lo, hi = self.lex["part_of_month"][part]
        year, yrel = m["year"], m["yrel"]
        start = m.start()
        if part in ("mid", "early", "late") and text[start:start + 4].lower() == "the ":
            start += 4
        info: dict = {"tensed": not (year or yrel)}

        def res(c: Ctx):
            y = int(year) if year else self._yrel(yrel, c) if yrel else \
                self._nearest_past_month(mon, c, tense=info.get("tense"))
            if y is None:
                return None, None, "part_of_month", True, "part-of-month"
            last = _last_day(y, mon)
            return date(y, mon, min(lo, last)), date(y, mon, min(hi, last)), "part_of_month", not year, "part-of-month"
        return Cand(start, m.end(), "part-of-month", res, extra=info)

    def _h_month_rel(self, m, text, rule=None):
        if not self._cap(m["mon"]):
            return None
        mon = self._mon(m["mon"])
        rel = re.sub(r"\s+", " ", m["rel"].lower())

        def res(c: Ctx):
            y = self._nearest_past_month(mon, c, rel)
            if y is None:
                return None, None, "month", True, "month-relative"
            a, b = _month_interval(y, mon)
            return a, b, "month", True, "month-relative"
        return Cand(m.start(), m.end(), "month-relative", res)

    def _h_month(self, m, text, rule=None):
        word = m["mon"]
        if not self._cap(word):
            return None
        mon = self._mon(word)
        before = self._word_before(text, m.start())
        after = self._word_after(text, m.end())
        if word.lower() in self.ctx_month_words and before not in self.month_preceders:
            return None
        if after[:1].isupper() and self._mon(after) is None and after.lower() not in self.weekdays:
            return None  # "June Smith", "April Ransom", "March Madness"
        info: dict = {"tensed": True}

        def res(c: Ctx):
            y = self._nearest_past_month(mon, c, tense=info.get("tense"))
            if y is None:
                return None, None, "month", True, "month"
            a, b = _month_interval(y, mon)
            return a, b, "month", True, "month"
        return Cand(m.start(), m.end(), "month", res, extra=info)

    def _h_year_part(self, m, text, rule=None):
        part = re.sub(r"\s+", " ", m["part"].lower())
        year, yrel, theyear = m["year"], m["yrel"], m["theyear"]
        if theyear and part in ("earlier", "later"):
            return None  # "later the year": no date

        def res(c: Ctx):
            # a part of "the year" (its middle, its end): of the publication year, else of the last date's year
            y = int(year) if year else self._yrel(yrel if yrel else "this" if c.published else "that", c)
            if y is None:
                return None, None, "approximate", True, "year-part"
            if part in ("earlier", "later"):
                p = c.published if (c.published and c.published.year == y) else None
                if part == "earlier":
                    return date(y, 1, 1), (p or date(y, 12, 31)), "approximate", True, "year-part"
                return (p or date(y, 1, 1)), date(y, 12, 31), "approximate", True, "year-part"
            lo, hi = self.lex["part_of_year"][part]
            return date(y, lo, 1), date(y, hi, _last_day(y, hi)), "approximate", not year, "year-part"
        return Cand(m.start(), m.end(), "year-part", res)

    def _h_decade(self, m, text, rule=None):
        if m.groupdict().get("dec"):
            dec = int(m["dec"])
        else:
            d2 = int(m["dec2"])
            dec = 1900 + d2 if d2 >= self.limits["two_digit_decade_pivot"] else 2000 + d2
        part = (m["part"] or "").lower()
        lo, hi = self.lex["part_of_decade"].get(part, [0, 9])
        rule = "decade-part" if part else "decade"
        return Cand(m.start(), m.end(), rule,
                    lambda c: (date(dec + lo, 1, 1), date(dec + hi, 12, 31), "decade", False, rule))

    def _h_century(self, m, text, rule=None):
        n = int(m["n"]) if m["n"] else self.lex["ordinal_words"].get(m["w"].lower())
        if not n or n > 21:
            return None
        first = (n - 1) * 100
        part = (m["part"] or "").lower()
        lo, hi = self.lex["part_of_century"].get(part, [0, 99])
        if first + lo < 1:
            return None
        return Cand(m.start(), m.end(), "century",
                    lambda c: (date(first + lo, 1, 1) if first + lo >= 1 else None, date(first + hi, 12, 31),
                               "century", False, "century"))

    def _h_year_range(self, m, text, rule=None):
        y1 = int(m["y1"])
        y2s = m["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not (y1 < y2 <= y1 + self.limits["max_year_range"]):
            return None
        if self._word_after(text, m.end()).lower() in self.not_after_year:
            return None
        joined = text[m.end("y1"):m.start("y2")].strip(" \t\u00a0\u202f").lower()
        if joined == "and" and self._word_before(text, m.start()) != "between":
            return None  # "in 2008 and 2012": two years, each found by the year rule
        return Cand(m.start(), m.end(), "year-range",
                    lambda c: (date(y1, 1, 1), date(y2, 12, 31), "range", False, "year-range"))

    def _h_year(self, m, text, rule=None):
        y = int(m["year"])
        before = self._word_before(text, m.start())
        after = self._word_after(text, m.end())
        if after.lower() in self.not_after_year or before in self.not_before_year:
            return None
        if after.lower() in self.vehicle_makes and before not in self.preceders:
            return None  # "a 2006 Suzuki": a model year
        nxt = re.findall(r"[A-Za-z]+", text[m.end():m.end() + 40])[:3]
        if any(w.lower() in self.address_words for w in nxt):
            return None
        prev_char = text[max(0, m.start() - 1):m.start()]
        ok = before in self.preceders or (prev_char == "(" and text[m.end():m.end() + 1] == ")")
        if not ok:
            head = text[max(0, m.start() - 3):m.start()]
            sentence_start = m.start() == 0 or bool(re.search(r"(?:[.!?]\s+|\n\s*)$", head + " " if not head else head))
            if sentence_start and (text[m.end():m.end() + 1] == "," or after.lower() in self.followers):
                ok = True
        cand = Cand(m.start(), m.end(), "year",
                    lambda c: (date(y, 1, 1), date(y, 12, 31), "year", False, "year"))
        cand.extra["needs_ent"] = not ok
        return cand

    def _h_season(self, m, text, rule=None):
        season = m["season"].lower()
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        year, yrel, part = m["year"], m["yrel"], (m["part"] or "").lower()
        before = self._word_before(text, m.start())
        qualified = bool(year or yrel or rel)
        if not qualified:
            if season == "fall" and not m["the"]:
                return None  # "prices fall"
            if before not in self.season_preceders:
                return None
            if re.match(rf"{SP}of\b", text[m.end():m.end() + 5]):
                return None  # "the fall of the regime"
        lo, hi = self.lex["seasons"][season]
        info: dict = {"tensed": not (year or yrel or rel)}

        def res(c: Ctx):
            if year:
                y = int(year)
            elif yrel:
                y = self._yrel(yrel, c)
            elif c.published is None:
                y = None
            else:
                p = c.published
                # the season of the publication year, or the latest one that has started before publication
                y = p.year if (p.month >= lo or lo == 12 and p.month <= 2) else p.year - 1
                if lo == 12 and p.month <= 2:
                    y = p.year - 1
                if rel == "next":
                    y += 1
                elif rel in ("last", "past") and (lo <= p.month <= (hi if hi >= lo else 12) or (lo == 12 and p.month <= 2)):
                    y -= 1
                elif not rel and info.get("tense") == "future" and \
                        (date(y + 1, hi, 1) if hi < lo else date(y, hi, 1)) < date(p.year, p.month, 1):
                    y += 1  # "will reopen in the spring": the next spring that has not ended
            if y is None:
                return None, None, "season", True, "season"
            a = date(y, lo, 1)
            b = date(y + 1, hi, _last_day(y + 1, hi)) if hi < lo else date(y, hi, _last_day(y, hi))
            if part:
                span = (b - a).days // 3
                a, b = {"early": (a, a + timedelta(days=span)), "mid": (a + timedelta(days=span), b - timedelta(days=span)),
                        "late": (b - timedelta(days=span), b)}[part]
            return a, b, "season", not year, "season"
        return Cand(m.start(), m.end(), "season", res, extra=info)  # "the summer of 2012" keeps "the"

    def _h_rel_day(self, m, text, rule=None):
        w = re.sub(r"\s+", " ", m["w"].lower())
        off = self.lex["relative_days"].get(w)
        if off is None:
            return None
        word = m["w"]
        if word[0].isupper() and not word.isupper():
            head = text[max(0, m.start() - 3):m.start()]
            prev = re.search(r"([A-Za-z]+)[ \t\u00a0]+$", text[max(0, m.start() - 20):m.start()])
            if prev and prev.group(1)[0].isupper() and not re.search(r"[.!?\n\"\u201c]\s*$", head):
                return None  # "USA Today", "Fox News Sunday": a name, not a date

        def res(c: Ctx):
            if c.published is None:
                return None, None, "day", True, "relative-day"
            d = c.published + timedelta(days=off)
            return d, d, "day", True, "relative-day"
        return Cand(m.start(), m.end(), "relative-day", res)

    def _h_weekday(self, m, text, rule=None):
        if not self._cap(m["wd"]):
            return None
        wd = self._wd(m["wd"])
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        before = text[max(0, m.start() - 12):m.start()].lower()
        if self.not_weekday_prefix.search(before) and not m["on"]:
            return None  # "Black Friday", "Bloody Sunday": names, handled as holidays or not dates
        start = m.start()
        # "called a meeting for Thursday", "closed until Wednesday": the weekday is a planned day (not "for
        # Thursday's victims", a possessive of a past day)
        planned = not rel and not m["on"] and bool(self.rx_planned.search(text[max(0, m.start() - 40):m.start()])) \
            and not re.match(r"['\u2019]s\b", text[m.end():m.end() + 3])
        # "Monday's verdict": a day named for a noun, not for the verb's tense (the latest such day)
        possessive = bool(re.match(r"['\u2019]s\b", text[m.end():m.end() + 3]))
        info: dict = {"tensed": rel in ("", "this") and not possessive}
        present_future = self.lex.get("tense_present_future", False)

        def res(c: Ctx):
            # the tense of the governing verb (else a future cue before it): future -> after publication
            tense = info.get("tense")
            future = rel == "next" or planned or (rel in ("", "this") and (
                tense == "future" or (tense == "present" and present_future)))
            rule = "weekday-after-publication" if future else "weekday-before-publication"
            if c.published is None:
                return None, None, "day", True, rule
            p = c.published
            if future and rel != "next":
                # the next such day after publication ("closed until Wednesday" on a Wednesday: a week on); in
                # the present tense ("the court sits on Tuesday") the publication day itself
                today = 0 if tense == "present" and not planned else 7
                d = p + timedelta(days=(wd - p.weekday()) % 7 or today)
                return d, d, "day", True, rule
            if rel == "next":
                delta = (wd - p.weekday()) % 7 or 7
                d = p + timedelta(days=delta)
                return d, d, "day", True, "weekday-after-publication"
            delta = (p.weekday() - wd) % 7
            if rel in ("last", "past", "this past") and delta == 0:
                delta = 7
            d = p - timedelta(days=delta)
            return d, d, "day", True, rule
        return Cand(start, m.end(), "weekday", res, extra=info)

    def _h_rel_unit(self, m, text, rule=None):
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        unit = m["unit"].lower()
        k = -1 if rel in ("last", "past", "previous", "this past") else 1 if rel in ("next", "coming") else 0
        if rel == "past" and unit != "weekend":
            return None  # "past year" without "the" is still a duration more often than a date
        start = m.start()

        def res(c: Ctx):
            if c.published is None:
                gran = {"week": "week", "month": "month", "year": "year", "weekend": "range"}[unit]
                return None, None, gran, True, "relative-unit"
            p = c.published
            if unit == "year":
                return date(p.year + k, 1, 1), date(p.year + k, 12, 31), "year", True, "relative-unit"
            if unit == "month":
                y, mo = _add_months(p.year, p.month, k)
                a, b = _month_interval(y, mo)
                return a, b, "month", True, "relative-unit"
            if unit == "week":
                monday = p - timedelta(days=p.weekday()) + timedelta(weeks=k)
                return monday, monday + timedelta(days=6), "week", True, "relative-unit"
            sat = p - timedelta(days=(p.weekday() - 5) % 7)
            if k < 0 and p.weekday() >= 5 and rel == "last":
                sat -= timedelta(days=7)
            if k > 0:
                sat = p + timedelta(days=(5 - p.weekday()) % 7 or 7)
            return sat, sat + timedelta(days=1), "range", True, "relative-unit"
        return Cand(start, m.end(), "relative-unit", res)

    def _h_weekend(self, m, text, rule=None):
        def res(c: Ctx):
            if c.published is None:
                return None, None, "range", True, "weekend"
            p = c.published
            sat = p - timedelta(days=(p.weekday() - 5) % 7)
            return sat, sat + timedelta(days=1), "range", True, "weekend"
        return Cand(m.start("w"), m.end(), "weekend", res)

    def _h_ago(self, m, text, rule=None):
        ns = re.sub(r"\s+", " ", m["n"].lower())
        vague = self.lex["vague_numbers"].get(ns)
        if vague:
            lo, hi = vague
        else:
            lo = self._num(ns)
            hi = self._num(m["n2"]) if m["n2"] else lo
        if lo is None or hi is None or hi < lo or hi > self.limits["max_ago_count"]:
            return None
        unit = m["unit"].lower()
        approx = bool(vague) or hi != lo
        compare = unit == "year" and not approx and self._comparison(text, m.start())

        def shift(p: date, n: int) -> date:
            if unit == "day":
                return p - timedelta(days=n)
            if unit == "week":
                return p - timedelta(weeks=n)
            months = n * {"month": 1, "year": 12, "decade": 120}[unit]
            y, mo = _add_months(p.year, p.month, -months)
            return date(y, mo, min(p.day, _last_day(y, mo)))

        def res(c: Ctx):
            gran = "approximate" if approx else {"day": "day", "week": "week", "month": "month", "year": "year",
                                                  "decade": "approximate"}[unit]
            if compare:  # "up from  a year ago": the compared date's period a year before
                same = self.same_period_years_before(c, text, m.start(), -hi)
                if same:
                    return same[0], same[1], same[2], True, "year-earlier-same-period"
            if c.published is None:
                return None, None, gran, True, "ago"
            p = c.published
            a, b = shift(p, hi), shift(p, lo)
            if approx:
                return a, b, gran, True, "ago"
            if unit == "day":
                return a, a, gran, True, "ago"
            if unit == "week":
                monday = a - timedelta(days=a.weekday())
                return monday, monday + timedelta(days=6), gran, True, "ago"
            if unit == "month":
                x, y_ = _month_interval(a.year, a.month)
                return x, y_, gran, True, "ago"
            if unit == "year":
                return date(a.year, 1, 1), date(a.year, 12, 31), gran, True, "ago"
            # "three decades ago": about the year pub - 30 (not the whole decade of 1990-1999)
            return date(a.year, 1, 1), date(a.year, 12, 31), "approximate", True, "ago"
        return Cand(m.start(), m.end(), "ago", res)

    def _prev_anchor(self, c: Ctx) -> Optional[tuple[date, str]]:
        prev = c.prev
        if not prev or not prev.get("start"):
            return None
        return to_date(prev["start"]), prev["granularity"]

    def _refers_forward(self, m, text: str) -> bool:
        """'N days before/after X', 'the day after X': X (not the previous date) is the reference."""
        tail = m.group(0).lower().rstrip()
        if not (tail.endswith("before") or tail.endswith("after")):
            return False
        return bool(re.match(r"[ \t\u00a0\u202f]+[\w$\"\u201c'\u2019]", text[m.end():m.end() + 3]))

    _NAMED = re.compile(r"[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+([a-z][a-z-]+)\b(?:[ \t\u00a0]+([a-z][a-z-]+)\b)?"
                        r"(?=[ \t\u00a0]*(?:[,;.:)\n\"\u201d]|$)|[ \t\u00a0]+(?:and|or|but|in|on|at|near|of|to|when|while|as|"
                        r"which|that|who|was|were|had|has|is|by|with|from|for)\b)")
    def _named_reference(self, m, text: str) -> int:
        """'a week after the raid', 'two days before the ambush': the definite incident counted from belongs to
        the expression (its end offset, else m.end())."""
        tail = m.group(0).lower().rstrip()
        if not (tail.endswith("before") or tail.endswith("after")):
            return m.end()
        nm = self._NAMED.match(text, m.end())
        if not nm or any(w and w in self.not_named for w in nm.groups()) or \
                (nm.group(2) and nm.group(2) in ("and", "or", "but")):
            return m.end()
        return nm.end()

    def _offset_cand(self, m, text, n: int, unit: str, sign: int) -> Cand:
        forward = self._refers_forward(m, text)
        end = self._named_reference(m, text)
        named = end != m.end()  # counted from a named incident: its date is the linker's to find
        compare = unit == "year" and not (forward or named) and self._comparison(text, m.start())

        def res(c: Ctx):
            if compare:  # "against  a year earlier": the compared date's period a year before
                same = self.same_period_years_before(c, text, m.start(), sign * n)
                if same:
                    return same[0], same[1], same[2], True, "year-earlier-same-period"
            rule = "offset-from-next" if forward else "offset-from-previous"
            anchor = None if named else self._prev_anchor(c)
            r = apply_offset(anchor[0], anchor[1], sign * n, unit) if anchor else None
            if r is None:
                return None, None, "approximate" if unit == "decade" else unit, True, rule
            return r[0], r[1], r[2], True, rule
        cand = Cand(m.start(), end, "offset-from-previous", res)
        cand.extra["anchor_next"] = forward and not named
        cand.extra["offset"] = [sign * n, unit]
        return cand

    def _h_offset(self, m, text, rule=None):
        n = self._num(m["n"])
        if n is None or n > self.limits["max_offset_count"]:
            return None
        sign = self.lex["offset_directions"][m["dir"].lower()]
        return self._offset_cand(m, text, n, m["unit"].lower(), sign)

    def _h_anaphoric(self, m, text, rule=None):
        w = re.sub(r"\s+", " ", m["w"].lower())
        off = self.lex["anaphoric_days"][w]
        return self._offset_cand(m, text, abs(off), "day", -1 if off < 0 else 1)

    def _h_holiday(self, m, text, rule=None):
        h = m["h"]
        core = re.sub(r"(?i)^the\s+", "", h)
        if not core[:1].isupper():
            return None  # "christmas" in lower case is an adjective more often than a date
        key = re.sub(r"\s+", " ", h.lower()).replace("\u2019", "'")
        year = int(m["year"]) if m["year"] else None
        lex = self.lex

        def on(y: int) -> date:
            if key in lex["holidays_fixed"]:
                mo, d = lex["holidays_fixed"][key]
                return date(y, mo, d)
            if key in lex["holidays_nth_weekday"]:
                mo, wd, nth = lex["holidays_nth_weekday"][key]
                return _nth_weekday(y, mo, wd, nth)
            return _easter(y) + timedelta(days=lex["holidays_easter"][key])

        def res(c: Ctx):
            if year:
                d = on(year)
                return d, d, "day", False, "holiday"
            if c.published is None:
                return None, None, "day", True, "holiday"
            p = c.published
            d = on(p.year)
            if d > p + timedelta(days=7):
                d = on(p.year - 1)
            return d, d, "day", True, "holiday"
        return Cand(m.start(), m.end(), "holiday", res, priority=1)

    # ------------------------------------------------------------------ scanning
    BACK, AHEAD = 45, 70  # window around an anchor: no expression (with its look-arounds) reaches further

    def _segments(self, text: str, kinds: tuple[str, ...], cache: dict) -> list[tuple[int, int]]:
        if kinds not in cache:
            if "anchors" not in cache:
                found: dict[str, list[int]] = {}
                kind_of = self.kind_of
                for m in _TOKEN.finditer(text):
                    w = m.group()
                    for k in (("digit",) if w[0].isdigit() else kind_of.get(w.lower(), ())):
                        found.setdefault(k, []).append(m.start())
                cache["anchors"] = found
            pos = sorted(p for k in kinds for p in cache["anchors"].get(k, ()))
            segs: list[list[int]] = []
            for a in pos:
                lo, hi = max(0, a - self.BACK), min(len(text), a + self.AHEAD)
                if segs and lo <= segs[-1][1]:
                    segs[-1][1] = max(segs[-1][1], hi)
                else:
                    segs.append([lo, hi])
            cache[kinds] = [tuple(x) for x in segs]
        return cache[kinds]

    def candidates(self, text: str, ent_spans: Iterable[tuple[int, int]] = ()) -> list[Cand]:
        ents = list(ent_spans)
        out: list[Cand] = []
        cache: dict = {}
        short = len(text) <= 2 * self.BACK
        for rule, rx, handler, prio in self.rules:
            seen: set[tuple[int, int]] = set()
            segments = self._segments(text, self.anchors[rule], cache)
            if short and segments:
                segments = [(0, len(text))]
            for lo, hi in segments:
                for m in rx.finditer(text, lo, hi):
                    if m.span() in seen:
                        continue
                    seen.add(m.span())
                    if m.start() == lo and lo > 0 and (text[lo - 1].isalnum() or text[lo].isspace()):
                        continue  # a window cut through a word: the match from an earlier start is kept
                    try:
                        got = handler(m, text, rule)
                    except CALENDAR_ERRORS as exc:
                        warn(rule, f"date {m.group()[:60]!r} skipped: {type(exc).__name__}: {exc}")
                        continue
                    for cand in (got if isinstance(got, list) else (got,)):  # a list: coordinated dates
                        if cand is None or cand.end_char <= cand.start_char:
                            continue
                        if cand.extra.get("needs_ent"):
                            if not any(s <= cand.start_char and cand.end_char <= e for s, e in ents):
                                continue
                        cand.resolve = _safe(cand.resolve, text[cand.start_char:cand.end_char])
                        cand.priority = prio
                        out.append(cand)
        return _select(out)

    def scan(self, text: str, published=None, ent_spans: Iterable[tuple[int, int]] = ()) -> list[dict]:
        """Every temporal expression in `text`, resolved, in text order."""
        return self.resolve(text, self.candidates(text, ent_spans), published)

    def resolve(self, text: str, cands: list[Cand], published=None,
                skip_anchor: Optional[tuple[int, int]] = None, tense: Optional[Callable] = None) -> list[dict]:
        """Resolve candidates in text order; `skip_anchor` (the dateline) never anchors "two days later".
        `tense(offset)`: the tense of the verb governing an offset (periods.tense_of), for the expressions whose
        direction it decides (`extra["tensed"]`); without it, a future cue in the clause before says "future"."""
        pub = to_date(published)
        # a date stated in the text (first absolute day) anchors year-less month-days when nothing else does
        ctx = Ctx(published=pub, text_anchor=self._first_absolute_day(cands, pub))
        out: list[dict] = []
        deferred: list[tuple[int, Cand]] = []
        for cand in cands:
            if cand.extra.get("tensed"):
                cand.extra["tense"] = (tense(cand.start_char) if tense else None) or self._lexical_tense(text, cand)
            if cand.extra.get("anchor_next"):
                r = cand.resolve(Ctx(published=pub))  # resolved below against the date that follows
                deferred.append((len(out), cand))
            else:
                r = cand.resolve(ctx)
            if r is None:
                continue
            payload = self._payload(text, cand, r)
            out.append(payload)
            in_skip = skip_anchor and cand.start_char < skip_anchor[1] and cand.end_char > skip_anchor[0]
            if r[0] is not None and not in_skip:
                ctx.prev = payload
                if cand.absolute_day:
                    ctx.text_anchor = r[0]
        out = self._merge_ranges(text, out)
        self._resolve_deferred(text, out, deferred, pub)
        return out

    def _lexical_tense(self, text: str, cand: Cand) -> Optional[str]:
        """"future" when a future cue ("will", "is scheduled", "plans to" ...) stands in the clause before."""
        left = text[max(0, cand.start_char - 60):cand.start_char]
        left = re.split(r"[.;!?\n]|,\s+(?:and|but)\b", left)[-1]
        return "future" if self.rx_future.search(left) else None

    @staticmethod
    def _first_absolute_day(cands: list[Cand], pub: Optional[date]) -> Optional[date]:
        for cand in cands:
            if cand.absolute_day:
                r = cand.resolve(Ctx(published=pub))
                if r and r[0]:
                    return r[0]
        return None

    def _payload(self, text: str, cand: Cand, r: tuple) -> dict:
        a, b, gran, relative, rule = r
        payload = {
            "start_char": cand.start_char, "end_char": cand.end_char,
            "start": a.isoformat() if a else None, "end": b.isoformat() if b else None,
            "granularity": gran, "relative": bool(relative), "rule": rule,
            "context": self.context(text, cand.start_char),
        }
        if cand.extra.get("offset"):
            payload["offset"] = cand.extra["offset"]
        return payload

    @staticmethod
    def _resolve_deferred(text: str, out: list[dict], deferred: list[tuple[int, Cand]], pub: Optional[date]) -> None:
        """'three days before June 30': an offset counted from the date right after it (in `out`, in place)."""
        for idx, cand in deferred:
            if idx >= len(out) or out[idx]["start_char"] != cand.start_char:
                continue
            nxt = next((p for p in out if p["start_char"] >= cand.end_char), None)
            if nxt and nxt["start"] and not text[cand.end_char:nxt["start_char"]].strip(" \t\u00a0\u202f"):
                r = cand.resolve(Ctx(published=pub, prev=nxt))
                if r is None:
                    continue
                a, b, gran, relative, rule = r
                out[idx].update(start=a.isoformat() if a else None, end=b.isoformat() if b else None,
                                granularity=gran, rule=rule)

    _RANGE_JOIN = re.compile(r"[ \t\u00a0\u202f]*(?:[-\u2010-\u2014]|to|through|until|till|and)[ \t\u00a0\u202f]*$", re.I)

    def _merge_ranges(self, text: str, out: list[dict]) -> list[dict]:
        """'June 30 - July 2, 2016', 'from June 5 to June 8', 'between May 1 and May 5': one range.

        Two resolved day/month expressions joined by a dash, "to", "through", "until" (or "and" after
        "between"); a year-less first part takes the year of the second.
        """
        merged: list[dict] = []
        i = 0
        while i < len(out):
            p = out[i]
            q = out[i + 1] if i + 1 < len(out) else None
            if (q and p["start"] and q["start"] and p["granularity"] in ("day", "month")
                    and q["granularity"] == p["granularity"] and not p["rule"].startswith("offset")
                    and not q["rule"].startswith("offset")):
                gap = text[p["end_char"]:q["start_char"]]
                word = gap.strip(" \t\u00a0\u202f").lower()
                between = self._word_before(text, p["start_char"]) == "between"
                if self._RANGE_JOIN.match(gap) and len(gap) <= self.limits["range_join_max_gap"] and (word != "and" or between):
                    a, b = to_date(p["start"]), to_date(q["end"])
                    if p["relative"] and not q["relative"] and a.year != b.year:
                        a = _safe_date(b.year, a.month, a.day) or a
                        if a > b:
                            a = _safe_date(b.year - 1, a.month, a.day) or a
                    if a <= b and (b - a).days <= self.limits["max_range_days"]:
                        merged.append({**p, "end_char": q["end_char"], "start": a.isoformat(), "end": b.isoformat(),
                                       "granularity": "range", "relative": p["relative"] and q["relative"],
                                       "rule": "date-range"})
                        i += 2
                        continue
            merged.append(p)
            i += 1
        return merged

    def context(self, text: str, start: int) -> Optional[str]:
        """'since' / 'until' for open intervals, 'other' for a date about an act, a birth ... (see lexicon)."""
        lim = self.limits
        window = text[max(0, start - lim["context_window"]):start]
        cuts = [m.end() for m in _CLAUSE_CUT.finditer(window)]
        clause = window[cuts[-1]:] if cuts else window
        if self.rx_since.search(window[-lim["since_window"]:]):
            return "since"
        if self.rx_until.search(window[-lim["until_window"]:]):
            return "until"
        if self.rx_other.search(clause):
            return "other"
        return None


_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")  # "ObserverDecember" -> Observer, December
_CLAUSE_CUT = re.compile(r"(?<!\b[A-Z])[.!?](?=\s)|[;:\n()\[\]\u2014]")


def apply_offset(a: Optional[date], agran: str, n: int, unit: str) -> Optional[tuple[date, date, str]]:
    """The interval `n` units (day|week|month|year) from an anchor date `a` of granularity `agran`."""
    if a is None:
        return None
    if unit in ("day", "week"):
        if unit == "day" and agran != "day":
            return None
        d = a + timedelta(days=n * (7 if unit == "week" else 1))
        if agran == "day":
            return d, d, "day"
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        y, mo = _add_months(a.year, a.month, n)
        x, z = _month_interval(y, mo)
        return x, z, "month"
    if unit == "decade":  # "a decade earlier": about the year ten years before
        return date(a.year + 10 * n, 1, 1), date(a.year + 10 * n, 12, 31), "approximate"
    return date(a.year + n, 1, 1), date(a.year + n, 12, 31), "year"


def _select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates: the longest wins, then the higher priority, then the earlier."""
    order = sorted(cands, key=lambda c: (-(c.end_char - c.start_char), -c.priority, c.start_char))
    taken: list[Cand] = []
    for c in order:
        if all(c.end_char <= t.start_char or c.start_char >= t.end_char for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start_char)


@lru_cache(maxsize=4)
def grammar(lexicon: str = DEFAULT_LEXICON) -> Grammar:
    return Grammar(load_lexicon(lexicon))


def parse_expression(text: str, published=None, lexicon: str = DEFAULT_LEXICON,
                     fallback: bool = True) -> Optional[dict]:
    """Cached `_parse_expression` (returns a fresh dict)."""
    pub = to_date(published)
    r = _parse_cached(text, pub.isoformat() if pub else None, lexicon, fallback)
    return dict(r) if r else None


@lru_cache(maxsize=16384)
def _parse_cached(text: str, published: Optional[str], lexicon: str, fallback: bool) -> Optional[dict]:
    return _parse_expression(text, published, lexicon, fallback)


def _parse_expression(text: str, published=None, lexicon: str = DEFAULT_LEXICON,
                      fallback: bool = True) -> Optional[dict]:
    """One temporal expression -> payload (offsets into `text`), or None when `text` holds no date.

    The grammar is tried first; the match must cover the string up to surrounding punctuation and
    prepositions. Otherwise dateparser (cached, English, RELATIVE_BASE = published) when `fallback`.
    """
    g = grammar(lexicon)
    found = g.scan(text, published)
    core = text.strip(" \t\u00a0\u202f,.;:()[]/\n")
    for p in found:
        if len(text[p["start_char"]:p["end_char"]]) >= len(core) * g.limits["expression_coverage"]:
            return p
    if fallback:
        p = dateparser_fallback(text, published, lexicon)
        if p:
            return p
    return found[0] if found else None


# ---------------------------------------------------------------------------------------------- dateparser
_DP_GRAN = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _looks_dated(s: str, g: Grammar) -> bool:
    """Only strings with a month or weekday word go to dateparser (never bare numbers, "may", durations)."""
    if g.rx_not_dated.search(s):
        return False
    return bool(g.rx_date_word.search(s))  # case-sensitive: capitalised months / weekdays


@lru_cache(maxsize=8)
def _dp_parser(published: Optional[str]):
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": [], "STRICT_PARSING": False}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _dp_cached(s: str, published: Optional[str], lexicon: str) -> Optional[tuple]:
    g = grammar(lexicon)
    if not published or not _looks_dated(s, g):
        return None  # without a base, dateparser would use the clock: never
    data = _dp_parser(published).get_date_data(s)
    if not data or not data.date_obj or data.period not in _DP_GRAN:
        return None
    d = data.date_obj.date()
    period = data.period
    base = date.fromisoformat(published)
    if not re.search(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)", s) and abs(d.year - base.year) > g.limits["dateparser_year_drift"]:
        return None  # "28-29 April" -> 1929: a year dateparser invented from the digits
    if period == "month":
        a, b = _month_interval(d.year, d.month)
    elif period == "year":
        a, b = date(d.year, 1, 1), date(d.year, 12, 31)
    elif period == "week":
        a = d - timedelta(days=d.weekday())
        b = a + timedelta(days=6)
    else:
        a = b = d
    return a.isoformat(), b.isoformat(), _DP_GRAN[period]


def dateparser_fallback(text: str, published=None, lexicon: str = DEFAULT_LEXICON) -> Optional[dict]:
    """dateparser's reading of `text` (English, RELATIVE_BASE = `published`; never without a publication date)."""
    pub = to_date(published)
    s = text.strip(" \t\u00a0\u202f,.;:()[]/\n")
    if not s:
        return None
    try:
        r = _dp_cached(s, pub.isoformat() if pub else None, lexicon)
    except (*CALENDAR_ERRORS, TypeError, AttributeError) as exc:  # dateparser on an odd expression
        warn("dateparser", f"date {s[:60]!r} not resolved: {type(exc).__name__}: {exc}")
        return None
    if r is None:
        return None
    off = text.find(s)
    return {"start_char": off, "end_char": off + len(s), "start": r[0], "end": r[1], "granularity": r[2],
            "relative": not re.search(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)", s), "rule": "dateparser", "context": None}
