"""`python -m pipeline.train attribution [...]` (pipeline/train/attribution.py, the perceptron tagger) and
`python -m pipeline.train attribution-spacy [...]` (pipeline/train/cue_spacy.py, the spaCy cue tagger)."""
from __future__ import annotations

import sys

TARGETS = ("attribution", "attribution-spacy")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python -m pipeline.train {{{','.join(TARGETS)}}} [options]")
    if sys.argv[1] == "attribution-spacy":
        from pipeline.train import cue_spacy

        cue_spacy.main(sys.argv[2:])
        return
    from pipeline.train import attribution

    attribution.main(sys.argv[2:])


if __name__ == "__main__":
    main()
