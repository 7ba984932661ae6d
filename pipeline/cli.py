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


def version_text() -> str:
    """`claimscope --version`: the package, spaCy and its model, the pipeline identity (as stored in
    runs.model / runs.config_hash) and where models/ was found. Reads metadata only: no spaCy import."""
    from importlib import metadata

    from pipeline import __version__
    from pipeline.batch import pipeline_identity
    from pipeline.paths import MODELS_DIR

    def ver(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    model, config_hash = pipeline_identity()
    return "\n".join([
        f"claimscope {__version__}",
        f"spaCy {ver('spacy')}, model {model} {ver(model)}",
        f"pipeline {config_hash} (identity: the version, models/pipeline.cfg and every data file under models/, "
        f"the gazetteer sources; see pipeline/identity.py)",
        f"models {MODELS_DIR}",
    ])


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(version_text() + "\n")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version, the spaCy model and the pipeline identity")) -> None:
    """claimscope: dated events, places, casualty counts and attribution claims with exact provenance."""


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class SqlFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
def run(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="files and folders (recursive): .txt .md .html .jsonl; with --reextract: optional"),
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
    reextract: bool = typer.Option(False, "--reextract",
                                   help="extract stored articles again with the current pipeline (all of them, or "
                                        "those the given files hold); review decisions re-attach by claim id"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show library logs"),
) -> None:
    """Extract claims from articles into DuckDB through the Prefect flow (unchanged articles are skipped;
    `--reextract` extracts stored ones again after a pipeline change)."""
    _quiet_env(verbose)
    paths = list(paths or [])
    import logging

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipeline.run import NothingStored, run_pipeline
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
    if not paths and not reextract:
        err.print("[red]error:[/] give the files or folders to read (or --reextract to extract the stored articles "
                  "again)")
        raise typer.Exit(2)
    if reextract and not db.exists():
        err.print(f"[red]error:[/] {db}: no such database: nothing to re-extract (run `claimscope run PATH` first)")
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
                                   dask_address=dask, retry_failed=retry_failed, reextract=reextract)
        except NothingStored as exc:
            from rich.markup import escape

            progress.stop()
            err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2)
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
    from rich.markup import escape

    from pipeline.extract.api import ArticleFailed, iter_results
    from pipeline.ingest import read_inputs
    from pipeline.report import print_input_notes

    inputs = read_inputs(paths, _published(published))
    articles, failures = inputs.articles, inputs.failures
    for f in failures:
        err.print(f"[red]error:[/] {escape(f'{f.source}: {f.reason}')}")
    print_input_notes(err, inputs.skipped, inputs.decoding_notes())
    if not articles:
        err.print(f"[red]error:[/] no article read ({len(inputs.skipped)} file(s) skipped, {len(failures)} error(s))")
        raise typer.Exit(1)
    pretty = format == ExtractFormat.json and len(articles) == 1
    failed = bool(failures)
    for art, ex in iter_results(articles):
        if isinstance(ex, ArticleFailed):
            err.print(f"[red]error:[/] {escape(f'{art.source}#{art.id}: extraction failed: {ex.reason}')}")
            failed = True
            continue
        if format == ExtractFormat.table:
            from pipeline.report import print_extraction

            print_extraction(out, ex)
            for w in ex.warnings:
                err.print(f"[yellow]warning:[/] {escape(f'{w.component} ({w.rule}): {w.reason}')}")
        else:
            sys.stdout.write(ex.model_dump_json(indent=1 if pretty else None) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run (read-only); several statements separated by ';'"),
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    format: Optional[SqlFormat] = typer.Option(
        None, "--format", "-f", help="table | csv | json | markdown; default: table on a terminal, csv when "
                                     "stdout is not one (a pipe or a file)"),
) -> None:
    """Run read-only SQL: queries only, each statement's result shown (writes, files, settings refused)."""
    from pipeline import sqlreport
    from pipeline.store import DatabaseBusy
    from pipeline.store.sql import run_statements

    if not db.is_file():
        err.print(f"[red]error:[/] {db}: no such database (run `claimscope run` first)")
        raise typer.Exit(2)
    try:
        results = run_statements(str(db), query)
    except DatabaseBusy as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    except Exception as exc:  # noqa: BLE001 - shown as a message
        err.print("[red]error:[/] " + _escape_markup(str(exc)))
        raise typer.Exit(2)
    fmt = format.value if format else sqlreport.default_format(sys.stdout)
    sqlreport.write(results, fmt, sys.stdout, console=out)


def _escape_markup(s: str) -> str:
    from rich.markup import escape

    return escape(s)


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


def _review_password(host: str, allow_remote: bool, password_file: Optional[Path]) -> Optional[str]:
    """None for a loopback host; the password for a remote one; exit 2 with a message when refused."""
    from pipeline.review import guard
    from pipeline.review.server import RemoteBindRefused, check_bind, is_loopback

    try:
        check_bind(host, allow_remote)
        if is_loopback(host):
            return None
        password = guard.read_password(password_file)
        if not password:
            raise RemoteBindRefused(
                f"--allow-remote needs a password: --password-file PATH (its first line) or "
                f"${guard.PASSWORD_ENV}; browsers then ask for it (any user name), scripts send "
                f"'Authorization: Bearer <password>'")
        return password
    except (RemoteBindRefused, OSError, ValueError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)


@app.command()
def review(
    db: Path = typer.Option(Path("claims.duckdb"), help="DuckDB file"),
    port: int = typer.Option(8765, min=0, max=65535, help="port (0: any free port)"),
    host: str = typer.Option("127.0.0.1", help="address to bind (loopback only unless --allow-remote)"),
    reviewer: Optional[str] = typer.Option(None, help="name stored with decisions (default $CLAIMSCOPE_REVIEWER or $USER)"),
    allow_remote: bool = typer.Option(False, "--allow-remote",
                                      help="allow a non-loopback --host (needs a password; see README)"),
    server_name: List[str] = typer.Option([], "--server-name", metavar="NAME",
                                          help="with --allow-remote: a host name the page is reached by (the "
                                               "Host header it accepts; repeatable). Default: --host, or this "
                                               "machine's names for 0.0.0.0 / ::"),
    password_file: Optional[Path] = typer.Option(None, "--password-file", metavar="PATH",
                                                 help="with --allow-remote: file whose first line is the password "
                                                      "(else $CLAIMSCOPE_REVIEW_PASSWORD)"),
) -> None:
    """Review claims in the browser: accept, reject, correct, add (decisions stored append-only)."""
    from pipeline.review import guard
    from pipeline.review.server import serve
    from pipeline.store import DatabaseBusy

    password = _review_password(host, allow_remote, password_file)
    if not db.is_file():
        err.print(f"[red]error:[/] {db}: no such database (run `claimscope run` first)")
        raise typer.Exit(2)
    if password:
        names = ", ".join(sorted(guard.host_names(host, server_name)))
        err.print(f"[yellow]warning:[/] serving to the network on {host}: anyone who reaches it with the password "
                  f"can read the articles and record decisions, over plain HTTP (use an SSH tunnel or a TLS "
                  f"proxy on untrusted networks). Host names accepted: {names}", soft_wrap=True)
    try:
        serve(str(db), host=host, port=port, reviewer=reviewer, allow_remote=allow_remote,
              host_names=server_name, password=password,
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
    reviewed_only: bool = typer.Option(False, "--reviewed-only", help="only claims with a review decision "
                                       "(jsonl, labelstudio, brat; prodigy exports only those anyway)"),
    include_pending: bool = typer.Option(False, "--include-pending", help="prodigy: also the pending claims, "
                                         "as answer \"ignore\" tasks"),
    config_out: Optional[Path] = typer.Option(None, "--config-out", help="labelstudio: where the labelling "
                                              "config XML goes (default: next to --out, OUT.config.xml)"),
) -> None:
    """Export claims after review (annotations: fully reviewed articles as gold for `claimscope eval`)."""
    from pipeline.review.export import ExportOptionError
    from pipeline.review.export import export as run_export
    from pipeline.store import DatabaseBusy

    if not db.is_file():
        err.print(f"[red]error:[/] {db}: no such database")
        raise typer.Exit(2)
    if format == ExportFormat.brat and out is None:
        err.print("[red]error:[/] --format brat writes a folder: give --out DIR")
        raise typer.Exit(2)
    try:
        summary = run_export(str(db), format.value, str(out) if out else None, reviewed_only,
                             include_pending=include_pending, config_out=str(config_out) if config_out else None)
    except ExportOptionError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    except DatabaseBusy as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
    if summary.get("skipped_partial"):
        err.print(f"skipped {len(summary['skipped_partial'])} partly reviewed article(s): "
                  + ", ".join(summary["skipped_partial"][:10]))
    if out is not None:
        n = summary.get("items", summary.get("articles", 0))
        unit = {"brat": "articles", "labelstudio": "articles", "annotations": "articles", "prodigy": "claim tasks"}
        err.print(f"wrote {n} {unit.get(format.value, 'claims')} "
                  f"({format.value}) to {out}")
    if summary.get("config"):
        err.print(f"wrote the Label Studio labelling config to {summary['config']}")

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
