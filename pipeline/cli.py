"""The `claimscope` command line. Each command validates its input and calls a plain function."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console()
err = Console(stderr=True)


def _quiet_env(verbose: bool = False) -> None:
    """Offline, quiet Prefect: no telemetry, project-local home, WARNING for libraries."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    level = "INFO" if verbose else "WARNING"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", level)
    os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "ERROR" if not verbose else "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "ERROR" if not verbose else "INFO")


def _published(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from pipeline.ingest.published import normalise_date

    iso = normalise_date(value)
    if not iso:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint="--published")
    return iso


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class SqlFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
def run(
    paths: List[Path] = typer.Argument(..., help="files and folders (recursive): .txt .md .html .jsonl"),
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that lack one"),
    batch_size: int = typer.Option(16, min=1, help="articles per extraction batch"),
    no_prefect: bool = typer.Option(False, "--no-prefect", help="run the same steps without the Prefect flow"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show library logs"),
) -> None:
    """Extract claims from articles into DuckDB through the Prefect flow (unchanged articles are skipped)."""
    _quiet_env(verbose)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipeline.batch import run_pipeline
    from pipeline.store import DatabaseBusy

    pub = _published(published)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task_id = progress.add_task("extract", total=None)

        def on_progress(n: int, total: int) -> None:
            progress.update(task_id, total=total, advance=n)

        try:
            summary = run_pipeline([str(p) for p in paths], db=str(db), published=pub, batch_size=batch_size,
                                   use_prefect=not no_prefect, on_progress=on_progress)
        except DatabaseBusy as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2)
    from pipeline.report import print_summary

    print_summary(out, summary, str(db))


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="files, folders, or - for stdin"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that lack one"),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f"),
) -> None:
    """Print the extraction of each article as JSON (JSON Lines for several). No database, no Prefect."""
    from pipeline.extract.api import extract_articles
    from pipeline.ingest import read_all

    articles, failures = read_all(paths, _published(published))
    for f in failures:
        err.print(f"[red]error:[/] {f.source}: {f.reason}")
    if not articles:
        raise typer.Exit(1)
    pretty = format == ExtractFormat.json and len(articles) == 1
    for ex in extract_articles(articles):
        if format == ExtractFormat.table:
            from pipeline.report import print_extraction

            print_extraction(out, ex)
        else:
            sys.stdout.write(ex.model_dump_json(indent=1 if pretty else None) + "\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run (read-only)"),
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    format: SqlFormat = typer.Option(SqlFormat.table, "--format", "-f"),
) -> None:
    """Run a read-only SQL query; statements that write are refused."""
    from pipeline.report import run_sql

    try:
        cols, rows = run_sql(str(db), query)
    except Exception as exc:  # noqa: BLE001 - shown as a message
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    if format == SqlFormat.json:
        sys.stdout.write(json.dumps([dict(zip(cols, r)) for r in rows], default=str, ensure_ascii=False, indent=1) + "\n")
    elif format == SqlFormat.csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    else:
        from rich.table import Table

        t = Table(*cols)
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        out.print(t)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extract output (generated from the pydantic models)."""
    from pipeline.types import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=1) + "\n")


@app.command(name="eval")
def eval_cmd(
    gold: List[Path] = typer.Argument(..., help="gold JSONL files: annotations/*.jsonl or ../shared/eval/*.jsonl"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    limit: Optional[int] = typer.Option(None, help="score only the first N articles of each file"),
    worst: int = typer.Option(5, help="worst examples shown per field"),
) -> None:
    """Score extraction against gold annotations: precision, recall, F1, accuracy per field."""
    from pipeline.eval import run_eval

    missing = [str(g) for g in gold if not g.is_file()]
    if missing:
        err.print(f"[red]error:[/] no such gold file: {', '.join(missing)}")
        raise typer.Exit(2)
    run_eval([str(g) for g in gold], format=format.value, limit=limit, worst=worst, console=out)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
