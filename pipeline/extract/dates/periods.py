"""Date rules beyond days and months (a mixin of `Grammar`; word lists in models/lexicons/dates.json):

- `period`: quarters and halves, with or without a year: "the third quarter of 1998", "fiscal 1999's first
  half", "third-quarter" (an adjective: the span leaves out "the"), "the latest quarter", "last quarter", "the
  year-earlier quarter", "the same period a year earlier" (the period just mentioned; none, or only a day: the
  latest quarter). An interval of 3 or 6 months (granularity `range`,
  rule `quarter` / `half` / `period`). Without a year the tense decides: past or present -> the one of the
  publication year if it has started, else the year before; future -> the next one that has not ended. The
  relative words are in `period_relative` (see the lexicon). A bare ordinal quarter or half near sports words
  ("led at the end of the third quarter") is no date.
- `fiscal-year`: "fiscal 1999", "FY1999", "the 1999 fiscal year", "the current fiscal year": the calendar year
  named (fiscal years differ between organisations; granularity `year`).
- `anaphoric-unit`: "that year", "the same month", "that week", "that same quarter": the period of the last
  date stated before; none stated: start/end null (no guess).
- `coordinated-day`: "on March 3 and 5", "March 3, 4 and 6, 1998", "the 3rd and 5th of May": one value per
  day, each with its own span (not one range; "between March 3 and 5" stays a range).
- year-earlier comparisons: "rose to $5 in the third quarter from $4 a year earlier": "a year earlier / ago /
  before" in a comparison, after a date finer than a year in the same sentence, is that date's period a year
  before (rule `year-earlier-same-period`), not the whole year.
- tense: `tense_of(doc)` reads the tense of the verb governing a position (the parse); weekdays, months,
  seasons and year-less month-days and periods resolve forwards in a future clause, backwards otherwise.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Optional

from pipeline.extract.dates.base import (
    DAYN, ORD, SP, SPO, YEAR, Cand, Ctx, _alt, _last_day, _month_interval, _safe_date, to_date,
)

_YREL = {"the previous": "last", "the current": "this", "the next": "next"}  # "of the previous year" ...
_SENT_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?](?=\s+[\"\u201c(]?[A-Z0-9])|\n|;")


def _norm(s: Optional[str]) -> str:
    return re.sub(r"[\s\u00a0]+", " ", (s or "").lower()).replace("\u2019", "'")


def period_bounds(y: int, idx: int, size: int) -> tuple[date, date]:
    """Quarter (size 3) or half (size 6) number `idx` of year `y`, as an inclusive interval."""
    first = size * (idx - 1) + 1
    return date(y, first, 1), date(y, first + size - 1, _last_day(y, first + size - 1))


def _period_index(d: date, size: int) -> int:
    """A running index of the period of size `size` (months) holding day `d`."""
    return d.year * (12 // size) + (d.month - 1) // size


def _from_index(k: int, size: int) -> tuple[date, date]:
    per = 12 // size
    return period_bounds(k // per, k % per + 1, size)


def shift_years(a: date, b: date, gran: str, n: int) -> tuple[date, date]:
    """The same period `n` years on: a month stays that month, a quarter that quarter, a week that ISO week."""
    if gran == "week":
        y, w, _ = a.isocalendar()
        try:
            monday = date.fromisocalendar(y + n, w, 1)
        except ValueError:
            monday = date.fromisocalendar(y + n, w - 1, 1)
        return monday, monday + timedelta(days=6)
    if a.day == 1 and b.day == _last_day(b.year, b.month):  # whole months (a month, quarter, half, season)
        return date(a.year + n, a.month, 1), date(b.year + n, b.month, _last_day(b.year + n, b.month))
    return (_safe_date(a.year + n, a.month, a.day) or date(a.year + n, a.month, a.day - 1),
            _safe_date(b.year + n, b.month, b.day) or date(b.year + n, b.month, b.day - 1))


def _prev_interval(c: Ctx) -> Optional[tuple[date, date, str]]:
    p = c.prev
    if not p or not p.get("start") or not p.get("end"):
        return None
    return to_date(p["start"]), to_date(p["end"]), p["granularity"]


class PeriodRules:
    """The rules of this module, as methods of `Grammar` (which provides `add`, `lex`, `limits`, `_yrel` ...)."""

    # ------------------------------------------------------------------ rules
    def _add_fiscal_period_rules(self, lex: dict) -> None:
        add = self.add
        fis = _alt(lex["fiscal_words"])
        ords, rels = _alt(lex["period_ordinals"]), _alt(lex["period_relative"])
        units = _alt(list(lex["period_units"]) + ["period"])
        lead = (rf"(?:(?P<the>the){SP})?(?:(?:{fis}{SP}(?:year{SP})?)?(?P<ylead>{YEAR})(?:['\u2019]s)?{SP}"
                rf"|(?P<ylrel>last|this|next){SP}(?:{fis}{SP})?year['\u2019]s{SP})?"
                rf"(?:(?P<fis1>{fis}|calendar)(?:{SP}|-))?")
        tail = (rf"(?:(?:{SP}of)?{SP}(?:the{SP})?(?:(?:{fis}|calendar){SP}(?:year{SP})?)?(?P<year>{YEAR})"
                rf"|(?:{SP}of)?{SP}(?P<yrel>this|last|next|that|the{SP}same|the{SP}previous|the{SP}current|the{SP}next)"
                rf"(?:{SP}(?:{fis}|calendar))?{SP}year\b"
                rf"|{SP}of{SP}the{SP}(?:(?:{fis}|calendar){SP})?(?P<theyear>year)\b)?"
                rf"(?P<ago>{SP}(?:a|one){SP}year{SP}(?:earlier|ago|before)\b|{SP}the{SP}year{SP}before\b)?")
        add("period",
            rf"\b{lead}(?:(?P<ord>{ords})|(?P<rel>{rels}))(?P<sep>{SP}|-)(?:(?P<fis2>{fis}|calendar)(?:{SP}|-))?"
            rf"(?P<unit>{units})\b(?![\w-]|{SP}(?:century|centuries|mile|miles|inch|pound|note|notes)\b){tail}",
            self._h_period, 6)
        # "in the quarter ended Sept. 30", "profit for the quarter": the quarter just mentioned, else the latest
        add("period", rf"\b(?P<the>the){SP}(?P<unit>quarter)\b(?![\w-]|{SP}(?:century|mile|note|inch|pound)s?\b)",
            self._h_bare_quarter, 3)
        yy = r"(?P<yy>['\u2019]\d{2})(?![\d%]|[.,]\d|\s?%|\s?percent)"  # "fiscal '99"
        add("fiscal-year", rf"\b(?:{fis})(?:{SP}|-)(?:year{SP})?(?:(?P<year>{YEAR})|{yy})(?!{SP}?%|{SP}percent)",
            self._h_fiscal, 5)
        add("fiscal-year", rf"\b(?P<fy>FY){SPO}(?:(?P<year>{YEAR})|(?P<yy>['\u2019]?\d{{2}})(?![\d%]|[.,]\d))",
            self._h_fiscal, 5)
        add("fiscal-year", rf"\b(?:(?P<the>the){SP})?(?P<ylead>{YEAR})(?:{SP}|-)(?:{fis})(?:{SP}|-)year\b",
            self._h_fiscal, 5)
        add("fiscal-year", rf"\b(?:(?P<the>the){SP})?(?:(?P<rel>{rels}|new){SP})?(?:{fis})(?:{SP}|-)year\b",
            self._h_fiscal, 4)

    def _add_anaphoric_rules(self, lex: dict) -> None:
        dets, units = _alt(lex["anaphoric_unit_determiners"]), _alt(lex["anaphoric_units"])
        self.add("anaphoric-unit", rf"\b(?P<det>{dets}){SP}(?P<unit>{units})\b(?![\w-])(?!{SP}(?:old|long)\b)",
                 self._h_anaphoric_unit, 3)

    def _add_coordinated_rules(self) -> None:
        MON = self.MON
        conj = rf",?{SP}(?:and|or|&){SP}(?:the{SP})?"
        end = rf"(?=,?{SP}(?:{YEAR})|{SPO}[,.;:)\n]|{SP}(?:in|at|on|when|while|and|as|respectively|of|near|to|was|were|but|for|with)\b)"
        self.add("coordinated-day",
                 rf"(?P<mon>{MON}){SP}(?P<d1>{DAYN}){ORD}(?P<rest>(?:,{SP}(?:the{SP})?{DAYN}{ORD})*{conj}{DAYN}{ORD})"
                 rf"(?![\d:]){end}(?:,?{SP}(?P<year>{YEAR}))?", self._h_coordinated, 5)
        self.add("coordinated-day",
                 rf"{self.B}(?:the{SP})?(?P<d1>{DAYN}){ORD}(?P<rest>(?:,{SP}(?:the{SP})?{DAYN}{ORD})*{conj})"
                 rf"(?P<dl>{DAYN}){ORD}{SP}(?:of{SP})?(?P<mon>{MON})(?:,?{SP}(?P<year>{YEAR}))?",
                 self._h_coordinated, 5)

    def _add_week_of_rule(self) -> None:
        self.add("week-of", rf"\bthe{SP}week{SP}of{SP}(?:(?P<wd>{self.WD}),?{SP})?(?P<mon>{self.MON}){SP}(?P<day>{DAYN})"
                            rf"{ORD}\b(?!{SPO}[-\u2013])(?:,?{SP}(?P<year>{YEAR}))?", self._h_week_of, 5)

    def _h_week_of(self, m, text, rule=None):
        """'the week of April 10': the Monday-to-Sunday week holding that day."""
        if not self._cap(m["mon"]):
            return None
        mon, day = self._mon(m["mon"]), int(m["day"])
        year = int(m["year"]) if m["year"] else None
        if _safe_date(2016, mon, day) is None:
            return None
        info: dict = {"tensed": year is None}

        def res(c: Ctx):
            y = year if year is not None else self._infer_year(mon, day, c, None, info.get("tense"))
            d = _safe_date(y, mon, day) if y else None
            if d is None:
                return None, None, "week", True, "week-of"
            monday = d - timedelta(days=d.weekday())
            return monday, monday + timedelta(days=6), "week", year is None, "week-of"
        return Cand(m.start(), m.end(), "week-of", res, extra=info)

    # ------------------------------------------------------------------ quarters and halves
    def _sporty(self, text: str, m) -> bool:
        w = self.lex["period_sports_window"]
        window = text[max(0, m.start() - w):m.end() + w].lower()
        if re.search(r"(?<![\d.,$])\b\d{1,3}-\d{1,3}\b(?![\d%-])", window):
            return True  # a game score ("led 21-7")
        return any(t in self._sports_words for t in re.findall(r"[a-z-]+", window))

    def _h_period(self, m, text, rule=None):
        unit = m["unit"].lower()
        size = self.lex["period_units"].get(unit)
        rel_word = _norm(m["rel"])
        kind = self.lex["period_relative"].get(rel_word) if rel_word else None
        n = self.lex["period_ordinals"].get(m["ord"].lower()) if m["ord"] else None
        year = m["year"] or m["ylead"]
        yrel, theyear, ago = _norm(m["yrel"] or m["ylrel"]), m["theyear"], bool(m["ago"])
        fiscal = bool(m["fis1"] or m["fis2"])
        if size is None and kind not in ("same", "year_earlier"):
            return None  # "the latest period": too vague
        if size and rel_word in ("last", "final") and (year or yrel or theyear):
            n, kind = 12 // size, None  # "the last quarter of 1998": its fourth quarter
        if n is not None and (size is None or n > 12 // size):
            return None
        if re.match(rf"{SP}of\b", text[m.end():m.end() + 6]):
            return None  # "the first half of the match": a period of something else
        if not (year or yrel or theyear or fiscal or kind == "year_earlier") and self._sporty(text, m):
            return None
        start = m.start()
        if m["the"] and m["sep"] == "-" and not m["ylead"]:
            start = m.start("fis1") if m["fis1"] else m.start("ord") if m["ord"] else m.start("rel")
        info: dict = {"tensed": True}
        name = {3: "quarter", 6: "half"}.get(size, "period")

        def res(c: Ctx):
            r = self._period_interval(c, size, n, (kind, rel_word), year, yrel, theyear, ago, info.get("tense"))
            if r is None:
                return None, None, "range", True, name
            a, b, gran = r
            return a, b, gran, not year, name
        return Cand(start, m.end(), "period", res, extra=info)

    def _h_bare_quarter(self, m, text, rule=None):
        if re.match(rf"{SP}of\b", text[m.end():m.end() + 6]) or self._sporty(text, m):
            return None  # "the quarter of the city", a game's quarter

        def res(c: Ctx):
            iv = _prev_interval(c)
            k = None
            if iv and (iv[0], iv[1]) == _from_index(_period_index(iv[0], 3), 3):
                k = _period_index(iv[0], 3)  # the quarter just named
            elif c.published:
                k = _period_index(c.published, 3) - 1  # the latest quarter
            if k is None:
                return None, None, "range", True, "quarter"
            a, b = _from_index(k, 3)
            return a, b, "range", True, "quarter"
        return Cand(m.start(), m.end(), "period", res)

    def _period_interval(self, c: Ctx, size, n, rel, year, yrel, theyear, ago, tense):
        """(start, end, granularity) of a quarter / half / "period" expression, or None when it cannot be known."""
        kind = rel[0]
        if size is None:  # "the year-earlier period", "the same period": the period just mentioned
            iv = _prev_interval(c)
            if iv is None or iv[2] == "day":
                # none, or only a day ("the nine months ended Sept. 30"): a report's period is its latest quarter
                if c.published is None:
                    return None
                k = _period_index(c.published, 3) - 1 - (4 if (kind == "year_earlier" or ago) else 0)
                return (*_from_index(k, 3), "range")
            a, b, gran = iv
            return (*shift_years(a, b, gran, -1), gran) if (kind == "year_earlier" or ago) else (a, b, gran)
        if n is not None:
            if year:
                y = int(year)
            elif yrel or theyear:
                y = self._yrel(_YREL.get(yrel, yrel or "this"), c)
            else:
                y = self._period_year(n, size, c, tense)
            if y is None:
                return None
            a, b = period_bounds(y - (1 if ago else 0), n, size)
            return a, b, "range"
        k = self._relative_period(c, size, kind, rel[1])
        if k is None:
            return None
        a, b = _from_index(k - (12 // size if ago else 0), size)
        return a, b, "range"

    def _period_year(self, n: int, size: int, c: Ctx, tense: Optional[str]) -> Optional[int]:
        """The year of a year-less "the third quarter": future -> the next one not ended; else the latest begun."""
        p = c.published
        if p is None:
            return None
        a, b = period_bounds(p.year, n, size)
        if tense == "future":
            return p.year if b >= p else p.year + 1
        return p.year if a <= p else p.year - 1

    def _relative_period(self, c: Ctx, size: int, kind: Optional[str], word: str = "") -> Optional[int]:
        """Running index of "the latest / current / previous / next / same / year-earlier" quarter or half."""
        p = c.published
        iv = _prev_interval(c)
        prev_k = None
        if iv and _period_index(iv[0], size) == _period_index(iv[1], size):
            prev_k = _period_index(iv[0], size)
        cur = _period_index(p, size) if p else None
        per = 12 // size
        if kind == "current":
            return cur
        if kind == "latest" or word in ("last", "past"):  # "last quarter": the one before the current
            return cur - 1 if cur is not None else None
        if kind == "previous":
            base = prev_k if prev_k is not None else cur
            return base - 1 if base is not None else None
        if kind == "next":
            base = prev_k if (prev_k is not None and word == "following") else cur
            return base + 1 if base is not None else None
        if kind == "same":
            return prev_k if prev_k is not None else cur
        if kind == "year_earlier":
            base = prev_k if prev_k is not None else (cur - 1 if cur is not None else None)
            return base - per if base is not None else None
        return None

    # ------------------------------------------------------------------ fiscal years
    def _h_fiscal(self, m, text, rule=None):
        gd = m.groupdict()
        if gd.get("fy") and m["fy"] != "FY":
            return None  # "fy" in lower case is no fiscal-year mark
        if not (gd.get("year") or gd.get("ylead") or gd.get("yy") or gd.get("the") or gd.get("rel")):
            return None  # "a fiscal year": no particular year
        y = None
        if gd.get("year") or gd.get("ylead"):
            y = int(gd.get("year") or gd.get("ylead"))
        elif gd.get("yy"):
            two = int(gd["yy"].lstrip("'\u2019"))
            y = 2000 + two if two < self.limits["two_digit_year_pivot"] else 1900 + two
        rel_word = _norm(gd.get("rel"))
        kind = "current" if rel_word == "new" else self.lex["period_relative"].get(rel_word) if rel_word else None
        if y is None and kind in ("year_earlier",):
            kind = "previous"
        shift = {"current": 0, "latest": -1, "previous": -1, "next": 1}.get(kind or "", 0)

        def res(c: Ctx):
            if y is not None:
                return date(y, 1, 1), date(y, 12, 31), "year", False, "fiscal-year"
            if kind == "same" or (kind is None and c.published is None):
                iv = _prev_interval(c)
                yy = iv[0].year if iv and iv[0].year == iv[1].year else None
            else:
                yy = c.published.year + shift if c.published else None
            if yy is None:
                return None, None, "year", True, "fiscal-year"
            return date(yy, 1, 1), date(yy, 12, 31), "year", True, "fiscal-year"
        return Cand(m.start(), m.end(), "fiscal-year", res, absolute_day=False)

    # ------------------------------------------------------------------ "that year", "the same month"
    def _h_anaphoric_unit(self, m, text, rule=None):
        unit = m["unit"].lower()
        gran = {"year": "year", "month": "month", "week": "week", "quarter": "range"}[unit]

        def res(c: Ctx):
            iv = _prev_interval(c)
            r = self._unit_of(iv, unit) if iv else None
            if r is None:
                return None, None, gran, True, "anaphoric-unit"
            return r[0], r[1], gran, True, "anaphoric-unit"
        return Cand(m.start(), m.end(), "anaphoric-unit", res)

    @staticmethod
    def _unit_of(iv: tuple[date, date, str], unit: str) -> Optional[tuple[date, date]]:
        """The year / month / ISO week / quarter holding the previous date, when that date lies inside one."""
        a, b, _ = iv
        if unit == "year":
            return (date(a.year, 1, 1), date(a.year, 12, 31)) if a.year == b.year else None
        if unit == "month":
            return _month_interval(a.year, a.month) if (a.year, a.month) == (b.year, b.month) else None
        if unit == "week":
            monday = a - timedelta(days=a.weekday())
            return (monday, monday + timedelta(days=6)) if (b - monday).days <= 6 else None
        k = _period_index(a, 3)
        return _from_index(k, 3) if k == _period_index(b, 3) else None

    # ------------------------------------------------------------------ "March 3 and 5"
    _DAY_RX = re.compile(rf"(?<!\w){DAYN}{ORD}(?!\w)", re.I)

    def _h_coordinated(self, m, text, rule=None):
        if not self._cap(m["mon"]) or self._word_before(text, m.start()) == "between":
            return None  # "between March 3 and 5": one range (day-range)
        mon = self._mon(m["mon"])
        year = int(m["year"]) if m["year"] else None
        rest = [(x.start(), x.end(), int(re.match(r"\d+", x.group()).group()))
                for x in self._DAY_RX.finditer(text, m.start("rest"), m.end("rest"))]
        if m.groupdict().get("dl"):  # "3 and 5 March": each day alone, the last with its month (and year)
            d1_end = m.end("d1") + len(re.match(ORD, text[m.end("d1"):m.end("d1") + 2], re.I).group(0))
            parts = [(m.start("d1"), d1_end, int(m["d1"]))] + rest + [(m.start("dl"), m.end(), int(m["dl"]))]
        else:  # "March 3 and 5": the month with the first day, the year with the last
            d1_end = m.end("d1") + len(re.match(ORD, text[m.end("d1"):m.end("d1") + 2], re.I).group(0))
            parts = [(m.start(), d1_end, int(m["d1"]))] + rest
            if year is not None:
                parts[-1] = (parts[-1][0], m.end(), parts[-1][2])
        days = [d for _, _, d in parts]
        if len(set(days)) != len(days) or any(_safe_date(2016, mon, d) is None for d in days):
            return None
        return [self._coordinated_cand(s, e, mon, d, days[0], year) for s, e, d in parts]

    def _coordinated_cand(self, s: int, e: int, mon: int, day: int, first: int, year: Optional[int]) -> Cand:
        def res(c: Ctx):
            y = year if year is not None else self._infer_year(mon, first, c, None)
            d = _safe_date(y, mon, day) if y else None
            if d is None:
                return None, None, "day", True, "coordinated-day"
            return d, d, "day", year is None, "coordinated-day"
        return Cand(s, e, "coordinated-day", res, absolute_day=year is not None)

    # ------------------------------------------------------------------ "from $4 a year earlier"
    def _comparison(self, text: str, pos: int) -> bool:
        """A comparison cue ("from", "than", "compared with" ...) in the clause before `pos`."""
        window = text[max(0, pos - self.lex["comparison_window"]):pos]
        window = _SENT_BREAK.split(window)[-1]
        return bool(self.rx_comparison.search(window))

    @staticmethod
    def same_period_years_before(c: Ctx, text: str, pos: int, years: int) -> Optional[tuple[date, date, str]]:
        """The previous date, if in the same sentence and finer than a year, shifted `years` (negative: back)."""
        p = c.prev
        if not p or not p.get("start") or not p.get("end") or p.get("start_char") is None or p["end_char"] > pos:
            return None
        if p["granularity"] in ("year", "decade", "century", "approximate") or _SENT_BREAK.search(text[p["end_char"]:pos]):
            return None
        a, b = shift_years(to_date(p["start"]), to_date(p["end"]), p["granularity"], years)
        return a, b, p["granularity"]


# ---------------------------------------------------------------------------------------------- tense
def tense_of(doc, lex: dict) -> Optional[Callable[[int], Optional[str]]]:
    """A function: character offset -> "past" | "present" | "future" | None, the tense of the verb that governs
    the token at that offset (heads followed up to a verb). None when the Doc has no parse. The token is looked
    up by spaCy's character index (no per-token work: most articles ask about a few weekdays and months)."""
    if not doc.has_annotation("DEP"):
        return None
    fut_aux = {w.lower() for w in lex["future_aux"]}
    fut_heads = set(lex["future_heads"])
    from pipeline.extract._doc import doc_text

    n = len(doc_text(doc))

    def tense(pos: int) -> Optional[str]:
        if not 0 <= pos < n:
            return None
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return _verb_tense(span[0], fut_aux, fut_heads)
    return tense


def _governing_verb(t):
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _verb_tense(t, fut_aux: set, fut_heads: set, depth: int = 0) -> Optional[str]:
    v = _governing_verb(t)
    if v is None:
        return None
    auxes = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if (words & fut_aux or v.lower_ in fut_aux) and not (words & {"have", "'ve"}):
        return "future"  # "will meet", "would travel" (not "would have met")
    if v.tag_ in ("VB", "VBG") and "to" in words and v.head is not v and depth < 3:
        head_tense = _verb_tense(v.head, fut_aux, fut_heads, depth + 1)
        if v.head.lemma_ in fut_heads or v.head.lower_ == "going":
            return "future"  # "plans to sail on Thursday", "is expected to vote in March"
        return head_tense
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if v.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "'s"}:
        return "past"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None
