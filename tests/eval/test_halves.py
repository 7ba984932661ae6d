"""Tune / check halves: the split rule, one pass scoring both halves, the side-by-side scoreboard, --half."""
from __future__ import annotations

import json

import pytest

import pipeline.eval as ev
from pipeline.eval import evaluate_halves, run_eval
from pipeline.eval.__main__ import main as eval_main
from pipeline.eval.halves import half_of, in_half
from pipeline.eval.metrics import Scores
from pipeline.eval.report import DatasetResult, scoreboard_markdown, side_by_side
from tests.eval.test_gold import _ours


# first hex digit of sha1(id): 2, 1 -> check (0-3); 6, a, d, 4?/e -> tune
@pytest.mark.parametrize("doc_id, half", [
    ("tx-1", "check"),     # 232...
    ("gva-2", "check"),    # 16f...
    ("gva-1", "check"),    # 2b4...
    ("doc-a", "tune"),     # 65e...
    ("doc-b", "tune"),     # add...
    ("doc-g", "tune"),     # 469...: 4 is the first tune digit
    ("é-ünï", "tune"),     # b2f...: utf-8 bytes are hashed
])
def test_half_of(doc_id, half):
    assert half_of(doc_id) == half
    assert in_half(doc_id, half) and in_half(doc_id, "all")
    assert not in_half(doc_id, "tune" if half == "check" else "check")


def test_unknown_half_is_refused():
    with pytest.raises(ValueError):
        in_half("doc-a", "both")


IDS = ["tx-1", "gva-2", "doc-a", "doc-b", "doc-g"]   # 2 check, 3 tune


@pytest.fixture()
def gold_file(tmp_path):
    p = tmp_path / "small_dev.jsonl"
    p.write_text("".join(json.dumps(_ours(doc_id=i)) + "\n" for i in IDS), encoding="utf-8")
    return p


def test_one_pass_scores_both_halves_and_extracts_each_article_once(nlp, gold_file, monkeypatch):
    seen = []
    real = ev._extract_batch

    def counting(articles, nlp_, notes):
        seen.extend(a.id for a in articles)
        return real(articles, nlp_, notes)

    monkeypatch.setattr(ev, "_extract_batch", counting)
    tune, check, everything = evaluate_halves(gold_file, ("tune", "check", "all"), nlp=nlp)
    assert sorted(seen) == sorted(IDS)
    assert (tune.half, tune.scores.articles) == ("tune", 3)
    assert (check.half, check.scores.articles) == ("check", 2)
    assert everything.scores.articles == 5
    assert tune.scores.metrics["events.match"].n == 3 and check.scores.metrics["events.match"].n == 2

    seen.clear()
    (only,) = evaluate_halves(gold_file, ("check",), nlp=nlp)
    assert sorted(seen) == ["gva-2", "tx-1"] and only.scores.articles == 2   # tune articles not extracted


def test_skipped_lines_go_to_their_half(nlp, tmp_path):
    p = tmp_path / "gold.jsonl"
    bad = _ours(doc_id="doc-a")
    bad["gold"]["events"][0]["span"] = {"start": 0, "end": 9999}
    p.write_text(json.dumps(bad) + "\n{broken\n", encoding="utf-8")
    tune, check = evaluate_halves(p, ("tune", "check"), nlp=nlp)
    assert [s.doc_id for s in tune.skipped] == ["doc-a", None]   # a line without an id is listed in both
    assert [s.doc_id for s in check.skipped] == [None]


def _result(half: str, correct: int, n: int, dataset="x_dev") -> DatasetResult:
    r = DatasetResult(file=f"{dataset}.jsonl", dataset=dataset, half=half, scores=Scores())
    acc = r.scores.acc("dates.event.interval_acc")
    acc.correct, acc.n = correct, n
    r.scores.articles = n
    return r


def test_scoreboard_side_by_side():
    results = [_result("tune", 3, 4), _result("check", 1, 2), _result("tune", 1, 1, "y_dev")]
    halves, rows = side_by_side(results)
    assert halves == ["tune", "check"]
    assert [(x["dataset"], x["cells"]) for x in rows] == [
        ("x_dev", {"tune": ("0.750", 4), "check": ("0.500", 2)}),
        ("y_dev", {"tune": ("1.000", 1), "check": ("–", 0)}),
    ]
    md = scoreboard_markdown(results, "2026-01-01")
    assert "| dataset | metric | tune | n | check | n |" in md
    assert "| x_dev | dates: event-date interval exact | 0.750 | 4 | 0.500 | 2 |" in md
    assert "x_dev check 2" in md


def test_single_half_scoreboard_names_the_half():
    md = scoreboard_markdown([_result("check", 1, 2)], "2026-01-01")
    assert "check half" in md and "| x_dev | dates: event-date interval exact | 0.500 |" in md


def test_json_names_the_half_and_document_count(nlp, gold_file, capsys):
    run_eval([str(gold_file)], format="json", half="check", worst=0)
    (ds,) = json.loads(capsys.readouterr().out)["datasets"]
    assert (ds["half"], ds["documents"]) == ("check", 2)


def test_main_scoreboard_defaults_to_both_halves(nlp, gold_file, capsys):
    assert eval_main(["--scoreboard", str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert "| tune | n | check | n |" in out and "| small_dev | events: matched (F1) |" in out
    assert eval_main(["--scoreboard", "--half", "tune", str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert "tune half" in out and "| check |" not in out


def test_cli_half_option(nlp, gold_file):
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["eval", str(gold_file), "--half", "tune", "--format", "json", "--worst", "0"])
    assert res.exit_code == 0, res.output
    assert '"half": "tune"' in res.output and '"documents": 3' in res.output
    bad = CliRunner().invoke(app, ["eval", str(gold_file), "--half", "both"])
    assert bad.exit_code != 0
