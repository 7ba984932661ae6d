"""Quotation spans for the attribution extractor: pair quote marks by context, not by glyph.

News text mixes straight and typographic marks and sometimes gets them backwards ("”word“"). A mark's role
is decided by what surrounds it (like Markdown's flanking rules): whitespace or an opening bracket before
and a word after opens; a word or punctuation before and whitespace or punctuation after closes. The glyph
only breaks ties. A double mark straight after a digit (`12" pipe`, `5'11"`) is an inch sign, not a quote.

Marks are paired with a stack, so nested quotes work. At a paragraph break an open quote either continues
(the next paragraph opens with a quote mark: the news convention for a quotation running over several
paragraphs) or is dropped as unbalanced. Single marks (‘ ’ ') are left out: they are mostly apostrophes; doubled ones ('' ``) count as double marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_ANY = '"' + DOUBLE_OPEN + DOUBLE_CLOSE
OPEN_BEFORE = set(" \t\n\r\u00a0([{—–-/:;")
CLOSE_AFTER = set(" \t\n\r\u00a0)]}.,;:!?—–-/…")
PARA_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # one past the closing mark

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


MARK = re.compile(r"''|``|[\"“”„«»‟]")


def _role(text: str, i: int, n: int = 1) -> str:
    """'open', 'close', 'toggle' (decided by the stack) or 'inch' (a straight mark right after a digit)."""
    ch = text[i : i + n]
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if ch == '"' and before.isdigit():
        return "inch"
    can_open = (before in OPEN_BEFORE or before in DOUBLE_ANY or before in "'`") and not after.isspace()
    can_close = (not before.isspace()) and (after in CLOSE_AFTER or after in DOUBLE_ANY or after == "'"
                                           or i + n == len(text))
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if ch in DOUBLE_OPEN or ch == "``":
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    return "toggle"


def find_quotes(text: str) -> list[Quote]:
    """Balanced double-quote spans (outer and nested), sorted by start. `''`/``` `` ``` count as double marks."""
    quotes: list[Quote] = []
    stack: list[int] = []
    breaks = [m.end() for m in PARA_BREAK.finditer(text)]
    bi = 0
    skip_at = -1  # the mark opening a paragraph that continues a running quotation
    for m in MARK.finditer(text):
        i, n = m.start(), m.end() - m.start()
        while bi < len(breaks) and breaks[bi] <= i:
            if stack:
                nxt = breaks[bi]
                mm = MARK.match(text, nxt)
                if len(stack) == 1 and mm and _role(text, nxt, mm.end() - nxt) in ("open", "toggle"):
                    skip_at = nxt
                else:
                    stack.clear()
            bi += 1
        if i == skip_at:
            continue
        role = _role(text, i, n)
        if role == "inch":
            # 12" pipe is an inch sign; a mark after a digit closes only a quote that is open ("... in 1999")
            if not stack or (i + 1 < len(text) and text[i + 1].isalnum()):
                continue
            role = "close"
        if role == "toggle":
            role = "close" if stack else "open"
        if n == 2 and role == "close" and not stack:
            continue  # a lone '' (ditto marks, feet-inches) that closes nothing
        if role == "open":
            stack.append(i)
        elif stack:
            quotes.append(Quote(stack.pop(), i + n))
    return sorted(quotes, key=lambda q: (q.start, -q.end))


def outer_quotes(quotes: list[Quote]) -> list[Quote]:
    """Quotes not inside another quote."""
    out: list[Quote] = []
    for q in quotes:
        if out and out[-1].contains(q.start, q.end):
            continue
        out.append(q)
    return out


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The outermost quote containing [start, end) (`quotes` sorted by start, as find_quotes returns them)."""
    for q in quotes:
        if q.start > start:
            break  # sorted by start: no later quote can contain it
        if q.end >= end:
            return q
    return None
