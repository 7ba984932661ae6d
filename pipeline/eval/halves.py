"""Tune and check halves of every gold set (a project rule, ../shared/eval/README.md).

A document belongs to the **check** half when the first hex digit of `sha1(doc_id.encode("utf-8"))` is 0-3
(a quarter of the documents), else to the **tune** half. `doc_id` is the gold line's `doc_id`, else its `id`.
Rules are read and debugged on the tune half; the check half's figures are the headline.
"""
from __future__ import annotations

import hashlib

TUNE, CHECK, ALL = "tune", "check", "all"
HALVES = (TUNE, CHECK, ALL)
CHECK_DIGITS = frozenset("0123")


def half_of(doc_id: str) -> str:
    """'check' or 'tune' for one document id."""
    return CHECK if hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[0] in CHECK_DIGITS else TUNE


def in_half(doc_id: str, half: str) -> bool:
    """Does the document belong to `half` (tune, check, or all)?"""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}: expected one of {', '.join(HALVES)}")
    return half == ALL or half_of(doc_id) == half
