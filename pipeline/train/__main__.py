"""`python -m pipeline.train attribution [...]` (see pipeline/train/attribution.py)."""
from __future__ import annotations

import sys

TARGETS = ("attribution",)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python -m pipeline.train {{{','.join(TARGETS)}}} [options]")
    from pipeline.train import attribution

    attribution.main(sys.argv[2:])


if __name__ == "__main__":
    main()
