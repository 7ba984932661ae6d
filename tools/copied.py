"""Lines of our code, comments and tests that repeat text of articles we read (the content rule, and the
audit of fitted rules): any run of N words (default 6) shared with the seed, ../shared/eval texts or corpus/.

    .venv/bin/python tools/copied.py [--n 6] [--no-corpus] PATH...     # files or folders (*.py, *.json, *.md)

Prints `file:line: the shared words` per hit and a count per file; exits 1 when anything was found.
"""
from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORD = re.compile(r"[A-Za-z0-9']+")


def _shingles(text: str, n: int) -> set[str]:
    w = [x.lower() for x in WORD.findall(text)]
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def sources(n: int, corpus: bool) -> set[str]:
    out: set[str] = set()
    files = [SHARED / "seed" / "000_c6dab58f5d28bbda.txt", *map(Path, glob.glob(str(SHARED / "eval/analytical/*.txt")))]
    if corpus:
        files += sorted((ROOT / "corpus").glob("*.txt"))
    for f in files:
        if f.is_file():
            out |= _shingles(f.read_text(encoding="utf-8"), n)
    for f in sorted((SHARED / "eval").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            out |= _shingles(json.loads(line).get("text") or "", n)
    return out


def scan(paths: list[str], n: int, corpus: bool) -> int:
    src = sources(n, corpus)
    files = []
    for p in map(Path, paths):
        files += [q for q in p.rglob("*") if q.suffix in {".py", ".json", ".md", ".sql", ".cfg"}] if p.is_dir() else [p]
    total = 0
    for f in files:
        hits = 0
        for i, line in enumerate(f.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            got = _shingles(line, n) & src
            if got:
                hits += 1
                print(f"{f}:{i}: {sorted(got)[0]}")
        if hits:
            print(f"# {f}: {hits} lines")
        total += hits
    print(f"{total} lines share a run of {n} words with articles we read")
    return 1 if total else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--n", type=int, default=6)
    ap.add_argument("--no-corpus", action="store_true", help="only the seed and ../shared, not corpus/")
    a = ap.parse_args()
    sys.exit(scan(a.paths, a.n, not a.no_corpus))
