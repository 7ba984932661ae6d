"""`python -m pipeline.eval [--scoreboard] [--half tune|check|all] [--format ...] [--limit N] [--worst N] GOLD...`.

Same as `claimscope eval`, plus `--scoreboard`: only the combined markdown table (one row per dataset and
metric; the tune and check halves side by side unless `--half` is given). Gold files that do not exist are reported and skipped; no gold file at all is not an error.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv=None) -> int:
    os.environ.setdefault("DO_NOT_TRACK", "1")
    ap = argparse.ArgumentParser(prog="python -m pipeline.eval", description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--format", "-f", choices=["table", "json", "markdown"], default="table")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--worst", type=int, default=5)
    ap.add_argument("--scoreboard", action="store_true", help="print only the combined markdown scoreboard")
    ap.add_argument("--half", choices=["tune", "check", "all"], default=None,
                    help="documents scored (check: sha1(doc_id) starts 0-3); default all, scoreboard: tune and check")
    args = ap.parse_args(argv)
    files = []
    for g in args.gold:
        if Path(g).is_file():
            files.append(g)
        else:
            print(f"eval: skipping {g}: no such file", file=sys.stderr)
    if not files:
        print("eval: no gold files to score", file=sys.stderr)
        return 0
    from pipeline.eval import run_eval

    run_eval(files, format=args.format, limit=args.limit, worst=args.worst, scoreboard=args.scoreboard,
             half=args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
