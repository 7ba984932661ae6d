"""The ingest flow: extract batches (in threads, worker processes or on a Dask cluster) and write them from
this process, the single DuckDB writer. No logic here, only sequencing (`pipeline.batch.pipelined`)."""
from __future__ import annotations

from typing import Callable, Optional

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import batch as B
from pipeline.types import Article

extract_task = task(name="extract-batch", cache_policy=NO_CACHE)(B.extract_batch)
write_task = task(name="write-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)(B.write_results)


@flow(name="claimscope-ingest", validate_parameters=False)
def ingest_flow(articles: list[Article] | str, db: str, run_id: str, batch_size: int = 16,
                on_progress: Optional[Callable[[int, int], None]] = None, n_process: int = 1,
                in_flight: Optional[int] = None):
    """Extract and write `articles` (a list, or a job key from `batch.put_job`) batch by batch.

    Returns (written, failures, flow_run_id). Extraction tasks are submitted to the flow's task runner;
    writes are direct task calls, so they run here, in order.
    """
    if isinstance(articles, str):
        job = B.get_job(articles)
        articles, on_progress = job.articles, on_progress or job.on_progress
    written, errors = B.pipelined(
        articles, batch_size,
        submit=lambda chunk: extract_task.submit(chunk, n_process),
        write=lambda items: write_task(db, run_id, items),
        in_flight=in_flight or max(1, n_process), on_progress=on_progress)
    return written, errors, str(get_run_context().flow_run.id)


def run_ingest_flow(articles: list[Article], db: str, run_id: str, batch_size: int = 16,
                    on_progress: Optional[Callable[[int, int], None]] = None, n_process: int = 1,
                    dask_address: Optional[str] = None) -> tuple[int, list, Optional[str], str]:
    """Run the flow locally or with a Dask cluster; returns (written, failures, flow_run_id, state name)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
        f = ingest_flow.with_options(task_runner=runner)
        n_proc, in_flight = 1, _dask_slots(dask_address)
    else:
        f = ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=n_process + 1))
        n_proc, in_flight = n_process, max(1, n_process)
    key = B.put_job(B.Job(articles=articles, on_progress=on_progress))
    try:
        state = f(key, db, run_id, batch_size, None, n_proc, in_flight, return_state=True)
        try:
            written, errors, flow_run_id = state.result(raise_on_failure=True)
        except BaseException as exc:
            exc.prefect_state = state.name  # type: ignore[attr-defined]  (recorded in the runs table)
            raise
        return written, errors, flow_run_id, state.name
    finally:
        B.drop_job(key)


def _dask_slots(address: str) -> int:
    """Batches to keep in flight on a cluster: two per worker thread (at least 2)."""
    try:
        from distributed import Client

        with Client(address, timeout=10) as c:
            threads = sum(w.get("nthreads", 1) for w in c.scheduler_info().get("workers", {}).values())
        return max(2, 2 * threads)
    except Exception:  # noqa: BLE001 - the runner reports connection problems itself
        return 4
