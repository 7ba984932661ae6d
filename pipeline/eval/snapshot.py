"""Extraction snapshots, to show that a refactoring changed no output (a developer tool, not a score).

    python -m pipeline.eval.snapshot write OUT.jsonl [--per-set N]   # corpus/, the seed, N articles of each shared set
    python -m pipeline.eval.snapshot compare A.jsonl B.jsonl [--common]   # which articles differ, in which fields

`write` extracts a fixed list of articles (our corpus, the seed, and the first N lines of every
`../shared/eval/*.jsonl` but polnear_train) and writes one extraction per line, without timings. `compare`
prints the articles whose extraction differs, field by field, and exits 1 when any does.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

from pipeline.paths import ROOT, SHARED_DIR


def _articles(per_set: int) -> Iterator:
    from pipeline.eval import article_for
    from pipeline.eval.gold import Skipped, iter_gold
    from pipeline.ingest import make_article

    for path in sorted((ROOT / "corpus").glob("*.txt")):
        yield make_article(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    seed = SHARED_DIR / "seed" / "000_c6dab58f5d28bbda.txt"
    if seed.is_file():
        yield make_article(seed.read_text(encoding="utf-8"), "seed", published="2016-06-27", published_from="cli")
    for gold in sorted((SHARED_DIR / "eval").glob("*.jsonl")):
        if gold.name.startswith("polnear_train"):
            continue
        for item in iter_gold(gold, per_set):
            if not isinstance(item, Skipped):
                yield article_for(item)


def write(out: Path, per_set: int) -> int:
    from pipeline.extract.api import extract_articles
    from pipeline.nlp import get_nlp

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for ex in extract_articles(list(_articles(per_set)), get_nlp(), batch_size=16):
            d = ex.model_dump(mode="json")
            d.pop("timings", None)
            fh.write(json.dumps(d, sort_keys=True, ensure_ascii=False) + "\n")
            n += 1
    return n


def _load(path: Path) -> dict:
    out = {}
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        out[d["article"]["source"] + "#" + str(d["article"].get("id"))] = d
    return out


def compare(a: Path, b: Path, show: int = 3, common: bool = False) -> int:
    left, right = _load(a), _load(b)
    if common:  # only the articles both snapshots hold (one written with a smaller --per-set)
        left = {k: v for k, v in left.items() if k in right}
        right = {k: v for k, v in right.items() if k in left}
    differ = 0
    for key in sorted(set(left) | set(right)):
        x, y = left.get(key), right.get(key)
        if x == y:
            continue
        differ += 1
        if x is None or y is None:
            print(f"{key}: only in {'B' if x is None else 'A'}")
            continue
        fields = [k for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
        print(f"{key}: differs in {', '.join(fields)}")
        for k in fields[:show]:
            print(f"    A.{k} = {json.dumps(x.get(k))[:400]}")
            print(f"    B.{k} = {json.dumps(y.get(k))[:400]}")
    print(f"{len(set(left) | set(right))} articles, {differ} differ")
    return 1 if differ else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.eval.snapshot")
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--per-set", type=int, default=60)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--common", action="store_true", help="compare only the articles both files hold")
    args = ap.parse_args(argv)
    if args.cmd == "write":
        print(f"{write(args.out, args.per_set)} extractions written to {args.out}")
        return 0
    return compare(args.a, args.b, common=args.common)


if __name__ == "__main__":
    sys.exit(main())
