"""Cue spans alone: the spaCy cue tagger against the perceptron's cue stage, on the tune and check halves.

    python -m pipeline.train attribution-spacy --measure --out models/attribution/cue_spacy [--dev DEV.jsonl]

Both decode the same way (best label per token, chunks, learned.snap_cues, edges without whitespace) and are
scored by pipeline.eval.match.match_spans one-to-one (overlap and exact micro F1), as pipeline/train/measure.py
scores the cue field. Time per article: the cue stage only (the base tensor, which the pipeline computes anyway,
is not counted; the perceptron's time is its feature hashing and scoring).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from pipeline.eval.match import match_spans
from pipeline.extract._component import load_lexicon
from pipeline.extract.attribution import cue_spacy
from pipeline.extract.attribution.features import cue_features, tok_arrays
from pipeline.extract.attribution.learned import Model, chunks, lexicon_kinds, snap_cues
from pipeline.paths import model_file
from pipeline.train.data import base_nlp, parsed
from pipeline.train.measure import gold_docs

LEXICON = "lexicons/attribution.json"
PERCEPTRON = "attribution/tagger_v1.npz"


def cue_spans(doc, t, scores: np.ndarray) -> list:
    out = []
    for a, b in snap_cues(t, chunks(scores.argmax(axis=1), 1, 2)):
        while a < b and t.space[a]:
            a += 1
        while b > a and t.space[b - 1]:
            b -= 1
        if b > a:
            out.append(((int(t.starts[a]), int(t.ends[b - 1])),))
    return out


def f1(golds, preds, mode: str) -> tuple[float, float, float]:
    m = p = g = 0
    for gd, ps in zip(golds, preds):
        gold = [a.cue for a in gd.attributions if a.cue]
        m, p, g = m + len(match_spans(gold, ps, mode, gd.text)), p + len(ps), g + len(gold)
    pr, rc = m / p if p else 0.0, m / g if g else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def run(docs, kinds, scorer: Callable) -> tuple[list, float]:
    preds, spent = [], 0.0
    for doc in docs:
        t = tok_arrays(doc, kinds)
        t0 = time.perf_counter()
        s = scorer(doc, t)
        spent += time.perf_counter() - t0
        preds.append(cue_spans(doc, t, s) if len(t) else [])
    return preds, 1000 * spent / max(1, len(docs))


def _weighted(spc, w: float) -> Callable:
    def score(doc, t):
        s = spc.scores(doc)
        s[:, 0] *= w
        return s

    return score


def report(dev: Path, model_dir: Path, halves=("tune", "check"), o_weights=(1.0,)) -> dict:
    """The table; `o_weights`: the spaCy model once per weight of its O probability (a decision threshold)."""
    kinds = lexicon_kinds(load_lexicon(LEXICON))
    perc = Model.load(model_file(PERCEPTRON))
    spc = cue_spacy.load(model_dir)
    tok2vec = base_nlp()[0].get_pipe("tok2vec")
    scorers = {"perceptron": lambda d, t: perc.cue.scores(cue_features(t))}
    for w in o_weights:
        scorers[f"spacy {model_dir.name} O x{w:g}"] = _weighted(spc, w)
    res = {}
    print("| cue stage | half | overlap P / R / F1 | exact P / R / F1 | ms / article |\n|---|---|---|---|---|")
    for half in halves:
        golds = gold_docs(dev, half)
        docs = parsed([g.text for g in golds], f"{dev.stem}_{half}")
        if spc.tensor:
            docs = list(tok2vec.pipe(docs, batch_size=16))
        for name, sc in scorers.items():
            preds, ms = run(docs, kinds, sc)
            ov, ex = f1(golds, preds, "overlap"), f1(golds, preds, "exact")
            res[(name, half)] = (ov, ex, ms)
            print(f"| {name} | {half} ({len(golds)}) | " + " / ".join(f"{x:.3f}" for x in ov) + " | "
                  + " / ".join(f"{x:.3f}" for x in ex) + f" | {ms:.1f} |", flush=True)
    return res
