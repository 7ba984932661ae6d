"""Console output for the CLI: run summary, one extraction as tables, read-only SQL."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.types import Extraction


def print_summary(console: Console, s, db: str) -> None:
    t = Table(title=f"claimscope run {s.run_id} -> {db}", show_header=False)
    for label, value in [
        ("inputs", s.inputs), ("articles extracted", s.articles_new), ("articles unchanged (skipped)", s.articles_skipped),
        ("events", s.events), ("casualty claims", s.casualties), ("attributions", s.attributions),
        ("places", s.places), ("dates", s.dates), ("errors", len(s.errors)),
        ("warnings (values dropped, articles kept)", getattr(s, "warnings", 0)), ("seconds", f"{s.seconds:.1f}"),
    ]:
        t.add_row(label, str(value))
    console.print(t)
    for f in s.errors[:20]:
        console.print(f"[red]error:[/] {escape(f'{f.source}: {f.reason}')}", highlight=False)
    if len(s.errors) > 20:
        console.print(f"... and {len(s.errors) - 20} more (SELECT * FROM ingest_errors WHERE run_id = '{s.run_id}')")
    for article, component, rule, reason in getattr(s, "warning_examples", [])[:10]:
        console.print(f"[yellow]warning:[/] {escape(f'{article}: {component} ({rule}): {reason}')}", highlight=False)
    if getattr(s, "warnings", 0) > 10:
        console.print(f"... and {s.warnings - 10} more (SELECT * FROM extraction_warnings WHERE run_id = '{s.run_id}')")


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
    """Run `query` on a read-only connection. Writes fail with a clear ReadOnlyViolation."""
    import duckdb

    from pipeline.store import ReadOnlyViolation, connect

    con = connect(db, read_only=True)
    try:
        rel = con.execute(query)
        cols = [d[0] for d in rel.description] if rel.description else []
        return cols, rel.fetchall()
    except (duckdb.InvalidInputException, duckdb.PermissionException) as exc:
        if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
            raise ReadOnlyViolation(
                "claimscope sql is read-only: statements that change the database are refused "
                f"({query.split()[0].upper()}). Open the file with duckdb directly to change it."
            ) from None
        raise
    finally:
        con.close()
