"""Plain batch functions: plan what is new, extract a batch, write a batch. The flow only sequences them.

Nothing here imports spaCy or Prefect at module level: `plan_run` decides what is new from content hashes
before either is loaded, so re-running over an unchanged corpus costs a read and one query.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from pipeline.ingest import Failure, Skipped, read_inputs

log = logging.getLogger(__name__)
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
    seconds: float = 0.0
    failed_before: int = 0  # skipped: extraction failed before with this pipeline config
    skipped_files: list[Skipped] = field(default_factory=list)  # files not read (their type, a link loop ...)
    decoding_notes: list[tuple[str, str]] = field(default_factory=list)  # (source, note): encoding guessed
    reextract: bool = False  # `run --reextract`: `new` are stored articles, extracted again
    not_stored: list[Article] = field(default_factory=list)  # --reextract PATH: read, but not in the database


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
    skipped_files: list[Skipped] = field(default_factory=list)
    decoding_notes: list[tuple[str, str]] = field(default_factory=list)
    # per-stage seconds: read (plan: read, decode, hash, look up), startup (pipeline/orchestration start),
    # extract (summed over batches), write (summed over batches)
    timings: dict[str, float] = field(default_factory=dict)
    processes: int = 1
    executor: str = "local"
    prefect_state: Optional[str] = None
    warnings: int = 0  # rows of extraction_warnings written by this run
    warning_examples: list[tuple] = field(default_factory=list)  # (article id, component, rule, reason), first 10
    kind: str = "run"  # run | reextract
    identity: str = ""  # the pipeline identity of this run (runs.config_hash)
    reviews: dict = field(default_factory=dict)  # reextract: decided claims {before, kept, orphaned, lost}
    stale: list[tuple] = field(default_factory=list)  # run: (older identity, current articles it extracted)
    not_stored: list[str] = field(default_factory=list)  # reextract PATH: "source#id" of articles not stored


# ------------------------------------------------------------------------------------------------ plan
def plan_run(paths: Iterable[str | Path], db: str, published: Optional[str] = None,
             retry_failed: bool = False) -> Plan:
    """Read inputs and find out, by content hash, which articles are not yet stored (no Prefect, no spaCy).

    Articles whose extraction failed before with the same pipeline config are skipped too (the failure is
    deterministic) unless `retry_failed`.
    """
    from pipeline.store import connect
    from pipeline.ingest.readers import decoding_notes
    from pipeline.store.repo import known_failures, known_shas

    t0 = time.perf_counter()
    inputs = read_inputs(paths, published)
    articles, failures = inputs.articles, inputs.failures
    con = connect(db)
    try:
        known = known_shas(con, (a.sha256 for a in articles))
        failed_before = set() if retry_failed else known_failures(
            con, (a.sha256 for a in articles if a.sha256 not in known), pipeline_identity()[1])
        known |= failed_before
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
                failures=failures, all_articles=articles, seconds=time.perf_counter() - t0,
                failed_before=len(failed_before), skipped_files=inputs.skipped,
                decoding_notes=decoding_notes(new.values()))


# Where a stored article's publication date came from its own text or URL, it is found again when the
# article is re-extracted from the database (a better dateline rule reaches it); any other origin (JSONL field,
# --published, front matter, HTML metadata) cannot be re-read there and is kept.
REDERIVED_PUBLISHED = (None, "dateline", "city_dateline", "date_line", "url")


def stored_article(row: dict, published: Optional[str] = None) -> Article:
    """The Article to extract again from a stored row (articles table): the same text, id, source and metadata;
    `published`: the date for an article that has none (as `run --published`)."""
    from pipeline.ingest.readers import make_article
    from pipeline.ingest.published import normalise_date

    keep = row["published_from"] not in REDERIVED_PUBLISHED and row["published"] is not None
    art = make_article(row["text"], row["source"], id=row["id"], title=row["title"], url=row["url"],
                       published=str(row["published"]) if keep else None,
                       published_from=row["published_from"] if keep else None,
                       encoding=row["encoding"] or "utf-8", encoding_note=row["encoding_note"])
    if art.published is None and published and normalise_date(published):
        art = art.model_copy(update={"published": normalise_date(published), "published_from": "option"})
    if art.sha256 != row["sha256"]:
        raise ValueError(f"{row['source']}#{row['id']}: stored text does not match its hash {row['sha256'][:12]}")
    return art


def plan_reextract(paths: Iterable[str | Path], db: str, published: Optional[str] = None) -> Plan:
    """What `run --reextract` extracts again: with no paths every current stored article (text from the
    database), with paths the stored articles those files hold as read now (`not_stored`: the others)."""
    from pipeline.store import connect
    from pipeline.store.repo import known_shas, stored_articles

    t0 = time.perf_counter()
    paths = list(paths)
    con = connect(db)
    try:
        if not paths:
            arts, failures = [], []
            for row in stored_articles(con):
                try:
                    arts.append(stored_article(row, published))
                except ValueError as exc:
                    failures.append(Failure(f"{row['source']}#{row['id']}", f"cannot re-extract: {exc}"))
            return Plan(db=db, inputs=len(arts) + len(failures), new=arts, skipped=0, failures=failures,
                        reextract=True, seconds=time.perf_counter() - t0)
        inputs = read_inputs(paths, published)
        known = known_shas(con, (a.sha256 for a in inputs.articles))
    finally:
        con.close()
    new: dict[str, Article] = {}
    for a in inputs.articles:
        if a.sha256 in known:
            new.setdefault(a.sha256, a)
    return Plan(db=db, inputs=len(inputs.articles) + len(inputs.failures), new=list(new.values()),
                skipped=len([a for a in inputs.articles if a.sha256 in known]) - len(new), failures=inputs.failures,
                all_articles=inputs.articles, seconds=time.perf_counter() - t0, skipped_files=inputs.skipped,
                reextract=True, not_stored=[a for a in inputs.articles if a.sha256 not in known])


# ------------------------------------------------------------------------------------------------ steps
_TIMES: dict[str, float] = {}
_TIMES_LOCK = threading.Lock()


def _add_time(stage: str, seconds: float) -> None:
    with _TIMES_LOCK:
        _TIMES[stage] = _TIMES.get(stage, 0.0) + seconds


def extract_batch(articles: list[Article], n_process: int = 1,
                  batch_size: Optional[int] = None) -> tuple[list[tuple[Article, Extraction]], list[Failure]]:
    """Extract a batch; an article that fails is reported, the others go on. A batch `Ahead` started
    extracting already is taken from it (waiting for it when it is still running), not extracted twice."""
    ahead = _AHEAD[0]
    got = ahead.take(articles) if ahead is not None else None
    return got.result() if got is not None else _extract_batch_now(articles, n_process, batch_size)


def _extract_batch_now(articles: list[Article], n_process: int = 1,
                       batch_size: Optional[int] = None) -> tuple[list[tuple[Article, Extraction]], list[Failure]]:
    from pipeline.extract.api import ArticleFailed, extract_batch_results

    stats: dict = {}
    done, failed = [], []
    for art, res in zip(articles, extract_batch_results(articles, batch_size=batch_size or max(1, len(articles)),
                                                           n_process=n_process, stats=stats)):
        if isinstance(res, ArticleFailed):
            failed.append(Failure(f"{art.source}#{art.id}", f"extraction failed: {res.reason}", art.sha256))
        else:
            done.append((art, res))
    _add_time("extract", stats.get("seconds", 0.0))
    return done, failed


class Ahead:
    """Extracts a run's first batches in a background thread while the flow cannot start yet (Prefect's API
    server takes seconds to answer; in one process the pipeline is ready long before). The batches are cut
    as `pipelined` cuts them and extracted in order, by the function the flow's extract task wraps; the first
    `take` (the flow's first extract task) stops it from starting another one. `take(batch)` returns the
    future of a batch started ahead, or None: the task extracts it itself. Output is the same either way."""

    def __init__(self, articles: list[Article], batch_size: int, n_process: int = 1):
        self._lock = threading.Lock()
        self._stopped = False
        self._futures: dict[tuple[int, ...], Future] = {}
        self._batches = chunks(articles, batch_size)
        threading.Thread(target=self._run, args=(n_process,), name="claimscope-ahead", daemon=True).start()

    @staticmethod
    def key(batch: list[Article]) -> tuple[int, ...]:
        return tuple(map(id, batch))

    def _run(self, n_process: int) -> None:
        for batch in self._batches:
            with self._lock:
                if self._stopped:
                    return
                fut: Future = Future()
                self._futures[self.key(batch)] = fut
            try:
                fut.set_result(_extract_batch_now(batch, n_process))
            except BaseException as exc:  # noqa: BLE001 - raised again by the task that takes this batch
                fut.set_exception(exc)

    def take(self, batch: list[Article]) -> Optional[Future]:
        with self._lock:
            self._stopped = True
            return self._futures.pop(self.key(batch), None)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True


_AHEAD: list[Optional[Ahead]] = [None]  # the current run's, while it runs (one run at a time per process)


def start_ahead(articles: list[Article], batch_size: int, n_process: int = 1) -> Ahead:
    """Start extracting `articles` ahead of the flow (see `Ahead`); `stop_ahead` when the run ends."""
    stop_ahead()
    _AHEAD[0] = Ahead(articles, batch_size, n_process)
    return _AHEAD[0]


def stop_ahead() -> None:
    ahead, _AHEAD[0] = _AHEAD[0], None
    if ahead is not None:
        ahead.stop()


def write_results(db: str, run_id: str, items: list[tuple[Article, Extraction]]) -> tuple[int, list[Failure]]:
    """Write one batch of results (one transaction: each article is all there or absent). Returns (articles
    written, failures). A batch whose write fails is written again article by article, so that an article that
    cannot be written (a failure, `write failed: ...`) does not cost the others; a failure of the database
    itself (disk full, I/O) is raised."""
    from pipeline.store.repo import write_batch

    t0 = time.perf_counter()
    con = connection(db)
    try:
        n, failed = write_batch(con, run_id, items), []
    except Exception as exc:  # noqa: BLE001 - find the article(s) that cannot be written
        if _fatal(exc):
            raise
        n, failed = 0, []
        for art, ex in items:
            try:
                n += write_batch(con, run_id, [(art, ex)])
            except Exception as one:  # noqa: BLE001
                if _fatal(one):
                    raise
                log.warning("%s#%s: write failed: %s: %s", art.source, art.id, type(one).__name__, one)
                failed.append(Failure(f"{art.source}#{art.id}",
                                      f"write failed: {type(one).__name__}: {str(one)[:300]}", art.sha256))
    _add_time("write", time.perf_counter() - t0)
    return n, failed


def _fatal(exc: BaseException) -> bool:
    """A failure of the database or the machine, not of one article's rows."""
    import duckdb

    db_errors = tuple(getattr(duckdb, n) for n in ("IOException", "FatalException") if hasattr(duckdb, n))
    return isinstance(exc, (OSError, MemoryError) + db_errors)


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


def count_rows(db: str, run_id: str) -> dict:
    con = connection(db)
    out = {}
    for t in ("events", "casualties", "attributions", "places", "dates"):
        out[t] = con.execute(f"SELECT count(*) FROM {t} WHERE run_id = ?", [run_id]).fetchall()[0][0]
    out["warnings"] = con.execute("SELECT count(*) FROM extraction_warnings WHERE run_id = ?", [run_id]).fetchall()[0][0]
    out["warning_examples"] = con.execute(
        "SELECT article_id, component, rule, reason FROM extraction_warnings WHERE run_id = ? "
        "ORDER BY logged_at, article_id LIMIT 10", [run_id]).fetchall()
    return out


# ------------------------------------------------------------------------------------------------ config
def pipeline_identity() -> tuple[str, str]:
    """(base model, identity hash) without importing spaCy: `pipeline.identity.pipeline_identity` (the package
    version, models/pipeline.cfg, every data file under models/, the gazetteer's source data)."""
    from pipeline.identity import pipeline_identity as identity

    return identity()


# ------------------------------------------------------------------------------------------------ jobs
@dataclass
class Job:
    """What the flow works on, kept in this process (Prefect gets a key, not megabytes of text)."""

    articles: list[Article]
    on_progress: Optional[Callable[[int, int], None]] = None


_JOBS: dict[str, Job] = {}


def put_job(job: Job) -> str:
    key = uuid.uuid4().hex
    _JOBS[key] = job
    return key


def get_job(key: str) -> Job:
    return _JOBS[key]


def drop_job(key: str) -> None:
    _JOBS.pop(key, None)


class Done:
    """An already computed result with a future's `.result()` (for `pipelined` with nothing in flight)."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def pipelined(articles: list[Article], batch_size: int, submit, write, in_flight: int,
              on_progress: Optional[Callable[[int, int], None]] = None) -> tuple[int, list[Failure]]:
    """Keep `in_flight` extraction batches running while finished ones are written, in input order
    (`in_flight=0`: each batch is written as soon as `submit` returns it).

    `submit(chunk)` returns an object with `.result()`; `write(items)` returns articles written, or (written, failures).
    """
    written, errors = 0, []
    pending: deque = deque()
    total = len(articles)

    def drain_one() -> None:
        nonlocal written
        chunk, fut = pending.popleft()
        items, failed = fut.result()
        res = write(items)
        n, write_failed = res if isinstance(res, tuple) else (res, [])
        written += n
        errors.extend(failed)
        errors.extend(write_failed)
        if on_progress:
            on_progress(len(chunk), total)

    for chunk in chunks(articles, batch_size):
        pending.append((chunk, submit(chunk)))
        while len(pending) > in_flight:
            drain_one()
    while pending:
        drain_one()
    return written, errors


def process(articles: list[Article], db: str, run_id: str, batch_size: int,
            on_progress: Optional[Callable[[int, int], None]] = None, n_process: int = 1) -> tuple[int, list[Failure]]:
    """Extract and write in batches without Prefect (same functions the flow's tasks wrap): in one process,
    one after the other; with worker processes, writing while the workers extract the next batches."""
    write = lambda items: write_results(db, run_id, items)  # noqa: E731
    if n_process <= 1:
        return pipelined(articles, batch_size, submit=lambda chunk: Done(extract_batch(chunk, 1)), write=write,
                         in_flight=0, on_progress=on_progress)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=n_process + 1, thread_name_prefix="claimscope-extract") as ex:
        return pipelined(articles, batch_size,
                         submit=lambda chunk: ex.submit(extract_batch, chunk, n_process),
                         write=write, in_flight=n_process, on_progress=on_progress)
