"""`claimscope_nerdecode_v1`: the base model's entity recognizer, decoded faster (same entities).

The stock `ner` of en_core_web_sm is a greedy transition-based tagger: per token it sums three precomputed
feature vectors (the token, the first token of the open entity, the token before it), takes a maxout, scores
the 74 BILUO actions and applies the best valid one. spaCy checks the validity of every action with a call
per action per step, which made that loop about 70 % of the component's time (the rest is its own tok2vec).

This component runs the same model layers on the same inputs and decodes in two parts:

- with no entity open the features are (token, padding, padding): they depend on the token only, so every
  token of a batch is scored at once (one matrix product), and which actions are valid is a per-token mask
  (B needs a next token in the same sentence and no whitespace, U no whitespace, O always);
- from the first non-O token on, an open entity is followed token by token, scoring (token, entity start,
  previous token) and choosing between I and L of the entity's label exactly as spaCy does (I is invalid
  before a sentence start or at the end of the Doc; ties go to the lower action index).

The arithmetic is the stock one in the same order (feature sums in float32, the same BLIS `gemm`), so the
scores are bitwise equal and the argmax is the same. `supports(ner)` says whether the stock component is of
the kind reproduced here (greedy, CPU, no unseen classes, the 3-feature NER model, BILUO action names);
`nlp.build_nlp` keeps the stock component otherwise. A batch with preset entities (`ent_iob` already set
on some token) goes to the stock component. `tests/extract/test_nerdecode.py` checks equality.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

import numpy as np
from blis.py import gemm
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from thinc.api import NumpyOps

Entities = list[tuple[int, int, int]]  # (start token, end token, label hash) per Doc


def _classes(ner) -> Optional[dict]:
    """Action indices by kind from the stock action names, or None when they are not plain BILUO."""
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    kinds: dict[str, dict[str, int]] = {k: {} for k in "BILU"}
    out = None
    for i, name in enumerate(names):
        if name == "O":
            if out is not None:
                return None
            out = i
        elif len(name) >= 2 and name[0] in kinds and name[1] == "-":
            if name[2:]:
                kinds[name[0]][name[2:]] = i
            elif name[0] != "U":  # "U-" (no label) is only valid on preset entities
                return None
        else:
            return None
    labels = sorted(kinds["B"], key=kinds["B"].get)
    if out is None or not labels or any(set(kinds[k]) != set(labels) for k in "ILU"):
        return None
    return {"out": out, "labels": labels, **{k: np.array([kinds[k][lab] for lab in labels]) for k in "BILU"}}


def supports(ner) -> bool:
    """True when `ner` is a stock greedy CPU entity recognizer whose decoding this component reproduces."""
    try:
        model = ner.model
        if type(ner) is not EntityRecognizer or ner.cfg.get("beam_width", 1) != 1 \
                or ner.cfg.get("incorrect_spans_key") \
                or not isinstance(model.ops, NumpyOps) or model.attrs.get("unseen_classes") \
                or not model.attrs.get("has_upper"):
            return False
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        return (lower.name == "precomputable_affine" and lower.get_dim("nF") == 3 and lower.get_dim("nP") >= 1
                and upper.get_dim("nO") == ner.moves.n_moves and upper.get_dim("nI") == lower.get_dim("nO")
                and _classes(ner) is not None)
    except (KeyError, ValueError, AttributeError):
        return False


class NerDecode:
    """The stock recognizer's model with a vectorised greedy decoder (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "nerdecode", source="ner"):
        self.name = name
        stock = nlp.get_pipe(source) if isinstance(source, str) else source
        if not supports(stock):
            raise ValueError(f"{name}: {source!r} is not a greedy entity recognizer this decoder reproduces")
        self.stock = stock
        cls = _classes(stock)
        self._out = cls["out"]
        self._b, self._i, self._l, self._u = cls["B"], cls["I"], cls["L"], cls["U"]
        self._label_ids = [nlp.vocab.strings.add(lab) for lab in cls["labels"]]
        n = stock.moves.n_moves
        # columns never valid with no entity open: I, L and anything that is not O, B or U
        self._closed_never = np.ones(n, dtype=bool)
        self._closed_never[[self._out, *self._b.tolist(), *self._u.tolist()]] = False
        self._label_of = {int(a): k for k, a in enumerate(self._b.tolist())}
        self._label_of.update({int(a): k for k, a in enumerate(self._u.tolist())})

    # ------------------------------------------------------------------ find
    def _scores(self, unmaxed: np.ndarray, n_pieces: int, upper_w: np.ndarray, upper_b: np.ndarray) -> np.ndarray:
        """Maxout over pieces, then the output layer: the stock step's arithmetic on many rows at once."""
        hidden = unmaxed.reshape(unmaxed.shape[0], -1, n_pieces).max(axis=2) if n_pieces > 1 else unmaxed
        scores = gemm(np.ascontiguousarray(hidden, dtype="f"), upper_w, trans2=True)
        scores += upper_b
        return scores

    def find(self, docs: list[Doc]) -> list[Entities]:
        """The entities the stock recognizer would predict for each Doc (pure: the Docs are not changed)."""
        if not any(len(d) for d in docs):
            return [[] for _ in docs]
        model = self.stock.model
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        n_pieces = lower.get_dim("nP")
        tokvecs = model.get_ref("tok2vec").predict(docs)
        feats = lower.predict(tokvecs)  # (tokens + 1, 3 features, hidden, pieces); row 0 is the padding
        feats = feats.reshape(feats.shape[0], feats.shape[1], -1)
        bias = lower.get_param("b").reshape(-1)
        upper_w, upper_b = upper.get_param("W"), upper.get_param("b")
        # the stock sums start from zero and add feature 0, 1, 2, then the bias: the same order here
        closed = self._scores(((feats[1:, 0] + feats[0, 1]) + feats[0, 2]) + bias, n_pieces, upper_w, upper_b)
        out: list[Entities] = []
        offset = 0
        for doc in docs:
            n = len(doc)
            if n:
                out.append(self._decode_doc(doc, closed[offset:offset + n], feats, offset, bias, n_pieces,
                                            upper_w, upper_b))
            else:
                out.append([])
            offset += n
        return out

    def _decode_doc(self, doc: Doc, closed: np.ndarray, feats: np.ndarray, offset: int, bias: np.ndarray,
                    n_pieces: int, upper_w: np.ndarray, upper_b: np.ndarray) -> Entities:
        n = len(doc)
        arr = doc.to_array([SENT_START, IS_SPACE])
        space = arr[:, 1].astype(bool)
        before_start = np.zeros(n, dtype=bool)  # the next token starts a sentence
        before_start[:-1] = arr[1:, 0] == 1
        b_ok = ~before_start & ~space
        b_ok[-1] = False  # B needs a token after it
        masked = closed.copy()
        masked[:, self._closed_never] = -np.inf
        masked[np.ix_(~b_ok, self._b)] = -np.inf
        masked[np.ix_(space, self._u)] = -np.inf
        best = masked.argmax(axis=1)  # first maximum, as spaCy's arg_max_if_valid
        ents: Entities = []
        starts = np.flatnonzero(best != self._out).tolist()
        pos = 0
        for t in starts:
            if t < pos:  # inside an entity followed below
                continue
            action = int(best[t])
            k = self._label_of[action]
            if action == self._u[k]:
                ents.append((t, t + 1, self._label_ids[k]))
                pos = t + 1
                continue
            i_act, l_act = int(self._i[k]), int(self._l[k])
            start, t = t, t + 1
            while True:
                g = offset + t  # feature rows are 1-based (row 0 is the padding)
                row = self._scores(((feats[1 + g, 0] + feats[1 + offset + start, 1]) + feats[g, 2] + bias)[None, :],
                                   n_pieces, upper_w, upper_b)[0]
                in_ok = t < n - 1 and not before_start[t]
                s_i, s_l = row[i_act], row[l_act]
                if in_ok and (s_i > s_l or (s_i == s_l and i_act < l_act)):
                    t += 1
                    continue
                ents.append((start, t + 1, self._label_ids[k]))
                pos = t + 1
                break
        return ents

    # ------------------------------------------------------------------ annotate
    def set_annotations(self, docs: list[Doc], found: list[Entities]) -> None:
        """Set `doc.ents`; every other token is O, as the stock component leaves it."""
        for doc, ents in zip(docs, found):
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")

    def _preset(self, docs: list[Doc]) -> bool:
        return any(len(d) and d.to_array(ENT_IOB).any() for d in docs)

    def __call__(self, doc: Doc) -> Doc:
        next(iter(self.pipe([doc])))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            if self._preset(batch):
                yield from self.stock.pipe(batch, batch_size=len(batch))
                continue
            self.set_annotations(batch, self.find(batch))
            yield from batch


@Language.factory("claimscope_nerdecode_v1", assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
                  default_config={"source": "ner"})
def make_nerdecode(nlp: Language, name: str, source: str) -> NerDecode:
    return NerDecode(nlp, name, source)
