"""Migration 0005 (issue 21): extraction_warnings, runs.warnings, and counts as BIGINT, over a database of the
previous schema; warnings are written and replaced with the article's claims."""
from __future__ import annotations

import duckdb

from pipeline.ingest.readers import make_article
from pipeline.store import connect
from pipeline.store.db import MIGRATIONS, migrate
from pipeline.store.repo import start_run, write_batch
from pipeline.types import Casualty, Event, Extraction, ExtractionWarning, Span


def test_0005_over_the_previous_schema_keeps_rows_and_widens_counts(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for p in sorted(MIGRATIONS.glob("000[1234]_*.sql")):
        con.execute(p.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, 'x', now())", [int(p.stem[:4]), p.stem[5:]])
    con.execute("INSERT INTO casualties (claim_id, article_sha256, run_id, kind, count, total, start_char, end_char, "
                "span_text) VALUES ('c', 's', 'r', 'killed', 7, true, 0, 1, 'x')")
    con.execute("CREATE VIEW old_view AS SELECT count FROM casualties")  # a view over the column does not block it
    assert 5 in migrate(con)
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name IN ('casualties', 'events')").fetchall())
    assert types["count"] == types["low"] == types["killed"] == types["injured_high"] == "BIGINT"
    assert con.execute("SELECT count FROM casualties").fetchall() == [(7,)]
    con.execute("UPDATE casualties SET count = 2147483648")
    assert con.execute("SELECT count FROM old_view").fetchall() == [(2147483648,)]
    assert con.execute("SELECT count(*) FROM extraction_warnings").fetchall() == [(0,)]
    con.close()


def _ex(art, warnings, count=3):
    cas = Casualty(kind="killed", count=count, span=Span(start=0, end=5, text=art.text[:5]))
    ev = Event(id="ev-1", type="attack", span=Span(start=0, end=5, text=art.text[:5]), casualties=[cas])
    return Extraction(article=art.meta(), events=[ev], casualties=[cas], warnings=[
        ExtractionWarning(article=art.id, component="claimscope_places", rule="find", reason=r) for r in warnings])


def test_warnings_are_written_and_replaced_with_the_article(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    art = make_article("Seven people were killed.", "a.txt")
    run = start_run(con, "m", "h", 1)
    write_batch(con, run, [(art, _ex(art, ["one", "two"], count=2147483648))])
    assert con.execute("SELECT article_sha256, component, rule, reason FROM extraction_warnings ORDER BY reason"
                       ).fetchall() == [(art.sha256, "claimscope_places", "find", "one"),
                                        (art.sha256, "claimscope_places", "find", "two")]
    assert con.execute("SELECT count FROM casualties").fetchall() == [(2147483648,)]
    write_batch(con, run, [(art, _ex(art, []))])   # extracted again, nothing dropped this time
    assert con.execute("SELECT count(*) FROM extraction_warnings").fetchall() == [(0,)]
    con.close()
