"""How `claimscope sql` prints its results: table, csv, json or markdown, one block per statement.

`table` (the default on a terminal) uses the terminal's full width; a result too wide for it is printed as
one record per row ("column  value" lines, as psql's expanded display) instead of squeezing cells into
wrapped columns; when the output is not a terminal a table keeps its natural width. `csv` is the default
when stdout is not a terminal. `json` keeps JSON columns as JSON (not strings) and dates as ISO strings.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
import shutil
import uuid
from typing import Any, Iterable, Optional, TextIO

from pipeline.store.sql import Result

FORMATS = ("table", "csv", "json", "markdown")


def default_format(stream: TextIO) -> str:
    """table on a terminal, csv otherwise (a pipe, a file)."""
    try:
        return "table" if stream.isatty() else "csv"
    except (AttributeError, ValueError):
        return "csv"


# ------------------------------------------------------------------------------------------------ values
def _json_default(v: Any):
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (uuid.UUID, dt.timedelta)):
        return str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    return str(v)


def _json_value(v: Any, type_name: str) -> Any:
    """A value for --format json: a JSON column (or list of JSON) parsed, floats that JSON cannot hold as
    strings, the rest as Python gives it."""
    if v is None:
        return None
    t = type_name.upper()
    if t == "JSON" and isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    if t == "JSON[]" and isinstance(v, list):
        return [_json_value(x, "JSON") for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def text_value(v: Any) -> str:
    """A value as one cell of text (table, csv, markdown): lists and structs as JSON, NULL as empty."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (list, dict, tuple)):
        return json.dumps(v, default=_json_default, ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    return str(v)


def _rows_as_objects(r: Result) -> list[dict]:
    return [{c: _json_value(v, t) for c, t, v in zip(r.columns, r.types, row)} for row in r.rows]


# ------------------------------------------------------------------------------------------------ formats
def write_json(out: TextIO, results: list[Result]) -> None:
    """One statement: a list of row objects. Several: a list of {statement, rows}."""
    if len(results) == 1:
        data: Any = _rows_as_objects(results[0])
    else:
        data = [{"statement": r.statement, "rows": _rows_as_objects(r)} for r in results]
    out.write(json.dumps(data, default=_json_default, ensure_ascii=False, indent=1) + "\n")


def write_csv(out: TextIO, results: list[Result]) -> None:
    """A header row and the rows per statement; a blank line between statements."""
    for i, r in enumerate(results):
        if i:
            out.write("\n")
        w = csv.writer(out, lineterminator="\n")
        w.writerow(r.columns)
        w.writerows([text_value(v) for v in row] for row in r.rows)


def _md_cell(v: Any) -> str:
    return text_value(v).replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def write_markdown(out: TextIO, results: list[Result]) -> None:
    for i, r in enumerate(results):
        if len(results) > 1:
            out.write(("\n" if i else "") + f"`{_one_line(r.statement)}`\n\n")
        if not r.columns:
            out.write("(no result)\n")
            continue
        out.write("| " + " | ".join(_md_cell(c) for c in r.columns) + " |\n")
        out.write("|" + "|".join("---" for _ in r.columns) + "|\n")
        for row in r.rows:
            out.write("| " + " | ".join(_md_cell(v) for v in row) + " |\n")


def _one_line(sql: str, limit: int = 200) -> str:
    s = " ".join(sql.split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


# ------------------------------------------------------------------------------------------------ table
def natural_width(columns: list[str], cells: list[list[str]]) -> int:
    """Width of a table with every cell on one line: the widest line per column, borders and padding."""
    widths = [len(c) for c in columns]
    for row in cells:
        for j, cell in enumerate(row):
            widths[j] = max(widths[j], max((len(line) for line in cell.splitlines()), default=0))
    return sum(widths) + 3 * len(widths) + 1


def write_table(console, results: list[Result], width: Optional[int] = None, terminal: bool = True) -> None:
    """Rich tables at full width (no wrapping); a result wider than the terminal as records."""
    for i, r in enumerate(results):
        if len(results) > 1:
            console.print(("\n" if i else "") + f"[dim]-- {i + 1}: {_escape(_one_line(r.statement))}[/]",
                          highlight=False, soft_wrap=True)
        if not r.columns:
            console.print("(no result)")
            continue
        cells = [[text_value(v) for v in row] for row in r.rows]
        need = natural_width(r.columns, cells)
        if terminal and need > (width or console.width):
            _records(console, r.columns, cells)
        else:
            _table(console, r.columns, cells, need + 4 if not terminal else None)
        console.print(f"[dim]({len(r.rows)} row{'' if len(r.rows) == 1 else 's'})[/]", highlight=False)


def _escape(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def _table(console, columns: list[str], cells: Iterable[list[str]], width: Optional[int]) -> None:
    """A table; `width` (not a terminal): print it at that width, whatever the console's."""
    from rich.console import Console
    from rich.table import Table

    t = Table(*[_escape(c) for c in columns])
    for col in t.columns:
        col.no_wrap = True
        col.overflow = "fold"
    for row in cells:
        t.add_row(*[_escape(c) for c in row])
    if width is not None:
        console = Console(file=console.file, width=width, highlight=False)
    console.print(t, crop=False)


def _records(console, columns: list[str], cells: list[list[str]]) -> None:
    """One block per row: '-[ row N ]-' then 'column │ value' lines, values wrapped in their own column."""
    from rich.table import Table

    for n, row in enumerate(cells, 1):
        console.print(f"[dim]-[ row {n} ]-[/]", highlight=False)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for c, v in zip(columns, row):
            grid.add_row(_escape(c), "│", _escape(v))
        console.print(grid, highlight=False)


def write(results: list[Result], fmt: str, stream: TextIO, console=None) -> None:
    """Print `results` in `fmt` ("table" needs a rich Console writing to `stream`)."""
    if fmt == "json":
        write_json(stream, results)
    elif fmt == "csv":
        write_csv(stream, results)
    elif fmt == "markdown":
        write_markdown(stream, results)
    else:
        terminal = default_format(stream) == "table"
        write_table(console, results, terminal=terminal)
