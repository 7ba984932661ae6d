"""Publication dates: normalise given values, find a dateline at the top of an article, read a URL."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

MONTHS = {
    m: i for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], 1)
    for m in names
}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_SP = r"[ \t\u00a0\u202f]+"
_FORMS = [
    re.compile(rf"{_MONTH}{_SP}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?{_MONTH},?{_SP}(?P<year>\d{{4}})"),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),
]


def _build(year: str, month: int | None, day: str) -> Optional[str]:
    try:
        return date(int(year), int(month or 0), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def _match_date(s: str) -> Optional[tuple[int, int, str]]:
    for rx in _FORMS:
        m = rx.search(s)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["mnum"]) if gd.get("mnum") else MONTHS.get(gd["mon"].lower())
        iso = _build(gd["year"], month, gd["day"])
        if iso:
            return m.start(), m.end(), iso
    return None


def normalise_date(value) -> Optional[str]:
    """A publication date given as ISO text, datetime text or a written date -> 'YYYY-MM-DD' (or None)."""
    if value is None:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _build(m.group(1), int(m.group(2)), m.group(3))
    found = _match_date(s)
    return found[2] if found else None


def find_dateline(text: str) -> Optional[tuple[int, int, str]]:
    """A date standing alone (optionally after a place and a dash) on one of the first lines.

    Returns (start, end, iso) with offsets into `text`, or None.
    """
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n > 3:
            break
        stripped = line.strip()
        if stripped:
            found = _match_date(line)
            # the date must be most of the line: "June 27, 2016" or "KIRKUK, May 4, 2017 —"
            if found and len(stripped) - (found[1] - found[0]) <= 30 and len(stripped) <= 60:
                return offset + found[0], offset + found[1], found[2]
            return None
        offset += len(line) + 1
    return None


_URL_DATE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_url(url: str) -> Optional[str]:
    """A full date carried in a URL path such as /2016/03/14/ or -2016-03-14-."""
    m = _URL_DATE.search(url or "")
    return _build(m.group(1), int(m.group(2)), m.group(3)) if m else None


# ------------------------------------------------------------------ the publication date in the text, in order
_CITY = r"[A-Z][A-Za-z.'\u2019\-]*(?:[ \t\u00a0]+(?![A-Z][a-z]{2,8}\.?[ \t\u00a0]+\d)[A-Z][A-Za-z.'\u2019\-]*){0,3}"
_CITY_DATELINE = re.compile(
    rf"^[ \t\u00a0]*{_CITY}(?:,[ \t\u00a0]+(?![A-Z][a-z]{{2,8}}\.?[ \t\u00a0]+\d){_CITY})?(?:[ \t\u00a0]*\([^()\n]{{1,30}}\))?,?[ \t\u00a0]+(?P<date>[^\n]{{6,30}}?)"
    r"(?:[ \t\u00a0]*\([^()\n]{1,20}\))?[ \t\u00a0]*(?:[\u2013\u2014]|--?|_)(?=[ \t\u00a0]|$)", re.M)
_WEEKDAY_PREFIX = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t\u00a0]+)?$", re.I)
_UPDATED = re.compile(r"^\W*(?:updated|modified|last\s+updated|edited)\b", re.I)
LINES_SEARCHED = 4       # non-empty lines at the top read for a date line or a city dateline
DATE_LINE_MAX_CHARS = 100  # a date line under the headline: a short line ("Published April 11, 2024 10:32 ET")
DATE_LINE_MAX_WORDS = 14


def _top_lines(text: str, n: int) -> list[tuple[int, str]]:
    """(offset, line) of the first `n` non-empty lines."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
            if len(out) >= n:
                break
        offset += len(line) + 1
    return out


def find_city_dateline(text: str) -> Optional[tuple[int, int, str]]:
    """'BAMAKO, April 11, 2024 \u2014 Gunmen ...', 'WASHINGTON (AP), Jan. 5, 1998 - ...': a place, a full date and a
    dash opening one of the first lines. (start, end, iso) of the date."""
    for offset, line in _top_lines(text, LINES_SEARCHED):
        m = _CITY_DATELINE.match(line)
        if not m:
            continue
        found = _match_date(m["date"])
        if found and _WEEKDAY_PREFIX.match(m["date"][:found[0]]) and not m["date"][found[1]:].strip(" ,\t\u00a0"):
            s = offset + m.start("date")
            return s + found[0], s + found[1], found[2]
    return None


def find_date_line(text: str) -> Optional[tuple[int, int, str]]:
    """A date line under the headline: one of the first lines after the first, short ("Published April 11, 2024",
    "By Jane Roe | 11 April 2024 10:32 GMT"), holding a full date. A "Published" line wins over an "Updated" one."""
    found_lines = []
    for n, (offset, line) in enumerate(_top_lines(text, LINES_SEARCHED)):
        if n == 0 or len(line.strip()) > DATE_LINE_MAX_CHARS or len(line.split()) > DATE_LINE_MAX_WORDS:
            continue
        if re.search(r"[.?!]$", line.rstrip()) and not re.search(r"\b[ap]\.m\.$", line.rstrip(), re.I):
            continue  # a sentence, not a date line
        found = _match_date(line)
        if found:
            found_lines.append((bool(_UPDATED.match(line)), offset + found[0], offset + found[1], found[2]))
    if not found_lines:
        return None
    best = min(found_lines, key=lambda x: x[0])  # stable: the first not "Updated" line, else the first
    return best[1], best[2], best[3]


TEXT_RULES = (("dateline", find_dateline), ("city_dateline", find_city_dateline), ("date_line", find_date_line))


def find_published(text: str) -> Optional[tuple[int, int, str, str]]:
    """The publication date the top of the text states, by the first rule of `TEXT_RULES` that finds one:
    (start, end, iso, published_from)."""
    for name, rule in TEXT_RULES:
        found = rule(text)
        if found:
            return found[0], found[1], found[2], name
    return None
def in_range(iso: Optional[str]) -> bool:
    """A publication date inside PUBLISHED_RANGE (pipeline/types.py); an unreadable value is not."""
    from pipeline.types import PUBLISHED_RANGE

    lo, hi = PUBLISHED_RANGE
    return isinstance(iso, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) is not None and lo <= iso <= hi


def refuse_out_of_range(article):
    """The article without a publication date it cannot use (outside PUBLISHED_RANGE, or not YYYY-MM-DD),
    with a warning; the same article when its date is fine or absent."""
    from pipeline.types import PUBLISHED_RANGE, ExtractionWarning

    if article.published is None or in_range(article.published):
        return article
    lo, hi = PUBLISHED_RANGE
    w = ExtractionWarning(article=article.id, component="ingest", rule="published-range",
                          reason=f"publication date {str(article.published)[:40]!r} refused: outside {lo}..{hi}")
    return article.model_copy(update={"published": None, "published_from": None,
                                      "warnings": list(article.warnings) + [w]})
