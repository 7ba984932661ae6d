"""Event figures in DuckDB: the `events` table and the `event_figures` view hold what `events[].figures`
shows; the view `article_figures` returns what `casualties.figures.article_figures` computes. Articles are
our own."""
from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.extract.casualties.figures import article_figures, event_figures, main_incident
from pipeline.ingest.readers import make_article
from pipeline.store import connect
from pipeline.store.db import MIGRATIONS, apply_views, migrate
from pipeline.store.repo import start_run, write_batch
from pipeline.types import Casualty, Event, Extraction, Span

ARTICLES = [
    "Gunmen attacked a police checkpoint outside Kirkuk on Monday, killing four officers and wounding seven. "
    "A police spokesman later said six officers had died.\n\n"
    "In a separate attack on Tuesday, a roadside bomb killed two soldiers near Mosul.",
    "A delivery driver was shot on Elm Street on Friday night and later died of his wounds in intensive care.\n\n"
    "Two days later, gunfire outside a karaoke lounge across town left three people wounded.",
    "Police arrested 12 protesters in the capital on Saturday. Officials said 40 people were detained overall.",
    "The city council met on Tuesday to discuss the budget.",
]


def _db_figures(con, sha):
    rows = con.execute("SELECT kind, count, low, high, CAST(attribution_ids AS VARCHAR), rule, event_id "
                       "FROM article_figures WHERE article_sha256 = ?", [sha]).fetchall()
    return {r[0]: (r[1], r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows}


def _py_figures(ex):
    ev = main_incident(ex)
    return {k: (f.count, f.low, f.high, f.attribution_ids, f.rule, ev.id) for k, f in article_figures(ex).items()}


def _check(con, ex):
    """The events table and both views hold what the extraction shows."""
    sha = ex.article.sha256
    for ev in ex.events:
        row = con.execute("SELECT killed, injured, killed_low, killed_high, injured_low, injured_high, "
                          "CAST(figures AS VARCHAR) FROM events WHERE article_sha256 = ? AND event_id = ?",
                          [sha, ev.id]).fetchone()
        f = ev.figures
        want = tuple(f[k].count if k in f else None for k in ("killed", "injured")) + tuple(
            getattr(f[k], a) if k in f else None for k in ("killed", "injured") for a in ("low", "high"))
        assert row[:6] == want
        assert json.loads(row[6]) == {k: v.model_dump() for k, v in f.items()}
        view = con.execute("SELECT killed, injured, detained, arrested FROM event_figures "
                           "WHERE article_sha256 = ? AND event_id = ?", [sha, ev.id]).fetchone()
        assert view == tuple(f[k].count if k in f else None for k in ("killed", "injured", "detained", "arrested"))
    assert _db_figures(con, sha) == _py_figures(ex)


def test_pipeline_figures_in_duckdb(tmp_path, nlp):
    from pipeline.extract.api import extract_articles

    arts = [make_article(t, f"a{i}.txt", published="2024-03-04") for i, t in enumerate(ARTICLES)]
    exs = list(extract_articles(arts, nlp))
    con = connect(tmp_path / "f.duckdb")
    write_batch(con, start_run(con, "m", "h", len(arts)), list(zip(arts, exs)))
    for ex in exs:
        _check(con, ex)
    shown = [article_figures(ex) for ex in exs]
    assert shown[0]["killed"].count == 6 and shown[0]["injured"].count == 7   # the deadlier attack, revised up
    assert shown[1]["killed"].count == 1 and "injured" not in shown[1]        # the fatal shooting leads ...
    assert con.execute("SELECT sum(injured) FROM event_figures WHERE article_sha256 = ?",  # ... the wounded are
                       [exs[1].article.sha256]).fetchone()[0] == 3                        # another incident
    assert not shown[3]                                                       # no figure, no row
    assert con.execute("SELECT count(*) FROM article_figures WHERE article_sha256 = ?",
                       [exs[3].article.sha256]).fetchone()[0] == 0
    con.close()


def _c(kind, n, at, flags=(), total=True, ids=()):
    return Casualty(kind=kind, count=n, low=n, high=n, total=total, flags=list(flags), attribution_ids=list(ids),
                    span=Span(start=at, end=at + 2, text="xx"))


def _ev(i, at, cas):
    return Event(id=f"ev-{i}", type="attack", span=Span(start=at, end=at + 2, text="xx"), casualties=cas,
                 figures=event_figures(cas))


AGG = ["aggregate_or_other_period"]


@pytest.mark.parametrize("events", [
    [_ev(1, 0, [_c("injured", 3, 0)]), _ev(2, 10, [_c("killed", 2, 10), _c("detained", 4, 12, ids=["at-1"])])],
    [_ev(1, 0, [_c("killed", 1, 0)]), _ev(2, 10, [_c("killed", 1, 10), _c("injured", 1, 12)])],   # tie on killed
    [_ev(2, 10, [_c("killed", 1, 10)]), _ev(1, 0, [_c("killed", 1, 0)])],                        # tie: text order
    [_ev(1, 0, [_c("killed", 90, 0, AGG)]), _ev(2, 10, [_c("injured", 2, 10)])],                 # running total
    [_ev(1, 0, [_c("killed", 90, 0, AGG), _c("injured", 5, 1)])],
    [_ev(1, 0, [_c("arrested", 2, 0, total=False), _c("arrested", 3, 1, total=False)])],
    [_ev(1, 0, [])],
])
def test_article_figures_view_agrees_with_function(tmp_path, events):
    text = "x" * 40
    art = make_article(text, "h.txt")
    ex = Extraction(article=art.meta(), events=events)
    con = connect(tmp_path / "v.duckdb")
    write_batch(con, start_run(con, "m", "h", 1), [(art, ex)])
    _check(con, ex)
    con.close()


def test_migration_on_a_database_of_the_previous_schema(tmp_path):
    """0004 applies over a database with rows and views of versions 1-3; old rows keep their figures NULL."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for p in sorted(MIGRATIONS.glob("000[123]_*.sql")):
        con.execute(p.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, 'x', now())", [int(p.stem[:4]), p.stem[5:]])
    con.execute("INSERT INTO articles (sha256, id, source, chars, text, run_id, ingested_at) "
                "VALUES ('s', 'a', 'a.txt', 1, 'x', 'r', now())")
    con.execute("INSERT INTO events (claim_id, article_sha256, run_id, event_id, type, start_char, end_char, "
                "span_text, killed) VALUES ('c', 's', 'r', 'ev-1', 'attack', 0, 1, 'x', 3)")
    con.execute("CREATE VIEW event_figures AS SELECT killed, injured FROM events")  # an old view over events
    assert migrate(con)[0] == 4  # then the later migrations
    assert con.execute("SELECT killed, figures FROM events").fetchall() == [(3, None)]
    assert con.execute("SELECT killed, detained FROM event_figures").fetchall() == [(3, None)]
    assert con.execute("SELECT count(*) FROM article_figures").fetchone()[0] == 0
    apply_views(con)
    con.close()
