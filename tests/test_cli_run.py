"""`claimscope run` (and `extract -` from stdin): summary, --published, clear errors with exit 2, busy database."""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store import connect
from tests.store.kit import article_text, write_articles

runner = CliRunner()


def test_run_no_prefect_summary_and_published(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "nodate.txt").write_text("Gunmen killed two guards in Gao on Monday, officials said.\n")
    (src / "bad.txt").write_bytes(b"\x00\x00binary")
    db = tmp_path / "c.duckdb"
    res = runner.invoke(app, ["run", str(src), "--db", str(db), "--no-prefect", "--published", "2016-06-27"])
    assert res.exit_code == 0, res.output
    assert "articles extracted" in res.output and "bad.txt" in res.output and "binary" in res.output
    assert "Traceback" not in res.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT published, published_from FROM articles").fetchall()[0] == \
            (__import__("datetime").date(2016, 6, 27), "option")
        assert con.execute("SELECT count(*) FROM ingest_errors").fetchall()[0][0] == 1
    finally:
        con.close()


@pytest.mark.parametrize("args, message", [
    (["--published", "yesterday"], "not a date"),
    (["--processes", "0"], "Error"),
    (["--dask", "tcp://127.0.0.1:1", "--no-prefect"], "--dask runs through Prefect"),
])
def test_run_rejects_bad_options(tmp_path, args, message):
    write_articles(tmp_path / "in", 1)
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(tmp_path / "c.duckdb"), *args])
    assert res.exit_code == 2
    assert message in res.output
    assert not (tmp_path / "c.duckdb").exists()


def test_run_missing_inputs(tmp_path):
    res = runner.invoke(app, ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "c.duckdb")])
    assert res.exit_code == 2 and "no such file or directory" in res.output


_HOLD = "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"


def test_run_busy_database_message_and_exit_2(tmp_path, monkeypatch):
    db = tmp_path / "held.duckdb"
    connect(db).close()
    write_articles(tmp_path / "in", 1)
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        monkeypatch.setenv("CLAIMSCOPE_DB_RETRIES", "1")
        monkeypatch.setenv("CLAIMSCOPE_DB_WAIT", "0.05")
        res = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--no-prefect"])
    finally:
        proc.kill()
        proc.wait()
    assert res.exit_code == 2
    out = " ".join(res.output.split())  # the console wraps long messages (the path is long)
    assert "in use by another process" in out and f"PID {proc.pid}" in out
    assert "Traceback" not in res.output


def test_run_rerun_skips(tmp_path, nlp):
    write_articles(tmp_path / "in", 2)
    db = tmp_path / "c.duckdb"
    assert runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--no-prefect"]).exit_code == 0
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(db)])  # Prefect never starts: nothing new
    assert res.exit_code == 0
    lines = {ln.split("│")[1].strip(): ln.split("│")[2].strip() for ln in res.output.splitlines() if ln.count("│") == 3}
    assert lines["articles extracted"] == "0" and lines["articles unchanged (skipped)"] == "2"


def test_extract_stdin(nlp):
    text = "June 27, 2016\n\n" + article_text(3)
    res = runner.invoke(app, ["extract", "-"], input=text)
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["article"]["source"] == "-" and out["article"]["published"] == "2016-06-27"
    assert out["article"]["chars"] == len(text)
    for ev in out["events"]:
        assert text[ev["span"]["start"]:ev["span"]["end"]] == ev["span"]["text"]


def test_extract_stdin_jsonl(nlp):
    lines = "\n".join(json.dumps({"doc_id": f"d{i}", "text": article_text(i), "publication_date": "2016-06-2" + str(i)})
                      for i in range(2))
    res = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=lines)
    assert res.exit_code == 0, res.output
    outs = [json.loads(x) for x in res.output.splitlines()]
    assert [(o["article"]["id"], o["article"]["published"]) for o in outs] == [("d0", "2016-06-20"), ("d1", "2016-06-21")]
