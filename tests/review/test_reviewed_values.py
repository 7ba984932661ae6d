"""Decisions apply (issue 20): the *_reviewed views return the machine tables with review decisions in effect.

Databases are written with the real store code (tests/review/conftest.py) and decisions recorded with
pipeline.review.decisions, as the review page does. Article texts are our own."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import duckdb
import pytest

from pipeline.extract.casualties.figures import event_figures
from pipeline.review.decisions import added_claim_id, insert_reviews, make_review, store_review
from pipeline.review.queries import claim_for_review
from pipeline.store import connect
from pipeline.store.db import MIGRATIONS, apply_views
from pipeline.types import Casualty, DateValue, Event, Extraction, Place
from tests.review.conftest import PLAIN, article, hostile_extraction, plain_extraction, sp, write

MACHINE = ("events", "casualties", "places", "dates", "attributions", "event_figures", "article_figures")

DEPOT = ("LAKESIDE, 9 May 2025. Gunmen killed two guards and three drivers at a fuel depot in Lakeside on "
         "Friday. Officials said seven people were dead.")


def depot_extraction() -> tuple:
    """One event, three killed mentions: two breakdown groups and a larger total (figure: largest-total 7)."""
    t = DEPOT
    a = article(t, "depot", "2025-05-09")
    guards = Casualty(kind="killed", count=2, low=2, high=2, group="guards", total=False, rule="num-noun",
                      span=sp(t, "two guards"))
    drivers = Casualty(kind="killed", count=3, low=3, high=3, group="drivers", total=False, rule="num-noun",
                       span=sp(t, "three drivers"))
    seven = Casualty(kind="killed", count=7, low=7, high=7, total=True, rule="num-verb",
                     span=sp(t, "seven people were dead"))
    friday = DateValue(start="2025-05-09", end="2025-05-09", granularity="day", rule="weekday", span=sp(t, "on Friday"))
    lake = Place(name="Lakeside", country="XX", rule="gazetteer", span=sp(t, "Lakeside"))
    ev = Event(id="ev-1", type="attack", span=sp(t, "Gunmen killed"), date=friday, date_rule="weekday",
               places=[lake], casualties=[guards, drivers, seven], figures=event_figures([guards, drivers, seven]),
               acled_event_type="Violence against civilians", acled_sub_event_type="Attack")
    return a, Extraction(article=a.meta(), events=[ev], places=[lake], dates=[friday])


@pytest.fixture
def rdb(tmp_path):
    path = tmp_path / "reviewed.duckdb"
    write(path, [hostile_extraction(), plain_extraction(), depot_extraction()])
    return path


def q(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def sha(aid):
    return {"hostile": hostile_extraction, "plain": plain_extraction, "depot": depot_extraction}[aid]()[0].sha256


def cid(db, table, aid, span):
    col = "content_text" if table == "attributions" else "span_text"
    rows = q(db, f"SELECT claim_id FROM {table} WHERE article_sha256 = ? AND {col} = ?", [sha(aid), span])
    assert len(rows) == 1, (table, aid, span, rows)
    return rows[0][0]


def decide(db, table, aid, span, decision, value=None):
    claim = claim_for_review(db, cid(db, table, aid, span))
    assert store_review(db, make_review(claim=claim, decision=decision, reviewer="t", new_value=value,
                                        text_len=claim["text_len"])) == "db"


def add(db, aid, ctype, needle, value):
    a = {"hostile": hostile_extraction, "plain": plain_extraction, "depot": depot_extraction}[aid]()[0]
    s = sp(a.text, needle)
    claim = dict(claim_id="", claim_type=ctype, article_sha256=a.sha256, start_char=s.start, end_char=s.end,
                 span_text=s.text, run_id=None, value=None)
    r = make_review(claim=claim, decision="added", reviewer="t", new_value=value, text_len=len(a.text))
    r["claim_id"] = added_claim_id(a.sha256, ctype, s.start, s.end, r["new_value"])
    assert store_review(db, r) == "db"
    return r["claim_id"]


def event_row(db, aid, cols, view="events_reviewed"):
    return q(db, f"SELECT {cols} FROM {view} WHERE article_sha256 = ? AND event_id = 'ev-1'", [sha(aid)])


def figure(db, aid, kind, view="article_figures_reviewed"):
    return q(db, f"SELECT count, rule FROM {view} WHERE article_sha256 = ? AND kind = ?", [sha(aid), kind])


# ------------------------------------------------------------------------------------------------- no decision
@pytest.mark.parametrize("table", MACHINE)
def test_without_decisions_the_reviewed_views_are_the_machine_tables(rdb, table):
    cols = [r[0] for r in q(rdb, f"DESCRIBE {table}")]
    assert [r[0] for r in q(rdb, f"DESCRIBE {table}_reviewed")] == cols + ["review_status"]
    assert q(rdb, f"SELECT DISTINCT review_status FROM {table}_reviewed") == [("machine",)]
    n = q(rdb, f"SELECT count(*) FROM {table}")[0][0]
    assert n > 0 and q(rdb, f"SELECT count(*) FROM {table}_reviewed")[0][0] == n
    diff = f"SELECT * FROM {table} EXCEPT ALL SELECT * EXCLUDE (review_status) FROM {table}_reviewed"
    assert q(rdb, diff) == []


@pytest.mark.parametrize("table", MACHINE)
def test_claims_of_other_articles_stay_machine_after_decisions(rdb, table):
    """Negative: decisions on the hostile article leave every row of the others as extracted."""
    decide(rdb, "events", "hostile", "a car bomb exploded", "corrected", {"date_start": "2024-03-01",
                                                                          "date_end": "2024-03-01"})
    decide(rdb, "casualties", "hostile", "30 wounded", "rejected")
    decide(rdb, "places", "hostile", "Dalmo", "rejected")
    decide(rdb, "dates", "hostile", "3 March 2024", "corrected", {"start": "2024-03-02", "end": "2024-03-02"})
    decide(rdb, "attributions", "hostile", "At least 12 people were killed and 30 wounded", "corrected",
           {"source": "officials", "source_start": None, "source_end": None})
    where = "WHERE article_sha256 <> ?"
    machine = q(rdb, f"SELECT * FROM {table} {where} ORDER BY ALL", [sha("hostile")])
    reviewed = q(rdb, f"SELECT * EXCLUDE (review_status) FROM {table}_reviewed {where} ORDER BY ALL", [sha("hostile")])
    assert machine and reviewed == machine
    assert q(rdb, f"SELECT DISTINCT review_status FROM {table}_reviewed {where}", [sha("hostile")]) == [("machine",)]
    # ... while the hostile article's rows did change
    here = "WHERE article_sha256 = ?"
    assert q(rdb, f"SELECT * FROM {table} {here} ORDER BY ALL", [sha("hostile")]) != q(
        rdb, f"SELECT * EXCLUDE (review_status) FROM {table}_reviewed {here} ORDER BY ALL", [sha("hostile")])


# ------------------------------------------------------------------------------------------------------ dates
@pytest.mark.parametrize("decisions, want", [
    ([("events", "a car bomb exploded", "corrected", {"date_start": "2024-03-01", "date_end": "2024-03-01"})],
     (dt.date(2024, 3, 1), dt.date(2024, 3, 1), "review", dt.date(2024, 3, 1), "corrected")),
    ([("dates", "on Monday", "corrected", {"start": "2024-01-29", "end": "2024-01-29"})],
     (dt.date(2024, 1, 29), dt.date(2024, 1, 29), "review:date", dt.date(2024, 1, 1), "machine")),
    ([("dates", "on Monday", "rejected", None)], (None, None, "review:undated", None, "machine")),
    # the event's own correction wins over its date mention's
    ([("dates", "on Monday", "corrected", {"start": "2024-01-29", "end": "2024-01-29"}),
      ("events", "a car bomb exploded", "corrected", {"date_start": "2024-04-02", "date_end": "2024-04-02"})],
     (dt.date(2024, 4, 2), dt.date(2024, 4, 2), "review", dt.date(2024, 4, 1), "corrected")),
    # negative: accepting changes nothing, a decision on another date mention does not move the event
    ([("events", "a car bomb exploded", "accepted", None)],
     (dt.date(2024, 2, 26), dt.date(2024, 2, 26), "undated", dt.date(2024, 2, 1), "accepted")),
    ([("dates", "3 March 2024", "corrected", {"start": "2024-03-04", "end": "2024-03-04"})],
     (dt.date(2024, 2, 26), dt.date(2024, 2, 26), "undated", dt.date(2024, 2, 1), "machine")),
])
def test_corrected_date_moves_the_event_and_its_month(rdb, decisions, want):
    for table, span, decision, value in decisions:
        decide(rdb, table, "hostile", span, decision, value)
    got = event_row(rdb, "hostile", "date_start, date_end, date_rule")[0]
    month = event_row(rdb, "hostile", "month, review_status", "event_figures_reviewed")[0]
    assert got + month == want
    # the machine output stays queryable, unchanged
    assert event_row(rdb, "hostile", "date_start, month", "event_figures") == [(dt.date(2024, 2, 26),
                                                                                dt.date(2024, 2, 1))]


def test_corrected_date_mention_is_in_dates_reviewed(rdb):
    decide(rdb, "dates", "hostile", "on Monday", "corrected", {"start": "2024-01-29", "end": "2024-01-29"})
    assert q(rdb, "SELECT date_start, granularity, relative, review_status FROM dates_reviewed WHERE span_text = "
                  "'on Monday'") == [(dt.date(2024, 1, 29), "day", True, "corrected")]
    decide(rdb, "dates", "hostile", "on Monday", "rejected")
    assert q(rdb, "SELECT count(*) FROM dates_reviewed WHERE span_text = 'on Monday'") == [(0,)]
    assert q(rdb, "SELECT count(*) FROM dates WHERE span_text = 'on Monday'") == [(1,)]


# ---------------------------------------------------------------------------------------------------- figures
@pytest.mark.parametrize("decisions, killed, rule, low_high", [
    ([], 7, "largest-total", (7, 7)),
    ([("seven people were dead", "rejected", None)], 5, "sum-of-groups;review", (5, 5)),
    ([("seven people were dead", "rejected", None), ("two guards", "rejected", None)], 3, "sum-of-groups;review",
     (3, 3)),
    ([("seven people were dead", "rejected", None), ("two guards", "rejected", None),
      ("three drivers", "rejected", None)], None, None, (None, None)),
    ([("seven people were dead", "corrected", {"count": 8, "low": 8, "high": 8})], 8, "largest-total;review", (8, 8)),
    ([("seven people were dead", "corrected", {"count": 4, "low": 3, "high": 4})], 4, "largest-total;review", (3, 4)),
    # negative: a rejected breakdown group leaves the larger total standing (recomputed, same figure)
    ([("two guards", "rejected", None)], 7, "largest-total;review", (7, 7)),
    ([("two guards", "accepted", None)], 7, "largest-total", (7, 7)),
])
def test_casualty_decisions_recompute_the_event_figure(rdb, decisions, killed, rule, low_high):
    for span, decision, value in decisions:
        decide(rdb, "casualties", "depot", span, decision, value)
    row = event_row(rdb, "depot", "killed, killed_low, killed_high, figures -> '$.killed' ->> '$.rule'",
                    "event_figures_reviewed")
    assert row == [(killed, *low_high, rule)]
    assert figure(rdb, "depot", "killed") == ([(killed, rule)] if killed is not None else [])
    assert figure(rdb, "depot", "killed", "article_figures") == [(7, "largest-total")]   # machine unchanged


def test_casualty_corrected_to_another_kind_moves_between_figures(rdb):
    decide(rdb, "casualties", "depot", "three drivers", "corrected", {"kind": "injured"})
    assert event_row(rdb, "depot", "killed, injured, figures -> '$.injured' ->> '$.rule'") == [
        (7, 3, "sum-of-groups;review")]
    assert dict((k, c) for k, c in q(rdb, "SELECT kind, count FROM article_figures_reviewed WHERE article_sha256 = ?",
                                     [sha("depot")])) == {"killed": 7, "injured": 3}


@pytest.mark.parametrize("decisions, want_event, want_article", [
    # the only killed mention of the event rejected: the event states no killed figure any more
    ([("casualties", "At least 12 people were killed", "rejected", None)], (None, 30), {"injured": 30}),
    ([("casualties", "30 wounded", "rejected", None)], (12, None), {"killed": 12}),
    ([("casualties", "At least 12 people were killed", "corrected", {"count": 15, "low": 15})], (15, 30),
     {"killed": 15, "injured": 30}),
    # the event's own corrected figure wins over its mentions'
    ([("casualties", "At least 12 people were killed", "rejected", None),
      ("events", "a car bomb exploded", "corrected", {"killed": 20})], (20, 30), {"killed": 20, "injured": 30}),
    ([("events", "a car bomb exploded", "corrected", {"killed": None, "injured": None})], (None, None), {}),
    # negative: an unlinked mention ("4 more died" is no part of the event) changes no event figure
    ([("casualties", "4 more died", "rejected", None)], (12, 30), {"killed": 12, "injured": 30}),
    ([("events", "a car bomb exploded", "rejected", None)], None, {}),
])
def test_rejected_or_corrected_figure_changes_event_and_article_figures(rdb, decisions, want_event, want_article):
    for table, span, decision, value in decisions:
        decide(rdb, table, "hostile", span, decision, value)
    got = event_row(rdb, "hostile", "killed, injured", "event_figures_reviewed")
    assert got == ([want_event] if want_event else [])
    art = q(rdb, "SELECT kind, count FROM article_figures_reviewed WHERE article_sha256 = ?", [sha("hostile")])
    assert dict(art) == want_article
    assert dict(q(rdb, "SELECT kind, count FROM article_figures WHERE article_sha256 = ?", [sha("hostile")])) == {
        "killed": 12, "injured": 30}


# ------------------------------------------------------------------------------------------------- added claims
def test_added_event_is_in_events_and_figures(rdb):
    value = {"type": "shooting", "date_start": "2023-05-30", "date_end": "2023-05-30", "date_granularity": "day",
             "place_name": "Rivertown", "country": "xx", "killed": 9, "injured": None}
    claim_id = add(rdb, "plain", "event", "Three others were injured", value)
    row = q(rdb, "SELECT type, event_id, run_id, date_start, date_rule, country, killed, injured, review_status, "
                 "span_text FROM events_reviewed WHERE claim_id = ?", [claim_id])
    assert row == [("shooting", None, None, dt.date(2023, 5, 30), "review", "XX", 9, None, "added",
                    "Three others were injured")]
    assert q(rdb, "SELECT month, killed, incident, review_status FROM event_figures_reviewed WHERE claim_id = ?",
             [claim_id]) == [(dt.date(2023, 5, 1), 9, True, "added")]
    # 9 killed: the added event is now the article's main incident
    assert q(rdb, "SELECT count, rule, event_claim_id FROM article_figures_reviewed WHERE article_sha256 = ? "
                  "AND kind = 'killed'", [sha("plain")]) == [(9, "review", claim_id)]
    assert q(rdb, "SELECT count(*) FROM events WHERE claim_id = ?", [claim_id]) == [(0,)]
    assert figure(rdb, "plain", "killed", "article_figures") == [(2, "largest-total")]


@pytest.mark.parametrize("ctype, needle, value, view, cols, want", [
    ("casualty", "Three others were injured", {"kind": "injured", "count": 3, "low": 3, "high": 3},
     "casualties_reviewed", "kind, count, total, event_id, rule", ("injured", 3, True, None, "review")),
    ("place", "convoy", {"name": "Convoy Road", "country": "xx", "lat": 1.5, "lon": 2.5},
     "places_reviewed", "name, country, lat, coords, rule", ("Convoy Road", "XX", 1.5, "review", "review")),
    ("date", "Saturday", {"start": "2023-06-03", "end": "2023-06-03", "granularity": "day", "relative": True},
     "dates_reviewed", "date_start, granularity, relative, rule", (dt.date(2023, 6, 3), "day", True, "review")),
    ("attribution", "Three others were injured", {"kind": "statement", "source": "the army"},
     "attributions_reviewed", "kind, source_name, content_text, cue_text", ("statement", "the army",
                                                                           "Three others were injured", None)),
])
def test_added_claims_are_rows_of_their_views(rdb, ctype, needle, value, view, cols, want):
    claim_id = add(rdb, "plain", ctype, needle, value)
    assert q(rdb, f"SELECT {cols}, review_status FROM {view} WHERE claim_id = ?", [claim_id]) == [want + ("added",)]
    table = view.removesuffix("_reviewed")
    assert q(rdb, f"SELECT count(*) FROM {table} WHERE claim_id = ?", [claim_id]) == [(0,)]
    # added, then rejected: gone again
    claim = claim_for_review(rdb, claim_id)
    store_review(rdb, make_review(claim=claim, decision="rejected", reviewer="t", text_len=claim["text_len"]))
    assert q(rdb, f"SELECT count(*) FROM {view} WHERE claim_id = ?", [claim_id]) == [(0,)]


# ----------------------------------------------------------------------------------------- places, attributions
@pytest.mark.parametrize("span, decision, value, want", [
    ("Dalmo", "rejected", None, []),
    ("Dalmo", "corrected", {"country": "yy", "geonameid": 42}, [("Dalmo", "YY", 42, None, "corrected")]),
    ("Dalmo", "corrected", {"lat": 10.0, "lon": 20.0}, [("Dalmo", None, None, "review", "corrected")]),
    ("Dalmo", "accepted", None, [("Dalmo", None, None, None, "accepted")]),
])
def test_place_decisions(rdb, span, decision, value, want):
    decide(rdb, "places", "hostile", span, decision, value)
    assert q(rdb, "SELECT name, country, geonameid, coords, review_status FROM places_reviewed WHERE span_text = ?",
             [span]) == want
    assert q(rdb, "SELECT count(*) FROM places_reviewed") == [(q(rdb, "SELECT count(*) FROM places")[0][0]
                                                               - (decision == "rejected"),)]


def test_corrected_attribution_source_and_its_text(rdb):
    content = "At least 12 people were killed and 30 wounded"
    text = hostile_extraction()[0].text
    s = text.index("Officials")
    decide(rdb, "attributions", "hostile", content, "corrected",
           {"source": "Officials", "source_start": s, "source_end": s + len("Officials")})
    assert q(rdb, "SELECT source_name, source_text, kind, cue_text, review_status FROM attributions_reviewed "
                  "WHERE content_text = ?", [content]) == [("Officials", "Officials", "report", "said", "corrected")]
    decide(rdb, "attributions", "hostile", content, "corrected", {"source": "the police", "source_start": None,
                                                                  "source_end": None})
    assert q(rdb, "SELECT source_name, source_text FROM attributions_reviewed WHERE content_text = ?",
             [content]) == [("the police", None)]


def test_corrected_event_type_and_place_drop_what_was_derived_from_them(rdb):
    before = event_row(rdb, "depot", "acled_event_type, country, lat")
    assert before[0][0] == "Violence against civilians"
    decide(rdb, "events", "depot", "Gunmen killed", "corrected", {"type": "shelling", "place_name": "Hillside"})
    assert event_row(rdb, "depot", "type, acled_event_type, place_name, geo_rule, killed, review_status") == [
        ("shelling", None, "Hillside", "review", 7, "corrected")]


# ------------------------------------------------------------------------------------------ versions and undo
def test_decision_on_a_superseded_version_is_not_counted(rdb):
    decide(rdb, "events", "plain", "an ambush on a convoy", "corrected", {"killed": 5})
    add(rdb, "plain", "event", "Three others were injured", {"type": "attack", "killed": 1})
    assert figure(rdb, "plain", "killed") == [(5, "review")]          # counted while that version is current
    assert q(rdb, "SELECT count(*) FROM event_figures_reviewed WHERE article_id = 'plain'") == [(2,)]
    a, ex = plain_extraction()
    text = PLAIN + " A later statement gave no new figures."
    a2 = a.model_copy(update={"text": text, "sha256": hashlib.sha256(text.encode()).hexdigest()})
    write(rdb, [(a2, ex.model_copy(update={"article": a2.meta()}))], run_id="run-2")
    assert q(rdb, "SELECT article_sha256, killed, review_status FROM event_figures_reviewed WHERE article_id = "
                  "'plain'") == [(a2.sha256, 2, "machine")]
    assert q(rdb, "SELECT count, rule FROM article_figures_reviewed WHERE article_id = 'plain' AND kind = 'killed'"
             ) == [(2, "largest-total")]
    # the old version's reviewed rows are still there, like its machine rows
    assert q(rdb, "SELECT count(*) FROM events_reviewed WHERE article_sha256 = ?", [a.sha256]) == [(2,)]


def _allow_pending(db):
    """Migration 0012 (the page's undo) lets `reviews` hold decision 'pending'."""
    con = connect(db)
    try:
        sql = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'reviews'").fetchone()[0]
    finally:
        con.close()
    assert "'pending'" in sql


def _undo(db, claim_id):
    con = connect(db)
    try:
        ctype, article_sha = con.execute("SELECT claim_type, article_sha256 FROM reviews WHERE claim_id = ? "
                                         "ORDER BY review_id LIMIT 1", [claim_id]).fetchone()
        insert_reviews(con, [dict(review_id=f"{10**19 * 9:020d}-undo", claim_id=claim_id, claim_type=ctype,
                                  article_sha256=article_sha, decision="pending", reviewer="t",
                                  created_at=(dt.datetime.utcnow() + dt.timedelta(seconds=5)).isoformat())])
    finally:
        con.close()


@pytest.mark.parametrize("table, span, decision, value", [
    ("casualties", "seven people were dead", "rejected", None),
    ("casualties", "seven people were dead", "corrected", {"count": 9, "low": 9, "high": 9}),
    ("events", "Gunmen killed", "corrected", {"killed": 1, "date_start": "2025-01-01", "date_end": "2025-01-01"}),
])
def test_a_latest_pending_decision_counts_as_no_decision(rdb, table, span, decision, value):
    machine = q(rdb, "SELECT * FROM event_figures ORDER BY ALL")
    decide(rdb, table, "depot", span, decision, value)
    assert q(rdb, "SELECT * EXCLUDE (review_status) FROM event_figures_reviewed ORDER BY ALL") != machine
    _allow_pending(rdb)
    _undo(rdb, cid(rdb, table, "depot", span))
    assert q(rdb, "SELECT * EXCLUDE (review_status) FROM event_figures_reviewed ORDER BY ALL") == machine
    assert q(rdb, "SELECT DISTINCT review_status FROM event_figures_reviewed") == [("machine",)]
    assert q(rdb, f"SELECT review_status FROM {table}_reviewed WHERE claim_id = ?",
             [cid(rdb, table, "depot", span)]) == [("machine",)]
    row = q(rdb, "SELECT status, reviewed, CAST(value AS VARCHAR) = CAST(extracted_value AS VARCHAR) "
                 "FROM claims_reviewed WHERE claim_id = ?", [cid(rdb, table, "depot", span)])
    assert row == [("pending", False, True)]


def test_undone_added_claim_is_gone(rdb):
    claim_id = add(rdb, "plain", "event", "Three others were injured", {"type": "attack", "killed": 1})
    assert q(rdb, "SELECT count(*) FROM events_reviewed WHERE claim_id = ?", [claim_id]) == [(1,)]
    _allow_pending(rdb)
    _undo(rdb, claim_id)
    assert q(rdb, "SELECT count(*) FROM events_reviewed WHERE claim_id = ?", [claim_id]) == [(0,)]
    assert q(rdb, "SELECT count(*) FROM claims_reviewed WHERE claim_id = ?", [claim_id]) == [(0,)]


def test_figures_json_follows_the_reviewed_counts(rdb):
    decide(rdb, "casualties", "hostile", "30 wounded", "corrected", {"count": 31, "low": 31, "high": 31})
    figs = json.loads(event_row(rdb, "hostile", "CAST(figures AS VARCHAR)")[0][0])
    assert figs["injured"] == {"count": 31, "low": 31, "high": 31, "attribution_ids": ["at-1"],
                               "rule": "largest-total;review"}
    assert figs["killed"]["rule"] == "largest-total"
