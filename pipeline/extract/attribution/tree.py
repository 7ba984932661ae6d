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
