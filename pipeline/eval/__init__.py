"""`claimscope eval`: score extraction against gold annotations (issue 3).

    gold.py     loaders: our annotations/*.jsonl and the shared gvdb / gva / polnear / geo_gwn / timex formats -> GoldDoc
    halves.py   the tune / check split (sha1 of the doc_id)
    gva.py      GVA incident records (SemEval-2018 Task 5): per-article figures, date, city, coordinates
    timex.py    TimeML TIMEX3 (TempEval-3): extent P/R/F1 and value accuracy on calendar values
    match.py    span matching (exact / overlap), greedy one-to-one assignment, event matching, haversine
    metrics.py  per-article scoring into PRF / accuracy / MAE accumulators, worst-error cases
    report.py   rich tables, JSON, markdown, combined scoreboard

Gold files are streamed: articles are read line by line, extracted in batches of 16 and scored at once,
so memory does not grow with the file (only the most severe errors per field are kept).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from rich.console import Console

from pipeline.eval.gold import GoldDoc, Skipped, dataset_name, detect_format, iter_gold
from pipeline.eval.halves import ALL, CHECK, TUNE, half_of, in_half
from pipeline.eval.metrics import Casualties, Scores
from pipeline.eval.score import score_doc
from pipeline.eval.report import (
    DatasetResult, markdown, print_scoreboard, print_table, scoreboard_markdown, to_json,
)

BATCH = 16


def article_for(gold: GoldDoc):
    """The Article extraction sees: the gold text, its id/title/url, and the gold publication date
    (else what make_article finds: a dateline, or a date in the URL)."""
    from pipeline.ingest import make_article
    from pipeline.ingest.published import normalise_date

    pub = normalise_date(gold.published) if gold.published else None
    return make_article(gold.text, gold.source, id=gold.doc_id, title=gold.title, url=gold.url,
                        published=pub, published_from="jsonl" if pub else None)


def _extract_batch(articles: list, nlp, notes: list[str]) -> list:
    """Extractions for a batch, in order; an article whose extraction raises gets the exception instead."""
    from pipeline.extract import api
    from pipeline.extract.api import extract_articles, extract_one

    if hasattr(api, "extract_batch_results"):  # per-article results: one failure does not redo the batch
        try:
            out = []
            for r in api.extract_batch_results(articles, nlp, batch_size=len(articles)):
                if isinstance(r, Exception):
                    if len(notes) < 5:
                        notes.append(f"extraction failed: {r}"[:300])
                out.append(r)
            return out
        except Exception:  # noqa: BLE001 - fall back to the plain API below
            pass
    try:
        return list(extract_articles(articles, nlp, batch_size=len(articles)))
    except Exception:  # noqa: BLE001 - redo one by one to isolate the failing article
        out = []
        for a in articles:
            try:
                out.append(extract_one(a, nlp))
            except Exception as exc:  # noqa: BLE001
                if len(notes) < 5:
                    notes.append(f"extraction failed on {a.id}: {type(exc).__name__}: {str(exc)[:200]}")
                out.append(exc)
        return out


def _batches(items: Iterable, n: int) -> Iterator[list]:
    batch = []
    for it in items:
        batch.append(it)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _sniff(path: Path) -> Optional[str]:
    import json

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    return detect_format(json.loads(line))
                except Exception:  # noqa: BLE001
                    return None
    return None


def evaluate_file(path: Union[str, Path], limit: Optional[int] = None, nlp=None, on_article=None,
                  casualties: Optional[Casualties] = None, half: str = ALL) -> DatasetResult:
    """Extract and score every article of one gold file that belongs to `half` (streaming)."""
    return evaluate_halves(path, (half,), limit, nlp, on_article, casualties)[0]


def evaluate_halves(path: Union[str, Path], halves: Sequence[str] = (ALL,), limit: Optional[int] = None, nlp=None,
                    on_article=None, casualties: Optional[Casualties] = None) -> list[DatasetResult]:
    """One pass over a gold file, one DatasetResult per half in `halves` (tune / check / all): each article
    is extracted once and scored into every result whose half it belongs to; articles in none are not
    extracted. A skipped line without a doc_id is listed in every result."""
    from pipeline.nlp.builder import get_nlp
    from pipeline.ingest import IngestError
    from pipeline.types import Extraction

    path = Path(path)
    cas = casualties or Casualties()
    fmt = _sniff(path)
    results = [DatasetResult(file=str(path), dataset=dataset_name(path), format=fmt, half=h,
                             naive_source=cas.naive_source, totals_source=cas.totals_source) for h in halves]
    nlp = nlp or get_nlp()
    t0 = time.perf_counter()
    failures_before = cas.failures

    def targets(doc_id: Optional[str]) -> list[DatasetResult]:
        return results if doc_id is None else [r for r in results if in_half(doc_id, r.half)]

    def golds() -> Iterator[tuple[GoldDoc, object, list]]:
        for item in iter_gold(path, limit):
            if isinstance(item, Skipped):
                for r in targets(item.doc_id):
                    r.skipped.append(item)
                continue
            into = targets(item.doc_id)
            if not into:
                if on_article:
                    on_article()
                continue
            try:
                yield item, article_for(item), into
            except IngestError as exc:
                for r in into:
                    r.skipped.append(Skipped(item.source, item.doc_id, exc.reason))

    for batch in _batches(golds(), BATCH):
        notes: list[str] = []
        exs = _extract_batch([a for _, a, _ in batch], nlp, notes)
        for (gold, art, into), ex in zip(batch, exs):
            for r in into:
                if isinstance(ex, Exception):
                    r.scores.extraction_errors += 1
                score_doc(r.scores, gold, Extraction(article=art.meta()) if isinstance(ex, Exception) else ex, cas)
            if on_article:
                on_article()
        for r in results:
            r.scores.notes.extend(notes[:max(0, 5 - len(r.scores.notes))])
    seconds = time.perf_counter() - t0
    for r in results:
        if cas.failures > failures_before:
            r.scores.notes.append(f"casualties helpers raised {cas.failures - failures_before} times "
                                  f"({cas.last_error}); the eval fallback was used there")
        r.seconds = seconds
    return results


def evaluate(gold: Sequence[Union[str, Path]], limit: Optional[int] = None, progress_console: Optional[Console] = None,
             nlp=None, halves: Sequence[str] = (ALL,)) -> list[DatasetResult]:
    """Every gold file, each in one pass; the results are file by file, in the order of `halves`."""
    cas = Casualties()
    results: list[DatasetResult] = []
    if progress_console is None:
        for g in gold:
            results.extend(evaluate_halves(g, halves, limit, nlp, casualties=cas))
        return results
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=progress_console, transient=True) as progress:
        for g in gold:
            total = _count_lines(Path(g), limit)
            task = progress.add_task(f"eval {dataset_name(g)}", total=total)
            results.extend(evaluate_halves(g, halves, limit, nlp, on_article=lambda: progress.advance(task),
                                           casualties=cas))
            progress.remove_task(task)
    return results


def _count_lines(path: Path, limit: Optional[int]) -> int:
    with path.open("rb") as fh:
        n = sum(1 for line in fh if line.strip())
    return min(n, limit) if limit is not None else n


def run_eval(gold: Sequence[str], format: str = "table", limit: Optional[int] = None, worst: int = 5,
             console: Optional[Console] = None, scoreboard: bool = False,
             half: Optional[str] = None) -> list[DatasetResult]:
    """Evaluate gold files and print the report: `table` (rich, one table per dataset, plus the combined
    scoreboard when several files are given), `json` (stable keys, see report.SCHEMA), `markdown`
    (per dataset), or only the combined markdown scoreboard when `scoreboard` is true.

    `half` (tune / check / all) selects the documents; without it the scoreboard has the tune and check
    halves side by side (one pass over each file) and the other formats score all documents."""
    import sys

    console = console or Console()
    err = Console(stderr=True)
    measured = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    halves = (half,) if half else (TUNE, CHECK) if scoreboard else (ALL,)
    results = evaluate(list(gold), limit, progress_console=err if err.is_terminal else None, halves=halves)
    if scoreboard:
        for r in results:
            for s in r.skipped:
                err.print(f"[yellow]skipped[/] ({r.half}) {s.source}: {s.reason}")
            for n in r.scores.notes:
                err.print(f"[yellow]note[/] {r.dataset}: {n}")
        sys.stdout.write(scoreboard_markdown(results, measured) + "\n")
    elif format == "json":
        sys.stdout.write(to_json(results, worst, measured) + "\n")
    elif format == "markdown":
        parts = [markdown(r, worst) for r in results]
        if len(results) > 1:
            parts.append("### Scoreboard\n\n" + scoreboard_markdown(results, measured))
        sys.stdout.write("\n".join(parts) + "\n")
    else:
        for r in results:
            print_table(console, r, worst)
        if len(results) > 1:
            console.print()
            print_scoreboard(console, results, measured)
    return results


__all__ = ["run_eval", "evaluate", "evaluate_file", "evaluate_halves", "article_for", "DatasetResult", "Scores",
           "half_of", "in_half"]
