"""Plain functions that run the pipeline over Articles (used by the CLI, the flows, eval and bench).

- Streaming: articles go through spaCy in small batches inside `nlp.memory_zone()`; only the typed
  `Extraction`s leave a batch, so memory stays flat however long the run.
- Long texts (beyond `CHUNK_CHARS`, e.g. a 50 MB file far past spaCy's `max_length`) are processed in chunks
  cut at paragraph boundaries; each chunk's offsets are shifted by its base, so every span is exact against
  the whole text, and the chunk extractions are merged (ev-/at- ids renumbered).
- `n_process > 1` runs extraction in a pool of worker processes (spawned, each builds the pipeline once);
  workers return Extractions, never Docs, so the parent does no deserialisation work.
"""
from __future__ import annotations

import os
import re
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator, Optional, Union

from pipeline.types import Article, Extraction

# spaCy's own minibatch inside a batch of articles (small batches are faster and lighter than spaCy's
# default of 256 on this model: see the bench)
SPACY_BATCH = int(os.environ.get("CLAIMSCOPE_SPACY_BATCH", "16"))
# Texts longer than this are cut into chunks at paragraph (else line, else sentence, else space) boundaries.
CHUNK_CHARS = int(os.environ.get("CLAIMSCOPE_CHUNK_CHARS", "100000"))


class ArticleFailed(Exception):
    """Extraction of one article failed (the others of its batch go on)."""

    def __init__(self, article: Article, error: BaseException | str):
        self.article = article
        self.error = error if isinstance(error, BaseException) else None
        self.reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        super().__init__(f"{article.source}#{article.id}: {self.reason}")


def _context(article: Article, base: int = 0) -> dict:
    dl = article.dateline
    return {
        "published": article.published,
        "published_from": article.published_from,
        "dateline": (dl.start, dl.end) if dl is not None and base == 0 else None,  # datelines open chunk 0
        "id": article.id,
    }


# --------------------------------------------------------------------------------------------- chunking
_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s"), re.compile(r"\s"))


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut `text` into (start, end) pieces of at most `limit` characters, at the last paragraph break before
    the limit (else a line break, else a sentence end, else any space, else hard). Pieces cover the text."""
    if len(text) <= limit:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = None
        for rx in _BREAKS:
            ends = [m.end() for m in rx.finditer(window, limit // 2)]
            if ends:
                cut = start + ends[-1]
                break
        if cut is None or cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def merge_extractions(parts: list[Extraction], article: Article) -> Extraction:
    """Merge the extractions of an article's chunks (offsets already absolute): renumber ev-N / at-N."""
    if len(parts) == 1:
        return parts[0]
    events, atts, places, dates, cas, warns = [], [], [], [], [], []
    n_ev = n_at = 0
    for ex in parts:
        ev_map = {e.id: f"ev-{n_ev + i + 1}" for i, e in enumerate(ex.events)}
        at_map = {a.id: f"at-{n_at + i + 1}" for i, a in enumerate(ex.attributions)}
        for ev in ex.events:
            ev.id = ev_map[ev.id]
            ev.attribution_ids = [at_map.get(a, a) for a in ev.attribution_ids]
            for c in ev.casualties:
                c.attribution_ids = [at_map.get(a, a) for a in c.attribution_ids]
            for f in ev.figures.values():
                f.attribution_ids = [at_map.get(a, a) for a in f.attribution_ids]
        for a in ex.attributions:
            a.id = at_map[a.id]
            a.event_ids = [ev_map.get(e, e) for e in a.event_ids]
        for c in ex.casualties:
            c.attribution_ids = [at_map.get(a, a) for a in c.attribution_ids]
        n_ev += len(ex.events)
        n_at += len(ex.attributions)
        events += ex.events
        atts += ex.attributions
        places += ex.places
        dates += ex.dates
        cas += ex.casualties
        warns += ex.warnings
    return Extraction(article=article.meta(), events=events, attributions=atts, places=places, dates=dates,
                      casualties=cas, warnings=warns)


# --------------------------------------------------------------------------------------------- in process
_NLP_READY: Optional[Future] = None
_NLP_LOCK = threading.Lock()


def warm_up() -> None:
    """Start building the spaCy pipeline in a background thread (overlaps e.g. Prefect's start-up)."""
    global _NLP_READY
    with _NLP_LOCK:
        if _NLP_READY is not None:
            return
        fut: Future = Future()
        _NLP_READY = fut

    def build() -> None:
        try:
            fut.set_result(ready_nlp())
        except BaseException as exc:  # noqa: BLE001 - re-raised by default_nlp()
            fut.set_exception(exc)

    threading.Thread(target=build, name="claimscope-nlp-warmup", daemon=True).start()


def ready_nlp():
    """The process's pipeline, run once on a short text so that everything its components load lazily
    (gazetteer, lexicons, date rules) is loaded; then `gc.freeze()`: the model and those tables live as long as
    the process, and the collector no longer walks them on every full collection (about 2 % of a run)."""
    import gc

    from pipeline.nlp.builder import get_nlp

    nlp = get_nlp()
    with nlp.memory_zone():
        doc = nlp.make_doc(_WARM_UP_TEXT)
        doc._.cs_meta = {"published": "2016-06-27", "published_from": None, "dateline": None, "id": "warm-up"}
        nlp(doc)
    gc.freeze()
    return nlp


_WARM_UP_TEXT = ("An ambush on a supply convoy outside Kirkuk, Iraq, on Monday left two drivers dead and five "
                 "hurt, police said. A local militia claimed responsibility.")


def default_nlp():
    """The process's pipeline (waits for a warm-up in progress instead of building it twice)."""
    if _NLP_READY is not None:
        return _NLP_READY.result()
    from pipeline.nlp.builder import get_nlp

    return get_nlp()


_LOCAL_LOCK = threading.Lock()  # one batch at a time per process: memory zones and pipes are not thread-safe


def _extract_batch_local(nlp, batch: list[Article], batch_size: int) -> list[Union[Extraction, ArticleFailed]]:
    """One batch through spaCy inside a memory zone; failures isolated per article."""
    with _LOCAL_LOCK:
        return _extract_batch_unlocked(nlp, batch, batch_size)


def _extract_batch_unlocked(nlp, batch: list[Article], batch_size: int) -> list[Union[Extraction, ArticleFailed]]:
    try:
        return list(_pipe_batch(nlp, batch, batch_size))
    except Exception:  # noqa: BLE001 - find the culprit(s) one by one
        out: list[Union[Extraction, ArticleFailed]] = []
        for art in batch:
            try:
                out.extend(_pipe_batch(nlp, [art], 1))
            except Exception as exc:  # noqa: BLE001
                out.append(ArticleFailed(art, exc))
        return out


def _pipe_batch(nlp, batch: list[Article], batch_size: int) -> Iterator[Union[Extraction, ArticleFailed]]:
    from pipeline.extract.records import doc_to_extraction
    from pipeline.ingest.published import refuse_out_of_range

    batch = [refuse_out_of_range(a) for a in batch]
    items = []  # (doc, (article index, base))
    for i, art in enumerate(batch):
        for start, end in split_chunks(art.text, CHUNK_CHARS):
            items.append((art.text[start:end] if (start, end) != (0, len(art.text)) else art.text, i, start))
    results: list[list[Extraction]] = [[] for _ in batch]
    with nlp.memory_zone():
        def docs():
            for text, i, base in items:
                doc = nlp.make_doc(text)
                doc._.cs_meta = _context(batch[i], base)
                yield doc, (i, base)

        size = max(1, min(batch_size, SPACY_BATCH))
        if len(items) > len(batch):  # long texts were cut: keep a minibatch near 200k characters
            size = max(1, min(size, 200_000 // max(1, CHUNK_CHARS)))
        for doc, (i, base) in nlp.pipe(docs(), batch_size=size, as_tuples=True):
            results[i].append(doc_to_extraction(doc, batch[i], base=base))
    for art, parts in zip(batch, results):
        ex = merge_extractions(parts, art)
        failed = nothing_extracted(ex)
        yield ArticleFailed(art, failed) if failed else ex


_FAILED_STAGES = ("find", "annotate", "link")


def nothing_extracted(ex: Extraction) -> Optional[str]:
    """The reason an article counts as failed: nothing was extracted and a component failed on it (an article
    that simply states nothing is not a failure). None otherwise."""
    if ex.events or ex.attributions or ex.places or ex.dates or ex.casualties:
        return None
    failures = [w for w in ex.warnings if w.rule in _FAILED_STAGES]
    if not failures:
        return None
    return "nothing could be extracted: " + "; ".join(f"{w.component}: {w.reason}" for w in failures[:5])


# --------------------------------------------------------------------------------------------- process pool
_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOL_LOCK = threading.Lock()


def _worker_init() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    ready_nlp()


def _worker_run(batch: list[Article], batch_size: int) -> tuple[list[Union[Extraction, tuple[int, str]]], float]:
    import time

    from pipeline.nlp.builder import get_nlp

    t0 = time.perf_counter()
    out = []
    for i, r in enumerate(_extract_batch_local(get_nlp(), batch, batch_size)):
        out.append((i, r.reason) if isinstance(r, ArticleFailed) else r)
    return out, time.perf_counter() - t0


def _worker_ping(*_args) -> int:
    return os.getpid()


def get_pool(n_process: int) -> ProcessPoolExecutor:
    """A pool of `n_process` spawned workers, each with the pipeline built (kept for the process's life)."""
    import multiprocessing as mp

    with _POOL_LOCK:
        pool = _POOLS.get(n_process)
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=n_process, mp_context=mp.get_context("spawn"),
                                       initializer=_worker_init)
            _POOLS[n_process] = pool
            for _ in range(n_process):  # start the workers now: they build the pipeline in parallel
                pool.submit(_worker_ping)
        return pool


def close_pools() -> None:
    with _POOL_LOCK:
        for pool in _POOLS.values():
            pool.shutdown(wait=True, cancel_futures=True)
        _POOLS.clear()


def prepare(n_process: int = 1) -> None:
    """Start the extraction machinery early (pipeline build or worker pool) without waiting for it."""
    if n_process > 1:
        get_pool(n_process)
    else:
        warm_up()


def _submit(pool: ProcessPoolExecutor, batch: list[Article], batch_size: int) -> Future:
    return pool.submit(_worker_run, batch, batch_size)


def _collect(batch: list[Article], res: tuple[list, float], stats: Optional[dict] = None
             ) -> list[Union[Extraction, ArticleFailed]]:
    items, seconds = res
    if stats is not None:
        stats["seconds"] = stats.get("seconds", 0.0) + seconds
    return [ArticleFailed(batch[r[0]], r[1]) if isinstance(r, tuple) else r for r in items]


def extract_batch_results(articles: list[Article], nlp=None, batch_size: int = 16, n_process: int = 1,
                          stats: Optional[dict] = None) -> list[Union[Extraction, ArticleFailed]]:
    """Extract one batch; each item is an Extraction or an ArticleFailed (in input order).
    `stats["seconds"]` accumulates the compute time (in the worker when n_process > 1)."""
    if not articles:
        return []
    if n_process > 1 and nlp is None:
        # spread one batch over all workers (no worker idles on the last batch of a run)
        pool = get_pool(n_process)
        size = max(1, -(-len(articles) // n_process))
        parts = [articles[i:i + size] for i in range(0, len(articles), size)]
        futures = [_submit(pool, part, batch_size) for part in parts]
        out: list[Union[Extraction, ArticleFailed]] = []
        for part, fut in zip(parts, futures):
            out.extend(_collect(part, fut.result(), stats))
        return out
    import time

    nlp = nlp if nlp is not None else default_nlp()
    with _LOCAL_LOCK:  # time the work, not the wait for another thread's batch
        t0 = time.perf_counter()
        out = _extract_batch_unlocked(nlp, articles, batch_size)
    if stats is not None:
        stats["seconds"] = stats.get("seconds", 0.0) + time.perf_counter() - t0
    return out


def iter_results(articles: Iterable[Article], nlp=None, batch_size: int = 16,
                 n_process: int = 1) -> Iterator[tuple[Article, Union[Extraction, ArticleFailed]]]:
    """Stream (article, Extraction | ArticleFailed) in input order; at most 2 batches per worker in flight."""
    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    if n_process > 1 and nlp is None:
        pool = get_pool(n_process)
        pending: deque[tuple[list[Article], Future]] = deque()
        for batch in batches():
            pending.append((batch, _submit(pool, batch, batch_size)))
            if len(pending) >= 2 * n_process:
                b, fut = pending.popleft()
                yield from zip(b, _collect(b, fut.result()))
        while pending:
            b, fut = pending.popleft()
            yield from zip(b, _collect(b, fut.result()))
        return
    nlp = nlp if nlp is not None else default_nlp()
    for batch in batches():
        yield from zip(batch, _extract_batch_local(nlp, batch, batch_size))


def extract_articles(
    articles: Iterable[Article],
    nlp=None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Yield one Extraction per article, in order (raises ArticleFailed on an article that fails)."""
    for _art, res in iter_results(articles, nlp, batch_size, n_process):
        if isinstance(res, ArticleFailed):
            raise res.error if res.error is not None else res
        yield res


def extract_one(article: Article, nlp=None) -> Extraction:
    return next(extract_articles([article], nlp))
