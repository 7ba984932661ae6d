"""Matching: spans, one-to-one assignment, events, distance.

Spans are tuples of (start, end) pieces (discontinuous spans have several). Two spans
- match **exactly** when their pieces cover the same characters (leading/trailing whitespace and
  punctuation `.,;:` of a piece are ignored: `"said,"` = `"said"`; pieces separated only by those are
  joined; a discontinuous gold span also matches exactly a contiguous prediction running from its first
  to its last piece, since our output spans are contiguous);
- match by **overlap** when they share at least one character.
Matching is always one-to-one and greedy: candidate pairs are sorted by a score (best first; ties by text
position) and taken while neither side is used.
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence, TypeVar

Spans = tuple[tuple[int, int], ...]
G = TypeVar("G")
P = TypeVar("P")

_TRIM = " \t\r\n\u00a0.,;:"


def norm(spans: Spans, text: Optional[str] = None) -> Spans:
    """Sorted, merged pieces; trimmed of whitespace and final punctuation when `text` is given."""
    out = []
    for s, e in sorted(spans):
        if text is not None:
            while s < e and text[s] in _TRIM:
                s += 1
            while e > s and text[e - 1] in _TRIM:
                e -= 1
        if e <= s:
            continue
        if out and (s <= out[-1][1] or (text is not None and not text[out[-1][1]:s].strip(_TRIM))):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def overlap_chars(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(a: Spans) -> int:
    return sum(e - s for s, e in a)


def overlaps(a: Spans, b: Spans) -> bool:
    return overlap_chars(a, b) > 0


def exact(a: Spans, b: Spans, text: Optional[str] = None) -> bool:
    """Same characters; a discontinuous span also matches a contiguous one running from its first to its
    last piece (claimscope's output spans are contiguous)."""
    na, nb = norm(a, text), norm(b, text)
    if not na or not nb:
        return False
    return na == nb or ((na[0][0], na[-1][1]) == (nb[0][0], nb[-1][1]) and (len(na) == 1 or len(nb) == 1))


def dice(a: Spans, b: Spans) -> float:
    total = length(a) + length(b)
    return 2 * overlap_chars(a, b) / total if total else 0.0


def greedy(gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float]) -> list[tuple[int, int]]:
    """One-to-one greedy assignment of pairs with score > 0, best score first. Returns (gold_i, pred_j)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                cands.append((-s, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def match_spans(gold: Sequence[Spans], pred: Sequence[Spans], mode: str, text: Optional[str] = None) -> list[tuple[int, int]]:
    """Match span lists one-to-one: mode 'exact' (same characters) or 'overlap' (share a character;
    the pair with the larger Dice overlap wins)."""
    if mode == "exact":
        return greedy(gold, pred, lambda g, p: 1.0 if exact(g, p, text) else 0.0)
    return greedy(gold, pred, lambda g, p: dice(g, p))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


ACC_KM = 161.0


def same_place(g_id: Optional[int], g_lat: Optional[float], g_lon: Optional[float],
               p_id: Optional[int], p_lat: Optional[float], p_lon: Optional[float], km: float = ACC_KM) -> bool:
    """Resolution is correct (Acc@161): same GeoNames id, or both have coordinates within `km`."""
    if g_id is not None and p_id is not None and int(g_id) == int(p_id):
        return True
    if None in (g_lat, g_lon, p_lat, p_lon):
        return False
    return haversine_km(g_lat, g_lon, p_lat, p_lon) <= km


# --- events -----------------------------------------------------------------------------------------
def event_score(g, p) -> float:
    """How well predicted event `p` answers gold event `g` (both `EventView`s from metrics); 0 = no match.

    Tiers (a higher tier always wins):
    3 + Dice  the event spans overlap;
    2 + share the spans of their values overlap (casualty figures, date, places): share = matched values
              over the gold event's values;
    1         same date interval (start and end) and same place (GeoNames id, or name) — for events whose
              values carry no span in the gold (e.g. a date given without a span).
    """
    if g.span and p.span and overlaps(g.span, p.span):
        return 3.0 + dice(g.span, p.span)
    gv, pv = g.value_spans, p.value_spans
    if gv and pv:
        hit = sum(1 for a in gv if any(overlaps(a, b) for b in pv))
        if hit:
            return 2.0 + hit / len(gv)
    if g.date and p.date and g.date == p.date and g.place_keys & p.place_keys:
        return 1.0
    return 0.0


def match_events(gold_events: Sequence, pred_events: Sequence) -> list[tuple[int, int]]:
    return greedy(gold_events, pred_events, event_score)
