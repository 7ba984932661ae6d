"""The eval runner end to end on tiny files (real pipeline; no assertion about extraction accuracy)."""
from __future__ import annotations

import json

import pytest

from pipeline.eval import evaluate_file, run_eval
from pipeline.eval.__main__ import main as eval_main
from pipeline.eval.gold import GoldDoc, iter_gold
from tests.eval.test_gold import GVDB, GWN, PN, _ours
from tests.eval.test_gva import LINE as GVA
from tests.eval.test_timex import LINE as TIMEX


@pytest.fixture()
def gold_files(tmp_path):
    files = {}
    for name, line in {"ours.jsonl": _ours(), "gvdb_dev.jsonl": GVDB, "polnear_dev.jsonl": PN,
                       "geo_gwn.jsonl": GWN, "gva_dev.jsonl": GVA, "dates_x.jsonl": TIMEX}.items():
        p = tmp_path / name
        p.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
        files[name] = p
    return files


def test_evaluate_file_runs_the_pipeline_and_respects_limit(nlp, gold_files):
    res = evaluate_file(gold_files["gvdb_dev.jsonl"], limit=1, nlp=nlp)
    assert res.scores.articles == 1 and res.format == "gvdb" and not res.skipped
    assert "casualties.article.killed.exact_acc" in res.scores.metrics
    assert "casualties.article.killed.naive_exact_acc" in res.scores.metrics


@pytest.mark.parametrize("fmt", ["json", "markdown", "table"])
def test_run_eval_formats(nlp, gold_files, capsys, fmt):
    results = run_eval([str(p) for p in gold_files.values()], format=fmt, worst=2)
    assert [r.scores.articles for r in results] == [2] * 6 and {r.half for r in results} == {"all"}
    out = capsys.readouterr().out
    if fmt == "json":
        doc = json.loads(out)
        assert [d["format"] for d in doc["datasets"]] == ["claimscope", "gvdb", "polnear", "gwn", "gva", "timex"]
        metrics = {m for d in doc["datasets"] for m in d["metrics"]}
        assert {"dates.gva.contains_acc", "places.gva.acc161", "dates.timex.overlap", "dates.timex.strict"} <= metrics
        assert all(set(row) >= {"dataset", "metric", "score", "n"} for row in doc["scoreboard"])
    elif fmt == "markdown":
        assert "### Scoreboard" in out and "| dataset | metric | score |" in out


def test_main_scoreboard_and_missing_files(nlp, gold_files, tmp_path, capsys):
    assert eval_main(["--scoreboard", str(gold_files["polnear_dev.jsonl"]), str(tmp_path / "absent.jsonl")]) == 0
    cap = capsys.readouterr()
    assert "absent.jsonl" in cap.err and "| polnear_dev | attributions:" in cap.out
    assert eval_main([str(tmp_path / "absent.jsonl")]) == 0


@pytest.mark.parametrize("name, dataset", [
    ("gvdb_dev.jsonl", "gvdb"), ("polnear_dev.jsonl", "polnear"), ("geo_gwn.jsonl", "gwn"), ("gva_dev.jsonl", "gva"),
    ("dates_aquaint.jsonl", "timex"), ("analytical_dev.jsonl", "claimscope"),
])
def test_shared_dev_sets_load(shared_dir, name, dataset):
    path = shared_dir / "eval" / name
    if not path.is_file():
        pytest.skip(f"{name} absent")
    items = list(iter_gold(path, limit=25))
    bad = [i for i in items if not isinstance(i, GoldDoc) and "no article text" not in i.reason]
    assert not bad, bad[:3]
    assert {i.dataset for i in items if isinstance(i, GoldDoc)} == {dataset}
