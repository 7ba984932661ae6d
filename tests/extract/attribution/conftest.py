"""Fixtures shared by the attribution rule tests: a standalone extractor, a parse without our components, and
a log of which kind rule decided each claim."""
from __future__ import annotations

import pytest

import pipeline.extract.attribution.kinds as kinds
from pipeline.extract.attribution.component import AttributionExtractor
from pipeline.extract.attribution.quotes import find_quotes


@pytest.fixture(scope="module")
def ex(nlp):
    return AttributionExtractor(nlp, "test_attribution", "lexicons/attribution.json")


@pytest.fixture(scope="module")
def parse(nlp, ex):
    def _parse(text: str):
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
            doc = nlp(text)
        ex._text, ex._quotes = text, find_quotes(text)
        return doc

    return _parse


def tok(doc, word: str):
    hits = [t for t in doc if t.text == word]
    assert hits, word
    return hits[0]


@pytest.fixture()
def decided(nlp, monkeypatch):
    """text -> [(kind rule name, cue text, kind)] for every claim whose kind the table refined."""
    log: list = []
    first = kinds.KIND_RULES.first

    def spy(k):
        got = first(k)
        log.append((got[0].name, k.text[k.a["cue"]["start_char"]:k.a["cue"]["end_char"]], got[1]))
        return got

    monkeypatch.setattr(kinds.KIND_RULES, "first", spy)

    def _run(text: str):
        log.clear()
        nlp(text)
        return list(log)

    return _run
