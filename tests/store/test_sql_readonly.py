"""`claimscope sql` is read-only in fact: only queries run, on a connection with external access off and the
configuration locked; a refused statement anywhere in the string means nothing runs. And its output:
formats, several statements, wide results, JSON kept as JSON."""
from __future__ import annotations

import io
import json

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline import sqlreport
from pipeline.cli import app
from pipeline.store import ReadOnlyViolation, connect
from pipeline.store.sql import Result, run_statements


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.duckdb"
    con = connect(path)
    con.execute("INSERT INTO runs (run_id, version, model, config_hash, started_at, state) "
                "VALUES ('run-x', '0', 'm', 'h', now(), 'completed')")
    con.close()
    return path


def _count_runs(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM runs").fetchall()[0][0]
    finally:
        con.close()


REFUSED = [
    "COPY runs TO '{out}'",
    "COPY (SELECT * FROM runs) TO '{out}' (FORMAT csv)",
    "EXPORT DATABASE '{exported}'",
    "ATTACH '{other}' AS o",
    "ATTACH '{other}' AS o (READ_WRITE)",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET memory_limit = '1GB'",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "PRAGMA memory_limit = '1GB'",
    "PRAGMA enable_profiling",
    "CREATE TABLE z (a INT)",
    "CREATE TEMP TABLE z AS SELECT 1 AS a",
    "CREATE VIEW v AS SELECT 1",
    "CREATE MACRO m(x) AS x + 1",
    "INSERT INTO runs (run_id) VALUES ('y')",
    "UPDATE runs SET state = 'x'",
    "DELETE FROM runs",
    "DROP TABLE runs",
    "ALTER TABLE runs ADD COLUMN z INT",
    "CHECKPOINT",
    "VACUUM",
    "BEGIN TRANSACTION",
    "CALL pragma_version()",
    "DETACH r",
    "PREPARE p AS SELECT 1",
    "EXPLAIN ANALYZE DELETE FROM runs",
    # hidden behind a first harmless statement, or between two
    "SELECT 1; DELETE FROM runs",
    "SELECT 1 AS one; COPY runs TO '{out}'",
    "WITH x AS (SELECT 1) SELECT * FROM x; ATTACH '{other}' AS o (READ_WRITE); SELECT 2",
    "select 1;\n-- a comment\nINSTALL httpfs;",
    "SELECT 1; SET enable_external_access = true; SELECT 2",
    "/* note */ SELECT 42; EXPORT DATABASE '{exported}'",
]


@pytest.mark.parametrize("template", REFUSED)
def test_statements_that_are_not_queries_are_refused(db, tmp_path, template):
    query = template.format(out=tmp_path / "out.csv", other=tmp_path / "other.duckdb", exported=tmp_path / "exported")
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        run_statements(db, query)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "exported").exists()
    assert _count_runs(db) == 1
    # the same connection answers a query (the refusal is not a broken connection)
    assert run_statements(db, "SELECT count(*) AS n FROM runs")[0].rows == [(1,)]


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_csv('{path}')",
    "SELECT * FROM read_text('{path}')",
    "SELECT * FROM '{path}'",
    "SELECT * FROM glob('{dir}/*')",
])
def test_selects_cannot_read_files(db, tmp_path, query):
    secret = tmp_path / "secret.csv"
    secret.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReadOnlyViolation):
        run_statements(db, query.format(path=secret, dir=tmp_path))


@pytest.mark.parametrize("query, n_results", [
    ("SELECT count(*) FROM runs", 1),
    ("WITH r AS (SELECT * FROM runs) SELECT run_id FROM r", 1),
    ("FROM runs SELECT run_id", 1),
    ("VALUES (1, 'a'), (2, 'b')", 1),
    ("DESCRIBE runs", 1),
    ("SHOW TABLES", 1),
    ("SHOW ALL TABLES", 1),
    ("SUMMARIZE runs", 1),
    ("EXPLAIN SELECT * FROM runs", 1),
    ("EXPLAIN ANALYZE SELECT * FROM runs", 1),
    ("PRAGMA table_info('runs')", 1),
    ("SELECT 1 AS a; SELECT 2 AS b; SELECT 3 AS c", 3),
    ("-- leading comment\nSELECT 1;", 1),
])
def test_queries_run(db, query, n_results):
    results = run_statements(db, query)
    assert len(results) == n_results
    assert all(r.columns for r in results)


def test_several_statements_each_give_their_result(db):
    results = run_statements(db, "SELECT 1 AS a; SELECT 'x' AS b, 2 AS c")
    assert [(r.columns, r.rows) for r in results] == [(["a"], [(1,)]), (["b", "c"], [("x", 2)])]


def test_syntax_error_is_a_message(db):
    with pytest.raises(ValueError, match="(?i)syntax|parser"):
        run_statements(db, "SELEC 1")


# ------------------------------------------------------------------------------------------------ CLI
def invoke(*args):
    return CliRunner().invoke(app, ["sql", *args])


def test_cli_refuses_hidden_write_and_runs_nothing(db, tmp_path):
    out = tmp_path / "journal.csv"
    r = invoke(f"SELECT 1; COPY runs TO '{out}'", "--db", str(db))
    flat = " ".join(r.output.split())
    assert r.exit_code == 2 and "read-only" in flat and "statement 2 of 2" in flat
    assert "Traceback" not in r.output and not out.exists()


def test_cli_defaults_to_csv_when_not_a_terminal(db):
    r = invoke("SELECT run_id, state FROM runs", "--db", str(db))
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["run_id,state", "run-x,completed"]


JSONQ = "SELECT '{\"killed\": {\"count\": 3}}'::JSON AS figures, ['{\"a\": 1}'::JSON] AS js, [1, 2] AS l, " \
        "DATE '2024-01-02' AS d, 1.50::DECIMAL(4,2) AS x, NULL AS n"


def test_cli_json_keeps_json_columns_as_json(db):
    r = invoke(JSONQ, "--db", str(db), "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == [{"figures": {"killed": {"count": 3}}, "js": [{"a": 1}], "l": [1, 2],
                                     "d": "2024-01-02", "x": 1.5, "n": None}]


def test_cli_json_several_statements(db):
    r = invoke("SELECT 1 AS a; SELECT 2 AS b", "--db", str(db), "-f", "json")
    data = json.loads(r.output)
    assert [d["rows"] for d in data] == [[{"a": 1}], [{"b": 2}]]
    assert [d["statement"] for d in data] == ["SELECT 1 AS a", "SELECT 2 AS b"]


def test_cli_csv_and_markdown_show_every_statement(db):
    r = invoke("SELECT 1 AS a; SELECT 'p|q' AS b", "--db", str(db), "-f", "csv")
    assert r.output.split("\n\n") == ["a\n1", "b\np|q\n"]
    r = invoke("SELECT 1 AS a; SELECT 'p|q' AS b", "--db", str(db), "-f", "markdown")
    assert "| a |\n|---|\n| 1 |" in r.output and "| p\\|q |" in r.output
    assert "`SELECT 1 AS a`" in r.output and "`SELECT 'p|q' AS b`" in r.output


def test_cli_table_format_shows_every_statement(db):
    r = invoke("SELECT 1 AS first_col; SELECT 2 AS second_col", "--db", str(db), "-f", "table")
    assert r.exit_code == 0
    assert "first_col" in r.output and "second_col" in r.output and r.output.count("(1 row)") == 2


def test_cli_missing_database(tmp_path):
    r = invoke("SELECT 1", "--db", str(tmp_path / "nope.duckdb"))
    assert r.exit_code == 2 and "no such database" in " ".join(r.output.split())


# ------------------------------------------------------------------------------------------------ wide
WIDE = Result(statement="SELECT ...", columns=["id", "span_text", "rule"], types=["VARCHAR"] * 3,
              rows=[("ev-1", "a long span of article text " * 6, "num-verb"), ("ev-2", "short", "x")])


def _console(width: int, terminal: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=width, force_terminal=terminal, color_system=None), buf


def test_wide_result_on_a_terminal_is_printed_as_records():
    console, buf = _console(80, True)
    sqlreport.write_table(console, [WIDE], terminal=True)
    text = buf.getvalue()
    assert "-[ row 1 ]-" in text and "-[ row 2 ]-" in text
    assert "span_text │ a long span" in text


def test_wide_result_in_a_file_keeps_one_line_per_row():
    console, buf = _console(80, False)
    sqlreport.write_table(console, [WIDE], terminal=False)
    lines = buf.getvalue().splitlines()
    row = next(line for line in lines if "ev-1" in line)
    assert WIDE.rows[0][1].strip() in row and len(row) > 80     # not wrapped into 80 columns


def test_narrow_result_is_a_table():
    console, buf = _console(120, True)
    narrow = Result(statement="q", columns=["a", "b"], types=["INTEGER"] * 2, rows=[(1, 2)])
    sqlreport.write_table(console, [narrow], terminal=True)
    assert "-[ row" not in buf.getvalue() and "┃ a " in buf.getvalue()


@pytest.mark.parametrize("template", [
    "SET enable_external_access = true", "SET lock_configuration = false", "COPY (SELECT 1) TO '{out}'",
    "ATTACH '{other}' AS o", "INSTALL httpfs", "LOAD httpfs", "SELECT * FROM read_csv('{secret}')",
    "INSERT INTO runs (run_id) VALUES ('z')",
])
def test_the_connection_itself_is_locked(db, tmp_path, template):
    """Second lock: even a statement that got past the check cannot write, read files or unlock itself."""
    from pipeline.store.sql import open_read_only

    (tmp_path / "secret.csv").write_text("a\n1\n", encoding="utf-8")
    query = template.format(out=tmp_path / "out.csv", other=tmp_path / "o.duckdb", secret=tmp_path / "secret.csv")
    con = open_read_only(db)
    try:
        with pytest.raises((duckdb.PermissionException, duckdb.InvalidInputException)):
            con.execute(query)
    finally:
        con.close()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "o.duckdb").exists()
