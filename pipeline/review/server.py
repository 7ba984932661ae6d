"""The review web server (standard library only): a local page plus a small JSON API.

- Binds 127.0.0.1 by default; a non-loopback host is refused unless allow_remote is set, and a remote
  server needs a password (HTTP Basic or Bearer, see guard.py) and answers only to the Host names given.
- Never holds the database between requests: each request opens, works and closes (see queries.reading),
  and no request opens it while `claimscope run` waits for it (store.db.writer_waiting).
- Write requests (POST) need the per-server CSRF token (X-CSRF-Token header), a JSON body, and an Origin
  (when the browser sends one) equal to the page's own; the Host header must name this server (DNS
  rebinding).
- Connections that stay silent for READ_TIMEOUT seconds are closed; bodies over MAX_BODY bytes, nested
  deeper than MAX_DEPTH, not JSON or holding lone surrogates are answered 400/413 with a message; a client
  that goes away mid-answer is dropped quietly.
- Decisions taken while another process holds the database go to the journal and are flushed by a
  background thread as soon as the database is free.
"""
from __future__ import annotations

import copy
import hmac
import html
import ipaddress
import json
import secrets
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import parse_qs, urlsplit

from pipeline.review import queries
from pipeline.review import guard
from pipeline.review.candidates import candidates
from pipeline.review.decisions import (
    CLAIM_TYPES, EVENT_TYPES, InvalidDecision, added_claim_id, flush_journal, journal_path, make_review,
    make_undo, read_journal, reviewer_name, store_review,
)

STATIC = Path(__file__).with_name("static")
STATIC_FILES = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
MAX_BODY = guard.MAX_BODY
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class RemoteBindRefused(ValueError):
    """A non-loopback host without --allow-remote."""


def is_loopback(host: str) -> bool:
    h = host.strip("[]")
    if h.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_bind(host: str, allow_remote: bool = False) -> None:
    if not is_loopback(host) and not allow_remote:
        raise RemoteBindRefused(
            f"refusing to serve on {host!r}: the review page shows article text and writes decisions; bind a "
            f"loopback address (127.0.0.1, the default) or pass --allow-remote if you really mean it")


class ReviewApp:
    """State shared by the request handlers of one server."""

    def __init__(self, db_path: str | Path, reviewer: Optional[str] = None, allow_remote: bool = False,
                 flush_interval: float = 2.0, host_names: Iterable[str] = (), password: Optional[str] = None):
        self.db_path = str(db_path)
        self.reviewer = reviewer_name(reviewer)
        self.token = secrets.token_urlsafe(32)
        self.allow_remote = allow_remote
        self.host_names = {h.lower() for h in host_names}  # Host header names a remote server answers to
        self.password = password                            # required from every request when set
        self.cache: dict[str, dict] = {}          # last good answer per GET, served (stale) while busy
        self.claims: dict[str, dict] = {}         # last seen state of each claim (for decisions while busy)
        self.texts: dict[str, str] = {}           # article texts seen (to add a claim while busy)
        self.lock = threading.Lock()
        self.flush_interval = flush_interval
        self.stop = threading.Event()
        self.port = 0
        self.host = "127.0.0.1"

    # -- journal ---------------------------------------------------------------------------------------
    def try_flush(self) -> int:
        """Flush the journal when the database is free now; 0 when there is nothing or it is busy."""
        from pipeline.store import DatabaseBusy, connect
        from pipeline.store.db import writer_waiting

        jp = journal_path(self.db_path)
        if not jp.exists() or jp.stat().st_size == 0 or writer_waiting(self.db_path) is not None:
            return 0
        with queries.DB_LOCK:
            try:
                con = connect(self.db_path, retries=0)
            except DatabaseBusy:
                return 0
            try:
                return flush_journal(con, self.db_path)
            finally:
                con.close()

    def flusher(self) -> None:
        while not self.stop.wait(self.flush_interval):
            try:
                self.try_flush()
            except Exception:  # noqa: BLE001 - retried next tick; the journal keeps the decisions
                pass

    # -- reads -----------------------------------------------------------------------------------------
    def cached(self, key: str, fn, filters: Optional[tuple] = None):
        """fn() now, or (the database busy) its last answer with the journal's decisions laid over it."""
        try:
            data = fn()
        except queries.NotReviewable as exc:
            if key not in self.cache:
                raise
            data = copy.deepcopy(self.cache[key])
            if "article" in data:  # an article: show decisions waiting in the journal (the queue has a count "claims")
                sha = data["article"]["sha256"]
                data["claims"] = queries.overlay_journal(data["claims"], read_journal(self.db_path), sha)
                for c in data["claims"]:
                    c.setdefault("confidence", 0.5)
                    c.setdefault("band", "low")
                    c.setdefault("sources", [])
                    c.setdefault("linked", [])
                    c["match"] = queries.matches(c, *(filters or ()))
            else:
                data["journal"] = len(read_journal(self.db_path))
            return dict(data, stale=True, busy=str(exc))
        with self.lock:
            self.cache[key] = data
        return dict(data, stale=False)

    def remember(self, data: Optional[dict]) -> None:
        if not data:
            return
        with self.lock:
            self.texts[data["article"]["sha256"]] = data["article"]["text"]
            for c in data["claims"]:
                self.claims[c["claim_id"]] = dict(c, text_len=data["article"]["chars"])

    def current_claim(self, claim_id: str) -> Optional[dict]:
        try:
            c = queries.claim_for_review(self.db_path, claim_id)
        except queries.NotReviewable:
            c = None
        if c is None:
            with self.lock:
                c = self.claims.get(claim_id)
        return c

    def after_decision(self, review: dict, claim: dict) -> None:
        back = review["decision"] == "pending"  # an undo back to unreviewed: the extracted value again
        with self.lock:
            self.claims[review["claim_id"]] = dict(
                claim, status=review["decision"], reviewed=not back, pending_write=True,
                value=(claim.get("extracted_value") or claim.get("value")) if back else review["new_value"])


def schema() -> dict:
    """The values the page offers in its <select> lists (pipeline/types.py literals)."""
    from typing import get_args

    from pipeline.types import AttributionKind, CasualtyKind, Granularity

    return {"claim_types": list(CLAIM_TYPES), "event_types": list(EVENT_TYPES),
            "casualty_kinds": list(get_args(CasualtyKind)), "attribution_kinds": list(get_args(AttributionKind)),
            "granularities": list(get_args(Granularity))}


def _q(params: dict, name: str) -> Optional[str]:
    v = params.get(name, [None])[0]
    return v if v not in ("", None) else None


class Handler(BaseHTTPRequestHandler):
    app: ReviewApp
    server_version = "claimscope-review"
    sys_version = ""
    timeout = guard.READ_TIMEOUT  # socket read timeout: an idle or stalled connection is closed

    def log_message(self, fmt, *args):  # quiet; errors still reach the client
        pass

    def handle(self):
        """One connection; a client that went away (reload, closed tab) or stayed silent ends it quietly."""
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    # -- responses -------------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str, extra: Optional[dict] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def json(self, data, status: int = 200) -> None:
        self._send(status, json.dumps(data, default=str, ensure_ascii=False).encode("utf-8", "replace"),
                   "application/json; charset=utf-8")

    def error(self, status: int, message: str, **extra) -> None:
        self.json({"error": message, **extra}, status)

    # -- checks ----------------------------------------------------------------------------------------
    def host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        name, port = guard.split_host(host)
        if is_loopback(name) and port == str(self.app.port):
            return True
        return self.app.allow_remote and name in self.app.host_names

    def auth_ok(self) -> bool:
        """No password (loopback): yes. Else the request carries it (Basic or Bearer)."""
        if self.app.password is None:
            return True
        return guard.password_ok(self.headers.get("Authorization"), self.app.password)

    def refuse(self) -> bool:
        """Answer 421 / 401 when the Host or the password is wrong; True when answered."""
        if not self.host_ok():
            self.error(HTTPStatus.MISDIRECTED_REQUEST, "unexpected Host header")
            return True
        if not self.auth_ok():
            self._send(401, b'{"error": "password required"}', "application/json; charset=utf-8",
                       {"WWW-Authenticate": 'Basic realm="claimscope review", charset="UTF-8"'})
            return True
        return False

    def origin_ok(self) -> bool:
        origin = self.headers.get("Origin")
        if origin is None:
            # no Origin: not a browser's cross-site fetch, unless fetch metadata says otherwise
            return (self.headers.get("Sec-Fetch-Site") or "same-origin") in ("same-origin", "none")
        return origin.lower() == f"http://{(self.headers.get('Host') or '').lower()}"

    def csrf_ok(self) -> bool:
        token = self.headers.get("X-CSRF-Token") or ""
        return hmac.compare_digest(token.encode(), self.app.token.encode())

    # -- routing ---------------------------------------------------------------------------------------
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if self.refuse():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        try:
            if url.path in ("/", "/index.html"):
                return self.page()
            if url.path.startswith("/static/"):
                return self.static(url.path[len("/static/"):])
            if url.path == "/api/queue":
                return self.json(self.app.cached(self.path, lambda: queries.queue(
                    self.app.db_path, _q(params, "type"), _q(params, "status"), _q(params, "source"),
                    _q(params, "confidence"))))
            if url.path == "/api/article":
                sha = _q(params, "sha") or ""

                def load():
                    d = queries.article(self.app.db_path, sha, _q(params, "type"), _q(params, "status"),
                                        _q(params, "source"), _q(params, "confidence"))
                    if d is None:
                        raise LookupError(sha)
                    self.app.remember(d)
                    return d
                return self.json(self.app.cached(self.path, load, (
                    _q(params, "type"), _q(params, "status"), _q(params, "source"), _q(params, "confidence"))))
            if url.path == "/api/candidates":
                return self.json(candidates(_q(params, "name") or ""))
            if url.path == "/api/search":
                return self.json(queries.search(self.app.db_path, _q(params, "q")))
            if url.path == "/api/schema":
                return self.json(schema())
            if url.path == "/api/claim":  # where a #claim=... link points (its article)
                c = self.app.current_claim(_q(params, "id") or "")
                if c is None:
                    return self.error(404, "no such claim")
                return self.json({"claim_id": c["claim_id"], "article_sha256": c["article_sha256"],
                                  "claim_type": c["claim_type"], "status": c["status"]})
            if url.path == "/api/status":
                jp = journal_path(self.app.db_path)
                n = sum(1 for line in jp.read_text(encoding="utf-8").splitlines() if line.strip()) if jp.exists() else 0
                return self.json({"db": self.app.db_path, "reviewer": self.app.reviewer, "journal": n})
        except LookupError:
            return self.error(404, "no such article")
        except ValueError as exc:
            return self.error(400, str(exc))
        except queries.NotReviewable as exc:
            return self.error(503, str(exc), busy=True)
        except ConnectionError:
            raise  # the client went away: nothing to answer (handle() ends the connection)
        except Exception as exc:  # noqa: BLE001 - reported to the page, the server goes on
            return self.error(500, f"{type(exc).__name__}: {exc}")
        return self.error(404, "not found")

    def do_POST(self):
        if self.refuse():
            return
        if not self.origin_ok():
            return self.error(403, "cross-origin request refused")
        if not self.csrf_ok():
            return self.error(403, "missing or wrong CSRF token (reload the page)")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            return self.error(415, "send application/json")
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self.error(400, "bad Content-Length")
        if n <= 0:
            return self.error(400, "body missing (send a JSON object)")
        if n > MAX_BODY:
            return self.error(413, f"body larger than {MAX_BODY} bytes")
        try:
            body = guard.parse_body(self.rfile.read(n))
        except guard.BadRequest as exc:
            return self.error(400, str(exc))
        return self.post(urlsplit(self.path).path, body)

    def post(self, path: str, body: dict):
        try:
            if path == "/api/review":
                return self.review(body)
            if path == "/api/add":
                return self.add(body)
            if path == "/api/undo":
                return self.undo(body)
            if path == "/api/flush":
                return self.json({"flushed": self.app.try_flush()})
        except InvalidDecision as exc:
            return self.error(422, str(exc))
        except queries.NotReviewable as exc:
            return self.error(503, str(exc), busy=True)
        except ConnectionError:
            raise  # the client went away: nothing to answer
        except Exception as exc:  # noqa: BLE001 - the decision was not stored; the page says so
            return self.error(500, f"decision not stored: {type(exc).__name__}: {exc}")
        return self.error(404, "not found")

    # -- handlers --------------------------------------------------------------------------------------
    def page(self):
        tpl = (STATIC / "index.html").read_text(encoding="utf-8")
        body = (tpl.replace("{{csrf}}", html.escape(self.app.token, quote=True))
                   .replace("{{reviewer}}", html.escape(self.app.reviewer, quote=True))
                   .replace("{{db}}", html.escape(self.app.db_path, quote=True)))
        self._send(200, body.encode(), "text/html; charset=utf-8", {"Content-Security-Policy": CSP})

    def static(self, name: str):
        if name not in STATIC_FILES:
            return self.error(404, "not found")
        self._send(200, (STATIC / name).read_bytes(), STATIC_FILES[name])

    def review(self, body: dict):
        claim_id = body.get("claim_id")
        if not isinstance(claim_id, str) or not claim_id:
            raise InvalidDecision("claim_id missing")
        claim = self.app.current_claim(claim_id)
        if claim is None:
            return self.error(404, "no such claim (reload the page)")
        review = make_review(claim=claim, decision=body.get("decision"), reviewer=self.app.reviewer,
                             new_value=body.get("value"), note=body.get("note"), text_len=claim.get("text_len"))
        if review["decision"] == "added":
            raise InvalidDecision("use /api/add to add a claim")
        with queries.DB_LOCK:  # one DuckDB handle at a time in this process
            stored = store_review(self.app.db_path, review)
        self.app.after_decision(review, claim)
        self.json({"stored": stored, "review": review})

    def undo(self, body: dict):
        """Undo the claim's last decision in force: append the state before it (see decisions.make_undo)."""
        claim_id = body.get("claim_id")
        if not isinstance(claim_id, str) or not claim_id:
            raise InvalidDecision("claim_id missing")
        past = queries.history(self.app.db_path, claim_id)  # NotReviewable (503) while busy: the past is there
        if not past:
            return self.error(404, "no decision on this claim to undo")
        claim = self.app.current_claim(claim_id)
        review = make_undo(history=past, claim=claim, reviewer=self.app.reviewer)
        with queries.DB_LOCK:
            stored = store_review(self.app.db_path, review)
        self.app.after_decision(review, claim or {"claim_id": claim_id, "value": None})
        self.json({"stored": stored, "review": review})

    def add(self, body: dict):
        sha, ctype = body.get("article_sha256"), body.get("claim_type")
        if ctype not in CLAIM_TYPES:
            raise InvalidDecision(f"claim_type must be one of {', '.join(CLAIM_TYPES)}")
        try:
            text = queries.article_text(self.app.db_path, sha)
        except queries.NotReviewable:
            text = self.app.texts.get(sha)
        if text is None:
            return self.error(404, "no such article (reload the page)")
        start, end = body.get("start"), body.get("end")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
                or not (0 <= start < end <= len(text)):
            raise InvalidDecision("select some text of the article")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise InvalidDecision("the selection is only whitespace")
        value = body.get("value") or {}
        claim = dict(claim_id="", claim_type=ctype, article_sha256=sha, start_char=start, end_char=end,
                     span_text=text[start:end], run_id=None, value=None)
        review = make_review(claim=claim, decision="added", reviewer=self.app.reviewer, new_value=value,
                             note=body.get("note"), text_len=len(text))
        review["claim_id"] = added_claim_id(sha, ctype, start, end, review["new_value"])
        with queries.DB_LOCK:  # one DuckDB handle at a time in this process
            stored = store_review(self.app.db_path, review)
        self.app.after_decision(review, dict(claim, claim_id=review["claim_id"], text_len=len(text)))
        self.json({"stored": stored, "review": review})


class ReviewHTTPServer(ThreadingHTTPServer):
    """One thread per connection; a client that went away is no error worth a traceback."""

    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(f"claimscope review: {type(exc).__name__}: {exc} (request from {client_address[0]})\n")


class ReviewHTTPServer6(ReviewHTTPServer):
    address_family = socket.AF_INET6


def make_server(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765, reviewer: Optional[str] = None,
                allow_remote: bool = False, flush_interval: float = 2.0, host_names: Iterable[str] = (),
                password: Optional[str] = None) -> tuple[ThreadingHTTPServer, ReviewApp]:
    """Create (not start) the server. Port 0 picks a free port (tests).

    A non-loopback `host` needs `allow_remote` and a `password`; it then answers to the Host names
    `guard.host_names(host, host_names)` (besides loopback names on its port)."""
    check_bind(host, allow_remote)
    if not is_loopback(host) and not password:
        raise RemoteBindRefused(
            f"serving on {host!r} needs a password: put it on the first line of a file given with "
            f"--password-file, or in ${guard.PASSWORD_ENV}")
    names = guard.host_names(host, host_names) if allow_remote else set()
    app = ReviewApp(db_path, reviewer, allow_remote, flush_interval, host_names=names, password=password)
    handler = type("BoundHandler", (Handler,), {"app": app})
    cls = ReviewHTTPServer6 if ":" in host.strip("[]") else ReviewHTTPServer
    httpd = cls((host.strip("[]"), port), handler)
    app.host, app.port = host, httpd.server_address[1]
    return httpd, app


def url_of(app: ReviewApp) -> str:
    h = app.host if ":" not in app.host else f"[{app.host.strip('[]')}]"
    return f"http://{h}:{app.port}/"


def start_background(httpd: ThreadingHTTPServer, app: ReviewApp) -> list[threading.Thread]:
    threads = [threading.Thread(target=httpd.serve_forever, daemon=True, name="review-http"),
               threading.Thread(target=app.flusher, daemon=True, name="review-flush")]
    for t in threads:
        t.start()
    return threads


def shutdown(httpd: ThreadingHTTPServer, app: ReviewApp) -> None:
    app.stop.set()
    httpd.shutdown()
    httpd.server_close()
    try:
        app.try_flush()
    except Exception:  # noqa: BLE001
        pass


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765, reviewer: Optional[str] = None,
          allow_remote: bool = False, on_ready=print, host_names: Iterable[str] = (),
          password: Optional[str] = None) -> None:
    """Serve until interrupted. Migrates the database and flushes the journal first when it can."""
    from pipeline.store import DatabaseBusy, connect

    try:
        with queries.DB_LOCK:
            con = connect(db_path, retries=2, wait=0.5)
            try:
                flush_journal(con, db_path)
            finally:
                con.close()
    except DatabaseBusy:
        pass  # `run` holds it: reads wait for it, decisions go to the journal
    httpd, app = make_server(db_path, host, port, reviewer, allow_remote, host_names=host_names, password=password)
    on_ready(url_of(app))
    flusher = threading.Thread(target=app.flusher, daemon=True, name="review-flush")
    flusher.start()
    if threading.current_thread() is threading.main_thread():
        import signal

        def _stop(signum, frame):  # SIGTERM (systemd, kill): stop like Ctrl-C, flushing the journal
            raise KeyboardInterrupt
        signal.signal(signal.SIGTERM, _stop)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        app.stop.set()
        httpd.server_close()
        try:
            app.try_flush()
        except Exception:  # noqa: BLE001
            pass
