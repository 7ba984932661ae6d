"""Scoring one article's extraction against its gold, accumulated per dataset.

Metric keys are stable (`field.sub.measure`); see README "eval" for what each means. Three kinds:
`PRF` (true/false positives, false negatives -> precision, recall, F1), `Acc` (correct / n) and `MAE`
(mean absolute error). An empty prediction scores recall 0 and precision 0 (no division-by-zero 1.0).
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pipeline.eval.gold import (
    F_ARTICLE_CASUALTIES, F_ATTR_KIND, F_ATTRIBUTIONS, F_DATES, F_EVENTS, F_GVDB, F_RESOLUTION, F_TOPONYMS,
    GEvent, GoldDoc, find_stated_date,
)
from pipeline.eval.match import dice, greedy, match_events, match_spans, norm, overlaps, same_place
from pipeline.extract.casualties.figures import article_figures
from pipeline.types import Event, Extraction, Span

KINDS = ("killed", "injured")


# --- metric accumulators ----------------------------------------------------------------------------
@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (None if not self.fn else 0.0)

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def n(self) -> int:
        return self.tp + self.fn

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_dict(self) -> dict:
        return {"type": "prf", "precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "n": self.n}

    @property
    def value(self) -> Optional[float]:
        return self.f1


@dataclass
class Acc:
    correct: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(bool(ok))
        self.n += 1

    @property
    def value(self) -> Optional[float]:
        return self.correct / self.n if self.n else None

    def as_dict(self) -> dict:
        return {"type": "acc", "value": _r(self.value), "correct": self.correct, "n": self.n}


@dataclass
class MAE:
    total: float = 0.0
    n: int = 0

    def add(self, err: float) -> None:
        self.total += abs(err)
        self.n += 1

    @property
    def value(self) -> Optional[float]:
        return self.total / self.n if self.n else None

    def as_dict(self) -> dict:
        return {"type": "mae", "value": _r(self.value), "n": self.n}


def _r(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x, 4)


@dataclass(order=True)
class ErrorCase:
    severity: float
    seq: int
    fld: str = field(compare=False)
    doc_id: str = field(compare=False)
    what: str = field(compare=False)          # missed | spurious | wrong
    gold: str = field(compare=False)
    pred: str = field(compare=False)
    start: Optional[int] = field(compare=False, default=None)
    end: Optional[int] = field(compare=False, default=None)
    snippet: str = field(compare=False, default="")
    text_is_ours: bool = field(compare=False, default=False)

    def as_dict(self) -> dict:
        return {"field": self.fld, "doc_id": self.doc_id, "what": self.what, "gold": self.gold, "pred": self.pred,
                "start": self.start, "end": self.end, "snippet": self.snippet, "severity": round(self.severity, 3)}


KEEP_ERRORS = 40  # per field, the most severe kept while streaming


class Scores:
    """Metrics and the worst error cases of one dataset."""

    def __init__(self) -> None:
        self.metrics: dict[str, Any] = {}
        self.errors: dict[str, list[ErrorCase]] = {}
        self.articles = 0
        self.extraction_errors = 0
        self._seq = 0
        self.notes: list[str] = []

    def prf(self, key: str) -> PRF:
        return self.metrics.setdefault(key, PRF())

    def acc(self, key: str) -> Acc:
        return self.metrics.setdefault(key, Acc())

    def mae(self, key: str) -> MAE:
        return self.metrics.setdefault(key, MAE())

    def error(self, fld: str, gold: GoldDoc, what: str, g: Any, p: Any, where: Optional[tuple[int, int]],
              severity: float = 1.0) -> None:
        self._seq += 1
        heap = self.errors.setdefault(fld, [])
        # min-heap on (severity, -seq): keeps the most severe, earliest first on ties
        case = ErrorCase(severity, -self._seq, fld, gold.doc_id, what, _show(g), _show(p),
                         where[0] if where else None, where[1] if where else None,
                         snippet(gold.text, where), gold.text_is_ours)
        if len(heap) < KEEP_ERRORS:
            heapq.heappush(heap, case)
        elif case > heap[0]:
            heapq.heapreplace(heap, case)

    def worst(self, fld: str, n: int) -> list[ErrorCase]:
        """The n worst cases of a field, at most one per article first (then the rest by severity)."""
        cases = sorted(self.errors.get(fld, []), reverse=True)
        first, rest, seen = [], [], set()
        for c in cases:
            (rest if c.doc_id in seen else first).append(c)
            seen.add(c.doc_id)
        return (first + rest)[:n]


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, (tuple, list)) and len(v) == 2 and all(isinstance(x, (str, type(None))) for x in v):
        return v[0] if v[0] == v[1] else f"{v[0]}..{v[1]}"
    return str(v)


def snippet(text: str, where: Optional[tuple[int, int]], width: int = 60) -> str:
    """A short window of text around [start, end), the span marked ⟦…⟧, whitespace folded."""
    if not where:
        return re.sub(r"\s+", " ", text[: 2 * width]).strip() + "…"
    s, e = max(0, where[0]), min(len(text), where[1])
    e = min(e, s + 200)
    left, mid, right = text[max(0, s - width):s], text[s:e], text[e:e + width]
    fold = lambda t: re.sub(r"\s+", " ", t)  # noqa: E731
    return ("…" if s > width else "") + fold(left) + "⟦" + fold(mid) + "⟧" + fold(right) + ("…" if e + width < len(text) else "")


# --- views: gold and predicted events on one footing --------------------------------------------------
def _sp(span: Optional[Span]) -> tuple:
    return ((span.start, span.end),) if span is not None and span.end > span.start else ()


def _first(spans: tuple) -> Optional[tuple[int, int]]:
    return (spans[0][0], spans[-1][1]) if spans else None


@dataclass
class EventView:
    span: tuple
    value_spans: list
    date: Optional[tuple]          # (start, end) ISO or None
    granularity: Optional[str]
    date_span: tuple
    place_keys: set
    places: list                   # [(name, id, lat, lon, spans)] most specific first
    counts: dict                   # kind -> count (None when the event names no figure of that kind)
    type: Optional[str] = None
    country: Optional[str] = None  # the event's country (gold: GEvent.country; predicted: Event.country)


# figures that may count other kinds too ("nine people shot" includes the dead; "a double shooting" is a minimum)
SOFT_FLAGS = {"shot_may_include_killed", "singular_may_include_killed", "hospitalized_may_include_killed",
              "implied_min"}


def event_count(casualties: list, kind: str) -> Optional[int]:
    """A gold event's figure for one kind, from its annotated casualties (the predicted side is the product's
    `events[].figures`): the largest total (`total: true`) count — several totals are
    conflicting reports of the same figure — among the firm ones (a figure flagged as possibly counting
    other kinds counts only when there is no firm one), plus the figures flagged `additional` ("another
    20"); else the sum of the breakdown groups; else None."""
    totals = [c for c in casualties if c.kind == kind and c.total and c.count is not None]
    firm = [c for c in totals if not set(getattr(c, "flags", None) or ()) & SOFT_FLAGS]
    if totals:
        # "nine people were shot, police said" (may include the dead) yields to a firm figure;
        # "another 12 were treated for cuts" adds to the figure before it
        pool = firm or totals
        extra = [c.count for c in pool if "additional" in (getattr(c, "flags", None) or ())]
        base = [c.count for c in pool if "additional" not in (getattr(c, "flags", None) or ())]
        return (max(base) if base else 0) + sum(extra)
    groups = [c.count for c in casualties if c.kind == kind and not c.total and c.count is not None]
    return sum(groups) if groups else None


def _keys(places: list) -> set:
    out = set()
    for name, gid, *_ in places:
        if gid is not None:
            out.add(("id", int(gid)))
        if name:
            out.add(("name", name.strip().lower()))
    return out


def gold_view(e: GEvent) -> EventView:
    places = [(p.name, p.geonameid, p.lat, p.lon, p.span) for p in e.places]
    values = [c.span for c in e.casualties if c.span] + [p.span for p in e.places if p.span]
    if e.date and e.date.span:
        values.append(e.date.span)
    counts = {k: event_count(e.casualties, k) for k in KINDS}
    for k in KINDS:
        if getattr(e, k) is not None:
            counts[k] = getattr(e, k)
    return EventView(
        span=e.span, value_spans=values, date=(e.date.start, e.date.end) if e.date and e.date.start else None,
        granularity=e.date.granularity if e.date else None, date_span=e.date.span if e.date else (),
        place_keys=_keys(places), places=places, counts=counts, type=e.type, country=e.country,
    )


def pred_view(e: Event) -> EventView:
    places = [(p.name, p.geonameid, p.lat, p.lon, _sp(p.span)) for p in e.places]
    values = [_sp(c.span) for c in e.casualties] + [_sp(p.span) for p in e.places]
    if e.date and e.date.span:
        values.append(_sp(e.date.span))
    d = e.date
    return EventView(
        span=_sp(e.span), value_spans=[v for v in values if v],
        date=(d.start, d.end) if d and d.start else None, granularity=d.granularity if d else None,
        date_span=_sp(d.span) if d else (), place_keys=_keys(places), places=places,
        counts=figure_counts(e), type=e.type, country=e.country,
    )


def figure_counts(e: Event) -> dict:
    """The product's figure of each scored kind for one event (`events[].figures`; None when it has none)."""
    return {k: e.figures[k].count if k in e.figures else None for k in KINDS}


def primary_event(ex: Extraction) -> Optional[Event]:
    """For one-incident articles (GVDB), whose date and place are scored: the first predicted event (text
    order) with a killed or injured figure, else the first predicted event. (Taking the main incident of
    `article_figures` instead scored the GVDB tune half's event date 66/114 against 67/114.)"""
    evs = sorted(ex.events, key=lambda e: e.span.start)
    for e in evs:
        if any(c.kind in KINDS for c in e.casualties):
            return e
    return evs[0] if evs else None


# --- article-level figures as the views return them, and the naive baseline --------------------------
def article_figure_counts(ex: Extraction) -> dict:
    """View `article_figures`: the figures of the article's main incident (one-incident articles, GVDB)."""
    figs = article_figures(ex)
    return {k: figs[k].count if k in figs else None for k in KINDS}


def article_event_sums(ex: Extraction) -> dict:
    """`SELECT sum(killed), sum(injured) FROM event_figures WHERE incident GROUP BY article`: the article's
    incidents added up (articles telling several incidents, our annotations); aggregate tolls are no incident."""
    out = {}
    for k in KINDS:
        vals = [e.figures[k].count for e in ex.events if k in e.figures and e.type != "aggregate"]
        out[k] = sum(vals) if vals else None
    return out


_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUM_WORDS.update({"a dozen": 12, "dozen": 12, "no": 0, "none": 0, "thirty": 30, "forty": 40, "fifty": 50})
_NUM_RE = re.compile(r"\b(\d{1,4}|a dozen|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")\b", re.I)
_CUE_RE = {
    "killed": re.compile(r"\b(kill(?:ed|ing|s)?|dead|died|dies|deaths?|slain|fatal(?:ly)?|murder(?:ed)?|lives)\b", re.I),
    "injured": re.compile(r"\b(injur(?:ed|ies|y|ing)|wound(?:ed|ing|s)?|hurt|hospitali[sz]ed)\b", re.I),
}


def _fallback_naive_counts(text: str) -> dict:
    """Naive baseline: for the first casualty word of each kind, the number nearest to it in the same
    sentence (digits or number words up to twenty, 'a dozen'); a casualty word with no number counts 1
    ("a man was killed"); no casualty word at all -> 0."""
    out = {}
    for kind, cue in _CUE_RE.items():
        m = cue.search(text)
        if not m:
            out[kind] = 0
            continue
        s0 = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        e0 = min([i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0] or [len(text)])
        best = None
        for n in _NUM_RE.finditer(text, s0, e0):
            if re.match(r"(?:19|20)\d\d$", n.group(1)):
                continue
            dist = min(abs(n.start() - m.end()), abs(m.start() - n.end()))
            if best is None or dist < best[0]:
                best = (dist, n.group(1).lower())
        out[kind] = 1 if best is None else int(best[1]) if best[1].isdigit() else _NUM_WORDS.get(best[1], 1)
    return out


class Casualties:
    """The naive baseline `naive_counts(text)` of pipeline.eval.baselines when it loads, else this module's
    simple fallback (the report says which). Our own figures are not computed here: the eval reads the
    product's `events[].figures` and `article_figures`."""

    totals_source = "events[].figures; pipeline.extract.casualties.figures.article_figures"

    def __init__(self) -> None:
        try:
            from pipeline.eval.baselines import naive_counts
        except Exception:  # noqa: BLE001 - a broken module must not stop the eval
            naive_counts = None
        self._naive = naive_counts
        self.naive_source = "pipeline.eval.baselines.naive_counts" if self._naive else "eval fallback"
        self.failures = 0
        self.last_error = ""

    @staticmethod
    def _as_dict(res) -> dict:
        if isinstance(res, dict):
            return {k: res.get(k) for k in KINDS}
        if isinstance(res, (tuple, list)) and len(res) >= 2:
            return {"killed": res[0], "injured": res[1]}
        return {k: getattr(res, k, None) for k in KINDS}

    def naive(self, text: str) -> dict:
        if self._naive:
            try:
                return self._as_dict(self._naive(text))
            except Exception as exc:  # noqa: BLE001
                self.failures += 1
                self.last_error = f"naive_counts: {type(exc).__name__}: {exc}"
        return _fallback_naive_counts(text)


# --- scoring one article ----------------------------------------------------------------------------
def _num(v) -> int:
    return int(v) if v is not None else 0


def _score_counts(sc: Scores, gold: GoldDoc, prefix: str, g: dict, p: dict, naive: Optional[dict],
                  where: Optional[tuple[int, int]]) -> None:
    for k in KINDS:
        if g.get(k) is None:
            continue
        gv, pv = int(g[k]), p.get(k)
        ok = pv is not None and int(pv) == gv
        sc.acc(f"{prefix}.{k}.exact_acc").add(ok)
        sc.mae(f"{prefix}.{k}.mae").add(_num(pv) - gv)
        if naive is not None:
            sc.acc(f"{prefix}.{k}.naive_exact_acc").add(naive.get(k) is not None and int(naive[k]) == gv)
            sc.mae(f"{prefix}.{k}.naive_mae").add(_num(naive.get(k)) - gv)
        if not ok:
            sc.error(f"{prefix}.{k}", gold, "wrong" if pv is not None else "missed", gv, pv, where,
                     severity=1 + abs(_num(pv) - gv))


def _place_ok(gp: tuple, pp: tuple) -> bool:
    gname, gid, glat, glon, gspan = gp
    pname, pid, plat, plon, pspan = pp
    if same_place(gid, glat, glon, pid, plat, plon):
        return True
    if gspan and pspan and overlaps(gspan, pspan):
        return True
    return bool(gname and pname and gname.strip().lower() == pname.strip().lower())


EVENT_CLASSES = {"political": "political", "aggregate": "aggregate", "arrest": "arrest_kidnap_displacement_operation",
                 "kidnapping": "arrest_kidnap_displacement_operation", "displacement":
                 "arrest_kidnap_displacement_operation", "operation": "arrest_kidnap_displacement_operation"}


def event_class(typ: str) -> str:
    """The class a gold event's recall is reported in: political acts, aggregates, arrests/abductions/
    displacement/operations, or violent incidents (every other type)."""
    return EVENT_CLASSES.get(typ, "incident")


def score_events(sc: Scores, gold: GoldDoc, ex: Extraction) -> None:
    gviews = [gold_view(e) for e in gold.events]
    pviews = [pred_view(e) for e in ex.events]
    pairs = dict(match_events(gviews, pviews))
    matched_p = set(pairs.values())
    sc.prf("events.match").add(len(pairs), len(pviews) - len(pairs), len(gviews) - len(pairs))
    for i, g in enumerate(gviews):
        p = pviews[pairs[i]] if i in pairs else None
        where = _first(g.span) or _first(g.value_spans[0] if g.value_spans else ())
        if g.type:
            sc.acc(f"events.found.{event_class(g.type)}").add(p is not None)
        if p is None:
            sc.error("events.match", gold, "missed", gold.events[i].type or "event", None, where)
        elif g.type:
            ok = p.type == g.type
            sc.acc("events.type_acc").add(ok)
            if not ok:
                sc.error("events.type", gold, "wrong", g.type, p.type, _first(p.span) or where)
        if g.date:
            ok = p is not None and p.date == g.date
            sc.acc("dates.event.interval_acc").add(ok)
            sc.acc("dates.event.granularity_acc").add(p is not None and p.granularity == g.granularity)
            if not ok:
                sc.error("dates.event", gold, "wrong" if p is not None and p.date else "missed",
                         f"{_show(g.date)} ({g.granularity})",
                         f"{_show(p.date)} ({p.granularity})" if p is not None and p.date else None,
                         _first(g.date_span) or where)
        if g.places:
            ok = p is not None and bool(p.places) and _place_ok(g.places[0], p.places[0])
            sc.acc("places.event.acc").add(ok)
            if not ok:
                sc.error("places.event", gold, "wrong" if p is not None and p.places else "missed",
                         g.places[0][0], p.places[0][0] if p is not None and p.places else None,
                         _first(g.places[0][4]) or where)
        _score_country(sc, gold, g, p, where)
        _score_counts(sc, gold, "casualties.event", g.counts,
                      p.counts if p is not None else {k: None for k in KINDS}, None, where)
    for j, p in enumerate(pviews):
        if j not in matched_p:
            sc.error("events.match", gold, "spurious", None, p.type or "event", _first(p.span))


def _score_country(sc: Scores, gold: GoldDoc, g: EventView, p: Optional[EventView], where) -> None:
    """Matched gold events with a country: the predicted event has that country (`places.event.country_acc`)
    / has one at all (`places.event.country_given`). Missed events are counted by `events.match`, not here."""
    if not g.country or p is None:
        return
    ok = p.country == g.country
    sc.acc("places.event.country_acc").add(ok)
    sc.acc("places.event.country_given").add(p.country is not None)
    if not ok:
        sc.error("places.event.country", gold, "wrong" if p.country else "missed", g.country, p.country, where)


def _zero(d: dict) -> dict:
    """Article level: a kind the article names no figure for counts as 0."""
    return {k: (d.get(k) if d.get(k) is not None else 0) for k in KINDS}


def _article_where(text: str, ex: Extraction) -> Optional[tuple[int, int]]:
    """Where to show an article-level count error: the first predicted figure, else the first casualty word."""
    spans = sorted((c.span.start, c.span.end) for c in ex.casualties if c.kind in KINDS)
    if spans:
        return spans[0]
    hits = [m for m in (_CUE_RE[k].search(text) for k in KINDS) if m]
    return min((m.start(), m.end()) for m in hits) if hits else None


def score_article_casualties(sc: Scores, gold: GoldDoc, ex: Extraction, cas: Casualties) -> None:
    """Our annotations (several incidents per article): gold = the sum of its incidents' figures, predicted =
    the same sum over the predicted incidents' `figures` (what `event_figures` summed per article returns,
    `WHERE incident`); aggregates take no part on either side."""
    g = {}
    for k in KINDS:
        vals = [gold_view(e).counts[k] for e in gold.events if e.type != "aggregate"]
        g[k] = sum(v for v in vals if v is not None)
    _score_counts(sc, gold, "casualties.article", g, _zero(article_event_sums(ex)),
                  _zero(cas.naive(gold.text)), _article_where(gold.text, ex))


def score_gvdb(sc: Scores, gold: GoldDoc, ex: Extraction, cas: Casualties) -> None:
    from pipeline.ingest.published import date_from_url

    if not gold.events:
        return
    ge = gold.events[0]
    _score_counts(sc, gold, "casualties.article", {"killed": ge.killed, "injured": ge.injured},
                  _zero(article_figure_counts(ex)), _zero(cas.naive(gold.text)), _article_where(gold.text, ex))
    prim = primary_event(ex)
    if ge.date and ge.date.start:
        stated = find_stated_date(gold.text, ge.date.start)
        url_date = date_from_url(gold.url or "")
        # "states the date": the day and month in the text, and a year one can know (written somewhere in the
        # text, or a publication date); a day without any knowable year cannot be resolved by anyone
        year_known = bool(gold.published) or ge.date.start[:4] in gold.text
        measurable = bool(stated and year_known or url_date)
        sc.acc("dates.gvdb.stated_share").add(measurable)
        if measurable:
            d = prim.date if prim else None
            ok = d is not None and d.start == ge.date.start and d.end == ge.date.start
            sc.acc("dates.event.interval_acc").add(ok)
            if not ok:
                sc.error("dates.event", gold, "wrong" if d and d.start else "missed", ge.date.start,
                         (d.start, d.end) if d and d.start else None,
                         stated or ((d.span.start, d.span.end) if d and d.span else None))
    if ge.places:
        gp = ge.places[0]
        where = _first(gp.span)
        gt = (gp.name, None, None, None, gp.span)
        pp = [(p.name, p.geonameid, p.lat, p.lon, _sp(p.span)) for p in (prim.places if prim else [])]
        ok = any(_place_ok(gt, x) for x in pp)
        sc.acc("places.city.event_acc").add(ok)
        if not ok:
            sc.error("places.city", gold, "wrong" if pp else "missed", gp.name, pp[0][0] if pp else None, where)
        if gp.span:
            allp = [(p.name, p.geonameid, p.lat, p.lon, _sp(p.span)) for p in ex.places]
            sc.acc("places.city.mention_recall").add(any(_place_ok(gt, x) for x in allp))


def score_attributions(sc: Scores, gold: GoldDoc, ex: Extraction) -> None:
    text = gold.text
    preds = ex.attributions
    comps = {
        "source": ([a.source for a in gold.attributions if a.source],
                   [_sp(a.source.span) for a in preds if a.source and a.source.span.end > a.source.span.start]),
        "cue": ([a.cue for a in gold.attributions if a.cue], [_sp(a.cue.span) for a in preds if _sp(a.cue.span)]),
        "content": ([a.content for a in gold.attributions if a.content],
                    [_sp(a.content.span) for a in preds if _sp(a.content.span)]),
    }
    for name, (gs, ps) in comps.items():
        for mode in ("exact", "overlap"):
            pairs = match_spans(gs, ps, mode, text)
            sc.prf(f"attributions.{name}.{mode}").add(len(pairs), len(ps) - len(pairs), len(gs) - len(pairs))
            if mode == "overlap":
                mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
                for i, g in enumerate(gs):
                    if i not in mg:
                        sc.error(f"attributions.{name}", gold, "missed", _span_text(text, g), None, _first(g))
                for j, p in enumerate(ps):
                    if j not in mp:
                        sc.error(f"attributions.{name}", gold, "spurious", None, _span_text(text, p), _first(p))

    # whole attributions: cue and content overlap (Dice), one-to-one
    gviews = [(a.cue, a.content) for a in gold.attributions]
    pviews = [(_sp(a.cue.span), _sp(a.content.span)) for a in preds]

    def score(g, p) -> float:
        c, t = dice(g[0], p[0]) if g[0] and p[0] else 0.0, dice(g[1], p[1]) if g[1] and p[1] else 0.0
        return c + t if (c or t) else 0.0

    pairs = dict(greedy(gviews, pviews, score))
    sc.prf("attributions.relation.overlap").add(len(pairs), len(preds) - len(pairs), len(gviews) - len(pairs))
    for i, ga in enumerate(gold.attributions):
        pa = preds[pairs[i]] if i in pairs else None
        psrc = _sp(pa.source.span) if pa is not None and pa.source else None
        # a pronoun source is right when the pronoun or the name it was resolved to is the gold source
        pres = _sp(pa.source.resolved.span) if pa is not None and pa.source and pa.source.resolved else None
        src_ok = pa is not None and ((ga.source is None and not psrc) or
                                     (bool(ga.source) and bool(psrc) and overlaps(ga.source, psrc)) or
                                     (bool(ga.source) and bool(pres) and overlaps(ga.source, pres)))
        sc.acc("attributions.recall_with_source").add(src_ok)
        if pa is not None and not src_ok:
            sc.error("attributions.source_of_match", gold, "wrong",
                     _span_text(text, ga.source) if ga.source else "(author)",
                     _span_text(text, psrc) if psrc else "(author)", _first(ga.cue) or _first(ga.content))
        if pa is not None and F_ATTR_KIND in gold.annotated and ga.kind:
            ok = pa.kind == ga.kind
            sc.acc("attributions.kind_acc").add(ok)
            if not ok:
                sc.error("attributions.kind", gold, "wrong", ga.kind, pa.kind, _first(ga.cue))
        if pa is not None and F_ATTR_KIND in gold.annotated and ga.hedged is not None:
            sc.acc("attributions.hedged_acc").add(bool(pa.hedged) == bool(ga.hedged))


def _span_text(text: str, spans) -> str:
    s = " … ".join(text[a:b] for a, b in norm(spans))
    return s if len(s) <= 80 else s[:77] + "…"


REFERENCE_COUNTING_GOLD = {"gwn"}
"""Gold whose toponyms include adjectival and embedded uses (GeoWebNews' Literal_Modifier, Embedded_Literal);
our own gold counts them as neither (annotations/README.md), so `places.with_refs` is not scored there."""


def score_toponyms(sc: Scores, gold: GoldDoc, ex: Extraction) -> None:
    """`places.toponym.*` and `places.resolution.*` score `places[]` (the `places` table); `places.with_refs.*`
    scores `places[]` and `references[]` together (`places` UNION `place_references`: demonyms and places inside
    organisation names, which GeoWebNews counts as toponyms when they are adjectival or literal), on such gold only."""
    score_place_spans(sc, gold, [p for p in ex.places if p.span.end > p.span.start], "places.toponym", True)
    if gold.dataset in REFERENCE_COUNTING_GOLD:
        both = [p for p in list(ex.places) + list(ex.references) if p.span.end > p.span.start]
        score_place_spans(sc, gold, both, "places.with_refs", False)


def score_place_spans(sc: Scores, gold: GoldDoc, preds: list, key: str, detail: bool) -> None:
    """Span P/R/F of predicted places against the counted gold toponyms (a don't-care span is neither hit nor
    false positive); with `detail`, the error cases and the resolution of the matched ones."""
    text = gold.text
    counted = [p for p in gold.places if p.counted and p.span]
    dont_care = [p for p in gold.places if not p.counted and p.span]
    pspans = [_sp(p.span) for p in preds]
    for mode in ("exact", "overlap"):
        pairs = match_spans([g.span for g in counted], pspans, mode, text)
        mp = {j for _, j in pairs}
        fp = 0
        for j, ps in enumerate(pspans):
            if j in mp:
                continue
            if any(overlaps(ps, d.span) for d in dont_care) and not any(overlaps(ps, g.span) for g in counted):
                continue  # on a don't-care span: neither hit nor false positive
            fp += 1
            if mode == "overlap" and detail:
                sc.error("places.toponym", gold, "spurious", None, preds[j].name, _first(ps))
        sc.prf(f"{key}.{mode}").add(len(pairs), fp, len(counted) - len(pairs))
        if mode == "overlap" and detail:
            mg = {i for i, _ in pairs}
            for i, g in enumerate(counted):
                if i not in mg:
                    sc.error("places.toponym", gold, "missed", g.name, None, _first(g.span))
            if F_RESOLUTION in gold.annotated:
                for i, j in pairs:
                    g, p = counted[i], preds[j]
                    if g.geonameid is not None:
                        ok = p.geonameid is not None and int(p.geonameid) == g.geonameid
                        sc.acc("places.resolution.exact_id").add(ok)
                    if g.geonameid is not None or (g.lat is not None and g.lon is not None):
                        ok = same_place(g.geonameid, g.lat, g.lon, p.geonameid, p.lat, p.lon)
                        sc.acc("places.resolution.acc161").add(ok)
                        if not ok:
                            sc.error("places.resolution", gold, "wrong",
                                     _where_is(g.name, g.geonameid, g.lat, g.lon),
                                     _where_is(p.name, p.geonameid, p.lat, p.lon), _first(g.span))


def _where_is(name, gid, lat, lon) -> str:
    parts = [f"id {gid}" if gid is not None else "no id",
             f"{lat:.2f},{lon:.2f}" if lat is not None and lon is not None else "no coords"]
    return f"{name} ({', '.join(parts)})"


def score_dates(sc: Scores, gold: GoldDoc, ex: Extraction) -> None:
    text = gold.text
    gd = [d for d in gold.dates if d.span]
    pd = [d for d in ex.dates if d.span is not None and d.span.end > d.span.start]
    ps = [_sp(d.span) for d in pd]
    for mode in ("exact", "overlap"):
        pairs = match_spans([d.span for d in gd], ps, mode, text)
        sc.prf(f"dates.mention.{mode}").add(len(pairs), len(ps) - len(pairs), len(gd) - len(pairs))
        if mode != "overlap":
            continue
        mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            g, p = gd[i], pd[j]
            ok = (g.start, g.end) == (p.start, p.end)
            sc.acc("dates.mention.value_acc").add(ok)
            if not ok:
                sc.error("dates.mention.value", gold, "wrong", f"{_show((g.start, g.end))} ({g.granularity})",
                         f"{_show((p.start, p.end))} ({p.granularity})", _first(g.span))
        for i, g in enumerate(gd):
            if i not in mg:
                sc.error("dates.mention", gold, "missed", _span_text(text, g.span), None, _first(g.span))
        for j, p in enumerate(ps):
            if j not in mp:
                sc.error("dates.mention", gold, "spurious", None, _span_text(text, p), _first(p))


ScoreFn = Callable[[Scores, GoldDoc, Extraction, Casualties], None]
