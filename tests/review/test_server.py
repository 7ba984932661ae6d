"""The review server over real HTTP: CSRF and origin checks, bind refusal, and decisions while `run` holds
the database (a real subprocess holding DuckDB's write lock)."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time

import pytest

from pipeline.review.decisions import journal_path, read_journal
from pipeline.review.server import RemoteBindRefused, check_bind, make_server, shutdown, start_background
from pipeline.store import connect
from tests.review.conftest import HOSTILE, hostile_extraction


@pytest.fixture
def server(db):
    httpd, app = make_server(db, port=0, reviewer="tester", flush_interval=0.2)
    start_background(httpd, app)
    yield app
    shutdown(httpd, app)


def call(app, method, path, body=None, headers=None, host=None):
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    h = {"Host": host or f"127.0.0.1:{app.port}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    raw = r.read()
    conn.close()
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = raw.decode()
    return r.status, payload, dict(r.getheaders())


def good(app, extra=None):
    return {"X-CSRF-Token": app.token, "Origin": f"http://127.0.0.1:{app.port}", **(extra or {})}


def first_claim(app, ctype="casualty"):
    _, q, _ = call(app, "GET", "/api/queue?status=all")
    sha = next(a["sha256"] for a in q["articles"] if a["id"] == "hostile")
    _, d, _ = call(app, "GET", f"/api/article?sha={sha}&status=all")
    return sha, next(c for c in d["claims"] if c["claim_type"] == ctype)


def reviews(db):
    """The reviews table, read under the server's lock: its flusher, in this process, may hold a handle with
    another configuration, which DuckDB refuses to open beside it."""
    from pipeline.review.queries import DB_LOCK

    with DB_LOCK:
        con = connect(db, read_only=True)
        try:
            return con.execute("SELECT claim_id, decision, via FROM reviews ORDER BY review_id").fetchall()
        finally:
            con.close()


def test_page_has_token_and_csp_and_no_article_text(server):
    status, page, headers = call(server, "GET", "/")
    assert status == 200
    assert f'content="{server.token}"' in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "window.__pwned" not in page and "Kira" not in page
    status, js, headers = call(server, "GET", "/static/app.js")
    assert status == 200 and "innerHTML" not in js.replace("never innerHTML", "")
    assert call(server, "GET", "/static/../decisions.py")[0] == 404


def _headers(app, case):
    same = f"http://127.0.0.1:{app.port}"
    return {
        "no token": {"Origin": same},
        "wrong token": {"Origin": same, "X-CSRF-Token": "guess"},
        "empty token": {"Origin": same, "X-CSRF-Token": ""},
        "cross-origin": {"Origin": "http://evil.example", "X-CSRF-Token": app.token},
        "other port": {"Origin": "http://127.0.0.1:1", "X-CSRF-Token": app.token},
        "null origin": {"Origin": "null", "X-CSRF-Token": app.token},
        "cross-site fetch": {"Sec-Fetch-Site": "cross-site", "X-CSRF-Token": app.token},
    }[case]


@pytest.mark.parametrize("case", ["no token", "wrong token", "empty token", "cross-origin", "other port",
                                  "null origin", "cross-site fetch"])
def test_write_refused_without_token_or_from_other_origin(server, db, case):
    _, c = first_claim(server)
    for path, body in (("/api/review", {"claim_id": c["claim_id"], "decision": "accepted"}),
                       ("/api/add", {"article_sha256": c["article_sha256"], "claim_type": "date", "start": 0,
                                     "end": 4, "value": {}})):
        got, r, _ = call(server, "POST", path, body, _headers(server, case))
        assert got == 403, r
    assert reviews(db) == []
    # the same request with the page's token from the page's origin goes through (the test can fail)
    assert call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                good(server))[0] == 200


def test_write_needs_json_and_right_host(server, db):
    _, c = first_claim(server)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("POST", "/api/review", body=f"claim_id={c['claim_id']}&decision=accepted",
                 headers={**good(server), "Content-Type": "application/x-www-form-urlencoded",
                          "Host": f"127.0.0.1:{server.port}"})
    assert conn.getresponse().status == 415
    conn.close()
    # DNS rebinding: a page from evil.example resolving to 127.0.0.1 sends its own Host
    assert call(server, "GET", "/api/queue", host=f"evil.example:{server.port}")[0] == 421
    assert call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                good(server), host=f"evil.example:{server.port}")[0] == 421
    assert reviews(db) == []


def test_accept_correct_add_over_http(server, db):
    sha, c = first_claim(server)
    st, r, _ = call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"}, good(server))
    assert (st, r["stored"]) == (200, "db")
    st, r, _ = call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "corrected",
                                                     "value": {"count": -3}}, good(server))
    assert st == 422 and "out of range" in r["error"]
    # add a claim after the emoji: offsets are code points
    s = HOSTILE.index("Later")
    st, r, _ = call(server, "POST", "/api/add", {"article_sha256": sha, "claim_type": "date", "start": s - 1,
                                                  "end": s + 5, "value": {"granularity": "approximate"}}, good(server))
    assert st == 200, r
    assert r["review"]["span_text"] == "Later" and r["review"]["start_char"] == s    # whitespace trimmed
    assert [d for _, d, _ in reviews(db)] == ["accepted", "added"]
    _, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
    added = [x for x in d["claims"] if x["origin"] == "review"]
    assert [(x["span_text"], x["status"]) for x in added] == [("Later", "added")]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.org", "::"])
def test_non_loopback_bind_refused(host):
    with pytest.raises(RemoteBindRefused):
        check_bind(host)
    check_bind(host, allow_remote=True)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.9"])
def test_loopback_bind_allowed(host):
    check_bind(host)


def test_cli_refuses_remote_host(db):
    from typer.testing import CliRunner

    from pipeline.cli import app

    r = CliRunner().invoke(app, ["review", "--db", str(db), "--host", "0.0.0.0", "--port", "0"])
    assert r.exit_code == 2 and "allow-remote" in (r.output + (r.stderr if hasattr(r, "stderr") else ""))


LOCKER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])        # the write lock, as `claimscope run` holds it
print("locked", flush=True)
sys.stdin.readline()
con.close()
print("released", flush=True)
"""


def test_decision_while_another_process_holds_the_database(server, db):
    """`run` holds the file: the page keeps working from its last state, the decision goes to the journal,
    and reaches the table once the lock is released."""
    sha, c = first_claim(server)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        st, r, _ = call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "corrected",
                                                         "value": {"count": 14, "low": 14}}, good(server))
        assert (st, r["stored"]) == (200, "journal"), r
        assert [x["claim_id"] for x in read_journal(db)] == [c["claim_id"]]
        # the page still answers (stale) and shows the pending decision
        st, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
        assert st == 200 and d["stale"] is True
        mine = next(x for x in d["claims"] if x["claim_id"] == c["claim_id"])
        assert (mine["status"], mine["value"]["count"], mine["pending_write"]) == ("corrected", 14, True)
        # undo and search need the database: 503 with the reason, nothing written
        st, r, _ = call(server, "POST", "/api/undo", {"claim_id": c["claim_id"]}, good(server))
        assert (st, r.get("busy")) == (503, True), r
        assert call(server, "GET", "/api/search?q=Kira")[0] == 503
        time.sleep(0.6)                                   # the flusher tries, and must not lose anything
        assert len(read_journal(db)) == 1
    finally:
        locker.stdin.write("\n")
        locker.stdin.flush()
        assert locker.stdout.readline().strip() == "released"
        locker.wait(timeout=10)
    deadline = time.time() + 15
    while read_journal(db) and time.time() < deadline:
        time.sleep(0.1)
    assert read_journal(db) == []
    assert reviews(db) == [(c["claim_id"], "corrected", "journal")]
    assert journal_path(db).stat().st_size == 0


def test_server_never_holds_the_database_between_requests(server, db):
    """While the page is open (and after requests), another process can take the write lock at once."""
    call(server, "GET", "/api/queue?status=all")
    first_claim(server)
    code = "import sys, duckdb; duckdb.connect(sys.argv[1]).close(); print('ok')"
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_reextraction_while_page_open_shows_orphan(server, db):
    sha, c = first_claim(server, "date")
    on_monday = c if c["span_text"] == "on Monday" else None
    if on_monday is None:
        _, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
        on_monday = next(x for x in d["claims"] if x["span_text"] == "on Monday")
    assert call(server, "POST", "/api/review", {"claim_id": on_monday["claim_id"], "decision": "accepted"},
                good(server))[0] == 200
    from tests.review.conftest import write
    write(db, [hostile_extraction(variant=2)], run_id="run-2")
    _, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
    assert [o["claim_id"] for o in d["orphaned"]] == [on_monday["claim_id"]]


def test_cli_review_subprocess_prints_address_and_stops(db):
    import os
    import re
    import urllib.request

    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "review", "--db", str(db), "--port", "0",
                             "--reviewer", "cli"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert m, line + proc.stderr.read() if proc.poll() is not None else line
        with urllib.request.urlopen(m.group(0), timeout=10) as r:
            assert r.status == 200 and b"csrf-token" in r.read()
    finally:
        proc.terminate()
        assert proc.wait(timeout=15) == 0


@pytest.mark.slow
def test_real_run_while_page_is_open(server, db, tmp_path):
    """`claimscope run` ingests new articles while decisions are being posted: both succeed, none is lost."""
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"n{i}.txt").write_text(
            f"Riverton, 2 May 2021. Gunmen killed {i + 3} villagers near Riverton on Friday, police said. "
            f"Officials said {i + 10} people were wounded.\n", encoding="utf-8")
    _, q, _ = call(server, "GET", "/api/queue?status=all")
    ids = []
    for a in q["articles"]:
        _, d, _ = call(server, "GET", f"/api/article?sha={a['sha256']}&status=all")
        ids += [c["claim_id"] for c in d["claims"]]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    run = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", str(corpus), "--db", str(db), "--no-prefect"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    stored = []
    for cid in ids:
        st, r, _ = call(server, "POST", "/api/review", {"claim_id": cid, "decision": "accepted"}, good(server))
        assert st == 200, r
        stored.append(r["stored"])
        time.sleep(0.05)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err[-2000:]
    deadline = time.time() + 20
    while read_journal(db) and time.time() < deadline:
        time.sleep(0.1)
    got = reviews(db)
    assert sorted(c for c, _, _ in got) == sorted(ids) and all(d == "accepted" for _, d, _ in got)
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 5
    finally:
        con.close()


# ------------------------------------------------------------------------------------------ issue 20: the page
@pytest.mark.parametrize("case", ["no token", "wrong token", "cross-origin", "null origin", "cross-site fetch"])
def test_undo_refused_without_token_or_from_other_origin(server, db, case):
    _, c = first_claim(server)
    assert call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                good(server))[0] == 200
    got, r, _ = call(server, "POST", "/api/undo", {"claim_id": c["claim_id"]}, _headers(server, case))
    assert got == 403, r
    assert [d for _, d, _ in reviews(db)] == ["accepted"]


@pytest.mark.parametrize("path", ["/api/search?q=Kira", "/api/schema", "/api/claim?id=x"])
def test_new_reads_check_the_host_and_answer_json(server, path):
    assert call(server, "GET", path, host=f"evil.example:{server.port}")[0] == 421
    status, body, headers = call(server, "GET", path)
    assert status in (200, 404) and headers["Content-Type"].startswith("application/json") and isinstance(body, dict)


@pytest.mark.parametrize("q, status, articles, types, spans", [
    ("kira", 200, ["hostile"], {"place", "event", "attribution"}, {"Kira", "a car bomb exploded"}),  # the event
    ("POLICE", 200, ["hostile"], {"attribution"}, set()),           # by its place_name value; case-insensitive
    ("ambush", 200, ["plain"], {"event", "attribution"}, {"an ambush on a convoy"}),
    ("Test article p", 200, ["plain"], set(), set()),               # the title
    ("50%", 200, [], set(), set()),                                 # % is a character, not a wildcard
    ("k_ra", 200, [], set(), set()),                                # _ too
    ("'; DROP TABLE reviews; --", 200, [], set(), set()),           # a parameter, not SQL
    ("<script>", 200, ["hostile"], set(), set()),
    ("x", 400, None, None, None),                                   # too short
    ("", 400, None, None, None),
    ("y" * 201, 400, None, None, None),                             # too long
])
def test_search_articles_and_claims(server, q, status, articles, types, spans):
    from urllib.parse import quote

    got, r, _ = call(server, "GET", "/api/search?q=" + quote(q))
    assert got == status, r
    if status != 200:
        assert "2 to 200 characters" in r["error"]
        return
    assert [a["id"] for a in r["articles"]] == articles
    for a in r["articles"]:
        assert a["match"].casefold() == q.casefold()
    assert {c["claim_type"] for c in r["claims"]} == types
    assert spans <= {c["span_text"] for c in r["claims"]}
    assert call(server, "GET", "/api/status")[0] == 200 and reviews(server.db_path) == []


def test_undo_over_http_then_nothing_left(server, db):
    sha, c = first_claim(server)
    cid = c["claim_id"]
    for decision in ("accepted", "rejected"):
        assert call(server, "POST", "/api/review", {"claim_id": cid, "decision": decision}, good(server))[0] == 200
    st, r, _ = call(server, "POST", "/api/undo", {"claim_id": cid}, good(server))
    assert (st, r["review"]["decision"]) == (200, "accepted")
    st, r, _ = call(server, "POST", "/api/undo", {"claim_id": cid}, good(server))
    assert (st, r["review"]["decision"], r["review"]["new_value"]) == (200, "pending", None)
    _, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
    now = next(x for x in d["claims"] if x["claim_id"] == cid)
    assert (now["status"], now["reviewed"]) == ("pending", False)
    st, r, _ = call(server, "POST", "/api/undo", {"claim_id": cid}, good(server))
    assert st == 422 and "nothing to undo" in r["error"]
    assert [x for _, x, _ in reviews(db)] == ["accepted", "rejected", "accepted", "pending"]


@pytest.mark.parametrize("body, status, message", [
    ({}, 422, "claim_id missing"),
    ({"claim_id": 5}, 422, "claim_id missing"),
    ({"claim_id": "no-such-claim"}, 404, "no decision"),
])
def test_undo_bad_requests(server, db, body, status, message):
    got, r, _ = call(server, "POST", "/api/undo", body, good(server))
    assert (got, message in r["error"]) == (status, True), r
    assert reviews(db) == []


@pytest.mark.parametrize("ctype, value, status, expected", [
    ("casualty", {"count": "nine", "low": "nine", "high": None}, 200, {"count": 9, "low": 9}),
    ("casualty", {"count": "twenty-one", "low": None, "high": "a dozen"}, 422, "count 21 is outside low..high"),
    ("casualty", {"count": "nine-ish"}, 422, "'nine-ish' is not a whole number"),
    ("casualty", {"kind": "exploded"}, 422, "kind: 'exploded' is not one of"),
    ("event", {"type": "shelling", "killed": "three"}, 200, {"type": "shelling", "killed": 3}),
    ("event", {"type": "earthquake"}, 422, "type: 'earthquake' is not one of"),
])
def test_typed_corrections_over_http(server, db, ctype, value, status, expected):
    _, c = first_claim(server, ctype)
    got, r, _ = call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "corrected",
                                                     "value": value}, good(server))
    assert got == status, r
    if status == 200:
        assert {k: r["review"]["new_value"][k] for k in expected} == expected
        assert [d for _, d, _ in reviews(db)] == ["corrected"]
    else:
        assert expected in r["error"] and reviews(db) == []


def test_schema_and_claim_lookup(server):
    from typing import get_args

    from pipeline.types import CasualtyKind, EventType

    st, s, _ = call(server, "GET", "/api/schema")
    assert st == 200 and s["event_types"] == list(get_args(EventType))
    assert s["casualty_kinds"] == list(get_args(CasualtyKind))
    sha, c = first_claim(server)
    st, r, _ = call(server, "GET", f"/api/claim?id={c['claim_id']}")
    assert (st, r["article_sha256"], r["claim_type"]) == (200, sha, "casualty")
    assert call(server, "GET", "/api/claim?id=nope")[0] == 404


def test_event_sentence_bounds(server):
    sha, ev = first_claim(server, "event")
    s, e = ev["sentence"]
    assert HOSTILE[s:e] == HOSTILE[:HOSTILE.index("\n")]            # the first line: dateline and sentence


@pytest.mark.parametrize("text, needle, sentence", [
    ("One. Two bombs exploded here. Three.", "bombs", "Two bombs exploded here."),
    ("First line\nshelling went on\nlast", "shelling", "shelling went on"),
    ("No end: a raid", "raid", "No end: a raid"),
    ("He said \"an attack happened.\" Then", "attack", "He said \"an attack happened.\""),
    ("Version 2.5 of an attack. Next.", "attack", "Version 2.5 of an attack."),   # 2.5: no space after the dot
    ("Gen. Ado led a raid. Next.", "raid", "Ado led a raid."),                    # the plain rule's known limit
])
def test_sentence_bounds_rule(text, needle, sentence):
    from pipeline.review.queries import sentence_bounds

    i = text.index(needle)
    s, e = sentence_bounds(text, i, i + len(needle))
    assert text[s:e] == sentence
