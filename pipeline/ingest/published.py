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
