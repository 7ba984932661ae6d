"""Hostile JSONL lines and file names (issue 21): each bad line is an error for that line only, naming the file
and the line; the other lines are read."""
from __future__ import annotations

import json

import pytest

from pipeline.ingest import Failure, read_all, read_path
from pipeline.ingest.readers import printable

BODY = "Gunmen killed four people in Kirkuk on Monday, police said."


@pytest.mark.parametrize("bad, reason", [
    (json.dumps({"text": BODY, "title": 17}), "field 'title' is a int"),
    (json.dumps({"text": BODY, "title": ["a", "b"]}), "field 'title' is a list"),
    (json.dumps({"text": BODY, "url": {"href": "x"}}), "field 'url' is a dict"),
    (json.dumps({"text": BODY, "url": 3.5}), "field 'url' is a float"),
    ('{"text": "lone \\ud800 high surrogate"}', "lone surrogate (\\ud800)"),
    ('{"text": "ok", "title": "bad \\udfff"}', "field 'title' has a lone surrogate"),
    ('{"text": "ok", "id": "\\udc80"}', "field 'id' has a lone surrogate"),
    ('{"text": "unterminated', "invalid JSON"),
    ("[" * 100000, "invalid JSON"),
    ('{"text": ' + "[" * 50 + "]" * 50 + "}", "no string field 'text'"),
    (json.dumps({"text": None}), "no string field 'text'"),
])
def test_a_bad_jsonl_line_is_an_error_for_that_line_only(tmp_path, bad, reason):
    p = tmp_path / "f.jsonl"
    p.write_text("\n".join([json.dumps({"id": "a", "text": BODY}), bad, json.dumps({"id": "b", "text": BODY})]),
                 encoding="utf-8")
    items = list(read_path(p))
    assert [i.id for i in items if not isinstance(i, Failure)] == ["a", "b"]
    fails = [i for i in items if isinstance(i, Failure)]
    assert len(fails) == 1 and fails[0].source == f"{p}:2" and reason in fails[0].reason, fails


@pytest.mark.parametrize("published", [{"y": 2016}, [2016, 6, 27], 20160627, True, "9999-99-99", "29 February"])
def test_odd_published_values_are_ignored_not_fatal(tmp_path, published):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps({"id": "a", "text": BODY, "published": published}), encoding="utf-8")
    arts, fails = read_all([p])
    assert fails == [] and arts[0].published is None


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_far_publication_dates_are_refused_with_a_warning(tmp_path, published):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps({"id": "a", "text": BODY, "published": published}), encoding="utf-8")
    arts, fails = read_all([p])
    assert fails == [] and arts[0].published is None
    assert [(w.component, w.rule) for w in arts[0].warnings] == [("ingest", "published-range")]


@pytest.mark.parametrize("name, expected", [
    ("plain.txt", "plain.txt"),
    ("caf\udce9.txt", "caf\ufffd.txt"),        # a Latin-1 byte in a UTF-8 file system: kept as a lone surrogate
    ("x\ud800.txt", "x?.txt"),
])
def test_file_names_are_made_printable(name, expected):
    out = printable(name)
    assert out == expected
    out.encode("utf-8")
