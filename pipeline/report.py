"""Console output for the CLI: run summary, one extraction as tables, read-only SQL."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.types import Extraction


def print_summary(console: Console, s, db: str) -> None:
    reextract = getattr(s, "kind", "run") == "reextract"
    t = Table(title=f"claimscope run {'--reextract ' if reextract else ''}{s.run_id} -> {db}", show_header=False)
    counts = [("articles re-extracted", s.articles_new)] if reextract else [
        ("articles extracted", s.articles_new), ("articles unchanged (skipped)", s.articles_skipped)]
    for label, value in [
        ("inputs", s.inputs), *counts,
        ("events", s.events), ("casualty claims", s.casualties), ("attributions", s.attributions),
        ("places", s.places), ("dates", s.dates), ("errors", len(s.errors)),
        ("files skipped (not read)", len(s.skipped_files)),
        ("warnings (values dropped, articles kept)", getattr(s, "warnings", 0)), ("seconds", f"{s.seconds:.1f}"),
    ]:
        t.add_row(label, str(value))
    if reextract:
        r = s.reviews or {}
        for label, key in (("review decisions kept (re-attached)", "kept"),
                           ("review decisions orphaned (claim no longer found)", "orphaned"),
                           ("review decisions lost", "lost")):
            t.add_row(label, str(r.get(key, 0)))
    console.print(t)
    print_reextract_notes(console, s, db)
    for f in s.errors[:20]:
        console.print(f"[red]error:[/] {escape(f'{f.source}: {f.reason}')}", highlight=False)
    if len(s.errors) > 20:
        console.print(f"... and {len(s.errors) - 20} more (SELECT * FROM ingest_errors WHERE run_id = '{s.run_id}')")
    for article, component, rule, reason in getattr(s, "warning_examples", [])[:10]:
        console.print(f"[yellow]warning:[/] {escape(f'{article}: {component} ({rule}): {reason}')}", highlight=False)
    if getattr(s, "warnings", 0) > 10:
        console.print(f"... and {s.warnings - 10} more (SELECT * FROM extraction_warnings WHERE run_id = '{s.run_id}')")
    print_input_notes(console, s.skipped_files, s.decoding_notes)


def print_reextract_notes(console: Console, s, db: str, limit: int = 20) -> None:
    """After `run --reextract`: articles not stored, orphaned decisions, a lost decision (a defect); after a
    plain `run`: stored articles extracted by an older pipeline identity."""
    r = getattr(s, "reviews", None) or {}
    for name in getattr(s, "not_stored", [])[:limit]:
        console.print(f"[yellow]not stored:[/] {escape(name)}: not re-extracted (new, or changed since it was "
                      f"stored; `claimscope run` extracts it)", highlight=False, soft_wrap=True)
    if len(getattr(s, "not_stored", [])) > limit:
        console.print(f"... and {len(s.not_stored) - limit} more not stored", highlight=False)
    if r.get("orphaned"):
        console.print(f"[yellow]orphaned:[/] {r['orphaned']} review decision(s) whose claim the new extraction no "
                      f"longer finds are kept with their value: SELECT * FROM reviews_orphaned", highlight=False)
    if r.get("lost"):
        console.print(f"[red]error:[/] {r['lost']} review decision(s) neither re-attached nor orphaned "
                      f"(a defect: decisions are never deleted; see the reviews table)", highlight=False)
    stale = getattr(s, "stale", None) or []
    if stale:
        n = sum(k for _, k in stale)
        ids = ", ".join(h or "unknown" for h, _ in stale[:5]) + (", ..." if len(stale) > 5 else "")
        console.print(f"[yellow]note:[/] {n} stored article(s) were extracted by an older pipeline (identity {ids}; "
                      f"now {s.identity}); refresh with `claimscope run --reextract --db {escape(db)}`",
                      highlight=False, soft_wrap=True)


def print_input_notes(console: Console, skipped, notes, limit: int = 20) -> None:
    """Files not read, with the reason, and articles whose encoding was guessed (`run` and `extract`)."""
    for sk in skipped[:limit]:
        console.print(f"[yellow]skipped:[/] {escape(sk.source)}: {escape(sk.reason)}", highlight=False, soft_wrap=True)
    if len(skipped) > limit:
        console.print(f"... and {len(skipped) - limit} more files skipped", highlight=False)
    for source, note in notes[:limit]:
        console.print(f"[yellow]warning:[/] {escape(source)}: {escape(note)}", highlight=False, soft_wrap=True)
    if len(notes) > limit:
        console.print(f"... and {len(notes) - limit} more (SELECT source, encoding, encoding_note FROM articles "
                      f"WHERE encoding_note IS NOT NULL)", highlight=False)


def print_extraction(console: Console, ex: Extraction) -> None:
    a = ex.article
    console.print(f"[bold]{a.id}[/] {a.title or ''} (published {a.published or '?'}, {a.chars} chars)")
    t = Table("event", "type", "date", "place", "casualties", "attributions")
    for ev in ex.events:
        t.add_row(
            ev.id + ": " + ev.span.text[:60], ev.type,
            f"{ev.date.start}..{ev.date.end} ({ev.date.granularity})" if ev.date else "",
            ", ".join(p.name for p in ev.places),
            ", ".join(f"{c.kind}{'/' + c.group if c.group else ''}={c.count}" for c in ev.casualties),
            ", ".join(ev.attribution_ids),
        )
    console.print(t)
    t = Table("id", "kind", "source", "cue", "content", "hedged")
    for at in ex.attributions:
        t.add_row(at.id, at.kind, at.source.name if at.source else "(author)", at.cue.span.text,
                  at.content.span.text[:80], str(at.hedged))
    console.print(t)


def run_sql(db: str, query: str) -> tuple[list[str], list[tuple]]:
    """Run `query` read-only (pipeline/store/sql.py); the columns and rows of its last statement.
    Anything but a query fails with ReadOnlyViolation before any statement runs."""
    from pipeline.store.sql import run_statements

    last = run_statements(db, query)[-1]
    return last.columns, last.rows
