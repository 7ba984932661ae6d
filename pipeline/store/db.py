"""DuckDB connection, numbered forward-only migrations, and views."""
from __future__ import annotations

import hashlib
import time
from datetime import datetime, timezone
from pathlib import Path

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


def connect(path: str | Path, read_only: bool = False, retries: int = 5, wait: float = 1.0) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying a bounded number of times while another process holds its lock.

    Writable connections are migrated to the latest schema.
    """
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such database (run `claimscope run` first)")
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            last = exc
            if attempt < retries:
                time.sleep(wait * (attempt + 1))
    else:
        holder = str(last).split("(PID")[-1].strip(" )") if last and "(PID" in str(last) else "another process"
        raise DatabaseBusy(
            f"{path} is in use by another process (PID {holder}); close it (a review page or duckdb shell) "
            f"and try again. Gave up after {retries} retries."
        )
    if not read_only:
        migrate(con)
    return con


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
