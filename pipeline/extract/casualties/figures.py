"""The one figure per casualty kind a user reads for an event (`events[].figures`), and the article's figure.

An event often carries several casualty mentions of one kind: the same victims told twice ("a man was shot
and killed" ... "the victim died"), a figure and its breakdown, a first and a revised toll, two sources.
`event_figures(casualties)` turns one event's mentions into one `Figure` per kind, by the rule below (the
rule that produced a figure is named on it, `rule`). Every mention stays in `events[].casualties` with its
`attribution_ids`, so the figures that did not win remain queryable (table `casualties`, by `event_id`).

The rule, per kind, over the event's casualty mentions of that kind with a count:

1. `revised`: when a total is a stated revision ("revised the toll to 89"), the latest revision in the
   text wins over every other total of the kind, also when it is lower.
2. `largest-total`: else the largest stated total (`total: true`) wins. Repeated mentions of the same
   victims are not added up, and of conflicting totals (two sources, an early and a later toll) the
   largest wins, since tolls grow as reports come in; the figure carries the winner's `attribution_ids`.
   For kinds that may count the dead too (`injured`: "two people were shot", "the victim was brought to a
   hospital", or an injured figure told before every death of the event and not smaller than it, "two were
   wounded ... one of them died") such a soft figure counts only for what exceeds the event's killed
   figure (`;net-of-killed`).
3. `+additional`: a total flagged `additional` ("another man was wounded", "a second victim") is added to
   the winner when a figure of the kind comes before it (for the kinds in ADDITIVE_KINDS).
4. `implied`: minima implied by the incident noun ("a fatal shooting": killed >= 1, "a double shooting":
   hit >= 2) count only when they exceed what the rest gives (injured: net of killed).
5. Figures flagged `aggregate_or_other_period` ("since 2013", "last year") take no part in 1-4; an event
   whose only totals of the kind are such figures gets the largest of them (`aggregate-only`).
6. `sum-of-groups`: an event with no total of the kind gets the sum of its breakdown groups.

`low` and `high` are the winner's, shifted by what the rule adds or subtracts (None when a part has none).

`article_figures(extraction)` is the article-level figure, as the DuckDB view `article_figures` returns it:
the figures of the article's main incident, the event with the largest killed figure, then the largest
injured figure, the first in text order on ties (figures that are only running totals, rule
`aggregate-only`, neither choose nor are returned).

Measured on the GVDB dev tune half (one incident per article) and our annotations (several per article).
"""
from __future__ import annotations

from typing import Iterable, Optional

from pipeline.extract.casualties.component import HOSPITAL_FLAG, KINDS, SHOT_FLAG
from pipeline.types import Casualty, Event, Extraction, Figure

# combination switches, each measured on GVDB dev
ADDITIVE_KINDS = ("injured",)  # "another man was wounded" adds up; for killed, adding lost accuracy
MAY_INCLUDE_KILLED = ("injured",)  # kinds whose soft figures ("shot", "hospitalized") may count the dead
LATE_KILLED_SOFT = True  # "two were wounded ... one of them died": the injured figure may include the dead
SOFT_FLAGS = (SHOT_FLAG, "singular_may_include_killed", HOSPITAL_FLAG)
AGGREGATE_FLAG = "aggregate_or_other_period"
IMPLIED_FLAG = "implied_min"
ADDITIONAL_FLAG = "additional"
REVISED_RULE = "toll:revised"
AGGREGATE_FALLBACK = True  # an event whose only totals of a kind are flagged aggregate still gets the largest
AGGREGATE_RULE = "aggregate-only"


def _shift(c: Casualty, count: int) -> tuple[Optional[int], Optional[int]]:
    """The mention's low/high moved by as much as its count was moved to `count` (floored at 0)."""
    d = count - c.count
    return (None if c.low is None else max(c.low + d, 0)), (None if c.high is None else max(c.high + d, 0))


def _ids(cs: Iterable[Casualty]) -> list[str]:
    out: list[str] = []
    for c in cs:
        out += [i for i in c.attribution_ids if i not in out]
    return out


def _sum(vals: list[Optional[int]]) -> Optional[int]:
    return None if any(v is None for v in vals) else sum(vals)


def _mentions(casualties: list[Casualty], kind: str) -> list[Casualty]:
    return sorted((c for c in casualties if c.kind == kind and c.count is not None and AGGREGATE_FLAG not in c.flags),
                  key=lambda c: (c.span.start, c.span.end))


def _is_soft(c: Casualty, kind: str, killed: list[Casualty], k: int) -> bool:
    if kind not in MAY_INCLUDE_KILLED:
        return False
    if any(f in c.flags for f in SOFT_FLAGS):
        return True
    # "Two people were wounded ... one of them died": every killed figure comes after the injured one and does
    # not exceed it (46 killed after "wounding three policemen" are other victims)
    return LATE_KILLED_SOFT and bool(killed) and all(q.span.start > c.span.end for q in killed) and k <= c.count


def _base(totals: list[Casualty], kind: str, killed_figs: list[Casualty], k: int) -> Optional[Figure]:
    """Rules 1-2: the winning total (a revision, else the largest; soft injured figures net of killed)."""
    revised = [c for c in totals if (c.rule or "").startswith(REVISED_RULE)]
    if revised:
        w = revised[-1]
        lo, hi = w.low, w.high
        return Figure(count=w.count, low=lo, high=hi, attribution_ids=list(w.attribution_ids), rule="revised")
    best: Optional[tuple[int, int, Casualty, bool]] = None
    for i, c in enumerate(totals):
        soft = _is_soft(c, kind, killed_figs, k)
        val = max(c.count - k, 0) if soft else c.count
        if best is None or val > best[0]:
            best = (val, i, c, soft)
    if best is None:
        return None
    val, _, w, soft = best
    lo, hi = _shift(w, val)
    return Figure(count=val, low=lo, high=hi, attribution_ids=list(w.attribution_ids),
                  rule="largest-total" + (";net-of-killed" if soft else ""))


def _add(fig: Figure, extra: list[Casualty]) -> Figure:
    """Rule 3: the `additional` figures on top of the winner."""
    return Figure(count=fig.count + sum(c.count for c in extra), low=_sum([fig.low] + [c.low for c in extra]),
                  high=_sum([fig.high] + [c.high for c in extra]), attribution_ids=_ids([fig] + extra),
                  rule=fig.rule + "+additional")


def kind_figure(casualties: list[Casualty], kind: str, killed: Optional[int] = None) -> Optional[Figure]:
    """One event's figure of one kind (rules 1-5 of the module docstring); None when it states none.
    `killed` is the event's killed figure, which soft injured figures are net of."""
    ms = _mentions(casualties, kind)
    totals = [c for c in ms if c.total]
    implied = [c for c in totals if IMPLIED_FLAG in c.flags]
    totals = [c for c in totals if IMPLIED_FLAG not in c.flags]
    killed_figs = [c for c in _mentions(casualties, "killed") if c.total and IMPLIED_FLAG not in c.flags]
    k = killed or 0

    def is_extra(c: Casualty) -> bool:  # "another man": on top only when an earlier figure exists
        return (kind in ADDITIVE_KINDS and ADDITIONAL_FLAG in c.flags
                and any(q.span.start < c.span.start and ADDITIONAL_FLAG not in q.flags for q in totals))

    extra = [c for c in totals if is_extra(c)]
    fig = _base([c for c in totals if not is_extra(c)], kind, killed_figs, k)
    if fig is not None and extra:
        fig = _add(fig, extra)
    if implied:  # "a double shooting": at least two hit, the dead included
        w = max(implied, key=lambda c: c.count)
        floor = max(w.count - k, 0) if kind in MAY_INCLUDE_KILLED else w.count
        if fig is None or floor > fig.count:
            lo, hi = _shift(w, floor)
            fig = Figure(count=floor, low=lo, high=hi, attribution_ids=list(w.attribution_ids), rule="implied")
    if fig is None and AGGREGATE_FALLBACK:
        agg = [c for c in casualties if c.kind == kind and c.count is not None and c.total and AGGREGATE_FLAG in c.flags]
        if agg:
            w = max(agg, key=lambda c: c.count)
            fig = Figure(count=w.count, low=w.low, high=w.high, attribution_ids=list(w.attribution_ids),
                         rule=AGGREGATE_RULE)
    if fig is None:
        groups = [c for c in ms if not c.total]
        if groups:
            fig = Figure(count=sum(c.count for c in groups), low=_sum([c.low for c in groups]),
                         high=_sum([c.high for c in groups]), attribution_ids=_ids(groups), rule="sum-of-groups")
    return fig


def event_figures(casualties: list[Casualty]) -> dict[str, Figure]:
    """The figure of every casualty kind one event states, killed first (injured figures are net of it)."""
    out: dict[str, Figure] = {}
    killed = kind_figure(casualties, "killed")
    for kind in KINDS:
        fig = killed if kind == "killed" else kind_figure(casualties, kind, killed.count if killed else None)
        if fig is not None:
            out[kind] = fig
    return out


def _ranked(ev: Event) -> dict[str, Figure]:
    """The figures an article-level choice may use: never a running total (`aggregate-only`)."""
    return {k: f for k, f in ev.figures.items() if f.rule != AGGREGATE_RULE}


def main_incident(ex: Extraction) -> Optional[Event]:
    """The article's main incident: among the events with a figure (not the aggregates), the one with the largest killed figure,
    then the largest injured figure, the first in text order on ties (the view `article_figures` orders alike)."""
    best, key = None, None
    for ev in sorted(ex.events, key=lambda e: (e.span.start, e.span.end)):
        if ev.type == "aggregate":
            continue  # a toll over a period or area is no incident
        figs = _ranked(ev)
        if not figs:
            continue
        k = (figs["killed"].count if "killed" in figs else 0, figs["injured"].count if "injured" in figs else 0)
        if key is None or k > key:
            best, key = ev, k
    return best


def article_figures(ex: Extraction) -> dict[str, Figure]:
    """The article-level figure per kind, as the DuckDB view `article_figures` returns it: the figures of the
    article's main incident (a kind it states no figure of is absent)."""
    ev = main_incident(ex)
    return _ranked(ev) if ev is not None else {}
