"""DuckDB store: migrations (twice = no-op), bounded retry when another process holds the file, read-only SQL,
bulk writes replacing an article's claims in one transaction, crashed runs."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.store import DatabaseBusy, ReadOnlyViolation, connect
from pipeline.store.db import migrate, migration_files
from pipeline.store.repo import error_kind, finish_run, start_run, write_batch
from pipeline.ingest.readers import make_article
from pipeline.types import Extraction


def test_migrations_twice_are_a_noop(tmp_path):
    db = tmp_path / "m.duckdb"
    con = connect(db)
    versions = [v for v, _, _ in migration_files()]
    rows = con.execute("SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == versions
    tables = con.execute("SELECT table_name, column_name FROM information_schema.columns ORDER BY ALL").fetchall()
    assert migrate(con) == []
    con.close()
    con = connect(db)  # a second process-level open migrates again: nothing to do
    assert con.execute("SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version").fetchall() == rows
    assert con.execute("SELECT table_name, column_name FROM information_schema.columns ORDER BY ALL").fetchall() == tables
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"claims", "event_figures"} <= views
    con.close()


def test_migration_failure_rolls_back(tmp_path, monkeypatch):
    import pipeline.store.db as dbm

    bad = tmp_path / "migrations"
    bad.mkdir()
    (bad / "0001_ok.sql").write_text("CREATE TABLE t1 (x INTEGER);")
    (bad / "0002_bad.sql").write_text("CREATE TABLE t2 (x INTEGER); SELECT * FROM no_such_table;")
    monkeypatch.setattr(dbm, "MIGRATIONS", bad)
    monkeypatch.setattr(dbm, "VIEWS", tmp_path / "noviews")
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    with pytest.raises(duckdb.Error):
        migrate(con)
    assert [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()] == [1]
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "t1" in names and "t2" not in names


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def held_db(tmp_path):
    """A database file held open for writing by another process."""
    db = tmp_path / "held.duckdb"
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), "60"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield db, proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("read_only", [False, True])
def test_busy_database_bounded_retry_and_clear_message(held_db, read_only):
    db, proc = held_db
    t0 = time.perf_counter()
    with pytest.raises(DatabaseBusy) as info:
        connect(db, read_only=read_only, retries=2, wait=0.05)
    elapsed = time.perf_counter() - t0
    msg = str(info.value)
    assert f"PID {proc.pid}" in msg and "in use by another process" in msg and "gave up after 2 retries" in msg
    assert "Traceback" not in msg and elapsed < 10


def test_busy_database_retry_succeeds_when_released(tmp_path):
    db = tmp_path / "h.duckdb"
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), "1.5"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    try:
        con = connect(db, retries=6, wait=0.5)  # waits 0.5, 1.0, 1.5 ... until the holder exits
        con.close()
    finally:
        proc.wait(timeout=30)


def test_retry_settings_from_environment(held_db, monkeypatch):
    db, _ = held_db
    monkeypatch.setenv("CLAIMSCOPE_DB_RETRIES", "0")
    with pytest.raises(DatabaseBusy, match="gave up after 0 retries"):
        connect(db)


@pytest.mark.parametrize("query", [
    "DELETE FROM articles", "INSERT INTO runs (run_id) VALUES ('x')", "CREATE TABLE z (a INT)", "DROP VIEW claims",
    "UPDATE articles SET title = 'x'",
])
def test_sql_is_read_only(tmp_path, query):
    from pipeline.report import run_sql

    db = tmp_path / "r.duckdb"
    connect(db).close()
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        run_sql(str(db), query)
    cols, rows = run_sql(str(db), "SELECT count(*) AS n FROM articles")
    assert cols == ["n"] and rows == [(0,)]


def test_sql_cli_refuses_writes(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    db = tmp_path / "r.duckdb"
    connect(db).close()
    res = CliRunner().invoke(app, ["sql", "DELETE FROM articles", "--db", str(db)])
    assert res.exit_code == 2
    assert "read-only" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(app, ["sql", "SELECT 1 AS one", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0 and res.output.splitlines() == ["one", "1"]


def _item(text: str, source: str):
    art = make_article(text, source)
    return art, Extraction(article=art.meta())


def test_write_batch_replaces_and_is_atomic(tmp_path, monkeypatch):
    con = connect(tmp_path / "w.duckdb")
    run = start_run(con, "m", "h", 2)
    items = [_item("First article text.", "a.txt"), _item("Second article text.", "b.txt")]
    assert write_batch(con, run, items) == 2
    assert write_batch(con, run, items) == 2   # rewriting the same articles replaces them
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 2

    import pipeline.store.repo as repo

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "record_sources", boom)  # fails after the inserts, inside the transaction
    with pytest.raises(RuntimeError):
        write_batch(con, run, [_item("Third article text.", "c.txt")])
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 2
    con.close()


def test_crashed_runs_are_marked(tmp_path):
    con = connect(tmp_path / "c.duckdb")
    dead = start_run(con, "m", "h", 1)          # never finished: its process died
    live = start_run(con, "m", "h", 1)
    finish_run(con, live, "completed", 1, 0, 0, 0.1, timings={"read": 0.01, "extract": 0.5}, processes=2,
               executor="local", prefect_state="Completed")
    rows = dict(con.execute("SELECT run_id, state FROM runs").fetchall())
    assert rows == {dead: "crashed", live: "completed"}
    r = con.execute("SELECT processes, executor, prefect_state, read_seconds, extract_seconds, write_seconds "
                    "FROM runs WHERE run_id = ?", [live]).fetchall()[0]
    assert r == (2, "local", "Completed", 0.01, 0.5, None)
    con.close()


@pytest.mark.parametrize("reason, kind", [
    ("cannot read: Permission denied", "read"), ("binary file (NUL bytes), not text", "binary"),
    ("invalid utf-16: truncated data at byte 2", "decode"), ("empty or whitespace-only text", "empty"),
    ("invalid JSON: Expecting value", "json"), ("extraction failed: ValueError: x", "extract"),
    ("something new", "other"),
])
def test_error_kinds(reason, kind):
    assert error_kind(reason) == kind


def test_one_writer_per_process_shares_the_instance(tmp_path):
    db = tmp_path / "s.duckdb"
    a = connect(db)
    b = connect(db)  # same process: DuckDB shares the instance, no lock error
    a.close()
    b.close()
    assert os.path.exists(db)
