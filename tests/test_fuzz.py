"""A small deterministic subset of `make fuzz` (pipeline/fuzz.py): generated texts and files through the readers,
the extractor and the DuckDB write; no crash, no inexact span."""
from __future__ import annotations

import pytest

pytest.importorskip("hypothesis")

from pipeline import fuzz  # noqa: E402


def test_fuzz_subset_no_crash_no_inexact_span(nlp):
    checker = fuzz.Checker(nlp)
    t = fuzz.run(40, checker=checker)
    assert t.inputs == 40 and t.texts and t.files
    assert t.crashes == [] and t.inexact == [] and t.component_failures == [], fuzz.report(t)


@pytest.mark.parametrize("seed", fuzz.SEEDS)
def test_seed_sentences_mutated_extract_exactly(nlp, seed):
    checker = fuzz.Checker(nlp)
    for k in range(4):
        checker.check(("text", fuzz._mutate(seed, [(k % 4, 7 * k + 3, 11 * k + 1), (0, 13 * k, k)]), "2016-06-27"))
    assert checker.tally.crashes == [] and checker.tally.inexact == [], fuzz.report(checker.tally)


def test_a_crash_is_counted(nlp, monkeypatch):
    """The checker can fail: an extractor that raises outside the components is a crash."""
    from pipeline.extract import api

    monkeypatch.setattr(api, "extract_batch_results", lambda *a, **k: 1 / 0)
    checker = fuzz.Checker(nlp)
    checker.check(("text", "Two guards were killed.", None))
    assert len(checker.tally.crashes) == 1
