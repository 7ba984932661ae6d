"""The main job: plan a run, then extract and write the new articles through the Prefect flow (default),
without Prefect, or on a Dask cluster. This module sits above `pipeline.batch` (the plain functions) and
`pipeline.flows` (Prefect wrapping them), so neither imports the other's caller."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Optional

from pipeline import batch as B


class NothingStored(ValueError):
    """`run --reextract PATH`: none of the articles read from PATH is stored in the database."""

    def __init__(self, db: str, articles: list[str]):
        self.db, self.articles = db, articles
        shown = ", ".join(articles[:5]) + (f" and {len(articles) - 5} more" if len(articles) > 5 else "")
        super().__init__(f"nothing to re-extract: {shown} {'is' if len(articles) == 1 else 'are'} not stored in "
                         f"{db} (new, or changed since it was stored); `claimscope run PATH` extracts it")


def run_pipeline(
    paths: Iterable[str | Path],
    db: str = "claims.duckdb",
    published: Optional[str] = None,
    batch_size: int = 16,
    use_prefect: bool = True,
    on_progress: Optional[Callable[[int, int], None]] = None,
    n_process: int = 1,
    dask_address: Optional[str] = None,
    retry_failed: bool = False,
    reextract: bool = False,
) -> B.Summary:
    """The main job: plan, then extract and write the new articles (through the Prefect flow by default).

    `n_process` > 1 extracts in that many worker processes; `dask_address` ("tcp://host:8786") runs the
    extraction tasks on an existing Dask cluster (Prefect's DaskTaskRunner). Either way one writer (this
    process) loads DuckDB. Nothing slow starts (spaCy, Prefect, workers) when nothing is new.

    `reextract`: extract stored articles again with the current pipeline (all current ones when `paths` is
    empty, else the stored articles those files hold) and replace their claims, one transaction per batch as
    any write; review decisions re-attach by claim id, the others are orphaned (`summary.reviews`). Raises
    NothingStored when paths were given and none of their articles is stored.
    """
    from pipeline.store.repo import (decided_claims, finish_run, record_errors, record_failures, record_sources,
                                     review_outcome, stale_identities, start_run)

    t0 = time.perf_counter()
    with B._TIMES_LOCK:
        B._TIMES.clear()
    plan = B.plan_reextract(paths, db, published) if reextract else B.plan_run(paths, db, published,
                                                                                 retry_failed=retry_failed)
    if reextract and plan.not_stored and not plan.new:
        raise NothingStored(db, [f"{a.source}#{a.id}" for a in plan.not_stored])
    if reextract:
        B.log.info("%d stored article(s) to re-extract, %d read but not stored, %d input error(s) (read in %.1f s)",
                   len(plan.new), len(plan.not_stored), len(plan.failures), plan.seconds)
    else:
        B.log.info("%d new article(s) to extract, %d unchanged, %d input error(s) (read in %.1f s)",
                   len(plan.new), plan.skipped, len(plan.failures), plan.seconds)
    if plan.failed_before:
        B.log.info("%d article(s) skipped: their extraction failed before with this pipeline "
                 "(see extraction_failures; --retry-failed to try again)", plan.failed_before)
    server = None
    if plan.new and (use_prefect or dask_address):
        from pipeline.flows.server import start_if_needed

        server = start_if_needed()  # Prefect's API server starts while spaCy loads
    if plan.new and not dask_address:
        from pipeline.extract.api import prepare

        prepare(n_process)  # build the pipeline / start workers while the run is set up
    con = B.connection(db)
    from pipeline.review import flush_journal

    flush_journal(con, db)  # review decisions taken while another process held the database
    record_sources(con, plan.all_articles)
    model, chash = B.pipeline_identity()
    executor = f"dask:{dask_address}" if dask_address else ("prefect" if use_prefect else "local")
    run_id = start_run(con, model, chash, plan.inputs)
    summary = B.Summary(run_id=run_id, inputs=plan.inputs, articles_new=0, articles_skipped=plan.skipped,
                      errors=list(plan.failures), processes=n_process, executor=executor,
                      skipped_files=list(plan.skipped_files), decoding_notes=list(plan.decoding_notes),
                      kind="reextract" if reextract else "run", identity=chash,
                      not_stored=[f"{a.source}#{a.id}" for a in plan.not_stored])
    decided = decided_claims(con, (a.sha256 for a in plan.new)) if reextract else set()
    summary.timings["read"] = plan.seconds
    flow_run_id = None
    try:
        if plan.new:
            t1 = time.perf_counter()
            if server is not None and n_process <= 1 and not dask_address:
                B.start_ahead(plan.new, batch_size)  # the first batches are extracted while the server starts
            if use_prefect or dask_address:
                from pipeline.flows.ingest import run_ingest_flow

                written, errors, flow_run_id, state = run_ingest_flow(
                    plan.new, db, run_id, batch_size, on_progress, n_process=n_process, dask_address=dask_address,
                    server=server)
                summary.prefect_state = state
            else:
                written, errors = B.process(plan.new, db, run_id, batch_size, on_progress, n_process=n_process)
            summary.timings["pipeline"] = time.perf_counter() - t1
            if server is not None and server.ready_after is not None:
                B.log.info("Prefect API server answered %.1f s after it was started", server.ready_after)
            B.log.info("wrote %d article(s) in %.1f s (%s, %d process(es))", written, summary.timings["pipeline"],
                     executor, n_process)
            summary.articles_new = written
            summary.errors.extend(errors)
        summary.__dict__.update(B.count_rows(db, run_id))
        if reextract:
            summary.reviews = review_outcome(con, decided)
        else:
            summary.stale = stale_identities(con, chash)
    except BaseException as exc:
        summary.state = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        summary.prefect_state = getattr(exc, "prefect_state", summary.prefect_state)
        raise
    finally:
        with B._TIMES_LOCK:
            summary.timings.update({k: v for k, v in B._TIMES.items() if not k.startswith("fault:")})
        summary.seconds = time.perf_counter() - t0
        try:
            record_errors(con, run_id, summary.errors)
            record_failures(con, run_id, chash, summary.errors)
            finish_run(con, run_id, summary.state, summary.articles_new, summary.articles_skipped,
                       len(summary.errors), summary.seconds, flow_run_id, timings=summary.timings,
                       processes=n_process, executor=executor, prefect_state=summary.prefect_state,
                       warnings=summary.warnings, kind=summary.kind, reviews=summary.reviews)
        finally:
            B.stop_ahead()
            B.close_connection(db)
            if server is not None:
                server.stop()
    return summary
