"""Read-only SQL for `claimscope sql`: queries run, nothing else does.

Two locks, either one enough for the statements we know of (DuckDB's guidance for SQL one does not fully
trust, "Securing DuckDB"):

1. Every statement of the string is parsed first (`extract_statements`) and the whole string is refused,
   before anything runs, unless each one is a query: SELECT (WITH ... SELECT, VALUES, FROM-first, and
   DESCRIBE / SHOW / SUMMARIZE, which DuckDB parses as SELECTs), EXPLAIN of such a query (EXPLAIN ANALYZE
   runs it), or an informational PRAGMA (`SAFE_PRAGMAS`, e.g. `PRAGMA table_info('events')`).
2. The connection is opened read-only with external access disabled (no COPY ... TO, no EXPORT, no ATTACH,
   no read_csv('/etc/passwd'), no INSTALL/LOAD of extensions, no network), extension autoloading off and
   the configuration locked (no SET may lift any of it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.store.db import ReadOnlyViolation, connect

# Set when the connection opens; `lock_configuration` last, so no statement can change the others.
READ_ONLY_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}

# PRAGMAs that only report (DuckDB's informational pragmas); every other PRAGMA changes a setting or state.
SAFE_PRAGMAS = frozenset({
    "table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list",
    "database_size", "storage_info", "metadata_info", "version", "platform", "user_agent", "functions",
    "collations", "disabled_optimizers",
})

ALLOWED = "SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN and informational PRAGMAs"

_COMMENTS = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.S)
_EXPLAIN = re.compile(r"EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?", re.I)
_PRAGMA = re.compile(r"PRAGMA\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)


@dataclass
class Result:
    """One statement's answer: its text, column names and DuckDB types, rows."""

    statement: str
    columns: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)


def _strip(sql: str) -> str:
    return sql[_COMMENTS.match(sql).end():]


def _first_word(sql: str) -> str:
    m = re.match(r"[A-Za-z_]+", _strip(sql))
    return m.group(0).upper() if m else "?"


def refusal(con: duckdb.DuckDBPyConnection, stmt) -> str | None:
    """Why one parsed statement may not run here, or None when it is a query."""
    kind = stmt.type
    text = stmt.query
    if kind == duckdb.StatementType.SELECT:
        return None
    if kind == duckdb.StatementType.EXPLAIN:
        inner = _strip(text)
        m = _EXPLAIN.match(inner)
        if not m:
            return "an EXPLAIN whose statement cannot be told"
        inner_stmts = con.extract_statements(inner[m.end():])
        if len(inner_stmts) != 1:
            return "an EXPLAIN whose statement cannot be told"
        why = refusal(con, inner_stmts[0])
        return f"EXPLAIN of {why}" if why else None
    if kind == duckdb.StatementType.PRAGMA:
        m = _PRAGMA.match(_strip(text))
        if m and m.group(1).lower() in SAFE_PRAGMAS:
            return None
        if not m and _first_word(text) in ("SHOW", "DESCRIBE", "DESC", "SUMMARIZE"):
            return None  # SHOW TABLES and friends, when the parser turns them into an informational pragma
        return f"PRAGMA {m.group(1) if m else _first_word(text)} (changes a setting or state)"
    return f"{_first_word(text)} ({kind.name.lower()})"


def check(con: duckdb.DuckDBPyConnection, query: str) -> list:
    """Parse `query` and return its statements; ReadOnlyViolation naming the first one refused (nothing runs)."""
    stmts = con.extract_statements(query)
    if not stmts:
        raise ValueError("no SQL statement given")
    for i, stmt in enumerate(stmts, 1):
        why = refusal(con, stmt)
        if why:
            where = f"statement {i} of {len(stmts)}" if len(stmts) > 1 else "the statement"
            raise ReadOnlyViolation(
                f"claimscope sql is read-only: {where} is {why}, which is refused; nothing was run. Allowed: "
                f"{ALLOWED}. Open the file with duckdb directly to change it.")
    return stmts


def open_read_only(db: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection with external access off and the configuration locked."""
    return connect(db, read_only=True, config=READ_ONLY_CONFIG)


def _text(stmt) -> str:
    return stmt.query.strip().rstrip(";").strip()


def _type_names(rel) -> list[str]:
    return [str(t) for t in rel.types]


def run_statements(db: str | Path, query: str) -> list[Result]:
    """Run every statement of `query` (all checked first) and return one Result per statement, in order."""
    con = open_read_only(db)
    try:
        try:
            stmts = check(con, query)
        except duckdb.ParserException as exc:
            raise ValueError(str(exc)) from None
        results = []
        for stmt in stmts:
            try:
                rel = con.sql(stmt.query)
            except duckdb.PermissionException as exc:
                raise ReadOnlyViolation(f"claimscope sql is read-only: {exc}") from None
            if rel is None:  # a statement with no result set (an informational pragma may be one)
                results.append(Result(statement=_text(stmt)))
                continue
            results.append(Result(statement=_text(stmt), columns=list(rel.columns),
                                  types=_type_names(rel), rows=rel.fetchall()))
        return results
    except (duckdb.InvalidInputException, duckdb.PermissionException) as exc:
        msg = str(exc)
        if "read-only" in msg.lower() or "read only" in msg.lower() or "external access" in msg.lower():
            raise ReadOnlyViolation(f"claimscope sql is read-only: {msg}") from None
        raise
    finally:
        con.close()
