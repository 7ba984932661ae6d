"""Train the learned attribution tagger (attribution/learned.py) on PolNeAR-format JSONL.

    python -m pipeline.train attribution [--data ../shared/eval/polnear_train.jsonl] [--out models/attribution/tagger_v1.npz]
                                         [--epochs 10] [--seed 17] [--limit N]

Deterministic: the order of documents and cues comes from a seeded generator, and the parse is the
pipeline's own. Cue tagger: one perceptron step per sentence; role tagger: one step per gold cue (its
window, labels from data.role_labels). Both are averaged perceptrons (train/perceptron.py).
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import time
from pathlib import Path
from typing import Optional

import numpy as np

from pipeline.extract._component import load_lexicon
from pipeline.extract.attribution.features import cue_features, role_features, role_rows
from pipeline.extract.attribution.learned import CUE_LABELS, ROLE_LABELS, LinearTagger, Model, lexicon_kinds
from pipeline.paths import MODELS_DIR, SHARED_DIR
from pipeline.train.data import Example, coverage, example, parsed, read_rows, role_labels
from pipeline.train.perceptron import Averaged

log = logging.getLogger(__name__)

DEFAULTS = {"epochs": 10, "seed": 17, "cue_bits": 18, "role_bits": 19, "lexicon": "lexicons/attribution.json"}


def examples_of(rows: list[dict], key: str, lexicon: str) -> list[Example]:
    docs = parsed([r["text"] for r in rows], key)
    kinds = lexicon_kinds(load_lexicon(lexicon))
    return [example(doc, row, kinds) for doc, row in zip(docs, rows)]


def _cue_epoch(tagger: Averaged, ex: Example, feats: np.ndarray) -> int:
    b = ex.t.sent_bounds
    return sum(tagger.step(feats[b[k] : b[k + 1]], ex.cue_labels[b[k] : b[k + 1]]) for k in range(len(b) - 1))


def _role_epoch(tagger: Averaged, ex: Example, rng: np.random.Generator) -> int:
    """One step per gold cue (in a seeded order), the features of all the document's cues computed at once."""
    if not ex.cues:
        return 0
    rows = role_rows(ex.t, [g.cue for g in ex.cues])
    feats = role_features(ex.t, rows)
    wrong = 0
    for k in rng.permutation(len(ex.cues)).tolist():
        a, b = rows.bounds[k], rows.bounds[k + 1]
        wrong += tagger.step(feats[a:b], role_labels(ex.t, ex.cues[k], rows.toks[a:b]))
    return wrong


def fit(examples: list[Example], epochs: int, seed: int, cue_bits: int, role_bits: int) -> tuple[Model, list]:
    """Both taggers; returns the model and the per-epoch error counts (cue tokens, role tokens)."""
    rng = np.random.default_rng(seed)
    cue, role = Averaged(cue_bits, len(CUE_LABELS)), Averaged(role_bits, len(ROLE_LABELS))
    cue_feats = [(cue_features(ex.t) & cue.mask).astype(np.uint32) for ex in examples]
    history = []
    for epoch in range(epochs):
        t0, errs = time.perf_counter(), [0, 0]
        for i in rng.permutation(len(examples)).tolist():
            errs[0] += _cue_epoch(cue, examples[i], cue_feats[i])
            errs[1] += _role_epoch(role, examples[i], rng)
        history.append(errs)
        log.info("epoch %d: %d cue / %d role token errors (%.1fs)", epoch + 1, *errs, time.perf_counter() - t0)
    model = Model(LinearTagger(cue.final(), cue_bits), LinearTagger(role.final(), role_bits))
    return model, history


def train(data: Path, out: Path, epochs: int, seed: int, limit: Optional[int] = None,
          cue_bits: int = DEFAULTS["cue_bits"], role_bits: int = DEFAULTS["role_bits"]) -> Model:
    t0 = time.perf_counter()
    rows = read_rows(data)[:limit] if limit else read_rows(data)
    examples = examples_of(rows, f"{data.stem}_{len(rows)}", DEFAULTS["lexicon"])
    parse_s = time.perf_counter() - t0
    model, history = fit(examples, epochs, seed, cue_bits, role_bits)
    model.meta = {
        "format": "claimscope-attribution-tagger/1", "cue_bits": cue_bits, "role_bits": role_bits,
        "epochs": epochs, "seed": seed, "data": data.name, "docs": len(rows),
        "data_sha1": hashlib.sha1(data.read_bytes()).hexdigest(), "cues": sum(len(e.cues) for e in examples),
        "window_coverage": coverage(examples), "errors_per_epoch": history, "lexicon": DEFAULTS["lexicon"],
    }
    model.save(out)
    log.info("saved %s (%d bytes; parse %.0f s, training %.0f s): %s", out, out.stat().st_size, parse_s,
             time.perf_counter() - t0 - parse_s, model.meta)
    return model


def main(argv: Optional[list[str]] = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train attribution")
    ap.add_argument("--data", type=Path, default=SHARED_DIR / "eval" / "polnear_train.jsonl")
    ap.add_argument("--out", type=Path, default=MODELS_DIR / "attribution" / "tagger_v1.npz")
    ap.add_argument("--epochs", type=int, default=DEFAULTS["epochs"])
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train(args.data, args.out, args.epochs, args.seed, args.limit)
