"""The review server against awkward clients: silent connections time out, oversized, deeply nested, invalid
or surrogate-laden bodies get 400/413 with a message, a client that goes away leaves no traceback; a remote
server needs its password and answers only to its names; reviewing yields the database to `run`."""
from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from pipeline.review import guard
from pipeline.review.server import Handler, RemoteBindRefused, make_server, shutdown, start_background
from pipeline.store import connect
from pipeline.store.db import writer_note_path, writer_waiting
from tests.review.test_server import call, first_claim, good
from tests.review.test_server import reviews as _reviews


def reviews(db):
    """The reviews table, read under the server's lock (its flusher may hold a handle in this process)."""
    from pipeline.review.queries import DB_LOCK

    with DB_LOCK:
        return _reviews(db)


@pytest.fixture
def server(db):
    httpd, app = make_server(db, port=0, reviewer="tester", flush_interval=0.2)
    start_background(httpd, app)
    yield app
    shutdown(httpd, app)


# ------------------------------------------------------------------------------------------------ bodies
@pytest.mark.parametrize("text, depth", [
    ('{"a": 1}', 1), ('{"a": [1, {"b": [2]}]}', 4), ('{"s": "[[[{{{"}', 1), ('{"s": "\\"[["}', 1), ("[]", 1),
    ("3", 0),
])
def test_json_depth_ignores_brackets_in_strings(text, depth):
    assert guard.json_depth(text) == depth


@pytest.mark.parametrize("raw, message", [
    (b"[" * 5000 + b"]" * 5000, "nested deeper"),
    (b'{"claim_id": "x", "decision": "accepted"' + b', "v": ' + b"[" * 40 + b"]" * 40 + b"}", "nested deeper"),
    (b"{not json", "not valid JSON"),
    (b'["a list"]', "not a JSON object"),
    (b'{"note": "bad \\ud800 half"}', "lone surrogate"),
    (b'{"\\udfff": 1}', "lone surrogate"),
    (b'{"note": "\xff\xfe"}', "not UTF-8"),
])
def test_bad_bodies_are_refused_with_a_reason(raw, message):
    with pytest.raises(guard.BadRequest, match=message):
        guard.parse_body(raw)


def test_good_body_parses():
    assert guard.parse_body('{"note": "fine \u00e9 \U0001F642", "v": [[1]]}'.encode()) == {
        "note": "fine \u00e9 \U0001F642", "v": [[1]]}


def _post_raw(app, path: str, raw: bytes, headers: dict | None = None):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    h = {"Host": f"127.0.0.1:{app.port}", "Content-Type": "application/json", **good(app), **(headers or {})}
    conn.request("POST", path, body=raw, headers=h)
    r = conn.getresponse()
    body = json.loads(r.read() or b"{}")
    conn.close()
    return r.status, body


@pytest.mark.parametrize("raw, status, message", [
    (b"[" * 100000, 400, "nested deeper"),
    (b'{"claim_id": "CID", "decision": "rejected", "note": "half \\ud83d of a pair"}', 400, "lone surrogate"),
    (b"{'single': 'quotes'}", 400, "not valid JSON"),
    (b"", 400, "body missing"),
])
def test_server_answers_bad_input_with_400_and_stores_nothing(server, db, raw, status, message):
    _, c = first_claim(server)
    st, body = _post_raw(server, "/api/review", raw.replace(b"CID", c["claim_id"].encode()))
    assert (st, message in body.get("error", "")) == (status, True), body
    assert reviews(db) == []
    # and it still serves
    assert call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                good(server))[0] == 200


@pytest.mark.parametrize("query, status", [
    ("q=a%00b", 200),                 # a NUL character: a parameter like any other
    ("q=%ED%A0%80%ED%A0%80", 200),    # lone surrogates (as UTF-8 bytes): replaced, no crash
    ("q=ab%5C", 200),                 # a trailing backslash (the ESCAPE character)
    ("q=%25%25", 200),                # only wildcards: matched as characters
    ("q=Kira&q=other", 200),          # repeated: the first counts
    ("q=" + "z" * 5000, 400),         # far too long
    ("", 400),                        # no query
])
def test_search_survives_odd_queries(server, db, query, status):
    got, body, headers = call(server, "GET", "/api/search?" + query)
    assert got == status, body
    assert headers["Content-Type"].startswith("application/json")
    if status == 200:
        assert isinstance(body["articles"], list) and isinstance(body["claims"], list)
    assert call(server, "GET", "/api/status")[0] == 200


@pytest.mark.parametrize("raw, status, message", [
    (b'{"claim_id": ["CID"]}', 422, "claim_id missing"),
    (b'{"claim_id": {"$ne": null}}', 422, "claim_id missing"),
    (b'{"claim_id": "CID\u0000"}', 404, "no decision"),
    (b'{"claim_id": "CID", "note": "\ud800"}', 400, "lone surrogate"),
])
def test_undo_refuses_odd_bodies(server, db, raw, status, message):
    _, c = first_claim(server)
    assert call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                good(server))[0] == 200
    st, body = _post_raw(server, "/api/undo", raw.replace(b"CID", c["claim_id"].encode()))
    assert (st, message in body.get("error", "")) == (status, True), body
    assert [d for _, d, _ in reviews(db)] == ["accepted"]


def test_server_refuses_a_body_over_the_limit(server):
    st, body = _post_raw(server, "/api/review", b"{}", {"Content-Length": str(guard.MAX_BODY + 1)})
    assert st == 413 and "larger than" in body["error"]


# ------------------------------------------------------------------------------------------------ connections
def test_silent_connection_is_closed_after_the_read_timeout(db, monkeypatch):
    monkeypatch.setattr(Handler, "timeout", 0.5)
    httpd, app = make_server(db, port=0, reviewer="tester")
    start_background(httpd, app)
    try:
        s = socket.create_connection(("127.0.0.1", app.port), timeout=20)
        s.sendall(b"GET /api/status HTTP/1.1\r\n")      # a request line, then nothing more
        assert s.recv(1024) == b""                       # closed by the server, not left open
        s.close()
        assert call(app, "GET", "/api/status")[0] == 200
    finally:
        shutdown(httpd, app)


def test_client_that_went_away_leaves_no_traceback(server, monkeypatch, capsys):
    def gone(self, *args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    with monkeypatch.context() as m:
        m.setattr(Handler, "_send", gone)
        for _ in range(3):
            with pytest.raises(Exception):
                call(server, "GET", "/api/queue?status=all")
    time.sleep(0.2)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "BrokenPipe" not in captured.err
    assert call(server, "GET", "/api/status")[0] == 200


def test_reset_connection_mid_request_leaves_no_traceback(server, capsys):
    for _ in range(5):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.sendall(f"GET /api/queue?status=all HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        s.close()                                        # RST: gone before the answer
    time.sleep(0.5)
    assert "Traceback" not in capsys.readouterr().err
    assert call(server, "GET", "/api/status")[0] == 200


# ------------------------------------------------------------------------------------------------ remote
def _basic(password: str, user: str = "anyone") -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture
def remote(db):
    httpd, app = make_server(db, host="127.0.0.1", port=0, reviewer="tester", allow_remote=True,
                             host_names=["review.example.org"], password="correct horse")
    start_background(httpd, app)
    yield app
    shutdown(httpd, app)


def test_remote_server_needs_the_password(remote):
    host = f"review.example.org:{remote.port}"
    st, _, headers = call(remote, "GET", "/api/status", host=host)
    assert st == 401 and headers["WWW-Authenticate"].startswith("Basic")
    assert call(remote, "GET", "/api/status", host=host, headers=_basic("wrong"))[0] == 401
    assert call(remote, "GET", "/api/status", host=host, headers={"Authorization": "Bearer nope"})[0] == 401
    assert call(remote, "GET", "/api/status", host=host, headers=_basic("correct horse"))[0] == 200
    assert call(remote, "GET", "/api/status", host=host,
                headers={"Authorization": "Bearer correct horse"})[0] == 200


def test_remote_server_keeps_the_host_check_for_its_names(remote, db):
    auth = _basic("correct horse")
    assert call(remote, "GET", "/api/status", host=f"evil.example:{remote.port}", headers=auth)[0] == 421
    assert call(remote, "GET", "/api/status", host="review.example.org", headers=auth)[0] == 200
    _, q, _ = call(remote, "GET", "/api/queue?status=all", host="review.example.org", headers=auth)
    sha = next(a["sha256"] for a in q["articles"] if a["id"] == "hostile")
    _, d, _ = call(remote, "GET", f"/api/article?sha={sha}&status=all", host="review.example.org", headers=auth)
    c = next(x for x in d["claims"] if x["claim_type"] == "casualty")
    body = {"claim_id": c["claim_id"], "decision": "accepted"}
    # CSRF and Origin checks are unchanged: the page's own origin and token, plus the password
    hdrs = {**auth, "X-CSRF-Token": remote.token, "Origin": "http://review.example.org"}
    assert call(remote, "POST", "/api/review", body, hdrs, host="review.example.org")[0] == 200
    assert call(remote, "POST", "/api/review", body, {**hdrs, "Origin": "http://evil.example"},
                host="review.example.org")[0] == 403
    assert [d for _, d, _ in reviews(db)] == ["accepted"]


def test_remote_bind_without_password_is_refused(db):
    with pytest.raises(RemoteBindRefused, match="password"):
        make_server(db, host="0.0.0.0", port=0, allow_remote=True)


@pytest.mark.parametrize("host, extra, expected", [
    ("192.0.2.7", [], {"192.0.2.7"}),
    ("review.internal", ["Alias.Example"], {"review.internal", "alias.example"}),
    ("0.0.0.0", ["a.example", "b.example"], {"a.example", "b.example"}),
])
def test_host_names(host, extra, expected):
    assert guard.host_names(host, extra) == expected


def test_cli_allow_remote_requires_a_password(db, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    monkeypatch.delenv(guard.PASSWORD_ENV, raising=False)
    r = CliRunner().invoke(app, ["review", "--db", str(db), "--host", "0.0.0.0", "--allow-remote", "--port", "0"])
    assert r.exit_code == 2 and "needs a password" in " ".join(r.output.split())
    empty = tmp_path / "pw"
    empty.write_text("\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["review", "--db", str(db), "--host", "0.0.0.0", "--allow-remote",
                                 "--password-file", str(empty)])
    assert r.exit_code == 2 and "empty" in r.output


def test_password_file_first_line(tmp_path, monkeypatch):
    p = tmp_path / "pw"
    p.write_text("  s3cret  \nsecond line\n", encoding="utf-8")
    assert guard.read_password(p) == "s3cret"
    monkeypatch.setenv(guard.PASSWORD_ENV, "from-env")
    assert guard.read_password(None) == "from-env"


# ------------------------------------------------------------------------------------------------ yielding
SLEEPER = "import time; time.sleep(60)"


def test_page_stays_away_while_a_writer_waits(server, db):
    """A live process's note: reads answer from the last state, decisions go to the journal."""
    sha, c = first_claim(server)
    sleeper = subprocess.Popen([sys.executable, "-c", SLEEPER])
    try:
        writer_note_path(db).write_text(f"{sleeper.pid} {time.time()}\n", encoding="utf-8")
        assert writer_waiting(db) == sleeper.pid
        st, d, _ = call(server, "GET", f"/api/article?sha={sha}&status=all")
        assert st == 200 and d["stale"] is True and "opening the database" in d["busy"]
        st, r, _ = call(server, "POST", "/api/review", {"claim_id": c["claim_id"], "decision": "accepted"},
                        good(server))
        assert (st, r["stored"]) == (200, "journal")
    finally:
        sleeper.kill()
        sleeper.wait()
    assert writer_waiting(db) is None                     # a dead writer's note is ignored
    writer_note_path(db).unlink()
    deadline = time.time() + 15
    while reviews(db) == [] and time.time() < deadline:
        time.sleep(0.1)
    assert [d for _, d, _ in reviews(db)] == ["accepted"]


def test_a_writer_kept_out_leaves_a_note_and_removes_it(db):
    locker = subprocess.Popen([sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); sys.stdin.readline()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    got = {}
    try:
        assert locker.stdout.readline().strip() == "locked"
        t = threading.Thread(target=lambda: got.setdefault("con", connect(db, retries=8, wait=0.25)))
        t.start()
        deadline = time.time() + 10
        while not writer_note_path(db).exists() and time.time() < deadline:
            time.sleep(0.05)
        assert writer_note_path(db).read_text().split()[0] == str(os.getpid())
    finally:
        locker.stdin.write("\n")
        locker.stdin.flush()
        locker.wait(timeout=10)
    t.join(timeout=30)
    got["con"].close()
    assert not writer_note_path(db).exists()


@pytest.mark.slow
def test_busy_review_clients_do_not_stop_a_run(server, db, tmp_path):
    """Four clients reading as fast as they can while `claimscope run` ingests into the same file: the run
    succeeds and every client answer is a 200 (fresh or from the last state)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"n{i}.txt").write_text(
            f"Dunmore, 3 April 2022. Raiders killed {i + 2} herders near Dunmore on Sunday, officials said.\n",
            encoding="utf-8")
    _, q, _ = call(server, "GET", "/api/queue?status=all")
    sha = q["articles"][0]["sha256"]
    assert call(server, "GET", f"/api/article?sha={sha}&status=all")[0] == 200  # the last state exists
    stop, statuses = threading.Event(), []

    def client():
        while not stop.is_set():
            for path in ("/api/queue?status=all", f"/api/article?sha={sha}&status=all"):
                st, body, _ = call(server, "GET", path)
                statuses.append(st if st == 200 else (st, path, str(body)[:200]))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        # few retries: without the yielding a busy page keeps the file nearly always open and `run` gives up
        env = dict(os.environ, PYTHONUNBUFFERED="1", CLAIMSCOPE_DB_RETRIES="2", CLAIMSCOPE_DB_WAIT="0.5")
        run = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(corpus), "--db", str(db),
                              "--no-prefect"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert run.returncode == 0, run.stderr[-2000:]
    assert statuses and set(statuses) == {200}, [s for s in statuses if s != 200][:5]
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 4
    finally:
        con.close()
