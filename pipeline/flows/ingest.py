"""The ingest flow: extract and write batches of new articles. No logic here, only sequencing."""
from __future__ import annotations

from typing import Callable, Optional

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context

from pipeline import batch as B
from pipeline.types import Article

extract_task = task(name="extract-batch", cache_policy=NO_CACHE)(B.extract_batch)
write_task = task(name="write-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)(B.write_results)


@flow(name="claimscope-ingest", validate_parameters=False)
def ingest_flow(articles: list[Article], db: str, run_id: str, batch_size: int = 16,
                on_progress: Optional[Callable[[int, int], None]] = None):
    """Extract and write `articles` batch by batch; returns (written, failures, flow_run_id)."""
    written, errors = 0, []
    for chunk in B.chunks(articles, batch_size):
        items, failed = extract_task(chunk)
        written += write_task(db, run_id, items)
        errors.extend(failed)
        if on_progress:
            on_progress(len(chunk), len(articles))
    return written, errors, str(get_run_context().flow_run.id)
