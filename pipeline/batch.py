"""Plain batch functions: plan what is new, extract a batch, write a batch. The flow only sequences them."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from pipeline.ingest import Failure, read_all
from pipeline.types import Article, Extraction


@dataclass
class Plan:
    """What one `run` has to do: new articles to extract, and what was skipped or failed reading."""

    db: str
    inputs: int
    new: list[Article]
    skipped: int
    failures: list[Failure]
    all_articles: list[Article] = field(default_factory=list)


@dataclass
class Summary:
    run_id: str
    inputs: int
    articles_new: int
    articles_skipped: int
    events: int = 0
    casualties: int = 0
    attributions: int = 0
    places: int = 0
    dates: int = 0
    errors: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    state: str = "completed"


def plan_run(paths: Iterable[str | Path], db: str, published: Optional[str] = None) -> Plan:
    """Read inputs and find out, by content hash, which articles are not yet stored (no Prefect, no spaCy)."""
    from pipeline.store import connect
    from pipeline.store.repo import known_shas

    articles, failures = read_all(paths, published)
    con = connect(db)
    try:
        known = known_shas(con, (a.sha256 for a in articles))
    finally:
        con.close()
    new: dict[str, Article] = {}
    skipped = 0
    for a in articles:
        if a.sha256 in known or a.sha256 in new:
            skipped += 1
        else:
            new[a.sha256] = a
    return Plan(db=db, inputs=len(articles) + len(failures), new=list(new.values()), skipped=skipped,
                failures=failures, all_articles=articles)


def extract_batch(articles: list[Article]) -> tuple[list[tuple[Article, Extraction]], list[Failure]]:
    """Extract a batch; an article that fails is reported, the others go on."""
    from pipeline.extract.api import extract_articles

    try:
        return list(zip(articles, extract_articles(articles))), []
    except Exception:  # find the culprit(s) one by one
        done, failed = [], []
        for art in articles:
            try:
                done.append((art, next(extract_articles([art]))))
            except Exception as exc:  # noqa: BLE001 - reported per file, batch goes on
                failed.append(Failure(f"{art.source}#{art.id}", f"extraction failed: {type(exc).__name__}: {exc}"))
        return done, failed


def write_results(db: str, run_id: str, items: list[tuple[Article, Extraction]]) -> int:
    """Write one batch of results (one transaction)."""
    from pipeline.store.repo import write_batch

    return write_batch(connection(db), run_id, items)


_CONNECTIONS: dict[str, object] = {}


def connection(db: str):
    """One writable connection per database per process (DuckDB allows one writer process)."""
    from pipeline.store import connect

    if db not in _CONNECTIONS:
        _CONNECTIONS[db] = connect(db)
    return _CONNECTIONS[db]


def close_connection(db: str) -> None:
    con = _CONNECTIONS.pop(db, None)
    if con is not None:
        con.close()


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def count_rows(db: str, run_id: str) -> dict[str, int]:
    con = connection(db)
    out = {}
    for t in ("events", "casualties", "attributions", "places", "dates"):
        out[t] = con.execute(f"SELECT count(*) FROM {t} WHERE run_id = ?", [run_id]).fetchall()[0][0]
    return out


def run_pipeline(
    paths: Iterable[str | Path],
    db: str = "claims.duckdb",
    published: Optional[str] = None,
    batch_size: int = 16,
    use_prefect: bool = True,
    on_progress: Optional[Callable[[int, int], None]] = None,
) -> Summary:
    """The main job: plan, then extract and write the new articles (through the Prefect flow by default)."""
    from pipeline.extract.nlp import config_hash, load_config
    from pipeline.store.repo import finish_run, record_errors, record_sources, start_run

    t0 = time.perf_counter()
    plan = plan_run(paths, db, published)
    con = connection(db)
    record_sources(con, plan.all_articles)
    model = load_config()["base"]["model"]
    run_id = start_run(con, model, config_hash(), plan.inputs)
    summary = Summary(run_id=run_id, inputs=plan.inputs, articles_new=0, articles_skipped=plan.skipped,
                      errors=list(plan.failures))
    flow_run_id = None
    try:
        if plan.new:
            if use_prefect:
                from pipeline.flows.ingest import ingest_flow

                written, errors, flow_run_id = ingest_flow(plan.new, db, run_id, batch_size, on_progress)
            else:
                written, errors = process(plan.new, db, run_id, batch_size, on_progress)
            summary.articles_new = written
            summary.errors.extend(errors)
        summary.__dict__.update(count_rows(db, run_id))
    except BaseException:
        summary.state = "failed"
        raise
    finally:
        summary.seconds = time.perf_counter() - t0
        record_errors(con, run_id, summary.errors)
        finish_run(con, run_id, summary.state, summary.articles_new, summary.articles_skipped, len(summary.errors),
                   summary.seconds, flow_run_id)
        close_connection(db)
    return summary


def process(articles: list[Article], db: str, run_id: str, batch_size: int,
            on_progress: Optional[Callable[[int, int], None]] = None) -> tuple[int, list[Failure]]:
    """Extract and write in batches without Prefect (same functions the flow's tasks wrap)."""
    written, errors = 0, []
    for batch in chunks(articles, batch_size):
        items, failed = extract_batch(batch)
        written += write_results(db, run_id, items)
        errors.extend(failed)
        if on_progress:
            on_progress(len(batch), len(articles))
    return written, errors
