"""A spaCy-trained cue tagger (O / B-CUE / I-CUE per token), an alternative cue stage of the learned tagger.

Trained by `python -m pipeline.train attribution-spacy` (pipeline/train/cue_spacy.py) from a spaCy training
config (models/attribution/cue_spacy_*.cfg); measured against the perceptron's cue stage in
models/attribution/MODEL_CARD.md. Its model is a spaCy `tagger` component, but it is never run as a pipeline
component (it would overwrite the part-of-speech tags): `CueSpacy.scores` calls its model's `predict` on a Doc
of the pipeline, whose POS, TAG, DEP, LEMMA and, for the `tensor` architectures, `doc.tensor` (the base
model's tok2vec output) it reads.

Architectures registered here (they must be importable wherever the model is loaded):
- `claimscope.DocTensor.v1`: the Doc's tensor as features (frozen, nothing to learn, no extra tok2vec pass);
- `claimscope.CueEmbed.v1`: the tensor (optional) concatenated with hash embeddings of token attributes,
  projected to `width` by a maxout layer.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, List, Optional

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


@registry.architectures("claimscope.CueEmbed.v1")
def cue_embed(width: int, tensor_width: int, attrs: List[str], rows: List[int],
              maxout_pieces: int = 3) -> Model[List[Doc], List[Floats2d]]:
    """hash embeddings of `attrs` (and the Doc tensor when tensor_width > 0), then maxout to `width`."""
    build = registry.architectures.get("spacy.MultiHashEmbed.v2")
    parts = []
    if tensor_width:
        parts.append(doc_tensor(tensor_width))
    n_in = tensor_width
    if attrs:
        parts.append(build(width=width, attrs=attrs, rows=rows, include_static_vectors=False))
        n_in += width
    inner = parts[0] if len(parts) == 1 else concatenate(*parts)
    model = chain(inner, with_array(Maxout(width, n_in, nP=maxout_pieces, normalize=True)))
    model.set_dim("nO", width)
    return model


def needs_tensor(nlp) -> bool:
    """Whether the loaded cue pipeline reads doc.tensor (a DocTensor layer anywhere in its model)."""
    return any(n.name == "doc_tensor" for n in nlp.get_pipe("cue").model.walk())


class CueSpacy:
    """The trained spaCy cue pipeline (a directory written by spaCy), used for its scores only."""

    def __init__(self, path: Path):
        import spacy

        self.nlp = spacy.load(path)
        self.pipe = self.nlp.get_pipe("cue")
        labels = list(self.pipe.labels)
        self.order = np.array([labels.index(lab) for lab in LABELS])
        self.tensor = needs_tensor(self.nlp)

    def scores(self, doc: Doc) -> Optional[np.ndarray]:
        """[tokens, 3] label probabilities in LABELS order."""
        if not len(doc):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        s = self.pipe.model.predict([doc])[0]
        return np.asarray(s)[:, self.order]


_LOADED: dict[str, CueSpacy] = {}


def load(path: Path) -> CueSpacy:
    key = str(Path(path).resolve())
    if key not in _LOADED:
        _LOADED[key] = CueSpacy(path)
    return _LOADED[key]


def base_tensors(docs: List[Doc], tok2vec: Callable) -> None:
    """Sets doc.tensor on parsed Docs that lost it (a DocBin does not store it) by the base model's tok2vec."""
    for doc in docs:
        if doc.tensor is None or doc.tensor.shape[0] != len(doc) or not doc.tensor.size:
            tok2vec(doc)
