"""A spaCy-trained cue tagger (O / B-CUE / I-CUE per token), an alternative cue stage of the learned tagger.

Trained by `python -m pipeline.train attribution-spacy` (pipeline/train/cue_spacy.py) from a spaCy training
config (models/attribution/cue_spacy_*.cfg); measured against the perceptron's cue stage in
models/attribution/MODEL_CARD.md. Its model is a spaCy `tagger` component, but it is never run as a pipeline
component (it would overwrite the part-of-speech tags): `CueSpacy.scores` calls its model's `predict` on a Doc
of the pipeline, whose POS, TAG, DEP, LEMMA and, for the `tensor` architectures, `doc.tensor` (the base
model's tok2vec output) it reads.

Architectures registered here (they must be importable wherever the model is loaded):
- `claimscope.DocTensor.v1`: the Doc's tensor as features (frozen, nothing to learn, no extra tok2vec pass);
- `claimscope.FeatureEmbed.v1`: the perceptron's cue feature hashes (attribution/features.cue_features: word,
  lemma, parse neighbours, head, dependents, quotation, our lexicon's cue words) as one summed embedding table;
- `claimscope.CueEmbed.v1`: the tensor (optional), hash embeddings of token attributes (optional) and the
  feature embedding (optional), concatenated and projected to `width` by a maxout layer.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, List, Optional

import numpy as np
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model, Maxout, chain, concatenate, with_array
from thinc.types import Floats2d

LABELS = ("O", "B-CUE", "I-CUE")  # index = the perceptron's CUE_LABELS order (O, B, I)


def _doc_tensor_forward(model: Model, docs: List[Doc], is_train: bool):
    width = model.get_dim("nO")
    out = []
    for doc in docs:
        t = doc.tensor
        if t is None or t.shape != (len(doc), width):
            raise ValueError(f"a Doc without the base model's tensor ({width} wide): run its tok2vec first")
        out.append(model.ops.asarray2f(t))
    return out, lambda d_out: []


@registry.architectures("claimscope.DocTensor.v1")
def doc_tensor(width: int) -> Model[List[Doc], List[Floats2d]]:
    return Model("doc_tensor", _doc_tensor_forward, dims={"nO": width})


_KINDS: list = []


def _lex_kinds():
    if not _KINDS:
        from pipeline.extract._component import load_lexicon
        from pipeline.extract.attribution.learned import lexicon_kinds

        _KINDS.append(lexicon_kinds(load_lexicon("lexicons/attribution.json")))
    return _KINDS[0]


def _feature_rows(doc: Doc, bits: int) -> np.ndarray:
    from pipeline.extract.attribution.features import cue_features, tok_arrays

    t = tok_arrays(doc, _lex_kinds())
    if not len(t):
        return np.zeros((0, 1), dtype=np.int64)
    return (cue_features(t) & np.uint64((1 << bits) - 1)).astype(np.int64)


def _feature_forward(model: Model, docs: List[Doc], is_train: bool):
    E = model.get_param("E")
    idx = [_feature_rows(doc, model.attrs["bits"]) for doc in docs]
    out = [E[i].sum(axis=1) if len(i) else model.ops.alloc2f(0, E.shape[1]) for i in idx]

    def backprop(d_out):
        dE = model.ops.alloc2f(*E.shape)
        for i, d in zip(idx, d_out):
            if len(i):
                np.add.at(dE, i, np.asarray(d)[:, None, :])
        model.inc_grad("E", dE)
        return []

    return out, backprop


def _feature_init(model: Model, X=None, Y=None) -> None:
    rng = np.random.default_rng(model.attrs["seed"])
    shape = (1 << model.attrs["bits"], model.get_dim("nO"))
    model.set_param("E", (rng.standard_normal(shape) * 0.05).astype(np.float32))


@registry.architectures("claimscope.FeatureEmbed.v1")
def feature_embed(width: int, bits: int, seed: int = 17) -> Model[List[Doc], List[Floats2d]]:
    """One table [2**bits, width]; a token's vector is the sum of its cue features' rows."""
    return Model("cue_feature_embed", _feature_forward, init=_feature_init, dims={"nO": width},
                 params={"E": None}, attrs={"bits": bits, "seed": seed})


@registry.architectures("claimscope.CueEmbed.v1")
def cue_embed(width: int, tensor_width: int, attrs: List[str], rows: List[int], maxout_pieces: int = 3,
              feature_width: int = 0, feature_bits: int = 16) -> Model[List[Doc], List[Floats2d]]:
    """hash embeddings of `attrs`, the Doc tensor when tensor_width > 0, the cue features' embedding when
    feature_width > 0; then maxout to `width`."""
    build = registry.architectures.get("spacy.MultiHashEmbed.v2")
    parts = []
    if tensor_width:
        parts.append(doc_tensor(tensor_width))
    n_in = tensor_width
    if attrs:
        parts.append(build(width=width, attrs=attrs, rows=rows, include_static_vectors=False))
        n_in += width
    if feature_width:
        parts.append(feature_embed(feature_width, feature_bits))
        n_in += feature_width
    inner = parts[0] if len(parts) == 1 else concatenate(*parts)
    model = chain(inner, with_array(Maxout(width, n_in, nP=maxout_pieces, normalize=True)))
    model.set_dim("nO", width)
    return model


def needs_tensor(nlp) -> bool:
    """Whether the loaded cue pipeline reads doc.tensor (a DocTensor layer anywhere in its model)."""
    return any(n.name == "doc_tensor" for n in nlp.get_pipe("cue").model.walk())


class CueSpacy:
    """The trained spaCy cue pipeline (a directory written by spaCy), used for its scores only."""

    def __init__(self, path: Path, o_weight: float = 1.0):
        import spacy

        self.o_weight = o_weight  # the O probability is multiplied by this before the best label is taken

        self.nlp = spacy.load(path)
        self.pipe = self.nlp.get_pipe("cue")
        labels = list(self.pipe.labels)
        self.order = np.array([labels.index(lab) for lab in LABELS])
        self.tensor = needs_tensor(self.nlp)

    def scores(self, doc: Doc) -> Optional[np.ndarray]:
        """[tokens, 3] label probabilities in LABELS order, the O column times `o_weight`."""
        if not len(doc):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        z = np.asarray(self.pipe.model.predict([doc])[0], dtype=np.float32)[:, self.order]  # logits
        s = np.exp(z - z.max(axis=1, keepdims=True))
        s /= s.sum(axis=1, keepdims=True)
        if self.o_weight != 1.0:
            s[:, 0] *= self.o_weight
        return s


def chunk_set(tags: list[str]) -> set[tuple[int, int]]:
    """(start, end) of B I* runs of cue tags (an I after an O starts a run)."""
    lab = np.array([LABELS.index(t) if t in LABELS else 0 for t in tags])
    from pipeline.extract.attribution.learned import chunks

    return set(chunks(lab, 1, 2))


def score_cues(examples_: Iterable, **_) -> dict[str, float]:
    """Exact cue chunk precision / recall / F1 of the predicted tags against the reference tags."""
    m = p = g = 0
    for eg in examples_:
        pred, gold = chunk_set([t.tag_ for t in eg.predicted]), chunk_set([t.tag_ for t in eg.reference])
        m, p, g = m + len(pred & gold), p + len(pred), g + len(gold)
    pr, rc = m / p if p else 0.0, m / g if g else 0.0
    return {"cue_p": pr, "cue_r": rc, "cue_f": 2 * pr * rc / (pr + rc) if pr + rc else 0.0}


@registry.scorers("claimscope.cue_scorer.v1")
def make_cue_scorer() -> Callable:
    return score_cues


_LOADED: dict[str, CueSpacy] = {}


def load(path: Path) -> CueSpacy:
    key = str(Path(path).resolve())
    if key not in _LOADED:
        _LOADED[key] = CueSpacy(path)
    return _LOADED[key]
