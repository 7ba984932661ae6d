"""Train and measure the spaCy cue tagger (attribution/cue_spacy.py) against the perceptron's cue stage.

    python -m pipeline.train attribution-spacy [--config models/attribution/cue_spacy_tensor.cfg]
        [--data ../shared/eval/polnear_train.jsonl] [--dev ../shared/eval/polnear_dev.jsonl] [--out DIR]
        [--seed 17] [--max-steps N] [--limit N] [--measure]

1. convert: the parse of the base model (pipeline/train/data.py, cached) and its gold cue labels (data.example,
   which joins discontinuous cues) -> `.spacy` DocBins, the labels O / B-CUE / I-CUE in each Doc's user_data;
   train = the training file, dev = the tune half of the dev file (never its check half);
2. train: `spacy.cli.train.train` with the config; the reader `claimscope.CueCorpus.v1` gives spaCy Examples
   whose predicted Doc carries the base parse (and its tok2vec tensor when the architecture reads it) and whose
   reference carries the cue labels as tags; spaCy picks the best step by `cue_f` (cue chunk exact F1 on dev);
3. `--measure`: cue spans (chunks, then the perceptron decoder's snap_cues) of the spaCy model and of the
   shipped perceptron, scored by pipeline.eval.match one-to-one, overlap and exact, on the tune and check
   halves, with the time per article.
"""
from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Callable, Iterable, Optional

from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry

from pipeline.extract._component import load_lexicon
from pipeline.extract.attribution import cue_spacy
from pipeline.extract.attribution.learned import lexicon_kinds
from pipeline.paths import CACHE_DIR, MODELS_DIR, SHARED_DIR
from pipeline.train.data import base_nlp, example, parsed, read_rows

log = logging.getLogger(__name__)
LEXICON = "lexicons/attribution.json"
DEFAULT_CONFIG = MODELS_DIR / "attribution" / "cue_spacy_features.cfg"
KEY = "cs_cue_labels"


def label_docs(rows: list[dict], key: str) -> list[Doc]:
    """Parsed Docs with their gold cue labels (strings of cue_spacy.LABELS) in user_data[KEY]."""
    docs = parsed([r["text"] for r in rows], key)
    kinds = lexicon_kinds(load_lexicon(LEXICON))
    for doc, row in zip(docs, rows):
        doc.user_data[KEY] = [cue_spacy.LABELS[k] for k in example(doc, row, kinds).cue_labels.tolist()]
    return docs


def write_docbin(docs: list[Doc], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return path


def convert(data: Path, dev: Optional[Path], out: Path, limit: Optional[int] = None) -> tuple[Path, Path]:
    """train.spacy from `data`, dev.spacy from the tune half of `dev` (or from `data` itself when None)."""
    from pipeline.eval.halves import in_half

    rows = read_rows(data)[:limit] if limit else read_rows(data)
    train = write_docbin(label_docs(rows, f"{data.stem}_{len(rows)}"), out / "train.spacy")
    if dev is None:
        return train, write_docbin(label_docs(rows, f"{data.stem}_{len(rows)}"), out / "dev.spacy")
    drows = [r for r in read_rows(dev) if in_half(r["doc_id"], "tune")]
    return train, write_docbin(label_docs(drows, f"{dev.stem}_tune"), out / "dev.spacy")


_EXAMPLES: dict[tuple, list[Example]] = {}


def examples(path: Path, vocab, tensor: bool) -> list[Example]:
    """Examples of a DocBin written by `convert`, built once per process."""
    key = (str(path), tensor, id(vocab))
    if key not in _EXAMPLES:
        docs = list(DocBin().from_disk(path).get_docs(vocab))
        if tensor:
            tok2vec = base_nlp()[0].get_pipe("tok2vec")
            docs = list(tok2vec.pipe(docs, batch_size=16))
        out = []
        for doc in docs:
            ref = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                      tags=doc.user_data[KEY])
            out.append(Example(doc, ref))
        _EXAMPLES[key] = out
    return _EXAMPLES[key]


@registry.readers("claimscope.CueCorpus.v1")
def cue_corpus(path: str, tensor: bool) -> Callable:
    def read(nlp) -> Iterable[Example]:
        return iter(examples(Path(path), nlp.vocab, tensor))

    return read


chunk_set, score_cues = cue_spacy.chunk_set, cue_spacy.score_cues  # the scorer lives with the model


def train(config: Path, out: Path, data: Path, dev: Optional[Path], seed: int,
          max_steps: Optional[int] = None, limit: Optional[int] = None, work: Optional[Path] = None,
          overrides: Optional[dict] = None) -> Path:
    """Converts, trains with spaCy, and copies the best model to `out` (a spaCy pipeline directory)."""
    import shutil

    from spacy.cli.train import train as spacy_train

    work = work or CACHE_DIR / "cue_spacy" / out.name
    t0 = time.perf_counter()
    tr, dv = convert(data, dev, work / "corpus", limit)
    log.info("converted %s, %s (%.0f s)", tr, dv, time.perf_counter() - t0)
    extra, overrides = overrides, {"paths.train": str(tr), "paths.dev": str(dv), "system.seed": seed}
    if max_steps:
        overrides["training.max_steps"] = max_steps
    overrides.update(extra or {})
    spacy_train(config, work / "output", overrides=overrides)
    best = work / "output" / "model-best"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    log.info("saved %s (training %.0f s)", out, time.perf_counter() - t0)
    return out


def main(argv: Optional[list[str]] = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train attribution-spacy")
    ap.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    ap.add_argument("--data", type=Path, default=SHARED_DIR / "eval" / "polnear_train.jsonl")
    ap.add_argument("--dev", type=Path, default=SHARED_DIR / "eval" / "polnear_dev.jsonl")
    ap.add_argument("--out", type=Path, default=CACHE_DIR / "cue_spacy_model")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--max-steps", type=int)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--measure", action="store_true", help="only measure the model at --out (no training)")
    ap.add_argument("--halves", default="tune,check")
    ap.add_argument("--o-weights", default="1", help="--measure: weights of the O probability, e.g. 1,0.8,0.6")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.measure:
        from pipeline.train.cue_measure import report

        report(args.dev, args.out, args.halves.split(","), [float(w) for w in args.o_weights.split(",")])
        return
    train(args.config, args.out, args.data, args.dev, args.seed, args.max_steps, args.limit)
