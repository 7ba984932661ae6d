"""The `claimscope` command line. Each command validates its input and calls a plain function."""
from __future__ import annotations

import json
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
    """Offline, quiet Prefect: no telemetry, project-local home, WARNING for libraries (see flows/settings.py)."""
    from pipeline.flows.settings import quiet_env

    quiet_env(verbose)


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
    batch_size: int = typer.Option(32, min=1, help="articles per batch (one task, one transaction)"),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="extraction worker processes (spawned)"),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                       help="run extraction on an existing Dask cluster, e.g. tcp://host:8786 "
                                            "(env CLAIMSCOPE_DASK_ADDRESS)", envvar="CLAIMSCOPE_DASK_ADDRESS"),
    no_prefect: bool = typer.Option(False, "--no-prefect", help="run the same steps without the Prefect flow"),
    retry_failed: bool = typer.Option(False, "--retry-failed",
                                      help="extract again articles whose extraction failed before"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show library logs"),
) -> None:
    """Extract claims from articles into DuckDB through the Prefect flow (unchanged articles are skipped)."""
    _quiet_env(verbose)
    import logging

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipeline.run import run_pipeline
    from pipeline.store import DatabaseBusy

    from rich.logging import RichHandler

    # our own steps at INFO, libraries at WARNING (all at INFO with --verbose), on the progress bar's console
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True,
                        handlers=[RichHandler(console=err, show_time=False, show_path=False, markup=False)])
    logging.getLogger("pipeline").setLevel(logging.INFO)
    pub = _published(published)
    if dask and no_prefect:
        err.print("[red]error:[/] --dask runs through Prefect's Dask task runner; drop --no-prefect")
        raise typer.Exit(2)
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    if missing and len(missing) == len(paths):
        err.print(f"[red]error:[/] no such file or directory: {', '.join(missing)}")
        raise typer.Exit(2)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task_id = progress.add_task("extract", total=None)

        def on_progress(n: int, total: int) -> None:
            progress.update(task_id, total=total, advance=n)

        try:
            summary = run_pipeline([str(p) for p in paths], db=str(db), published=pub, batch_size=batch_size,
                                   use_prefect=not no_prefect, on_progress=on_progress, n_process=processes,
                                   dask_address=dask, retry_failed=retry_failed)
        except DatabaseBusy as exc:
            progress.stop()
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2)
        except KeyboardInterrupt:
            progress.stop()
            err.print("[yellow]interrupted:[/] batches written so far are complete; run again to finish")
            raise typer.Exit(130)
        except Exception as exc:  # noqa: BLE001 - one line, not a stack trace (--verbose shows it)
            progress.stop()
            if verbose:
                raise
            err.print(f"[red]error:[/] run failed: {type(exc).__name__}: {exc} (--verbose for details)")
            raise typer.Exit(1)
        finally:
            from pipeline.extract.api import close_pools

            close_pools()
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


class EvalHalf(str, Enum):
    tune = "tune"
    check = "check"
    all = "all"


@app.command(name="eval")
def eval_cmd(
    gold: List[Path] = typer.Argument(..., help="gold JSONL files: annotations/*.jsonl or ../shared/eval/*.jsonl"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    limit: Optional[int] = typer.Option(None, help="score only the first N articles of each file"),
    worst: int = typer.Option(5, help="worst examples shown per field"),
    scoreboard: bool = typer.Option(False, "--scoreboard", help="print only the combined markdown scoreboard"),
    half: Optional[EvalHalf] = typer.Option(
        None, "--half", help="tune | check | all: the documents scored (check: sha1(doc_id) starts 0-3); "
        "default all, and for --scoreboard tune and check side by side"),
) -> None:
    """Score extraction against gold annotations: precision, recall, F1, accuracy per field."""
    from pipeline.eval import run_eval

    missing = [str(g) for g in gold if not g.is_file()]
    if missing:
        err.print(f"[red]error:[/] no such gold file: {', '.join(missing)}")
        raise typer.Exit(2)
    run_eval([str(g) for g in gold], format=format.value, limit=limit, worst=worst, console=out,
             scoreboard=scoreboard, half=half.value if half else None)


class ExportFormat(str, Enum):
    prodigy = "prodigy"
    labelstudio = "labelstudio"
    brat = "brat"
    jsonl = "jsonl"
    annotations = "annotations"


@app.command()
def review(
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    port: int = typer.Option(8765, min=0, max=65535, help="port (0: any free port)"),
    host: str = typer.Option("127.0.0.1", help="address to bind (loopback only unless --allow-remote)"),
    reviewer: Optional[str] = typer.Option(None, help="name stored with decisions (default $CLAIMSCOPE_REVIEWER or $USER)"),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="allow a non-loopback --host"),
) -> None:
    """Review claims in the browser: accept, reject, correct, add (decisions stored append-only)."""
    from pipeline.review.server import RemoteBindRefused, check_bind, serve
    from pipeline.store import DatabaseBusy

    try:
        check_bind(host, allow_remote)
    except RemoteBindRefused as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    if not db.is_file():
        err.print(f"[red]error:[/] {db}: no such database (run `claimscope run` first)")
        raise typer.Exit(2)
    try:
        serve(str(db), host=host, port=port, reviewer=reviewer, allow_remote=allow_remote,
              on_ready=lambda url: out.print(f"claimscope review: {url}  (Ctrl-C to stop)", soft_wrap=True,
                                                  markup=False, highlight=False))
    except OSError as exc:
        err.print(f"[red]error:[/] cannot serve on {host}:{port}: {exc.strerror or exc}")
        raise typer.Exit(2)
    except DatabaseBusy as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="prodigy | labelstudio | brat | jsonl | annotations"),
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    out: Optional[Path] = typer.Option(None, help="output file (brat: folder); default stdout"),
    reviewed_only: bool = typer.Option(False, "--reviewed-only", help="only claims with a review decision"),
) -> None:
    """Export claims after review (annotations: fully reviewed articles as gold for `claimscope eval`)."""
    from pipeline.review.export import export as run_export
    from pipeline.store import DatabaseBusy

    if not db.is_file():
        err.print(f"[red]error:[/] {db}: no such database")
        raise typer.Exit(2)
    if format == ExportFormat.brat and out is None:
        err.print("[red]error:[/] --format brat writes a folder: give --out DIR")
        raise typer.Exit(2)
    try:
        summary = run_export(str(db), format.value, str(out) if out else None, reviewed_only)
    except DatabaseBusy as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    if summary.get("skipped_partial"):
        err.print(f"skipped {len(summary['skipped_partial'])} partly reviewed article(s): "
                  + ", ".join(summary["skipped_partial"][:10]))
    if out is not None:
        n = summary.get("items", summary.get("articles", 0))
        err.print(f"wrote {n} {'articles' if format.value in ('brat', 'prodigy', 'labelstudio', 'annotations') else 'claims'} "
                  f"({format.value}) to {out}")

gazetteer_app = typer.Typer(add_completion=False, no_args_is_help=True,
                            help="The GeoNames index places are resolved with (see README, Places).")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    dump: Optional[Path] = typer.Argument(None, help="a GeoNames dump: allCountries.txt, a country file "
                                          "(RU.txt) or its .zip; omitted: the packaged data only"),
) -> None:
    """Build the gazetteer index (and cache it), with a GeoNames dump you have: its villages are added and
    countries and regions take their GeoNames points. The file is remembered for later runs
    (`$CLAIMSCOPE_GEONAMES` overrides it); run without FILE to go back to the packaged data."""
    from pipeline.extract.places.gazetteer import use_dump

    if dump is not None and not dump.is_file():
        err.print(f"[red]{dump}: no such file[/red]")
        raise typer.Exit(2)
    sys.stdout.write(json.dumps(use_dump(dump), indent=1) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
