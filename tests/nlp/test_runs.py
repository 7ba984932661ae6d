"""The tokenizer wrapper (pipeline/nlp/runs.py): texts without long whitespace-free runs are tokenised exactly as
by spaCy; long runs are cut into pieces, and the Doc's text is always the input text."""
from __future__ import annotations

import pytest

from pipeline.nlp.runs import RunSplittingTokenizer


@pytest.fixture(scope="module")
def tok(nlp):
    assert isinstance(nlp.tokenizer, RunSplittingTokenizer)
    return nlp.tokenizer


@pytest.mark.parametrize("text", [
    "Gunmen killed 4 people in Kirkuk, police said.",
    "A URL http://example.org/a/b/c?d=e and an e-mail a.b@example.org stay whole.",
    "He said: \u201cWe don't know.\u201d (Wire) \u2014 more to come.",
    "",
])
def test_ordinary_texts_are_tokenised_as_by_spacy(tok, text):
    ours, stock = tok(text), tok.tokenizer(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [(t.text, t.whitespace_, t.norm_) for t in stock]


@pytest.mark.parametrize("text", [
    "=" * 16000,
    "x" * 201,
    "start " + "-" * 5000 + " end",
    "a" * 450 + " b " + "(" * 700 + ")" + "\n\n" + "1" * 999,
    "He didn't go. " + "\u201c" * 3000 + "said",
])
def test_long_runs_keep_the_text_exactly(tok, text):
    doc = tok(text)
    assert doc.text == text
    assert all(len(t.text) <= tok.run_chars for t in doc)


def test_pieces_cover_the_text(tok):
    text = "ab " + "=" * 1000 + " cd " + "y" * 250
    pieces = list(tok.pieces(text))
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces if " " not in p) <= tok.run_chars


def test_the_pipeline_runs_on_a_long_run(nlp):
    doc = nlp("Two guards were killed. " + "=" * 3000 + " Police said.")
    assert doc.text.endswith("Police said.")
