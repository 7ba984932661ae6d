"""Quick measurement of the attribution extractor on PolNeAR-style JSONL (a script, not a test).

    .venv/bin/python -m pipeline.eval.attribution_spans ../shared/eval/polnear_dev.jsonl [--limit N] [--errors K]

Citron-style measures: a predicted attribution is paired with a gold one by cue overlap (one to one, the
largest overlap first). Cue P/R/F1 count predicted and gold cues; source and content P/R/F1 count, over the
pairs, a predicted span that equals (exact) or overlaps (overlap) the gold span (the gold's discontinuous
spans taken as one extent for exact, any piece for overlap). Precision divides by predicted attributions
with that span, recall by gold attributions with it. Gold attributions without a cue are ignored.
Only the base model and this component run, so the other extractors' state does not matter.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import spacy

from pipeline.extract.attribution import component as attribution  # noqa: F401  (registers the factory)
from pipeline.nlp.builder import load_config


def _gold_spans(x):
    if not x or not x.get("spans"):
        return None
    return [(s["start"], s["end"]) for s in x["spans"]]


def _exact(p, g) -> bool:
    return p == (g[0][0], g[-1][1]) or p in g


def _overlap(p, g) -> bool:
    return any(p[0] < e and s < p[1] for s, e in g)


def _prf(tp_p, n_p, tp_r, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def build():
    base = load_config()["base"]["model"]
    nlp = spacy.load(base)
    nlp.add_pipe("claimscope_attribution_v1")
    return nlp


def _parsed(nlp, path: Path, rows: list, limit) -> list:
    """Base-model parses, cached under .cache/ (DocBin) so rule changes re-run in seconds."""
    from spacy.tokens import DocBin

    from pipeline.paths import CACHE_DIR

    cache = CACHE_DIR / f"attribution_eval_{path.stem}_{limit or 'all'}.spacy"
    if cache.is_file() and cache.stat().st_mtime > path.stat().st_mtime:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(rows):
            return docs
    with nlp.select_pipes(disable=["claimscope_attribution_v1"]):
        docs = list(nlp.pipe((r["text"] for r in rows), batch_size=16))
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def evaluate(path: Path, limit: int | None = None, errors: int = 0) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    nlp = build()
    comp = nlp.get_pipe("claimscope_attribution_v1")
    docs = _parsed(nlp, path, rows, limit)
    c = Counter()
    kinds = Counter()
    shown = 0
    for row, doc in zip(rows, docs):
        comp(doc)
        text = row["text"]
        gold = [g for g in row["gold"]["attributions"] if _gold_spans(g.get("cue"))]
        pred = doc._.cs_attributions
        for a in pred:
            kinds[a["kind"]] += 1
        gcue = [_gold_spans(g["cue"]) for g in gold]
        pcue = [(a["cue"]["start_char"], a["cue"]["end_char"]) for a in pred]
        c["cue_n_p"] += len(pred)
        c["cue_n_g"] += len(gold)
        c["cue_exact_p"] += sum(any(_exact(p, g) for g in gcue) for p in pcue)
        c["cue_exact_r"] += sum(any(_exact(p, g) for p in pcue) for g in gcue)
        c["cue_ov_p"] += sum(any(_overlap(p, g) for g in gcue) for p in pcue)
        c["cue_ov_r"] += sum(any(_overlap(p, g) for p in pcue) for g in gcue)
        # one-to-one pairing by cue overlap
        pairs = []
        for i, p in enumerate(pcue):
            for j, g in enumerate(gcue):
                ov = sum(max(0, min(p[1], e) - max(p[0], s)) for s, e in g)
                if ov > 0:
                    pairs.append((ov, i, j))
        pairs.sort(reverse=True)
        used_p, used_g, matched = set(), set(), []
        for _, i, j in pairs:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                matched.append((i, j))
        for field in ("source", "content"):
            c[f"{field}_n_p"] += sum(1 for a in pred if a[field])
            c[f"{field}_n_g"] += sum(1 for g in gold if _gold_spans(g.get(field)))
            for i, j in matched:
                pa, g = pred[i][field], _gold_spans(gold[j].get(field))
                if not pa or not g:
                    continue
                ps = (pa["start_char"], pa["end_char"])
                c[f"{field}_exact"] += _exact(ps, g)
                c[f"{field}_ov"] += _overlap(ps, g)
        if errors and shown < errors:
            for j, g in enumerate(gold):
                if j not in used_g and shown < errors:
                    s = _gold_spans(g["cue"])[0]
                    ctx = text[max(0, s[0] - 100) : s[1] + 60].replace("\n", " ")
                    print(f"MISS cue={g['cue']['text']!r} src={(g.get('source') or {}).get('text')!r} :: {ctx}")
                    shown += 1
            for i, a in enumerate(pred):
                if i not in used_p and shown < errors:
                    s = a["cue"]["start_char"], a["cue"]["end_char"]
                    print(f"FP [{a['rule']}] cue={text[s[0]:s[1]]!r} :: {text[max(0, s[0] - 100):s[1] + 60]!r}")
                    shown += 1
    out = {"docs": len(rows), "gold": c["cue_n_g"], "pred": c["cue_n_p"], "kinds": dict(kinds)}
    out["cue_exact"] = _prf(c["cue_exact_p"], c["cue_n_p"], c["cue_exact_r"], c["cue_n_g"])
    out["cue_overlap"] = _prf(c["cue_ov_p"], c["cue_n_p"], c["cue_ov_r"], c["cue_n_g"])
    for field in ("source", "content"):
        for m, key in (("exact", f"{field}_exact"), ("overlap", f"{field}_ov")):
            out[f"{field}_{m}"] = _prf(c[key], c[f"{field}_n_p"], c[key], c[f"{field}_n_g"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    res = evaluate(args.path, args.limit, args.errors)
    print(f"docs {res['docs']}  gold {res['gold']}  predicted {res['pred']}  kinds {res['kinds']}")
    print(f"{'span':10} {'measure':8} {'P':>6} {'R':>6} {'F1':>6}")
    for field in ("cue", "source", "content"):
        for m in ("exact", "overlap"):
            p, r, f = res[f"{field}_{m}"]
            print(f"{field:10} {m:8} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")


if __name__ == "__main__":
    main()
