"""An averaged perceptron over hashed features, updated one batch (a sentence, a cue window) at a time."""
from __future__ import annotations

import numpy as np


class Averaged:
    """Weights [2**bits, n_labels]; `step` predicts a batch with the current weights and moves the weights of
    every wrongly predicted row towards its gold label. `final()` is the average over all steps (the usual
    trick: w - u / c, u accumulating each update times its step number)."""

    def __init__(self, bits: int, n_labels: int):
        self.bits = bits
        self.mask = np.uint64((1 << bits) - 1)
        self.w = np.zeros((1 << bits, n_labels), dtype=np.float64)
        self.u = np.zeros((1 << bits, n_labels), dtype=np.float64)
        self.c = 1

    def index(self, feats: np.ndarray) -> np.ndarray:
        return (feats & self.mask).astype(np.int64)

    def step(self, feats: np.ndarray, gold: np.ndarray) -> int:
        """One update on a batch [rows, templates] of feature hashes; returns the number of wrong rows."""
        if not len(gold):
            return 0
        idx = self.index(feats)
        pred = self.w[idx].sum(axis=1).argmax(axis=1)
        wrong = pred != gold
        n = int(wrong.sum())
        if n:
            fi, g, p = idx[wrong], gold[wrong][:, None], pred[wrong][:, None]
            np.add.at(self.w, (fi, g), 1.0)
            np.add.at(self.w, (fi, p), -1.0)
            np.add.at(self.u, (fi, g), float(self.c))
            np.add.at(self.u, (fi, p), -float(self.c))
        self.c += 1
        return n

    def final(self) -> np.ndarray:
        return (self.w - self.u / self.c).astype(np.float32)
