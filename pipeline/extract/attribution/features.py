"""Features of the learned attribution tagger (attribution/learned.py), computed on whole arrays (numpy).

A Doc is read once into `TokArrays` (the parse as integer arrays: word, lemma, tags, dependency heads,
sentences, quotations, hits of our rule lexicon). Features are hashed templates ("lemma=say",
"side=before|anc=nsubj" ...) mapped into a fixed number of buckets (the hashing trick), so a feature needs no
vocabulary: a template's value arrays are mixed with the template's number and reduced to a bucket index.

Cue features describe one token in its context; role features describe one token relative to one cue (which
side of the cue, how far, how it hangs in the parse from the cue's head, whether both sit in one quotation).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, SENT_START, SHAPE, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.extract._doc import doc_text
from pipeline.extract.attribution.quotes import find_quotes

U = np.uint64
_M2, _M3 = U(0xBF58476D1CE4E5B9), U(0x94D049BB133111EB)
_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, SHAPE, ENT_TYPE, HEAD, SENT_START, IS_PUNCT, IS_SPACE, IDX, LENGTH]
PAD = U(0x5A5A5A5A)  # the value of a position before the first or after the last token
# dependency labels whose presence among a token's children is a feature (bit k = label k)
CHILD_DEPS = ("nsubj", "nsubjpass", "ccomp", "dobj", "xcomp", "mark", "agent", "prep", "aux", "neg")
_CHILD = sorted((hash_string(d), 1 << k) for k, d in enumerate(CHILD_DEPS))
_CHILD_KEYS = np.array([k for k, _ in _CHILD], dtype=np.uint64)
_CHILD_VALS = np.array([v for _, v in _CHILD], dtype=np.uint64)
MAX_DEPTH = 12  # ancestors climbed when relating a token to a cue's head


def mix(template: int, *cols: np.ndarray) -> np.ndarray:
    """A 64-bit hash per row of the template number and the value columns (splitmix64 finaliser)."""
    h = np.full(len(cols[0]), U(((template + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    for c in cols:
        h = (h ^ c.astype(np.uint64, copy=False)) * _M2
        h ^= h >> U(31)
    h = (h ^ (h >> U(29))) * _M3
    return h ^ (h >> U(32))


@dataclass
class TokArrays:
    """The parse of one Doc as arrays (one row per token)."""

    lower: np.ndarray
    lemma: np.ndarray
    pos: np.ndarray
    tag: np.ndarray
    dep: np.ndarray
    shape: np.ndarray
    ent: np.ndarray
    head: np.ndarray      # absolute index of the head (a root is its own head)
    sent: np.ndarray      # sentence number
    punct: np.ndarray
    space: np.ndarray
    quote: np.ndarray     # number of the outermost quotation the token is in (0 = none)
    lex: np.ndarray       # hash of the rule lexicon's kind for the lemma (0 = not a cue lemma)
    child_mask: np.ndarray
    left: np.ndarray      # left edge and right edge of the token's subtree
    right: np.ndarray
    starts: np.ndarray    # character offsets of each token
    ends: np.ndarray
    sent_bounds: np.ndarray  # [n_sents + 1] first token of each sentence, then len(doc)

    def __len__(self) -> int:
        return len(self.lower)


def _quote_ids(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    qid = np.zeros(len(starts), dtype=np.uint64)
    last_end = -1
    n = 0
    for q in find_quotes(text):
        if q.start < last_end:
            continue  # nested: the outer quotation counts
        n += 1
        last_end = q.end
        a, b = np.searchsorted(starts, q.start), np.searchsorted(ends, q.end, side="right")
        qid[a:b] = n
    return qid


def _edges(head: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Left and right edge of every subtree (projective or not: the min/max over descendants)."""
    n = len(head)
    left, right = np.arange(n), np.arange(n)
    anc = np.arange(n)
    for _ in range(MAX_DEPTH * 2):
        nxt = head[anc]
        moved = nxt != anc
        if not moved.any():
            break
        np.minimum.at(left, nxt[moved], np.arange(n)[moved])
        np.maximum.at(right, nxt[moved], np.arange(n)[moved])
        anc = nxt
    return left, right


def lookup(keys: np.ndarray, vals: np.ndarray, col: np.ndarray) -> np.ndarray:
    """vals[k] where col == keys[k] (keys sorted), else 0: a dict lookup over a whole column."""
    if not len(keys):
        return np.zeros(len(col), dtype=np.uint64)
    i = np.minimum(np.searchsorted(keys, col), len(keys) - 1)
    return np.where(keys[i] == col, vals[i], U(0))


def tok_arrays(doc: Doc, lex_kinds: tuple[np.ndarray, np.ndarray]) -> TokArrays:
    """Read a parsed Doc; `lex_kinds` = (sorted lemma hashes, kind hashes): the rule lexicon's cue words."""
    n = len(doc)
    a = doc.to_array(_ATTRS) if n else np.zeros((0, len(_ATTRS)), dtype=np.uint64)
    head = np.arange(n) + a[:, 7].view(np.int64)
    sent_start = a[:, 8].view(np.int64) == 1
    if n:
        sent_start[0] = True
    sent = np.cumsum(sent_start) - 1
    starts = a[:, 11].astype(np.int64)
    ends = starts + a[:, 12].astype(np.int64)
    lemma = a[:, 1]
    lex = lookup(lex_kinds[0], lex_kinds[1], lemma)
    mask = np.zeros(n, dtype=np.uint64)
    child = head != np.arange(n)
    bits = lookup(_CHILD_KEYS, _CHILD_VALS, a[:, 4])
    np.bitwise_or.at(mask, head[child], bits[child])
    left, right = _edges(head)
    bounds = np.append(np.flatnonzero(sent_start), n)
    return TokArrays(lower=a[:, 0], lemma=lemma, pos=a[:, 2], tag=a[:, 3], dep=a[:, 4], shape=a[:, 5],
                     ent=a[:, 6], head=head, sent=sent, punct=a[:, 9], space=a[:, 10], quote=_quote_ids(doc_text(doc), starts, ends),
                     lex=lex, child_mask=mask, left=left, right=right, starts=starts, ends=ends, sent_bounds=bounds)


def shift(col: np.ndarray, k: int) -> np.ndarray:
    """col[i + k] at row i (PAD beyond the edges)."""
    out = np.full(len(col), PAD, dtype=np.uint64)
    if k > 0 and k < len(col):
        out[:-k] = col[k:]
    elif k < 0 and -k < len(col):
        out[-k:] = col[:k]
    elif k == 0:
        out[:] = col
    return out


def cue_features(t: TokArrays) -> np.ndarray:
    """[n_tokens, n_templates] feature hashes for cue tagging."""
    lo, le, po, ta, de = t.lower, t.lemma, t.pos, t.tag, t.dep
    hl, hp = le[t.head], po[t.head]
    q = (t.quote > 0).astype(np.uint64)
    qnear = (shift(t.quote, -2) != t.quote) | (shift(t.quote, 2) != t.quote)
    ccomp = t.child_mask & U(4)
    cols = [
        (lo,), (le,), (po,), (ta,), (de,), (t.shape,), (t.ent,), (shift(lo, -1),), (shift(lo, 1),),
        (shift(le, -2),), (shift(le, 2),), (shift(lo, -1), lo), (lo, shift(lo, 1)), (shift(po, -1), po),
        (po, shift(po, 1)), (shift(ta, -1), ta, shift(ta, 1)), (le, de), (le, po), (hl,), (hp,), (de, hp),
        (de, hl), (t.child_mask,), (le, ccomp), (po, t.child_mask), (q, po), (q, qnear.astype(np.uint64), po),
        (t.lex,), (t.lex, po), (t.lex, de), (le[t.head], t.lex[t.head], de), (shift(t.ent, -1), po),
        (shift(t.ent, -2), shift(po, -1), po), (le, shift(lo, 1), shift(lo, 2)),
    ]
    return np.stack([mix(k, *c) for k, c in enumerate(cols)], axis=1) if len(t) else np.zeros((0, len(cols)), U)


def _bucket(d: np.ndarray) -> np.ndarray:
    """Signed distance in eight buckets (exact below four, then wider and wider; the sign kept)."""
    a = np.abs(d)
    b = np.where(a < 4, a, np.where(a < 6, 4, np.where(a < 10, 5, np.where(a < 18, 6, 7))))
    return (np.sign(d) * b + 16).astype(np.uint64)


def anchor_deps(t: TokArrays, toks: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Per row: the dependency of the ancestor of toks[r] that is a child of h[r] (1 = h[r] itself, 0 = not
    below h[r])."""
    anc = toks.copy()
    for _ in range(MAX_DEPTH):
        up = (t.head[anc] != h) & (t.head[anc] != anc) & (anc != h)
        if not up.any():
            break
        anc[up] = t.head[anc[up]]
    below = (t.head[anc] == h) & (anc != h)
    return np.where(anc == h, U(1), np.where(below, t.dep[anc], U(0)))


def role_window(t: TokArrays, cs: int, ce: int) -> np.ndarray:
    """Token indexes a cue [cs, ce) looks at for its source and content: its sentence and the ones around it,
    widened to the whole of a quotation that runs over its edges."""
    s = int(t.sent[cs])
    lo = int(t.sent_bounds[max(0, s - 1)])
    hi = int(t.sent_bounds[min(len(t.sent_bounds) - 1, int(t.sent[ce - 1]) + 2)])
    if t.quote[lo]:
        lo = int(np.flatnonzero(t.quote == t.quote[lo])[0])
    if t.quote[hi - 1]:
        hi = int(np.flatnonzero(t.quote == t.quote[hi - 1])[-1]) + 1
    return np.arange(lo, hi)


def cue_head(t: TokArrays, cs: int, ce: int) -> int:
    """The token of a cue whose head lies outside it (the first such; else the last token)."""
    for i in range(cs, ce):
        if not cs <= t.head[i] < ce or t.head[i] == i:
            return i
    return ce - 1


@dataclass
class Rows:
    """The (cue, token) pairs of role tagging: one row per token of each cue's window."""

    toks: np.ndarray   # token of the row
    seg: np.ndarray    # which cue (index into the cue list)
    cs: np.ndarray     # the cue's first token, one past its last, its head
    ce: np.ndarray
    h: np.ndarray
    bounds: np.ndarray  # rows of cue k: bounds[k]:bounds[k + 1]


def role_rows(t: TokArrays, cues: list[tuple[int, int]]) -> Rows:
    wins = [role_window(t, cs, ce) for cs, ce in cues]
    sizes = np.array([len(w) for w in wins], dtype=np.int64)
    rep = lambda v: np.repeat(np.asarray(v, dtype=np.int64), sizes)  # noqa: E731
    toks = np.concatenate(wins) if wins else np.zeros(0, dtype=np.int64)
    return Rows(toks, rep(range(len(cues))), rep([c[0] for c in cues]), rep([c[1] for c in cues]),
                rep([cue_head(t, *c) for c in cues]), np.concatenate([[0], np.cumsum(sizes)]))


def _neighbour(col: np.ndarray, seg: np.ndarray, k: int) -> np.ndarray:
    """col of the row k places away when it belongs to the same cue, else PAD."""
    out = shift(col, k)
    same = shift(seg.astype(np.uint64), k) == seg.astype(np.uint64)
    return np.where(same, out, PAD)


def role_features(t: TokArrays, r: Rows) -> np.ndarray:
    """[rows, n_templates] feature hashes of each token relative to its row's cue."""
    toks, cs, ce, h = r.toks, r.cs, r.ce, r.h
    side = np.where(toks < cs, U(1), np.where(toks >= ce, U(3), U(2)))
    dist = _bucket(np.where(toks < cs, toks - cs, np.where(toks >= ce, toks - ce + 1, 0)))
    anc = anchor_deps(t, toks, h)
    hh = t.head[h]
    anc2 = np.where(hh != h, anchor_deps(t, toks, hh), U(0))
    is_anc = ((t.left[toks] <= h) & (h <= t.right[toks])).astype(np.uint64)
    sent = (t.sent[toks] - t.sent[h] + 4).astype(np.uint64)
    qc = t.quote[h]
    sameq = np.where(t.quote[toks] == 0, U(0), np.where(t.quote[toks] == qc, U(1), U(2))) + U(3) * (qc > 0)
    cl, cp, cx = t.lemma[h], t.pos[h], t.lex[h]
    lo, po, de, en = t.lower[toks], t.pos[toks], t.dep[toks], t.ent[toks]
    prev_anc, next_anc = _neighbour(anc, r.seg, -1), _neighbour(anc, r.seg, 1)
    prev_lo = _neighbour(lo, r.seg, -1)
    cols = [
        (side,), (side, dist), (side, po), (side, de), (side, lo), (side, en), (side, sameq), (anc,), (side, anc),
        (anc, po), (anc, de), (anc, cl), (anc, cp), (anc2, side), (anc2, po), (is_anc, side), (sent, side),
        (sent, sameq), (cl, side, po), (cx, side, anc), (side, prev_anc, anc), (side, anc, next_anc),
        (side, t.punct[toks], sameq), (cp, side, dist), (side, lo, prev_lo), (side, de, t.dep[t.head[toks]]),
        (anc, dist), (sent, dist),
    ]
    n = len(toks)
    return np.stack([mix(100 + k, *c) for k, c in enumerate(cols)], axis=1) if n else np.zeros((0, len(cols)), U)
