"""Number words, vague quantities and approximations (pipeline/extract/casualties/numbers.py)."""
from __future__ import annotations

import pytest

from pipeline.extract.casualties.numbers import parse_quantity, scan, words_to_number


@pytest.mark.parametrize(
    "text, count, low, high, qualifier, rule",
    [
        ("seven", 7, 7, 7, None, "exact"),
        ("42", 42, 42, 42, None, "exact"),
        ("2,350", 2350, 2350, 2350, None, "exact"),
        ("forty-one", 41, 41, 41, None, "exact"),
        ("twenty six", 26, 26, 26, None, "exact"),
        ("one hundred and twelve", 112, 112, 112, None, "exact"),
        ("two hundred", 200, 200, 200, None, "exact"),
        ("three thousand five hundred", 3500, 3500, 3500, None, "exact"),
        ("a dozen", 12, 12, 12, None, "exact"),
        ("three dozen", 36, 36, 36, None, "exact"),
        ("a hundred", 100, 100, 100, None, "exact"),
        ("zero", 0, 0, 0, None, "exact"),
        ("dozens", 12, 12, None, None, "vague:dozens=12"),
        ("scores", 20, 20, None, None, "vague:scores=20"),
        ("hundreds", 100, 100, None, None, "vague:hundreds=100"),
        ("tens", 10, 10, None, None, "vague:tens=10"),
        ("several", 3, 3, None, None, "vague:several=3"),
        ("a few", 3, 3, None, None, "vague:a few=3"),
        ("at least nine", 9, 9, None, "at least", "min"),
        ("more than 30", 31, 31, None, "more than", "gt"),
        ("over a hundred", 101, 101, None, "over", "gt"),
        ("nearly 60", 59, None, 59, "nearly", "lt"),
        ("almost forty", 39, None, 39, "almost", "lt"),
        ("up to 15", 15, None, 15, "up to", "max"),
        ("as many as 8", 8, None, 8, "as many as", "max"),
        ("about 250", 250, None, None, "about", "approx"),
        ("around two dozen", 24, None, None, "around", "approx"),
        ("more than a dozen", 13, 13, None, "more than", "gt"),
        ("at least dozens", 12, 12, None, "at least", "vague:dozens=12;min"),
    ],
)
def test_parse_quantity(text, count, low, high, qualifier, rule):
    q = parse_quantity(text)
    assert q is not None
    assert (q.count, q.low, q.high, q.qualifier, q.rule) == (count, low, high, qualifier, rule)


@pytest.mark.parametrize("text", ["", "people", "the", "many", "numerous", "some people", "over the bridge"])
def test_parse_quantity_none(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    "words, value",
    [
        (["ninety", "-", "nine"], 99),
        (["1,000"], 1000),
        (["one", "thousand", "and", "one"], 1001),
        (["a", "dozen"], 12),
        (["blue"], None),
        (["a"], None),
    ],
)
def test_words_to_number(words, value):
    assert words_to_number(words) == value


def test_scan_finds_each_quantity_with_offsets():
    words = "11 sailors drowned while over a hundred swam ashore".split()
    found = scan(words)
    assert [(m.start, m.end, m.quantity.count) for m in found] == [(0, 1, 11), (4, 7, 101)]
    assert found[1].num_start == 5


@pytest.mark.parametrize("text, counts", [
    ("raised the count to 64 three weeks on", [64, 3]),     # a digit number takes no unit word after it
    ("3 million people", [3000000]),                          # but a scale
    ("twenty two soldiers", [22]),
])
def test_scan_number_runs(text, counts):
    assert [m.quantity.count for m in scan(text.split())] == counts


def test_scan_qualifier_without_number_is_ignored():
    assert scan("they ran over the bridge".split()) == []
