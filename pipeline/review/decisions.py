"""Review decisions: validate, store append-only, and journal them while another process holds the database.

DuckDB lets one process hold the file (and then nobody else may even read it). A decision taken while
`claimscope run` holds the database is appended to a journal next to it (`<db>.reviews.jsonl`) and written
to the `reviews` table by `flush_journal` at the next opportunity (the review server retries every few
seconds; `run` may call it after connecting). Rows are only ever inserted.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import threading
import time
from pathlib import Path
from typing import Any, Optional, get_args

from pipeline.types import AttributionKind, CasualtyKind, EventType, Granularity

try:  # POSIX advisory locks between the review server and `run` (both may touch the journal)
    import fcntl
except ImportError:  # pragma: no cover - Windows: in-process lock only
    fcntl = None

CLAIM_TYPES = ("event", "date", "place", "casualty", "attribution")
DECISIONS = ("accepted", "rejected", "corrected", "added")
STATUSES = ("pending",) + DECISIONS
# what a stored row may say: the decisions, and 'pending' (only appended by an undo: back to unreviewed)
STORED_DECISIONS = DECISIONS + ("pending",)
COLUMNS = ("review_id", "claim_id", "claim_type", "article_sha256", "decision", "old_value", "new_value",
           "reviewer", "created_at", "start_char", "end_char", "span_text", "run_id", "note", "via", "undoes")
EVENT_TYPES = get_args(EventType)

_JOURNAL_LOCK = threading.Lock()


class InvalidDecision(ValueError):
    """A decision or corrected value that does not pass validation (shown to the reviewer)."""


def reviewer_name(option: Optional[str] = None) -> str:
    """--reviewer, else $CLAIMSCOPE_REVIEWER, else $USER, else 'unknown'."""
    for v in (option, os.environ.get("CLAIMSCOPE_REVIEWER"), os.environ.get("USER"), os.environ.get("USERNAME")):
        if v and v.strip():
            return v.strip()[:100]
    return "unknown"


def journal_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + ".reviews.jsonl")


def new_review_id() -> str:
    """Sortable by creation time (nanoseconds), unique by a random suffix."""
    return f"{time.time_ns():020d}-{secrets.token_hex(4)}"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------------------------------------------------
# Values: what a reviewer may set, per claim type (keys as in claim_values / types.py)

_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2014]+")


def number_from_words(text: str) -> Optional[int]:
    """ "nine" -> 9, "twenty-one" -> 21, "a dozen" -> 12, "three thousand two hundred" -> 3200, "1,200" -> 1200;
    None when the text is not one well-formed number (the casualties extractor's parser and number tables)."""
    from pipeline.extract.casualties.numbers import words_to_number

    words = [w for w in _WORD_SPLIT.split(text.strip().lower()) if w]
    if not words or len(words) > 12:
        return None
    try:
        return words_to_number(words)
    except (KeyError, TypeError, ValueError):
        return None


def _int(v: Any, name: str, lo: int = 0, words: bool = False) -> Optional[int]:
    """A whole number from a number, digits, or (`words`: a count) number words; else InvalidDecision."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise InvalidDecision(f"{name}: not a number")
    try:
        if isinstance(v, float) and not v.is_integer():
            raise ValueError
        n = int(str(v).strip()) if not isinstance(v, (int, float)) else int(v)
    except (TypeError, ValueError, OverflowError):
        n = number_from_words(v) if words and isinstance(v, str) else None
        if n is None:
            hint = " (digits, or number words such as 'nine', 'twenty-one', 'a dozen')" if words else ""
            raise InvalidDecision(f"{name}: {v!r} is not a whole number{hint}") from None
    if n < lo or n > 10**9:
        raise InvalidDecision(f"{name}: {n} out of range")
    return n


def _float(v: Any, name: str, lo: float, hi: float) -> Optional[float]:
    if v is None or v == "":
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise InvalidDecision(f"{name}: {v!r} is not a number") from None
    if not (lo <= x <= hi):
        raise InvalidDecision(f"{name}: {x} out of range {lo}..{hi}")
    return x


def _str(v: Any, name: str, max_len: int = 300) -> Optional[str]:
    if v is None:
        return None
    if not isinstance(v, (str, int, float)) or isinstance(v, bool):
        raise InvalidDecision(f"{name}: expected text")
    s = str(v).strip()
    if len(s) > max_len:
        raise InvalidDecision(f"{name}: longer than {max_len} characters")
    return s or None


def _bool(v: Any, name: str) -> Optional[bool]:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false", "1", "0", "yes", "no"):
        return v.lower() in ("true", "1", "yes")
    raise InvalidDecision(f"{name}: expected true or false")


def _date(v: Any, name: str) -> Optional[str]:
    if v is None or v == "":
        return None
    try:
        return dt.date.fromisoformat(str(v).strip()).isoformat()
    except ValueError:
        raise InvalidDecision(f"{name}: {v!r} is not a date (YYYY-MM-DD)") from None


def _choice(v: Any, name: str, choices: tuple, required: bool = True) -> Optional[str]:
    if v in (None, "") and not required:
        return None
    if v not in choices:
        raise InvalidDecision(f"{name}: {v!r} is not one of {', '.join(choices)}")
    return v


def _interval(start: Optional[str], end: Optional[str], what: str) -> None:
    if start and end and start > end:
        raise InvalidDecision(f"{what}: start {start} is after end {end}")


FIELDS = {
    "event": ("type", "date_start", "date_end", "date_granularity", "place_name", "country", "killed", "injured"),
    "casualty": ("kind", "count", "low", "high", "qualifier", "group", "total"),
    "place": ("name", "geonameid", "country", "admin1", "lat", "lon", "feature", "relation"),
    "date": ("start", "end", "granularity", "relative"),
    "attribution": ("kind", "source", "source_start", "source_end", "hedged"),
}


def validate_value(claim_type: str, value: dict, text_len: Optional[int] = None) -> dict:
    """Check and normalise a claim value; unknown keys are refused. Returns a new dict with every field."""
    if claim_type not in FIELDS:
        raise InvalidDecision(f"claim type {claim_type!r} is not one of {', '.join(CLAIM_TYPES)}")
    if not isinstance(value, dict):
        raise InvalidDecision("value: expected an object")
    unknown = set(value) - set(FIELDS[claim_type])
    if unknown:
        raise InvalidDecision(f"{claim_type}: unknown field(s) {', '.join(sorted(unknown))}")
    v = {k: value.get(k) for k in FIELDS[claim_type]}
    if claim_type == "casualty":
        v["kind"] = _choice(v["kind"], "kind", get_args(CasualtyKind))
        for k in ("count", "low", "high"):
            v[k] = _int(v[k], k, words=True)
        if v["low"] is not None and v["high"] is not None and v["low"] > v["high"]:
            raise InvalidDecision(f"low {v['low']} is above high {v['high']}")
        if v["count"] is not None and ((v["low"] is not None and v["count"] < v["low"])
                                       or (v["high"] is not None and v["count"] > v["high"])):
            raise InvalidDecision(f"count {v['count']} is outside low..high")
        v["qualifier"] = _str(v["qualifier"], "qualifier", 60)
        v["group"] = _str(v["group"], "group", 120)
        v["total"] = True if v["total"] is None else _bool(v["total"], "total")
    elif claim_type == "date":
        v["start"], v["end"] = _date(v["start"], "start"), _date(v["end"], "end")
        _interval(v["start"], v["end"], "date")
        v["granularity"] = _choice(v["granularity"] or "day", "granularity", get_args(Granularity))
        v["relative"] = bool(_bool(v["relative"], "relative"))
    elif claim_type == "place":
        v["name"] = _str(v["name"], "name", 200)
        if not v["name"]:
            raise InvalidDecision("name: a place needs a name")
        v["geonameid"] = _int(v["geonameid"], "geonameid")
        c = _str(v["country"], "country", 2)
        if c is not None and not (len(c) == 2 and c.isalpha()):
            raise InvalidDecision("country: two-letter ISO 3166-1 code")
        v["country"] = c.upper() if c else None
        v["admin1"] = _str(v["admin1"], "admin1", 120)
        v["lat"], v["lon"] = _float(v["lat"], "lat", -90, 90), _float(v["lon"], "lon", -180, 180)
        v["feature"] = _str(v["feature"], "feature", 40)
        v["relation"] = _str(v["relation"], "relation", 40)
    elif claim_type == "attribution":
        v["kind"] = _choice(v["kind"], "kind", get_args(AttributionKind))
        v["source"] = _str(v["source"], "source", 200)  # None: the author's own voice
        s, e = _int(v["source_start"], "source_start"), _int(v["source_end"], "source_end")
        if (s is None) != (e is None) or (s is not None and (s >= e or (text_len is not None and e > text_len))):
            raise InvalidDecision("source span: give both offsets inside the text, start before end")
        v["source_start"], v["source_end"] = s, e
        v["hedged"] = bool(_bool(v["hedged"], "hedged"))
    elif claim_type == "event":
        if v["type"] in (None, ""):
            raise InvalidDecision("type: an event needs a type")
        v["type"] = _choice(v["type"], "type", EVENT_TYPES)
        v["date_start"], v["date_end"] = _date(v["date_start"], "date_start"), _date(v["date_end"], "date_end")
        _interval(v["date_start"], v["date_end"], "event date")
        v["date_granularity"] = _choice(v["date_granularity"], "date_granularity", get_args(Granularity), False)
        v["place_name"] = _str(v["place_name"], "place_name", 200)
        c = _str(v["country"], "country", 2)
        v["country"] = c.upper() if c else None
        v["killed"], v["injured"] = _int(v["killed"], "killed", words=True), _int(v["injured"], "injured", words=True)
    return v


def added_claim_id(sha: str, claim_type: str, start: int, end: int, value: dict) -> str:
    """The id the extractor would give this claim (repo.claim_key), so a later extraction of it attaches."""
    from pipeline.store.repo import claim_key

    if claim_type == "casualty":
        return claim_key(sha, "casualty", start, end, value.get("kind"), value.get("group"))
    if claim_type == "attribution":  # the extractor keys on cue and content offsets, which a selection lacks
        return claim_key(sha, "attribution", start, end, "added")
    return claim_key(sha, claim_type, start, end)


def make_review(*, claim: dict, decision: str, reviewer: str, new_value: Optional[dict] = None,
                note: Optional[str] = None, text_len: Optional[int] = None) -> dict:
    """Build one review row from the claim as the reviewer saw it (`claim`: claim_id, claim_type,
    article_sha256, start_char, end_char, span_text, run_id, value = effective value before)."""
    if decision not in DECISIONS:
        raise InvalidDecision(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    ctype = claim["claim_type"]
    old = claim.get("value")
    if decision == "added":
        old = None
        new = validate_value(ctype, dict(new_value or {}), text_len)
    elif decision == "corrected":
        if not isinstance(new_value, dict) or not new_value:
            raise InvalidDecision("a correction needs the corrected value")
        new = validate_value(ctype, {**(old or {}), **new_value}, text_len)
        if old is not None and new == validate_value(ctype, dict(old), text_len):
            raise InvalidDecision("the corrected value is the same as the current one (accept instead)")
    else:  # accepted / rejected: the value stays what it was
        new = old
    return dict(
        review_id=new_review_id(), claim_id=claim["claim_id"], claim_type=ctype,
        article_sha256=claim["article_sha256"], decision=decision,
        old_value=old, new_value=new, reviewer=reviewer, created_at=utcnow().isoformat(),
        start_char=claim.get("start_char"), end_char=claim.get("end_char"), span_text=claim.get("span_text"),
        run_id=claim.get("run_id"), note=_str(note, "note", 1000), via="page",
    )


# ---------------------------------------------------------------------------------------------------------
# Undo: append the state before a decision (never delete one)

def decision_stack(history: list[dict]) -> list[dict]:
    """The decisions of one claim still in force, oldest first: every decision pushes, every undo row (its
    `undoes` set) takes back the decision it names. `history`: the claim's rows (table and journal) in any order."""
    seen, stack = set(), []
    for r in sorted(history, key=lambda r: (str(r.get("created_at") or "").replace("T", " "), r["review_id"])):
        if r["review_id"] in seen:
            continue
        seen.add(r["review_id"])
        if r.get("undoes"):
            stack = [x for x in stack if x["review_id"] != r["undoes"]]
        else:
            stack.append(r)
    return stack


def make_undo(*, history: list[dict], claim: Optional[dict], reviewer: str) -> dict:
    """The row that undoes the claim's last decision still in force: the decision before it re-appended (its
    decision and value), or 'pending' (back to unreviewed, new_value NULL: the extracted value) when there
    was none. `claim`: the claim as it stands now (None when it is gone, e.g. an added claim); raises
    InvalidDecision when there is nothing to undo."""
    stack = decision_stack(history)
    if not stack:
        raise InvalidDecision("nothing to undo: this claim has no decision in force")
    top = stack.pop()
    prev = stack[-1] if stack else None
    old = claim.get("value") if claim else top.get("new_value")
    return dict(
        review_id=new_review_id(), claim_id=top["claim_id"], claim_type=top["claim_type"],
        article_sha256=top["article_sha256"], decision=prev["decision"] if prev else "pending",
        old_value=old, new_value=prev.get("new_value") if prev else None, reviewer=reviewer,
        created_at=utcnow().isoformat(), start_char=top.get("start_char"), end_char=top.get("end_char"),
        span_text=top.get("span_text"), run_id=top.get("run_id"), note=f"undo of {top['decision']}",
        via="page", undoes=top["review_id"],
    )


# ---------------------------------------------------------------------------------------------------------
# Storage: the table (append-only) and the journal

def insert_reviews(con, reviews: list[dict]) -> int:
    """Append review rows; a review_id already stored is skipped (a journal flushed twice writes once)."""
    if not reviews:
        return 0
    import pyarrow as pa

    before = con.execute("SELECT count(*) FROM reviews").fetchall()[0][0]
    cols = {c: [] for c in COLUMNS}
    for r in reviews:
        for c in COLUMNS:
            v = r.get(c)
            if c in ("old_value", "new_value") and v is not None:
                v = json.dumps(v, ensure_ascii=False, sort_keys=True)
            cols[c].append(v)
    tbl = pa.table({c: pa.array(cols[c], type=pa.int64() if c in ("start_char", "end_char") else pa.string())
                    for c in COLUMNS})  # noqa: F841 (read by DuckDB)
    con.execute(
        "INSERT INTO reviews SELECT review_id, claim_id, claim_type, article_sha256, decision, "
        "CAST(old_value AS JSON), CAST(new_value AS JSON), reviewer, CAST(created_at AS TIMESTAMP), "
        "CAST(start_char AS INTEGER), CAST(end_char AS INTEGER), span_text, run_id, note, via, undoes FROM tbl "
        "ON CONFLICT DO NOTHING")
    return con.execute("SELECT count(*) FROM reviews").fetchall()[0][0] - before


class _Locked:
    """Exclusive lock on the journal: a thread lock in this process plus flock across processes."""

    def __init__(self, path: Path):
        self.path = path
        self.lock_path = Path(str(path) + ".lock")

    def __enter__(self):
        _JOURNAL_LOCK.acquire()
        try:
            self.fh = open(self.lock_path, "a+")
            if fcntl:
                fcntl.flock(self.fh, fcntl.LOCK_EX)
        except BaseException:
            _JOURNAL_LOCK.release()
            raise
        return self

    def __exit__(self, *exc):
        try:
            if fcntl:
                fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()
        finally:
            _JOURNAL_LOCK.release()


def append_journal(db_path: str | Path, review: dict) -> None:
    """Append one decision to the journal, durably (fsync) before returning."""
    path = journal_path(db_path)
    with _Locked(path):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({**review, "via": "journal"}, ensure_ascii=False, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def read_journal(db_path: str | Path) -> list[dict]:
    """Decisions waiting in the journal (lines that do not parse are ignored here, kept by flush)."""
    path = journal_path(db_path)
    if not path.exists():
        return []
    out = []
    with _Locked(path):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if isinstance(r, dict) and r.get("review_id") and r.get("claim_id"):
                out.append(r)
    return out


def flush_journal(con, db_path: str | Path) -> int:
    """Write decisions waiting in `<db_path>.reviews.jsonl` into `reviews` (on a writable, migrated
    connection), then empty the journal. Idempotent; returns the number of rows inserted.

    Lines that cannot be parsed are moved to `<db_path>.reviews.bad.jsonl` (never dropped).
    """
    path = journal_path(db_path)
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with _Locked(path):
        good, bad = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                if not (isinstance(r, dict) and r.get("review_id") and r.get("claim_id")
                        and r.get("decision") in STORED_DECISIONS):
                    raise ValueError
                good.append(r)
            except ValueError:
                bad.append(line)
        con.execute("BEGIN TRANSACTION")
        try:
            n = insert_reviews(con, good)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        if bad:
            with open(str(db_path) + ".reviews.bad.jsonl", "a", encoding="utf-8") as fh:
                fh.write("\n".join(bad) + "\n")
        # committed: now the journal may go (a crash before this line re-flushes; review_id dedupes)
        with open(path, "w", encoding="utf-8"):
            pass
    return n


def store_review(db_path: str | Path, review: dict, connect_retries: int = 1, wait: float = 0.2) -> str:
    """Store one decision: in the table when the database can be opened now, else in the journal.

    Returns "db" or "journal". The journal is flushed first so decisions keep their order in the table.
    """
    from pipeline.store import DatabaseBusy, connect
    from pipeline.store.db import writer_waiting

    if writer_waiting(db_path) is not None:  # `run` is about to take the file: do not get in its way
        append_journal(db_path, review)
        return "journal"
    try:
        con = connect(db_path, retries=connect_retries, wait=wait)
    except DatabaseBusy:
        append_journal(db_path, review)
        return "journal"
    try:
        flush_journal(con, db_path)
        insert_reviews(con, [review])
    finally:
        con.close()
    return "db"
