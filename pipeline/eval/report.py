"""Rendering eval results: rich tables, JSON (stable keys), markdown, and the combined scoreboard."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.eval.gold import Skipped
from pipeline.eval.metrics import MAE, PRF, Acc, Scores

SCHEMA = "claimscope-eval/1"

# key -> label, in display order. Keys not listed are shown after these, in the order they were produced.
LABELS = {
    "events.match": "events: matched",
    "events.type_acc": "events: type accuracy (matched)",
    "events.found.incident": "events: recall, violent incidents",
    "events.found.political": "events: recall, political acts",
    "events.found.arrest_kidnap_displacement_operation": "events: recall, arrests/abductions/displacement/operations",
    "events.found.aggregate": "events: recall, aggregate tolls",
    "dates.event.interval_acc": "dates: event-date interval exact",
    "dates.event.granularity_acc": "dates: event-date granularity",
    "dates.gvdb.stated_share": "dates: share of articles with a measurable date",
    "dates.mention.exact": "dates: mentions, exact span",
    "dates.mention.overlap": "dates: mentions, overlapping span",
    "dates.mention.value_acc": "dates: mention interval (matched)",
    "places.toponym.exact": "places: toponyms, exact span",
    "places.toponym.overlap": "places: toponyms, overlapping span",
    "places.with_refs.exact": "places + references: toponyms, exact span",
    "places.with_refs.overlap": "places + references: toponyms, overlapping span",
    "places.resolution.exact_id": "places: resolution, same GeoNames id",
    "places.resolution.acc161": "places: resolution, Acc@161 km",
    "places.event.acc": "places: event place",
    "places.event.country_acc": "places: event country",
    "places.event.country_given": "places: event has a country",
    "places.city.event_acc": "places: incident city (event places)",
    "places.city.mention_recall": "places: incident city found as a place",
    "dates.gva.contains_acc": "dates: incident date within the event date",
    "places.gva.city_acc": "places: incident city or county (event places)",
    "places.gva.acc161": "places: event place within 161 km of the incident",
    "places.gva.country_acc": "places: incident country (US)",
    "places.gva.state_acc": "places: incident state (event admin1)",
    "places.gva.event_point_acc161": "places: event point within 161 km of the incident",
    "dates.timex.strict": "dates: timexes, strict extent",
    "dates.timex.overlap": "dates: timexes, overlapping extent",
    "dates.timex.value_acc": "dates: timex value interval (matched)",
    "casualties.event.killed.exact_acc": "casualties: per event killed, exact",
    "casualties.event.killed.mae": "casualties: per event killed, MAE",
    "casualties.event.injured.exact_acc": "casualties: per event injured, exact",
    "casualties.event.injured.mae": "casualties: per event injured, MAE",
    "casualties.article.killed.exact_acc": "casualties: per article killed, exact",
    "casualties.article.killed.mae": "casualties: per article killed, MAE",
    "casualties.article.killed.naive_exact_acc": "  naive baseline: killed, exact",
    "casualties.article.killed.naive_mae": "  naive baseline: killed, MAE",
    "casualties.article.injured.exact_acc": "casualties: per article injured, exact",
    "casualties.article.injured.mae": "casualties: per article injured, MAE",
    "casualties.article.injured.naive_exact_acc": "  naive baseline: injured, exact",
    "casualties.article.injured.naive_mae": "  naive baseline: injured, MAE",
    "attributions.relation.overlap": "attributions: whole (cue+content overlap)",
    "attributions.recall_with_source": "attributions: recall with correct source",
    "attributions.source.exact": "attributions: source, exact",
    "attributions.source.overlap": "attributions: source, overlap",
    "attributions.cue.exact": "attributions: cue, exact",
    "attributions.cue.overlap": "attributions: cue, overlap",
    "attributions.content.exact": "attributions: content, exact",
    "attributions.content.overlap": "attributions: content, overlap",
    "attributions.kind_acc": "attributions: kind (matched)",
    "attributions.hedged_acc": "attributions: hedged (matched)",
}

SCOREBOARD_KEYS = [
    "events.match", "events.type_acc", "events.found.incident", "events.found.political",
    "events.found.arrest_kidnap_displacement_operation", "events.found.aggregate", "dates.event.interval_acc", "dates.event.granularity_acc", "dates.mention.overlap",
    "places.toponym.overlap", "places.with_refs.overlap", "places.resolution.exact_id", "places.resolution.acc161", "places.event.acc",
    "places.event.country_acc", "places.event.country_given",
    "places.city.event_acc", "dates.gva.contains_acc", "places.gva.city_acc", "places.gva.acc161",
    "places.gva.country_acc", "places.gva.state_acc", "places.gva.event_point_acc161",
    "dates.timex.strict", "dates.timex.overlap", "dates.timex.value_acc",
    "casualties.event.killed.exact_acc", "casualties.event.injured.exact_acc",
    "casualties.article.killed.exact_acc", "casualties.article.killed.mae",
    "casualties.article.killed.naive_exact_acc", "casualties.article.killed.naive_mae",
    "casualties.article.injured.exact_acc", "casualties.article.injured.mae",
    "casualties.article.injured.naive_exact_acc",
    "attributions.recall_with_source", "attributions.kind_acc",
    "attributions.source.exact", "attributions.source.overlap", "attributions.cue.exact", "attributions.cue.overlap",
    "attributions.content.exact", "attributions.content.overlap",
]


@dataclass
class DatasetResult:
    file: str
    dataset: str                      # label, e.g. gvdb_dev, annotations/seed
    format: Optional[str] = None      # gold format: claimscope | gvdb | gva | polnear | gwn | timex
    half: str = "all"                 # tune | check | all (pipeline.eval.halves)
    scores: Scores = field(default_factory=Scores)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    naive_source: str = ""
    totals_source: str = ""

    def ordered_keys(self) -> list[str]:
        keys = [k for k in LABELS if k in self.scores.metrics]
        return keys + [k for k in self.scores.metrics if k not in LABELS]

    def as_dict(self, worst: int) -> dict:
        sc = self.scores
        return {
            "file": self.file, "dataset": self.dataset, "format": self.format, "half": self.half,
            "documents": sc.articles, "articles": sc.articles,
            "skipped": [{"source": s.source, "doc_id": s.doc_id, "reason": s.reason} for s in self.skipped],
            "extraction_errors": sc.extraction_errors, "notes": sc.notes, "seconds": round(self.seconds, 2),
            "baselines": {"naive_counts": self.naive_source, "article_totals": self.totals_source},
            "metrics": {k: sc.metrics[k].as_dict() for k in self.ordered_keys()},
            "worst": {f: [c.as_dict() for c in sc.worst(f, worst)] for f in sorted(sc.errors)},
        }


def _fmt(x: Optional[float], pct: bool = True) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if pct else f"{x:.2f}"


def _cells(m) -> tuple[str, str, str, str, str]:
    """(P, R, F1, value, n) as text."""
    if isinstance(m, PRF):
        return _fmt(m.precision), _fmt(m.recall), _fmt(m.f1), "", str(m.n)
    if isinstance(m, MAE):
        return "", "", "", _fmt(m.value, pct=False), str(m.n)
    return "", "", "", _fmt(m.value), str(m.n)


def _score(m) -> str:
    if isinstance(m, PRF):
        return _fmt(m.f1)
    return _fmt(m.value, pct=not isinstance(m, MAE))


def label(key: str) -> str:
    return LABELS.get(key, key)


def _header_line(r: DatasetResult) -> str:
    sc = r.scores
    parts = [f"half {r.half}: {sc.articles} documents scored", f"{len(r.skipped)} skipped", f"{r.seconds:.1f} s"]
    if sc.extraction_errors:
        parts.append(f"{sc.extraction_errors} extraction errors (scored as empty)")
    return ", ".join(parts)


def print_table(console: Console, r: DatasetResult, worst: int) -> None:
    console.print(f"\n[bold]{r.dataset}[/] ({r.file}), {_header_line(r)}")
    for s in r.skipped:
        console.print(f"  [yellow]skipped[/] {s.source}: {s.reason}")
    for n in r.scores.notes:
        console.print(f"  [yellow]note[/] {n}")
    if not r.scores.metrics:
        console.print("  (nothing scored)")
        return
    t = Table("metric", "P", "R", "F1", "acc / MAE", "n", title=f"{r.dataset} ({r.half} half)", title_justify="left")
    for k in r.ordered_keys():
        t.add_row(label(k), *_cells(r.scores.metrics[k]))
    console.print(t)
    if "casualties.article.killed.naive_exact_acc" in r.scores.metrics:
        console.print(f"  naive baseline: {r.naive_source}; article totals: {r.totals_source}")
    if worst <= 0:
        return
    if r.scores.errors:
        console.print(f"[bold]{r.dataset}: worst examples[/] (up to {worst} per field, one per article first)")
    for f in sorted(r.scores.errors):
        console.print(f"  [bold cyan]{f}[/]")
        for c in r.scores.worst(f, worst):
            console.print(f"    [dim]{c.doc_id}[/] {c.what}: gold [green]{escape(c.gold)}[/] · "
                          f"predicted [red]{escape(c.pred)}[/]", highlight=False)
            console.print(f"      {escape(c.snippet)}", style="dim", highlight=False, soft_wrap=False)


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def markdown(r: DatasetResult, worst: int) -> str:
    out = [f"### {r.dataset} ({r.half} half)", "", f"`{r.file}`, {_header_line(r)}", ""]
    for s in r.skipped:
        out.append(f"- skipped {s.source}: {_md_escape(s.reason)}")
    if r.skipped:
        out.append("")
    if r.scores.metrics:
        out += ["| metric | P | R | F1 | acc / MAE | n |", "|---|---:|---:|---:|---:|---:|"]
        for k in r.ordered_keys():
            out.append(f"| {label(k).strip()} | " + " | ".join(_cells(r.scores.metrics[k])) + " |")
        out.append("")
    if worst > 0 and r.scores.errors:
        out += ["| field | doc | error | gold | predicted | context |", "|---|---|---|---|---|---|"]
        for f in sorted(r.scores.errors):
            for c in r.scores.worst(f, worst):
                # texts we did not write are cited by offsets, never quoted (content rule)
                ctx = c.snippet if c.text_is_ours else (f"chars {c.start}–{c.end}" if c.start is not None else "")
                g, p = c.gold, c.pred
                if not c.text_is_ours and f.startswith("attributions.") and f != "attributions.kind":
                    g, p = ("(text)" if g != "—" else g), ("(text)" if p != "—" else p)  # sentences: not quoted
                out.append(f"| {f} | {c.doc_id} | {c.what} | {_md_escape(g)} | {_md_escape(p)} | "
                           f"{_md_escape(ctx)} |")
        out.append("")
    return "\n".join(out)


def scoreboard_rows(results: list[DatasetResult]) -> list[dict]:
    rows = []
    for r in results:
        for k in SCOREBOARD_KEYS:
            m = r.scores.metrics.get(k)
            if m is None or m.n == 0:
                continue
            rows.append({
                "dataset": r.dataset, "half": r.half, "metric": k, "label": label(k).strip(), "score": _score(m),
                "precision": _fmt(m.precision) if isinstance(m, PRF) else "",
                "recall": _fmt(m.recall) if isinstance(m, PRF) else "", "n": m.n,
                "kind": "F1" if isinstance(m, PRF) else "MAE" if isinstance(m, MAE) else "acc",
            })
    return rows


def _board_label(row: dict) -> str:
    return f"{row['label']} (F1)" if row["kind"] == "F1" else row["label"]


def _halves(results: list[DatasetResult]) -> list[str]:
    out: list[str] = []
    for r in results:
        if r.half not in out:
            out.append(r.half)
    return out


def side_by_side(results: list[DatasetResult]) -> tuple[list[str], list[dict]]:
    """(halves, rows): one row per dataset and metric with `cells[half] = (score, n)` ("–", 0 when the half
    has no such figure), datasets and metrics in the order the results give them."""
    halves = _halves(results)
    rows: dict[tuple[str, str], dict] = {}
    for row in scoreboard_rows(results):
        key = (row["dataset"], row["metric"])
        rows.setdefault(key, {"dataset": row["dataset"], "metric": row["metric"], "label": _board_label(row),
                              "cells": {}})["cells"][row["half"]] = (row["score"], row["n"])
    order = {k: i for i, k in enumerate(SCOREBOARD_KEYS)}
    datasets = list(dict.fromkeys(r.dataset for r in results))
    ordered = sorted(rows.values(), key=lambda x: (datasets.index(x["dataset"]), order[x["metric"]]))
    for x in ordered:
        for h in halves:
            x["cells"].setdefault(h, ("–", 0))
    return halves, ordered


def _documents(results: list[DatasetResult]) -> str:
    parts = []
    for r in results:
        extra = f" (+{len(r.skipped)} skipped)" if r.skipped else ""
        parts.append(f"{r.dataset} {r.half} {r.scores.articles}{extra}")
    return ", ".join(parts)


def scoreboard_markdown(results: list[DatasetResult], measured: str) -> str:
    """The combined scoreboard. One half: score, P, R, n. Several (make eval: tune and check): one column
    and its n per half, side by side."""
    halves = _halves(results)
    if len(halves) <= 1:
        h = halves[0] if halves else "all"
        out = [f"Measured {measured} with `make eval`, {h} half (F1 for P/R rows, accuracy or MAE otherwise).", "",
               "| dataset | metric | score | P | R | n |", "|---|---|---:|---:|---:|---:|"]
        for row in scoreboard_rows(results):
            out.append(f"| {row['dataset']} | {_board_label(row)} | {row['score']} | {row['precision']} | "
                       f"{row['recall']} | {row['n']} |")
    else:
        halves, rows = side_by_side(results)
        out = [f"Measured {measured} with `make eval`: {' and '.join(halves)} halves side by side "
               "(F1 for P/R rows, accuracy or MAE otherwise; n = gold items).", "",
               "| dataset | metric | " + " | ".join(f"{h} | n" for h in halves) + " |",
               "|---|---|" + "---:|---:|" * len(halves)]
        for x in rows:
            out.append(f"| {x['dataset']} | {x['label']} | "
                       + " | ".join(f"{x['cells'][h][0]} | {x['cells'][h][1]}" for h in halves) + " |")
    out += ["", f"Documents: {_documents(results)}."]
    return "\n".join(out)


def print_scoreboard(console: Console, results: list[DatasetResult], measured: str) -> None:
    halves, rows = side_by_side(results)
    cols = [c for h in halves for c in (h, "n")]
    t = Table("dataset", "metric", *cols, title=f"scoreboard ({measured})", title_justify="left")
    for x in rows:
        t.add_row(x["dataset"], x["label"], *[str(v) for h in halves for v in x["cells"][h]])
    console.print(t)


def to_json(results: list[DatasetResult], worst: int, measured: str) -> str:
    doc = {"schema": SCHEMA, "measured": measured, "datasets": [r.as_dict(worst) for r in results],
           "scoreboard": scoreboard_rows(results)}
    return json.dumps(doc, ensure_ascii=False, indent=1)


__all__ = ["DatasetResult", "print_table", "markdown", "scoreboard_markdown", "print_scoreboard", "to_json",
           "Acc", "PRF", "MAE"]
