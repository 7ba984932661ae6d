"""The ingest flow: extract batches (in threads, worker processes or on a Dask cluster) and write them from
this process, the single DuckDB writer. No logic here, only sequencing (`pipeline.batch.pipelined`)."""
from __future__ import annotations

from typing import Callable, Optional

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from pipeline import batch as B
from pipeline.flows.server import TemporaryServer
from pipeline.types import Article

extract_task = task(name="extract-batch", cache_policy=NO_CACHE)(B.extract_batch)
write_task = task(name="write-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)(B.write_results)


@flow(name="claimscope-ingest", validate_parameters=False)
def ingest_flow(articles: list[Article] | str, db: str, run_id: str, batch_size: int = 16,
                on_progress: Optional[Callable[[int, int], None]] = None, n_process: int = 1,
                in_flight: Optional[int] = None):
    """Extract and write `articles` (a list, or a job key from `batch.put_job`) batch by batch.

    Returns (written, failures, flow_run_id). With worker processes or a cluster, extraction tasks are
    submitted to the flow's task runner and writes are direct task calls, so they run here, in order, while
    the next batches are extracted. In one process (`in_flight=0`) both are direct calls, one after the other:
    a parallel thread would only take the interpreter from the extraction. Results passed to the write
    task are `quote`d: Prefect would otherwise walk every field of every extraction looking for futures
    (seconds per thousand articles).
    """
    if isinstance(articles, str):
        job = B.get_job(articles)
        articles, on_progress = job.articles, on_progress or job.on_progress
    in_flight = max(1, n_process) if in_flight is None else in_flight
    written, errors = B.pipelined(
        articles, batch_size,
        submit=(lambda chunk: extract_task.submit(chunk, n_process)) if in_flight
        else (lambda chunk: B.Done(extract_task(quote(chunk), n_process))),
        write=lambda items: write_task(db, run_id, quote(items)),
        in_flight=in_flight, on_progress=on_progress)
    return written, errors, str(get_run_context().flow_run.id)


def run_ingest_flow(articles: list[Article], db: str, run_id: str, batch_size: int = 16,
                    on_progress: Optional[Callable[[int, int], None]] = None, n_process: int = 1,
                    dask_address: Optional[str] = None, server: Optional[TemporaryServer] = None
                    ) -> tuple[int, list, Optional[str], str]:
    """Run the flow locally or with a Dask cluster; returns (written, failures, flow_run_id, state name).

    `server`: a temporary API server started earlier (`flows.server.start_if_needed`); the flow uses it.
    """
    if server is not None:
        # heartbeats tell a long-lived server that a run crashed; a server that ends with the run needs none
        with temporary_settings(updates={PREFECT_API_URL: server.wait(), PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            return run_ingest_flow(articles, db, run_id, batch_size, on_progress, n_process, dask_address)
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
        f = ingest_flow.with_options(task_runner=runner)
        n_proc, in_flight = 1, _dask_slots(dask_address)
    else:
        f = ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=n_process + 1))
        n_proc, in_flight = n_process, (n_process if n_process > 1 else 0)
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
