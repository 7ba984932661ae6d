"""The output contract: field names others rely on, the generated JSON Schema, and span exactness on every
value of every article we have (the seed and corpus/)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract.api import extract_articles
from pipeline.ingest import make_article, read_all
from pipeline.paths import ROOT
from pipeline.types import Extraction, Span, SpanMismatch, check_spans, iter_spans, json_schema

runner = CliRunner()

CONTRACT = {
    "article": {"id", "source", "title", "published", "sha256", "chars"},
    "event": {"id", "type", "span", "date", "places", "casualties", "figures", "actors", "attribution_ids",
              "country", "admin1", "admin2", "geo_precision", "lat", "lon", "geo_place", "geo_rule"},
    "figure": {"count", "low", "high", "attribution_ids", "rule"},
    "date": {"start", "end", "granularity", "relative", "rule", "span"},
    "place": {"name", "geonameid", "country", "admin1", "lat", "lon", "coords", "feature", "relation", "span"},
    "casualty": {"kind", "count", "low", "high", "qualifier", "group", "total", "span"},
    "attribution": {"id", "kind", "source", "cue", "content", "hedged", "event_ids"},
}


def _props(schema: dict, name: str) -> set[str]:
    return set(schema["$defs"][name]["properties"])


@pytest.mark.parametrize("model, key", [
    ("ArticleMeta", "article"), ("Event", "event"), ("DateValue", "date"), ("Place", "place"),
    ("Casualty", "casualty"), ("Attribution", "attribution"), ("Figure", "figure"),
])
def test_schema_keeps_contract_field_names(model, key):
    assert CONTRACT[key] <= _props(json_schema(), model)


def test_schema_command_prints_generated_schema():
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    assert json.loads(res.stdout) == json_schema()


def test_check_spans_rejects_a_wrong_offset():
    text = "Gunmen attacked Kano."
    art = make_article(text, "x.txt")
    ex = Extraction(article=art.meta(), places=[{"name": "Kano", "span": Span(start=16, end=20, text="Kano")}])
    check_spans(ex, text)
    bad = Extraction(article=art.meta(), places=[{"name": "Kano", "span": Span(start=15, end=19, text="Kano")}])
    with pytest.raises(SpanMismatch):
        check_spans(bad, text)


def _our_articles() -> list[Path]:
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    seed = ROOT.parent / "shared" / "seed"
    if seed.is_dir():
        paths += sorted(seed.glob("*.txt"))
    return paths


@pytest.fixture(scope="module")
def extractions(nlp):
    arts, failures = read_all(_our_articles())
    assert not failures
    return [(a, ex) for a, ex in zip(arts, extract_articles(arts, nlp))]


def test_every_span_of_every_article_is_exact(extractions):
    assert extractions, "no articles in corpus/ or the seed"
    total = 0
    for art, ex in extractions:
        for path, span in iter_spans(ex):
            total += 1
            assert art.text[span.start:span.end] == span.text, (art.source, path)
    assert total > 0


def test_output_validates_and_round_trips(extractions):
    for _, ex in extractions:
        again = Extraction.model_validate_json(ex.model_dump_json())
        assert again == ex


def test_ids_are_consistent(extractions):
    for _, ex in extractions:
        ev_ids = {e.id for e in ex.events}
        at_ids = {a.id for a in ex.attributions}
        assert len(ev_ids) == len(ex.events) and len(at_ids) == len(ex.attributions)
        for e in ex.events:
            assert set(e.attribution_ids) <= at_ids
            for c in e.casualties:
                assert set(c.attribution_ids) <= at_ids
            for f in e.figures.values():  # a figure's sources are those of the event's mentions
                assert set(f.attribution_ids) <= {i for c in e.casualties for i in c.attribution_ids}
            assert set(e.figures) == {c.kind for c in e.casualties if c.count is not None}
        for a in ex.attributions:
            assert set(a.event_ids) <= ev_ids


def test_extract_cli_formats(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("May 4, 2017\n\nOn Tuesday, gunmen attacked a police post near Kirkuk.\n", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("---\ntitle: B\npublished: 2017-05-05\n---\nProtesters gathered in Basra.\n", encoding="utf-8")
    one = runner.invoke(app, ["extract", str(a), "--format", "json"])
    assert one.exit_code == 0, one.output
    obj = json.loads(one.stdout)
    assert obj["article"]["published"] == "2017-05-04"
    many = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    lines = [json.loads(x) for x in many.stdout.splitlines() if x.strip()]
    assert [x["article"]["title"] for x in lines] == [None, "B"] or len(lines) == 2
    assert {x["article"]["published"] for x in lines} == {"2017-05-04", "2017-05-05"}
    stdin = runner.invoke(app, ["extract", "-", "--published", "2017-05-06"], input="Gunmen attacked Kano.\n")
    assert stdin.exit_code == 0
    assert json.loads(stdin.stdout)["article"]["published"] == "2017-05-06"


def test_extract_cli_reports_bad_file_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Gunmen attacked Kano.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(good), str(empty), "--format", "jsonl"])
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr and "empty" in res.stderr
    assert len([x for x in res.stdout.splitlines() if x.strip()]) == 1
