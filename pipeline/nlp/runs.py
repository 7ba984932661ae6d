"""spaCy's tokenizer, linear on long runs without whitespace.

The stock tokenizer peels prefixes and suffixes off a whitespace-free stretch one at a time, searching the rest
of the stretch again each time: quadratic in the stretch's length (16,000 "=" took 39 s). No word is that long,
so a stretch longer than `RUN_CHARS` (env CLAIMSCOPE_RUN_CHARS) is cut into pieces of at most that length and
each piece is tokenised on its own; texts without such a stretch are tokenised exactly as before. The Doc's
text is the input text, character for character (checked; on any doubt the stock tokenizer decides).
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Iterator

from spacy.tokens import Doc

RUN_CHARS = int(os.environ.get("CLAIMSCOPE_RUN_CHARS", "200"))


class RunSplittingTokenizer:
    """Wraps a spaCy Tokenizer (everything else is forwarded to it)."""

    def __init__(self, tokenizer, run_chars: int = RUN_CHARS):
        self.tokenizer = tokenizer
        self.run_chars = max(16, run_chars)
        self.long_run = re.compile(r"\S{%d,}" % (self.run_chars + 1))

    def __getattr__(self, name):  # vocab, memory_zone, to_disk, explain ... of the stock tokenizer
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        if self.long_run.search(text) is None:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in self.pieces(text)]
        doc = Doc.from_docs(docs, ensure_whitespace=False)  # token attributes (norms of special cases) kept
        return doc if doc.text == text else self.tokenizer(text)

    def pieces(self, text: str) -> Iterator[str]:
        """The text cut inside each long run every `run_chars` characters (the pieces cover the text)."""
        pos = 0
        for m in self.long_run.finditer(text):
            cut = m.start()
            if cut > pos:
                yield text[pos:cut]
            while m.end() - cut > self.run_chars:
                yield text[cut:cut + self.run_chars]
                cut += self.run_chars
            pos = cut
        if pos < len(text):
            yield text[pos:]

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def install(nlp) -> None:
    """Put the wrapper in front of `nlp`'s tokenizer (once)."""
    if not isinstance(nlp.tokenizer, RunSplittingTokenizer):
        nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
