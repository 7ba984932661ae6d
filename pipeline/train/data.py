"""Training data for the learned attribution tagger: PolNeAR-format JSONL -> parsed Docs -> token labels.

Gold spans are character spans, possibly discontinuous (several pieces); labels are per token (a token is
in a span when it shares a character with it). The conversion (documented in models/attribution/MODEL_CARD.md):
- cue: one piece as it is; several pieces -> their extent when the gaps between them hold at most
  `CUE_GAP` tokens and no token of the source ("would not ... comment"), else the longest piece;
- source: the extent of its pieces;
- content: every piece tagged on its own (B at each piece's first token); the decoder joins pieces across
  a gap that holds only the cue, the source or punctuation, so "X, he said, Y" comes back as one extent;
- a cue token is never tagged source or content; a source token is not tagged content.
Role labels only cover the cue's window (its sentence and the ones around it, features.role_window).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.tokens import Doc, DocBin

from pipeline.extract.attribution.features import TokArrays, role_window, tok_arrays
from pipeline.paths import CACHE_DIR

CUE_GAP = 3
Range = tuple[int, int]


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_BASE: list = []


def base_nlp():
    """The base model with its stand-ins, as models/pipeline.cfg builds it, without our components (so training
    needs no trained model), and the names of our components in it (none). Built once per process."""
    if not _BASE:
        import spacy

        from pipeline.nlp.builder import _replace_base, load_config

        base = load_config()["base"]
        nlp = spacy.load(base["model"], exclude=list(base.get("exclude", [])))
        _replace_base(nlp, dict(base.get("replace", {})))
        _BASE.append(nlp)
    nlp = _BASE[0]
    return nlp, [p for p in nlp.pipe_names if p.startswith("claimscope_")]


def parsed(texts: list[str], key: str) -> list[Doc]:
    """Parses by the base model (no claimscope component), cached in .cache/ under a key of the texts."""
    nlp, ours = base_nlp()
    h = hashlib.sha1(("\0".join(texts) + nlp.meta.get("version", "")).encode("utf-8")).hexdigest()[:12]
    cache = CACHE_DIR / f"attr_train_{key}_{h}.spacy"
    if cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts):
            return docs
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(texts, batch_size=16))
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def tok_range(t: TokArrays, s: int, e: int) -> Optional[Range]:
    """Tokens sharing a character with [s, e)."""
    a = int(np.searchsorted(t.ends, s, side="right"))
    b = int(np.searchsorted(t.starts, e, side="left"))
    return (a, b) if b > a else None


def pieces(t: TokArrays, part: Optional[dict]) -> list[Range]:
    if not part or not part.get("spans"):
        return []
    got = [tok_range(t, p["start"], p["end"]) for p in part["spans"]]
    return sorted(r for r in got if r)


def cue_range(cue: list[Range], src: Optional[Range]) -> Optional[Range]:
    if not cue:
        return None
    if len(cue) == 1:
        return cue[0]
    gaps = sum(b[0] - a[1] for a, b in zip(cue, cue[1:]))
    in_gap = src is not None and cue[0][1] <= src[0] and src[1] <= cue[-1][0]
    if gaps <= CUE_GAP and not in_gap:
        return cue[0][0], cue[-1][1]
    return max(cue, key=lambda r: r[1] - r[0])


@dataclass
class GoldCue:
    cue: Range
    source: Optional[Range]
    content: list[Range] = field(default_factory=list)


@dataclass
class Example:
    t: TokArrays
    cue_labels: np.ndarray
    cues: list[GoldCue]


def example(doc: Doc, row: dict, lex_kinds: tuple[np.ndarray, np.ndarray]) -> Example:
    t = tok_arrays(doc, lex_kinds)
    labels = np.zeros(len(t), dtype=np.int64)
    cues = []
    for a in (row.get("gold") or {}).get("attributions") or []:
        src_p = pieces(t, a.get("source"))
        src = (src_p[0][0], src_p[-1][1]) if src_p else None
        cue = cue_range(pieces(t, a.get("cue")), src)
        if cue is None:
            continue
        labels[cue[0]] = np.where(labels[cue[0]] == 2, 2, 1)
        labels[cue[0] + 1 : cue[1]] = 2
        cues.append(GoldCue(cue, src, pieces(t, a.get("content"))))
    return Example(t, labels, cues)


def role_labels(t: TokArrays, g: GoldCue, w: np.ndarray) -> np.ndarray:
    """Labels over a cue's window: 0 O, 1 B-S, 2 I-S, 3 B-C, 4 I-C."""
    lab = np.zeros(len(t), dtype=np.int64)
    for a, b in g.content:
        lab[a:b] = 4
        lab[a] = 3
    if g.source:
        lab[g.source[0] : g.source[1]] = 2
        lab[g.source[0]] = 1
    lab[g.cue[0] : g.cue[1]] = 0
    return lab[w]


def coverage(examples: list[Example]) -> dict:
    """Share of gold source and content tokens inside their cue's window (what the role tagger can reach)."""
    n = {"source": [0, 0], "content": [0, 0]}
    for ex in examples:
        for g in ex.cues:
            w = role_window(ex.t, *g.cue)
            lo, hi = int(w[0]), int(w[-1]) + 1
            for name, ranges in (("source", [g.source] if g.source else []), ("content", g.content)):
                for a, b in ranges:
                    n[name][0] += max(0, min(b, hi) - max(a, lo))
                    n[name][1] += b - a
    return {k: round(v[0] / v[1], 4) if v[1] else None for k, v in n.items()}
