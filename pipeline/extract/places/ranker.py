"""The learned namesake ranker: which GeoNames entry a place name means, from what the article says.

A linear model over features of each candidate (FEATURES), scored as a softmax over a mention's candidates:
the hand-weighted score of `PlaceFinder._score_all` (population, feature class, name match kind, article
countries and regions, containment, cues), and the context it cannot weigh itself: the candidate's population
and feature class again, whether it lies in the country or first-level region of the dateline, in a country
or region the article names, how many other names of the article have a candidate in its region, and how
close it lies to the other places the article names (`near_context`: exp(-km / near_km) to the nearest of
them). Trained by `python -m pipeline.train_places` on the tune half of GeoWebNews (`fit`, numpy, L2 towards
the hand score: weight 1 on `hand`, 0 elsewhere, which ranks exactly as the hand weights do); the weights ship
as `models/places/ranker.json` (MODEL_CARD.md beside it) and are used when `models/pipeline.cfg` names the
file (`[components.claimscope_places] ranker`); `CLAIMSCOPE_PLACES_RANKER=off` switches it off (the hand
weights alone) to compare.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Optional

from pipeline.extract.places import gazetteer as gz

FEATURES = ("hand", "log_pop", "country", "admin1", "admin2", "city", "region", "alternate", "fuzzy", "capital",
            "article_country", "article_admin1", "support", "dateline_country", "dateline_admin1", "near_context")
ENV = "CLAIMSCOPE_PLACES_RANKER"
NEAR_KM = 150.0
MAX_POINTS = 40


def context_points(f, mentions: list[dict], ok: list[bool]) -> list[tuple[str, float, float]]:
    """(name key, lat, lon) of the accepted mentions' most likely readings (by prior; transliteration
    matches and huge areas left out), the places a candidate may lie near (not those of its own name)."""
    pts = []
    for m, a in zip(mentions, ok):
        if not a or not m["cands"] or m.get("partial"):
            continue
        e, alt, fz = max(m["cands"], key=lambda c: f._prior(*c))
        if not fz and e.lat is not None and e.level in (gz.CITY, gz.ADMIN2, gz.ADMIN1):
            pts.append((gz.norm(m["span"].text), e.lat, e.lon))
        if len(pts) >= MAX_POINTS:
            break
    return pts


def dateline_reading(f, mentions: list[dict], ok: list[bool]) -> Optional[tuple[str, Optional[str]]]:
    """(country, admin1 key) of the article's dateline place, by prior, else None."""
    for m, a in zip(mentions, ok):
        if a and m["source"] == "dateline" and m["cands"]:
            e = max(m["cands"], key=lambda c: f._prior(*c))[0]
            return (e.country, e.admin1_key) if e.country else None
    return None


def _near(e: gz.Entry, m: dict, points: list) -> float:
    if e.lat is None or not points:
        return 0.0
    me = gz.norm(m["span"].text)
    km = min((gz.haversine_km(e.lat, e.lon, la, lo) for key, la, lo in points if key != me), default=None)
    return 0.0 if km is None else math.exp(-km / NEAR_KM)


def features(f, m: dict, c: tuple, ctx: dict, hand: float) -> list[float]:
    """The feature vector of candidate `c` of mention `m` (in FEATURES order)."""
    e, alt, fz = c
    dl = ctx.get("dateline")
    sup = ctx.get("support") or {}
    others = sup.get(e.admin1_key, 0) - (1 if e.admin1_key in m.get("a1keys", ()) else 0) if e.admin1_key else 0
    return [
        hand, math.log10(max(e.population, 0) + 10), float(e.level == gz.COUNTRY), float(e.level == gz.ADMIN1),
        float(e.level == gz.ADMIN2), float(e.level == gz.CITY), float(e.level in (gz.REGION, gz.CONTINENT)),
        float(alt), float(fz), float(e.idx in f.gaz.capitals),
        float(bool(e.country and ctx["countries"].get(e.country))),
        float(bool(e.admin1_key and ctx["admin1"].get(e.admin1_key))), float(min(3, max(0, others))),
        float(bool(dl and e.country == dl[0])), float(bool(dl and dl[1] and e.admin1_key == dl[1])),
        _near(e, m, ctx.get("points") or []),
    ]


class Ranker:
    """Weights over FEATURES; `rescore` returns (score, candidate) pairs like `_score_all`. Where the hand
    score is sure (its best candidate leads the next by `margin` or more) the hand ranking stands."""

    def __init__(self, weights: dict[str, float], margin: Optional[float] = None):
        self.w = [float(weights.get(k, 0.0)) for k in FEATURES]
        self.margin = margin

    def sure(self, hand: list[float]) -> bool:
        if self.margin is None or len(hand) < 2:
            return False
        a, b = sorted(hand, reverse=True)[:2]
        return a - b >= self.margin

    def score(self, x: list[float]) -> float:
        return sum(a * b for a, b in zip(self.w, x))

    def rescore(self, f, m: dict, ctx: dict, scored: list[tuple[float, tuple]]) -> list[tuple[float, tuple]]:
        if self.sure([s for s, _c in scored]):
            return scored
        return [(self.score(features(f, m, c, ctx, s)), c) for s, c in scored]


def load(path: Optional[Path]) -> Optional[Ranker]:
    """The ranker of a weights file, or None (no file named, or switched off by CLAIMSCOPE_PLACES_RANKER=off)."""
    if path is None or os.environ.get(ENV, "").lower() in ("off", "0", "no", "false") or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Ranker(data["weights"], data.get("margin"))


def hand_weights() -> dict[str, float]:
    """The weights that rank exactly as the hand-weighted score does."""
    return {k: (1.0 if k == "hand" else 0.0) for k in FEATURES}


def fit(groups: list, l2: float = 1.0, iters: int = 400, lr: float = 0.5) -> dict[str, float]:
    """Softmax regression over candidate groups [(X rows, y target shares)], by gradient descent on the mean
    cross-entropy plus `l2` * |corrections|^2 on standardised features (the hand score's weight is free: it
    calibrates); returns weights on the raw features scaled to weight 1 on the hand score."""
    import numpy as np

    xs = np.concatenate([np.asarray(x, dtype=float) for x, _ in groups])
    mu, sd = xs.mean(axis=0), xs.std(axis=0)
    sd[sd == 0] = 1.0
    mu[0] = 0.0  # the hand score keeps its scale and origin, so the start ranks as the hand weights
    sd[0] = 1.0
    data = [((np.asarray(x, dtype=float) - mu) / sd, np.asarray(y, dtype=float)) for x, y in groups]
    w0 = np.array([hand_weights()[k] for k in FEATURES])
    w = w0.copy()
    for _ in range(iters):
        grad = 2 * l2 * (w - w0) / len(data)
        grad[0] = 0.0  # the hand score's weight only calibrates (its scale does not change the ranking)
        for x, y in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += x.T @ (p - y) / len(data)
        w -= lr * grad
    raw = w / sd  # the intercept (mu) shifts every candidate alike
    if raw[0] > 0:
        raw = raw / raw[0]  # the same ranking, with the hand score at weight 1: hand + learned corrections
    return {k: float(v) for k, v in zip(FEATURES, raw)}


def accuracy(groups: list, weights: dict[str, float], margin: Optional[float] = None) -> float:
    """Share of groups whose best-scored candidate has a positive target."""
    r = Ranker(weights, margin)
    hits = 0
    for x, y in groups:
        scores = [row[0] for row in x] if r.sure([row[0] for row in x]) else [r.score(row) for row in x]
        hits += y[max(range(len(scores)), key=lambda i: scores[i])] > 0
    return hits / len(groups) if groups else 0.0


MARGINS = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0)


def pick_margin(groups: list, weights: dict[str, float]) -> Optional[float]:
    """The hand-score margin above which the hand ranking stands, the one of MARGINS with the best accuracy on
    the training groups (None: the learned ranking everywhere; ties: the smallest margin)."""
    best, best_acc = None, accuracy(groups, weights)
    for mg in MARGINS:
        acc = accuracy(groups, weights, mg)
        if acc > best_acc:
            best, best_acc = mg, acc
    return best
