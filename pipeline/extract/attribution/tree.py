"""Token-range helpers over the parse shared by the attribution rules (component.py, kinds.py, link.py)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

QUOTE_CHARS = set('"“”„«»‟')


def _subtree_range(tok: Token) -> tuple[int, int]:
    """The token range [start, end) of a token's subtree."""
    return tok.left_edge.i, tok.right_edge.i + 1


def _trim(doc: Doc, start: int, end: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Trim a token range [start, end) of edge punctuation (quote marks kept when balanced)."""
    while end > start:
        t = doc[end - 1]
        if t.is_punct and not (keep_quotes and t.text in QUOTE_CHARS):
            end -= 1
        elif t.is_space or t.dep_ == "cc" and t.i > start:
            end -= 1  # "... killed and" (a conjoined claim cut off after it)
        else:
            break
    while start < end:
        t = doc[start]
        if (t.is_punct and t.text not in QUOTE_CHARS and t.text not in "([") or t.is_space or t.dep_ == "cc":
            start += 1
        else:
            break
    # a lone quote mark at one edge without its partner is dropped
    if end > start:
        inner = doc[start:end].text
        n_open = sum(inner.count(c) for c in QUOTE_CHARS)
        if n_open % 2 == 1:
            if doc[end - 1].text in QUOTE_CHARS:
                end -= 1
            elif doc[start].text in QUOTE_CHARS:
                start += 1
    return start, end


def span_ok(text: str, d: dict) -> bool:
    """A span {start_char, end_char} that is inside the text, not inverted and not empty or blank."""
    s, e = d.get("start_char"), d.get("end_char")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and not text[s:e].isspace()


def claim_ok(text: str, a: dict) -> bool:
    """Every span of a claim (cue, content, source) is well formed (see span_ok)."""
    return span_ok(text, a["cue"]) and span_ok(text, a["content"]) and (a["source"] is None or span_ok(text, a["source"]))


def repair_optional_spans(text: str, a: dict) -> None:
    """A malformed hedge or resolved-source span is dropped (the claim itself stays)."""
    if a.get("hedge") is not None and not span_ok(text, a["hedge"]):
        a["hedge"], a["hedged"] = None, False
    res = (a["source"] or {}).get("resolved")
    if res and res.get("start_char") is not None and not span_ok(text, res):
        del a["source"]["resolved"]
