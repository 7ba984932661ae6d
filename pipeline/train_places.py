"""Train the namesake ranker (extract/places/ranker.py): `python -m pipeline.train_places [GOLD] [--out FILE]`
(`make train-places`).

On the tune half of a toponym gold set (GeoWebNews by default) the pipeline runs with the hand weights,
recording for every resolved mention its candidates and their features; a gold toponym overlapping a
mention labels the candidate with its GeoNames id (else those within 161 km of its coordinates). Mentions
with one candidate, or whose right entry is not among the candidates, teach nothing and are left out. The
fitted weights go to `models/places/ranker.json` with what they were trained on.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

from pipeline.paths import MODELS_DIR, SHARED_DIR

DEFAULT_GOLD = SHARED_DIR / "eval" / "geo_gwn.jsonl"
DEFAULT_OUT = MODELS_DIR / "places" / "ranker.json"
ACC_KM = 161.0


def _label(rec: dict, gp) -> Optional[list[float]]:
    """Target shares over a mention's candidates for one gold toponym, or None when none is right."""
    from pipeline.extract.places.gazetteer import haversine_km

    hits = [i for i, (gid, _la, _lo) in enumerate(rec["cands"]) if gp.geonameid is not None and gid == gp.geonameid]
    if not hits and gp.lat is not None and gp.lon is not None:
        hits = [i for i, (_g, la, lo) in enumerate(rec["cands"])
                if la is not None and haversine_km(gp.lat, gp.lon, la, lo) <= ACC_KM]
    if not hits:
        return None
    return [1.0 / len(hits) if i in hits else 0.0 for i in range(len(rec["cands"]))]


def _best_record(recs: dict, spans) -> Optional[dict]:
    best, size = None, 0
    for (a, b), rec in recs.items():
        ov = sum(max(0, min(b, e) - max(a, s)) for s, e in spans)
        if ov > size:
            best, size = rec, ov
    return best


def collect(gold_path: Path, half: str = "tune", limit: Optional[int] = None) -> tuple[list, int]:
    """(groups of (X, y), documents read) from the tune half of a toponym gold file."""
    import os

    from pipeline.eval import article_for
    from pipeline.eval.gold import GoldDoc, iter_gold
    from pipeline.eval.halves import in_half
    from pipeline.extract.api import extract_articles
    from pipeline.extract.places.ranker import ENV
    from pipeline.nlp.builder import build_nlp

    os.environ[ENV] = "off"  # the features are recorded under the hand weights
    nlp = build_nlp()
    finder = nlp.get_pipe("claimscope_places").finder
    groups, docs = [], 0
    for gd in iter_gold(gold_path, limit=limit):
        if not isinstance(gd, GoldDoc) or not in_half(gd.doc_id, half) or not gd.places:
            continue
        finder.recorder = {}
        list(extract_articles([article_for(gd)], nlp))
        docs += 1
        for gp in gd.places:
            if not gp.counted or not gp.span or (gp.geonameid is None and gp.lat is None):
                continue
            rec = _best_record(finder.recorder, gp.span)
            if rec is None or len(rec["cands"]) < 2:
                continue
            y = _label(rec, gp)
            if y is not None:
                groups.append((rec["X"], y))
    finder.recorder = None
    return groups, docs


def train(gold_paths: list[Path], out: Path = DEFAULT_OUT, l2: float = 1.0,
          limit: Optional[int] = None) -> dict:
    from pipeline.extract.places import ranker

    groups, docs = [], {}
    for gold_path in gold_paths:
        got, n = collect(gold_path, "tune", limit)
        groups += got
        docs[gold_path.name] = {"documents": n, "mentions": len(got)}
    if not groups:
        raise SystemExit(f"{gold_paths}: no ambiguous gold toponym to learn from")
    weights = ranker.fit(groups, l2=l2)
    margin = ranker.pick_margin(groups, weights)
    summary = {
        "model": "claimscope places namesake ranker", "version": 1, "features": list(ranker.FEATURES),
        "weights": {k: round(v, 6) for k, v in weights.items()}, "margin": margin,
        "trained_on": {"half": "tune", "sets": docs, "mentions": len(groups)},
        "l2": l2, "near_km": ranker.NEAR_KM,
        "train_top1": {"hand": round(ranker.accuracy(groups, ranker.hand_weights()), 4),
                       "learned": round(ranker.accuracy(groups, weights), 4),
                       "learned_with_margin": round(ranker.accuracy(groups, weights, margin), 4)},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[DEFAULT_GOLD])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args(argv)
    s = train(a.gold, a.out, a.l2, a.limit)
    sys.stdout.write(json.dumps({k: s[k] for k in ("trained_on", "train_top1")}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
