"""DuckDB connection, numbered forward-only migrations, and views."""
from __future__ import annotations

import hashlib
import os
import re
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import duckdb

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
VIEWS = HERE / "views"


class DatabaseBusy(RuntimeError):
    """Another process holds the database file."""


class ReadOnlyViolation(RuntimeError):
    """A statement tried to change a database opened read-only."""


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _retry_settings(retries: Optional[int], wait: Optional[float]) -> tuple[int, float]:
    if retries is None:
        retries = int(os.environ.get("CLAIMSCOPE_DB_RETRIES", "5"))
    if wait is None:
        wait = float(os.environ.get("CLAIMSCOPE_DB_WAIT", "1.0"))
    return max(0, retries), max(0.0, wait)


def _holder(message: str) -> str:
    m = re.search(r"PID (\d+)", message)
    return f"PID {m.group(1)}" if m else "another process"


def connect(path: str | Path, read_only: bool = False, retries: Optional[int] = None,
            wait: Optional[float] = None, config: Optional[dict] = None) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying a bounded number of times while another process holds its lock.

    DuckDB lets one process hold a file for writing, and then no other process may open it at all.
    Bounded retry: `retries` attempts after the first (default 5, env CLAIMSCOPE_DB_RETRIES), waiting
    `wait` x attempt seconds between them (default 1 s, env CLAIMSCOPE_DB_WAIT): 15 s in all by default.
    Then `DatabaseBusy` with a message naming the holder. Writable connections are migrated to the
    latest schema. `config`: DuckDB settings applied when the connection opens (see store/sql.py).

    A writer that finds the file taken leaves a `<db>.writer-waiting` note while it retries (see
    `writer_waiting`): the review page then stops opening the file, so a busy page never starves `run`.
    """
    path = str(path)
    retries, wait = _retry_settings(retries, wait)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such database (run `claimscope run` first)")
    last: Exception | None = None
    announced = False
    try:
        for attempt in range(retries + 1):
            try:
                con = duckdb.connect(path, read_only=read_only, config=dict(config or {}))
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                last = exc
                if not read_only and retries and not announced and path != ":memory:":
                    announced = _announce_writer(path)
                if attempt < retries:
                    time.sleep(wait * (attempt + 1))
        else:
            raise DatabaseBusy(
                f"{path} is in use by another process ({_holder(str(last))}), e.g. a review page or a duckdb "
                f"shell; DuckDB allows one process at a time. Close it and try again (gave up after {retries} "
                f"retr{'y' if retries == 1 else 'ies'})."
            )
    finally:
        if announced:
            _withdraw_writer(path)
    if not read_only:
        migrate(con)
    return con


# ------------------------------------------------------------------------------------------------ yielding
WRITER_NOTE_MAX_AGE = 120.0  # seconds; a note older than any retry loop is left over from a killed process


def writer_note_path(path: str | Path) -> Path:
    return Path(f"{path}.writer-waiting")


def _announce_writer(path: str) -> bool:
    if writer_waiting(path) is not None:  # another writer is already waiting: leave its note alone
        return False
    try:
        writer_note_path(path).write_text(f"{os.getpid()} {time.time():.3f}\n", encoding="utf-8")
        return True
    except OSError:
        return False


def _withdraw_writer(path: str) -> None:
    try:
        note = writer_note_path(path)
        if note.read_text(encoding="utf-8").split()[0] == str(os.getpid()):
            note.unlink()
    except (OSError, IndexError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writer_waiting(path: str | Path) -> Optional[int]:
    """The PID of another live process waiting to open `path` for writing (e.g. `claimscope run`), else None.

    Readers that come and go (the review page) check this before each open and stay away while it is set."""
    try:
        pid_s, since_s = writer_note_path(path).read_text(encoding="utf-8").split()[:2]
        pid, since = int(pid_s), float(since_s)
    except (OSError, ValueError):
        return None
    if pid == os.getpid() or time.time() - since > WRITER_NOTE_MAX_AGE or not _alive(pid):
        return None
    return pid


def _checksum(sql: str) -> str:
    return hashlib.sha256(sql.encode()).hexdigest()[:16]


def migration_files() -> list[tuple[int, str, Path]]:
    out = []
    for p in sorted(MIGRATIONS.glob("*.sql")):
        num, _, name = p.stem.partition("_")
        out.append((int(num), name, p))
    return out


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations (each in its own transaction) and refresh views. Returns versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, path in migration_files():
        if version in done:
            continue
        sql = path.read_text(encoding="utf-8")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?, ?)", [version, name, _checksum(sql), now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    apply_views(con)
    return applied


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(VIEWS.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
