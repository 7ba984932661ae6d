"""Review decisions: append-only storage, effective values, orphaned decisions after re-extraction, journal."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.review import queries
from pipeline.review.decisions import (
    InvalidDecision, append_journal, flush_journal, journal_path, make_review, read_journal, reviewer_name,
    store_review, validate_value,
)
from pipeline.store import connect
from tests.review.conftest import hostile_extraction, write


def _claims(db, **kw):
    q = queries.queue(db, status="all")
    out = {}
    for a in q["articles"]:
        for c in queries.article(db, a["sha256"], **kw)["claims"]:
            out[(a["id"], c["claim_type"], c["span_text"])] = c
    return out


def _decide(db, claim, decision, value=None, reviewer="tester"):
    r = make_review(claim=claim, decision=decision, reviewer=reviewer, new_value=value)
    assert store_review(db, r) == "db"
    return r


def _sql(db, q, params=None):
    con = connect(db, read_only=True)
    try:
        return con.execute(q, params or []).fetchall()
    finally:
        con.close()


def test_migration_creates_reviews_and_views(db):
    names = {r[0] for r in _sql(db, "SELECT table_name FROM information_schema.tables")}
    assert {"reviews", "claims_reviewed", "review_latest", "reviews_orphaned", "claim_values"} <= names
    assert _sql(db, "SELECT count(*) FROM claims_reviewed WHERE NOT reviewed")[0][0] == 14


def test_decisions_are_appended_never_updated(db):
    c = _claims(db)[("hostile", "casualty", "30 wounded")]
    _decide(db, c, "accepted")
    c = _claims(db)[("hostile", "casualty", "30 wounded")]
    _decide(db, c, "corrected", {"count": 31, "high": 31, "low": 31})
    c = _claims(db)[("hostile", "casualty", "30 wounded")]
    _decide(db, c, "rejected")
    rows = _sql(db, "SELECT decision, old_value->>'count', new_value->>'count' FROM reviews "
                    "WHERE claim_id = ? ORDER BY review_id", [c["claim_id"]])
    assert rows == [("accepted", "30", "30"), ("corrected", "30", "31"), ("rejected", "31", "31")]
    st = _sql(db, "SELECT status, reviewed, value->>'count', extracted_value->>'count' FROM claims_reviewed "
                  "WHERE claim_id = ?", [c["claim_id"]])
    assert st == [("rejected", True, "31", "30")]


def test_effective_value_after_correction_and_accept_keeps_correction(db):
    c = _claims(db)[("hostile", "casualty", "At least 12 people were killed")]
    _decide(db, c, "corrected", {"count": 13, "low": 13})
    c = _claims(db)[("hostile", "casualty", "At least 12 people were killed")]
    assert c["status"] == "corrected" and c["value"]["count"] == 13 and c["extracted_value"]["count"] == 12
    _decide(db, c, "accepted")
    row = _sql(db, "SELECT status, CAST(value->>'count' AS INT) FROM claims_reviewed WHERE claim_id = ?",
               [c["claim_id"]])
    assert row == [("accepted", 13)]
    # others untouched
    assert _sql(db, "SELECT count(*) FROM claims_reviewed WHERE reviewed")[0][0] == 1


@pytest.mark.parametrize("ctype, value, message", [
    ("casualty", {"count": -1}, "out of range"),
    ("casualty", {"count": "many"}, "whole number"),
    ("casualty", {"low": 5, "high": 2}, "above high"),
    ("casualty", {"kind": "exploded"}, "not one of"),
    ("date", {"start": "2024-03-05", "end": "2024-03-01"}, "after end"),
    ("date", {"start": "March 5"}, "not a date"),
    ("place", {"name": ""}, "needs a name"),
    ("place", {"lat": 123}, "out of range"),
    ("place", {"country": "Narnia"}, "longer than"),
    ("attribution", {"source_start": 200, "source_end": 100}, "source span"),
    ("attribution", {"source_start": 5, "source_end": None}, "source span"),
    ("attribution", {"kind": "gossip"}, "not one of"),
    ("event", {"bogus": 1}, "unknown field"),
])
def test_invalid_corrections_are_refused(db, ctype, value, message):
    c = next(c for c in _claims(db).values() if c["claim_type"] == ctype)
    with pytest.raises(InvalidDecision, match=message):
        make_review(claim=c, decision="corrected", reviewer="t", new_value=value, text_len=500)


@pytest.mark.parametrize("ctype, value, expected", [
    ("casualty", {"kind": "killed", "count": "7", "qualifier": " about "}, {"count": 7, "qualifier": "about"}),
    ("date", {"start": "2024-03-01", "end": "2024-03-31", "granularity": "month"}, {"end": "2024-03-31"}),
    ("place", {"name": "Kira", "country": "iq", "lat": "35.1"}, {"country": "IQ", "lat": 35.1}),
    ("attribution", {"kind": "denial", "source": "", "hedged": "true"}, {"source": None, "hedged": True}),
])
def test_valid_values_are_normalised(ctype, value, expected):
    v = validate_value(ctype, value, 100)
    for k, x in expected.items():
        assert v[k] == x


def test_same_value_correction_and_unknown_decision_refused(db):
    c = _claims(db)[("hostile", "casualty", "30 wounded")]
    with pytest.raises(InvalidDecision, match="same as the current"):
        make_review(claim=c, decision="corrected", reviewer="t", new_value={"count": 30})
    with pytest.raises(InvalidDecision, match="not one of"):
        make_review(claim=c, decision="deleted", reviewer="t")


def test_reviewer_name_from_option_then_environment(monkeypatch):
    monkeypatch.setenv("CLAIMSCOPE_REVIEWER", "ana")
    monkeypatch.setenv("USER", "root")
    assert reviewer_name("bo") == "bo"
    assert reviewer_name(None) == "ana"
    monkeypatch.delenv("CLAIMSCOPE_REVIEWER")
    assert reviewer_name(None) == "root"


def test_reextraction_keeps_decisions_attached_or_orphaned(db):
    """A changed rule re-extracts the article: the decision on a claim that is still found stays attached;
    the one on a claim whose span changed is kept and shown as orphaned."""
    cl = _claims(db)
    kept = _decide(db, cl[("hostile", "casualty", "30 wounded")], "corrected", {"count": 31, "high": 31, "low": 31})
    gone = _decide(db, cl[("hostile", "date", "on Monday")], "accepted")
    before = _sql(db, "SELECT * FROM reviews ORDER BY review_id")
    write(db, [hostile_extraction(variant=2)], run_id="run-2")   # write_batch deletes + re-inserts claims
    assert _sql(db, "SELECT * FROM reviews ORDER BY review_id") == before  # nothing deleted or changed
    att = _sql(db, "SELECT status, CAST(value->>'count' AS INT), run_id FROM claims_reviewed WHERE claim_id = ?",
               [kept["claim_id"]])
    assert att == [("corrected", 31, "run-2")]
    orph = _sql(db, "SELECT claim_id, decision, span_text FROM reviews_orphaned")
    assert orph == [(gone["claim_id"], "accepted", "on Monday")]
    # the new date claim is a different claim, pending
    assert _sql(db, "SELECT status FROM claims_reviewed WHERE span_text = 'Monday'") == [("pending",)]
    sha = hostile_extraction()[0].sha256
    page = queries.article(db, sha)
    assert [o["claim_id"] for o in page["orphaned"]] == [gone["claim_id"]]
    assert queries.queue(db, status="all")["orphaned"] == 1


def test_added_claim_is_listed_and_attaches_if_extracted_later(db):
    a, _ = hostile_extraction()
    from pipeline.review.decisions import added_claim_id

    s = a.text.index("Northern Front")
    claim = dict(claim_id="", claim_type="attribution", article_sha256=a.sha256, start_char=s - 21, end_char=s + 14,
                 span_text=a.text[s - 21:s + 14], run_id=None, value=None)
    r = make_review(claim=claim, decision="added", reviewer="t", new_value={"kind": "accusation", "source": "Officials"})
    r["claim_id"] = added_claim_id(a.sha256, "attribution", s - 21, s + 14, r["new_value"])
    store_review(db, r)
    rows = _sql(db, "SELECT origin, status, value->>'source' FROM claims_reviewed WHERE claim_id = ?", [r["claim_id"]])
    assert rows == [("review", "added", "Officials")]
    assert _sql(db, "SELECT count(*) FROM reviews_orphaned")[0][0] == 0
    # a place added by a reviewer gets the extractor's key: when a later run finds it, the decision attaches
    p = a.text.index("Dalmo")
    pid = added_claim_id(a.sha256, "place", p, p + 5, {})
    assert pid == _claims(db)[("hostile", "place", "Dalmo")]["claim_id"]


def test_journal_append_read_flush_is_idempotent(db):
    c = _claims(db)[("plain", "casualty", "Two soldiers were killed")]
    r = make_review(claim=c, decision="rejected", reviewer="t")
    append_journal(db, r)
    with open(journal_path(db), "a", encoding="utf-8") as fh:
        fh.write('{"truncated": \n')                        # a torn line: kept aside, never dropped
    assert [x["review_id"] for x in read_journal(db)] == [r["review_id"]]
    # the page shows the pending decision before it is in the table
    assert _claims(db)[("plain", "casualty", "Two soldiers were killed")]["status"] == "rejected"
    con = connect(db)
    try:
        assert flush_journal(con, db) == 1
        assert flush_journal(con, db) == 0
        # replaying the same entry again (crash between commit and truncate) writes nothing twice
        append_journal(db, r)
        assert flush_journal(con, db) == 0
        assert con.execute("SELECT count(*), max(via) FROM reviews").fetchall() == [(1, "journal")]
    finally:
        con.close()
    assert read_journal(db) == []
    assert "truncated" in open(str(db) + ".reviews.bad.jsonl").read()


def test_journal_keeps_decision_order(db):
    c = _claims(db)[("plain", "casualty", "Two soldiers were killed")]
    r1 = make_review(claim=c, decision="rejected", reviewer="t")
    append_journal(db, r1)
    c2 = dict(c, value=r1["new_value"])
    r2 = make_review(claim=c2, decision="corrected", reviewer="t", new_value={"count": 3, "low": 3, "high": 3})
    append_journal(db, r2)
    assert store_review(db, make_review(claim=dict(c2, value=r2["new_value"]), decision="accepted", reviewer="t")) == "db"
    rows = _sql(db, "SELECT decision, via FROM reviews ORDER BY created_at, review_id")
    assert rows == [("rejected", "journal"), ("corrected", "journal"), ("accepted", "page")]
    assert _sql(db, "SELECT status, CAST(value->>'count' AS INT) FROM claims_reviewed WHERE claim_id = ?",
                [c["claim_id"]]) == [("accepted", 3)]


def test_json_values_round_trip_hostile_text(db):
    c = _claims(db)[("hostile", "place", '<img src=x onerror="window.__pwned = 2">')]
    _decide(db, c, "corrected", {"name": "</textarea><script>alert(1)</script>"})
    v = _sql(db, "SELECT CAST(value AS VARCHAR) FROM claims_reviewed WHERE claim_id = ?", [c["claim_id"]])[0][0]
    assert json.loads(v)["name"] == "</textarea><script>alert(1)</script>"


# ------------------------------------------------------------------------------------------ issue 20: the page
@pytest.mark.parametrize("typed, expected", [
    ("nine", 9), ("Twenty-one", 21), ("a dozen", 12), ("two dozen", 24), ("three thousand two hundred", 3200),
    ("one hundred and twelve", 112), ("1,200", 1200), (" 7 ", 7), ("forty\u2013two", 42),
])
def test_counts_accept_number_words(typed, expected):
    assert validate_value("casualty", {"kind": "killed", "count": typed})["count"] == expected
    assert validate_value("event", {"type": "attack", "killed": typed})["killed"] == expected


@pytest.mark.parametrize("ctype, value, message", [
    ("casualty", {"kind": "killed", "count": "nine people"}, "'nine people' is not a whole number"),
    ("casualty", {"kind": "killed", "count": "many"}, "number words such as"),
    ("casualty", {"kind": "killed", "count": "a"}, "not a whole number"),
    ("casualty", {"kind": "killed", "low": "nine and a half"}, "low: "),
    ("event", {"type": "attack", "injured": "lots"}, "injured: "),
    ("event", {"type": "picnic"}, "type: 'picnic' is not one of"),
    ("event", {"type": ""}, "needs a type"),
    ("place", {"name": "Kira", "geonameid": "nine"}, "geonameid: 'nine' is not a whole number$"),  # ids: digits only
])
def test_bad_number_words_and_unknown_event_types_are_refused(ctype, value, message):
    with pytest.raises(InvalidDecision, match=message):
        validate_value(ctype, value)


def test_event_types_are_the_acled_mapping_types():
    from pipeline.review.decisions import EVENT_TYPES

    rows = json.loads((Path(__file__).resolve().parents[2] / "models" / "acled_mapping.json").read_text())["rows"]
    assert set(EVENT_TYPES) == {r["type"] for r in rows if isinstance(r, dict)}


def _undo(db, claim_id, reviewer="tester"):
    from pipeline.review.decisions import make_undo

    c = next((c for c in _claims(db).values() if c["claim_id"] == claim_id), None)
    r = make_undo(history=queries.history(db, claim_id), claim=c, reviewer=reviewer)
    assert store_review(db, r) == "db"
    return r


def _state(db, claim_id):
    return _sql(db, "SELECT status, reviewed, CAST(value->>'count' AS INT) FROM claims_reviewed WHERE claim_id = ?",
                [claim_id])


def test_undo_walks_back_through_decisions_append_only(db):
    key = ("hostile", "casualty", "30 wounded")
    cid = _claims(db)[key]["claim_id"]
    _decide(db, _claims(db)[key], "accepted")
    _decide(db, _claims(db)[key], "corrected", {"count": 31, "low": 31, "high": 31})
    assert _state(db, cid) == [("corrected", True, 31)]
    u1 = _undo(db, cid)                      # back to accepted (the decision before, re-appended)
    assert (u1["decision"], u1["old_value"]["count"], u1["new_value"]["count"]) == ("accepted", 31, 30)
    assert _state(db, cid) == [("accepted", True, 30)]
    u2 = _undo(db, cid)                      # back to unreviewed
    assert (u2["decision"], u2["new_value"]) == ("pending", None)
    assert _state(db, cid) == [("pending", False, 30)]
    with pytest.raises(InvalidDecision, match="nothing to undo"):
        _undo(db, cid)
    rows = _sql(db, "SELECT decision, undoes FROM reviews WHERE claim_id = ? ORDER BY review_id", [cid])
    first, second = (r[0] for r in _sql(db, "SELECT review_id FROM reviews WHERE undoes IS NULL ORDER BY 1"))
    assert rows == [("accepted", None), ("corrected", None), ("accepted", second), ("pending", first)]
    assert _sql(db, "SELECT count(*) FROM reviews_orphaned")[0][0] == 0
    # a new decision after the undo is undone on its own
    _decide(db, _claims(db)[key], "rejected")
    assert _undo(db, cid)["decision"] == "pending"


def test_undo_of_an_added_claim_removes_it(db):
    from pipeline.review.decisions import added_claim_id

    a, _ = hostile_extraction()
    s = a.text.index("Dalmo hospital")
    value = {"name": "Dalmo hospital"}
    claim = dict(claim_id="", claim_type="place", article_sha256=a.sha256, start_char=s, end_char=s + 14,
                 span_text="Dalmo hospital", run_id=None, value=None)
    r = make_review(claim=claim, decision="added", reviewer="t", new_value=value)
    r["claim_id"] = added_claim_id(a.sha256, "place", s, s + 14, r["new_value"])
    store_review(db, r)
    assert ("hostile", "place", "Dalmo hospital") in _claims(db)
    assert _undo(db, r["claim_id"])["decision"] == "pending"
    assert ("hostile", "place", "Dalmo hospital") not in _claims(db)
    assert _sql(db, "SELECT count(*) FROM claims_reviewed WHERE claim_id = ?", [r["claim_id"]])[0][0] == 0
    assert _sql(db, "SELECT count(*) FROM reviews_orphaned")[0][0] == 0


def test_undo_in_the_journal_is_shown_and_flushed(db):
    from pipeline.review.decisions import make_undo

    key = ("hostile", "casualty", "30 wounded")
    c = _claims(db)[key]
    append_journal(db, make_review(claim=c, decision="rejected", reviewer="t"))
    assert _claims(db)[key]["status"] == "rejected"
    append_journal(db, make_undo(history=queries.history(db, c["claim_id"]), claim=_claims(db)[key], reviewer="t"))
    c2 = _claims(db)[key]
    assert (c2["status"], c2["reviewed"], c2["value"]["count"]) == ("pending", False, 30)
    con = connect(db)
    try:
        assert flush_journal(con, db) == 2
    finally:
        con.close()
    assert _state(db, c["claim_id"]) == [("pending", False, 30)]


def test_migration_0012_keeps_rows_of_an_old_database(tmp_path, monkeypatch):
    import pipeline.store.db as store_db

    path = tmp_path / "old.duckdb"
    every = store_db.migration_files()
    monkeypatch.setattr(store_db, "migration_files", lambda: [m for m in every if m[0] < 12])
    con = store_db.connect(path)
    con.execute("INSERT INTO reviews VALUES ('0001-a', 'c1', 'casualty', 's', 'accepted', NULL, '{\"count\": 4}', "
                "'ann', TIMESTAMP '2024-01-01 10:00:00', 1, 5, 'four', 'run-1', 'n', 'page')")
    with pytest.raises(Exception, match="CHECK|[Cc]onstraint"):
        con.execute("INSERT INTO reviews VALUES ('0002-a', 'c1', 'casualty', 's', 'pending', NULL, NULL, 'ann', "
                    "now(), 1, 5, 'four', NULL, NULL, 'page')")
    con.close()
    monkeypatch.setattr(store_db, "migration_files", lambda: every)
    con = store_db.connect(path)
    try:
        assert con.execute("SELECT review_id, decision, new_value->>'count', reviewer, CAST(created_at AS VARCHAR), "
                           "note, undoes FROM reviews").fetchall() == [
            ("0001-a", "accepted", "4", "ann", "2024-01-01 10:00:00", "n", None)]
        con.execute("INSERT INTO reviews VALUES ('0002-a', 'c1', 'casualty', 's', 'pending', NULL, NULL, 'ann', "
                    "now(), 1, 5, 'four', NULL, NULL, 'page', '0001-a')")
        with pytest.raises(Exception, match="CHECK|[Cc]onstraint"):
            con.execute("INSERT INTO reviews VALUES ('0003-a', 'c1', 'casualty', 's', 'maybe', NULL, NULL, 'ann', "
                        "now(), 1, 5, 'four', NULL, NULL, 'page', NULL)")
        with pytest.raises(Exception, match="[Cc]onstraint|[Dd]uplicate"):  # the primary key is kept
            con.execute("INSERT INTO reviews SELECT * FROM reviews WHERE review_id = '0001-a'")
    finally:
        con.close()
