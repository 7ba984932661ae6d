"""The learned attribution tagger: linear BIO taggers over hashed parse features (trained by `make train`).

Two taggers, both a weight matrix [buckets, labels] read by feature hashes (attribution/features.py):
1. cues: every token of the Doc gets O, B or I (begin / inside a cue);
2. roles: for each predicted cue, every token of the cue's sentence and the sentences around it gets O,
   B-S/I-S (source) or B-C/I-C (content), with features relative to that cue.
Decoding is the best label per token (an I after an O starts a chunk). A cue keeps the source chunk that
scores best and the content: its chunks joined across gaps of at most CONTENT_GAP tokens or holding only the
cue, the source or punctuation ("X, he said, Y" is one content running from X to Y), the largest such group. Every span is built from
whole tokens inside the Doc, so it is never inverted or outside the text.

The weights are stored sparse (the rows in use, float16) in an .npz with a JSON `meta` (see MODEL_CARD.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.extract.attribution.features import TokArrays, cue_features, role_features, role_rows, tok_arrays

CUE_LABELS = ("O", "B", "I")
ROLE_LABELS = ("O", "B-S", "I-S", "B-C", "I-C")
SOURCE, CONTENT = (1, 2), (3, 4)
CONTENT_GAP = 2  # content chunks this close are one content (a word the tagger missed inside a phrase)
CUE_GAP = 1  # cue chunks this close (no punctuation between) are one cue ("has | also | detailed")
_AUX = np.array(sorted(hash_string(d) for d in ("aux", "auxpass", "neg", "advmod")), dtype=np.uint64)
_ADV = np.uint64(hash_string("advmod"))


@dataclass
class LinearTagger:
    """Scores = the sum of the weight rows of a token's feature buckets."""

    weights: np.ndarray  # [2**bits, n_labels] float32
    bits: int

    def scores(self, feats: np.ndarray) -> np.ndarray:
        idx = (feats & np.uint64((1 << self.bits) - 1)).astype(np.int64)
        return self.weights[idx].sum(axis=1)

    def to_sparse(self) -> tuple[np.ndarray, np.ndarray]:
        rows = np.flatnonzero(np.abs(self.weights).max(axis=1) > 1e-6).astype(np.uint32)
        return rows, self.weights[rows].astype(np.float16)

    @classmethod
    def from_sparse(cls, rows: np.ndarray, w: np.ndarray, bits: int, n_labels: int) -> "LinearTagger":
        full = np.zeros((1 << bits, n_labels), dtype=np.float32)
        full[rows.astype(np.int64)] = w.astype(np.float32)
        return cls(full, bits)


def chunks(labels: np.ndarray, b: int, i: int) -> list[tuple[int, int]]:
    """[start, end) ranges of B I* runs (an I with no B before it begins a run)."""
    inn = (labels == b) | (labels == i)
    if not inn.any():
        return []
    prev = np.concatenate([[False], inn[:-1]])
    starts = np.flatnonzero((labels == b) | (inn & ~prev))
    outs = np.append(np.flatnonzero(~inn), len(labels))
    ends = np.minimum(outs[np.searchsorted(outs, starts)], np.append(starts[1:], len(labels)))
    return list(zip(starts.tolist(), ends.tolist()))


def lexicon_kinds(lex: dict) -> tuple[np.ndarray, np.ndarray]:
    """(sorted lemma hashes, kind hashes): the rule lexicon's cue words (a feature of the tagger)."""
    out: dict[int, int] = {}
    for kind, lemmas in lex["cue_verbs"].items():
        for lemma in lemmas:
            out.setdefault(hash_string(lemma), hash_string(kind))
    extra = {"naming": lex["naming_verbs"], "responsibility": lex["responsibility"]["verbs"],
             "according": [p.split()[0] for p in lex["according_to"]],
             "light": [k.split()[0] for k in lex["light_phrases"] if not k.startswith("_")]}
    for kind, lemmas in extra.items():
        for lemma in lemmas:
            out.setdefault(hash_string(lemma), hash_string(kind))
    keys = sorted(out)
    return np.array(keys, dtype=np.uint64), np.array([out[k] for k in keys], dtype=np.uint64)


@dataclass
class Model:
    cue: LinearTagger
    role: LinearTagger
    meta: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        cr, cw = self.cue.to_sparse()
        rr, rw = self.role.to_sparse()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, cue_rows=cr, cue_w=cw, role_rows=rr, role_w=rw,
                                meta=np.frombuffer(json.dumps(self.meta, sort_keys=True).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: Path) -> "Model":
        z = np.load(path)
        meta = json.loads(bytes(z["meta"]).decode())
        return cls(LinearTagger.from_sparse(z["cue_rows"], z["cue_w"], meta["cue_bits"], len(CUE_LABELS)),
                   LinearTagger.from_sparse(z["role_rows"], z["role_w"], meta["role_bits"], len(ROLE_LABELS)), meta)

    def predict(self, t: TokArrays, cue_scores: Optional[np.ndarray] = None) -> list[dict]:
        """One dict per predicted cue: token ranges `cue`, `source` | None, `content` | None, `cue_head`,
        `score` (the cue's mean margin over O). `cue_scores` [tokens, 3] (O, B, I) replace the cue tagger's
        (the spaCy cue tagger, attribution/cue_spacy.py)."""
        if not len(t):
            return []
        s = self.cue.scores(cue_features(t)) if cue_scores is None else cue_scores
        lab = s.argmax(axis=1)
        cues = snap_cues(t, chunks(lab, 1, 2))
        if not cues:
            return []
        rows = role_rows(t, cues)
        rs = self.role.scores(role_features(t, rows))
        out = []
        for k, (cs, ce) in enumerate(cues):
            a, b = rows.bounds[k], rows.bounds[k + 1]
            w, part = rows.toks[a:b], rs[a:b]
            margin = float((s[np.arange(cs, ce), lab[cs:ce]] - s[cs:ce, 0]).mean())
            out.append(decode_roles(t, cs, ce, w, part, margin))
        return out


def snap_cues(t: TokArrays, cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cue chunks joined across a gap of at most CUE_GAP words (no punctuation) in one sentence, then widened
    to the auxiliaries, negation and adverbs right before them that hang on them ("has also said", "is
    demanding"; an adverb only inside an auxiliary chain, as the rules' cue spans)."""
    merged: list[list[int]] = []
    for cs, ce in cues:
        if merged and cs - merged[-1][1] <= CUE_GAP and t.sent[cs] == t.sent[merged[-1][1] - 1] \
                and not t.punct[merged[-1][1]:cs].any():
            merged[-1][1] = ce
        else:
            merged.append([cs, ce])
    out = []
    for cs, ce in merged:
        k = cs
        while k - 1 >= 0 and cs <= t.head[k - 1] < ce and np.isin(t.dep[k - 1], _AUX) and t.sent[k - 1] == t.sent[cs]:
            k -= 1
        while k < cs and t.dep[k] == _ADV:
            k += 1
        if out and k < out[-1][1]:
            k = out[-1][1]
        out.append((k, ce))
    return out


def _best_source(part: np.ndarray, lab: np.ndarray, w: np.ndarray) -> Optional[tuple[int, int]]:
    best, best_score = None, -np.inf
    for a, b in chunks(lab, *SOURCE):
        sc = float((part[a:b].max(axis=1) - part[a:b, 0]).mean())
        if sc > best_score:
            best, best_score = (int(w[a]), int(w[b - 1]) + 1), sc
    return best


def _content(t: TokArrays, lab: np.ndarray, w: np.ndarray, cue: tuple[int, int],
             src: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    runs = [(int(w[a]), int(w[b - 1]) + 1) for a, b in chunks(lab, *CONTENT)]
    if not runs:
        return None
    groups = [list(runs[0])]
    for a, b in runs[1:]:
        gap = range(groups[-1][1], a)
        if len(gap) <= CONTENT_GAP or all(cue[0] <= g < cue[1] or (src and src[0] <= g < src[1]) or t.punct[g]
                                          or t.space[g] for g in gap):
            groups[-1][1] = b
        else:
            groups.append([a, b])
    best = max(groups, key=lambda g: g[1] - g[0])
    return best[0], best[1]


def decode_roles(t: TokArrays, cs: int, ce: int, w: np.ndarray, part: np.ndarray, margin: float) -> dict:
    lab = part.argmax(axis=1)
    inside = (w >= cs) & (w < ce)
    lab[inside] = 0  # a cue token is never its own source or content
    src = _best_source(part, lab, w)
    content = _content(t, lab, w, (cs, ce), src)
    if content and src and content[0] < src[1] and src[0] < content[1]:
        src = None  # a source inside its own content: keep the content
    return {"cue": (cs, ce), "source": src, "content": content, "score": margin}


def _trimmed(t: TokArrays, r: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A token range without whitespace tokens at its edges (None when nothing is left)."""
    if r is None:
        return None
    a, b = r
    while a < b and t.space[a]:
        a += 1
    while b > a and t.space[b - 1]:
        b -= 1
    return (a, b) if b > a else None


def predict_doc(model: Model, doc: Doc, lex_kinds: tuple[np.ndarray, np.ndarray],
                cue_scores: Optional[np.ndarray] = None) -> list[dict]:
    """Predicted claims of a Doc with character spans ({start_char, end_char}; token ranges under `_tok`)."""
    t = tok_arrays(doc, lex_kinds)
    out = []
    for p in model.predict(t, cue_scores):
        rng = {k: _trimmed(t, p[k]) for k in ("cue", "source", "content")}
        if rng["cue"] is None:
            continue
        d = {"score": p["score"], "_tok": rng}
        for k in ("cue", "source", "content"):
            r = rng[k]
            d[k] = None if r is None else {"start_char": int(t.starts[r[0]]), "end_char": int(t.ends[r[1] - 1])}
        out.append(d)
    return out
