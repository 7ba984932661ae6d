"""The combination table: each way of combining rules and the learned tagger, scored on gold sets.

    python -m pipeline.train.measure GOLD.jsonl... [--half tune|check|all] [--presets rules,tagger,union]
                                     [--min-score 0.0] [--model attribution/tagger_v1.npz]
                                     [--cue-model attribution/cue_spacy]

Only the base model, the tagger and the attribution component run (parses cached in .cache/), so a table
over every preset takes seconds. Scores are those of `claimscope eval` (metrics.score_attributions):
source, cue and content spans each matched one-to-one to the gold spans, exact and overlap, micro P/R/F1.
Also prints the time per document of the tagger and of the rules.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from pipeline.eval.gold import F_ATTRIBUTIONS, GoldDoc, iter_gold
from pipeline.eval.halves import in_half
from pipeline.eval.match import match_spans
from pipeline.extract.attribution.combine import PRESETS
from pipeline.extract.attribution.component import AttributionExtractor
from pipeline.extract.attribution.tagger import AttributionTagger
from pipeline.train.data import base_nlp, parsed

LEXICON = "lexicons/attribution.json"
PARTS = ("source", "cue", "content")


def gold_docs(path: Path, half: str) -> list[GoldDoc]:
    return [g for g in iter_gold(path) if isinstance(g, GoldDoc) and F_ATTRIBUTIONS in g.annotated
            and in_half(g.doc_id, half)]


def _spans(preds: list[dict], part: str) -> list:
    out = []
    for a in preds:
        d = a.get(part)
        if d and d["end_char"] > d["start_char"]:
            out.append(((d["start_char"], d["end_char"]),))
    return out


def score(golds: list[GoldDoc], preds: list[list[dict]]) -> dict[str, tuple[float, float, float]]:
    """Micro P/R/F1 per `part.mode` over the documents."""
    n = defaultdict(lambda: [0, 0, 0])  # matched, predicted, gold
    for g, p in zip(golds, preds):
        gold = {"source": [a.source for a in g.attributions if a.source],
                "cue": [a.cue for a in g.attributions if a.cue],
                "content": [a.content for a in g.attributions if a.content]}
        for part in PARTS:
            ps = _spans(p, part)
            for mode in ("exact", "overlap"):
                c = n[f"{part}.{mode}"]
                c[0] += len(match_spans(gold[part], ps, mode, g.text))
                c[1] += len(ps)
                c[2] += len(gold[part])
    out = {}
    for k, (m, np_, ng) in n.items():
        pr, rc = m / np_ if np_ else 0.0, m / ng if ng else 0.0
        out[k] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return out


def run(golds: list[GoldDoc], key: str, presets: list[str], min_score: float, model: str,
        cue_model: str = "") -> dict:
    nlp, _ = base_nlp()
    docs = parsed([g.text for g in golds], key)
    tagger = AttributionTagger(nlp, "measure_tagger", LEXICON, model, cue_model)
    if tagger.cue is not None and tagger.cue.tensor:  # a cached parse has no tensor; the pipeline's Docs do
        docs = list(nlp.get_pipe("tok2vec").pipe(docs, batch_size=16))
    t0 = time.perf_counter()
    for d in docs:
        d._.cs_attribution_spans = tagger.find(d)
    res = {"_tagger_ms_per_doc": 1000 * (time.perf_counter() - t0) / max(1, len(docs))}
    for preset in presets:
        ex = AttributionExtractor(nlp, "measure", LEXICON, preset, min_score)
        t0 = time.perf_counter()
        preds = [ex.find(d) for d in docs]
        res[f"_{preset}_ms_per_doc"] = 1000 * (time.perf_counter() - t0) / max(1, len(docs))
        res[preset] = score(golds, preds)
    return res


def table(name: str, res: dict, presets: list[str]) -> str:
    head = "| " + name + " | " + " | ".join(f"{p} {m}" for p in PARTS for m in ("overlap", "exact")) + " |"
    lines = [head, "|" + "---|" * (1 + 2 * len(PARTS))]
    for preset in presets:
        r = res[preset]
        lines.append(f"| {preset} | " + " | ".join(f"{r[f'{p}.{m}'][2]:.3f}" for p in PARTS
                                                   for m in ("overlap", "exact")) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train.measure")
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--half", default="tune")
    ap.add_argument("--presets", default=",".join(PRESETS))
    ap.add_argument("--min-score", type=float, default=0.0)
    ap.add_argument("--model", default="attribution/tagger_v1.npz")
    ap.add_argument("--cue-model", default="", help="a spaCy cue model (models/attribution/cue_spacy) for the cues")
    args = ap.parse_args()
    presets = args.presets.split(",")
    for path in args.gold:
        golds = gold_docs(path, args.half)
        res = run(golds, f"{path.stem}_{args.half}", presets, args.min_score, args.model, args.cue_model)
        print(f"\n{path.name} ({args.half}, {len(golds)} docs; min_score {args.min_score}; tagger "
              f"{res['_tagger_ms_per_doc']:.1f} ms/doc, rules {res.get('_rules_ms_per_doc', float('nan')):.1f} ms/doc)")
        print(table("preset", res, presets))


if __name__ == "__main__":
    main()
