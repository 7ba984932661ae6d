"""Processed Doc + Article -> the typed `Extraction` (the only way values leave the pipeline).

Degrade, never drop: each value is built and its spans checked on its own. A value that cannot be built or whose
span does not match the text is dropped with a warning (`Extraction.warnings`); the article and its other values
are kept. Inside an event, a bad date, place, casualty or actor is dropped and the event kept; a bad event span
drops the event. Attribution and event ids are numbered over the values kept (at-1, at-2 ... in order).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc

from pipeline.extract._doc import values
from pipeline.extract._guard import WARNINGS_KEY, describe, make_warning
from pipeline.extract.casualties.figures import event_figures
from pipeline.extract.places.link import references
from pipeline.types import (
    COUNT_CEILING, Actor, Article, Attribution, Casualty, DateValue, Event, Extraction, ExtractionWarning, GeoRef,
    Place, ResolvedSource, SourceRef, Span, SpanMismatch, SpanRef, span_errors,
)

COMPONENT = {"event": "claimscope_events", "date": "claimscope_dates", "place": "claimscope_places",
             "reference": "claimscope_places",
             "casualty": "claimscope_casualties", "attribution": "claimscope_attribution",
             "actor": "claimscope_events"}


def _span(text: str, d: dict, base: int = 0) -> Span:
    s, e = d["start_char"] + base, d["end_char"] + base
    return Span(start=s, end=e, text=text[s:e])


def _opt_ref(text: str, d: Optional[dict], base: int) -> Optional[SpanRef]:
    return SpanRef(span=_span(text, d, base)) if d else None


def _fields(d: dict, model) -> dict:
    return {k: v for k, v in d.items() if k in model.model_fields and k != "span"}


def to_date(text: str, d: Optional[dict], base: int = 0) -> Optional[DateValue]:
    if not d:
        return None
    span = _span(text, d, base) if d.get("start_char") is not None else None
    return DateValue(span=span, **_fields(d, DateValue))


def to_place(text: str, d: dict, base: int = 0) -> Place:
    return Place(span=_span(text, d, base), **_fields(d, Place))


GEO_FIELDS = ("country", "admin1", "admin2", "geo_precision", "lat", "lon", "geo_rule")


def to_geo(text: str, geo: Optional[dict], base: int = 0) -> dict:
    """The event's location fields from `ev["geo"]` (pipeline/extract/places/geo.py)."""
    if not geo:
        return {}
    out = {k: geo.get(k) for k in GEO_FIELDS}
    ref = geo.get("geo_place")
    if ref:
        out["geo_place"] = GeoRef(name=ref.get("name") or text[ref["start_char"] + base: ref["end_char"] + base],
                                  geonameid=ref.get("geonameid"), index=ref.get("index"), coords=ref.get("coords"),
                                  span=_span(text, ref, base))
    return out


def to_casualty(text: str, d: dict, base: int, att_ids) -> Casualty:
    """`att_ids`: attribution index -> id (a list, or a dict over the attributions kept)."""
    fields = _fields(d, Casualty)
    fields.pop("attribution_ids", None)
    ids = [_att_id(att_ids, i) for i in d.get("attribution_idxs", [])]
    return Casualty(span=_span(text, d, base), attribution_ids=[i for i in ids if i], **fields)


def _att_id(att_ids, i) -> Optional[str]:
    if isinstance(att_ids, dict):
        return att_ids.get(i)
    return att_ids[i] if isinstance(i, int) and 0 <= i < len(att_ids) else None


class _Builder:
    """Builds values one by one; a value that fails is dropped and becomes a warning."""

    def __init__(self, text: str, base: int, article: Article):
        self.text, self.base, self.article = text, base, article
        self.warnings: list[dict] = []

    def warn(self, what: str, rule: Optional[str], reason: str) -> None:
        self.warnings.append(make_warning(COMPONENT.get(what, what), rule, reason))

    def value(self, what: str, raw, make: Callable[[], object]):
        """`make()` checked: None (and a warning) when it raises or a span of the value is not the text."""
        rule = raw.get("rule") if isinstance(raw, dict) else None
        try:
            v = make()
        except Exception as exc:  # noqa: BLE001 - a malformed payload costs this value only
            self.warn(what, rule, f"{what} dropped: {describe(exc)}")
            return None
        bad = span_errors(v, self.text, f"${what}") if v is not None else []
        if bad:
            self.warn(what, rule, f"{what} dropped: span-check: {bad[0]}")
            return None
        return v

    def casualty(self, d: dict, att_ids) -> Optional[Casualty]:
        c = self.value("casualty", d, lambda: to_casualty(self.text, d, self.base, att_ids))
        if c is not None:
            clamp(c, self)
        return c

    def many(self, what: str, raws: list, make: Callable[[dict], object]) -> list:
        out = [self.value(what, r, lambda r=r: make(r)) for r in raws or []]
        return [v for v in out if v is not None]


def clamp(c: Casualty, b: Optional[_Builder] = None) -> None:
    """Counts above COUNT_CEILING are set to it, flagged `count-clamped`, with a warning."""
    over = [k for k in ("count", "low", "high") if (getattr(c, k) or 0) > COUNT_CEILING]
    if not over:
        return
    for k in over:
        setattr(c, k, COUNT_CEILING)
    if "count-clamped" not in c.flags:
        c.flags.append("count-clamped")
    if b is not None:
        b.warn("casualty", "count-ceiling", f"count above the ceiling {COUNT_CEILING} stored as the ceiling: "
               f"{c.span.text[:80]!r}")


def _attributions(b: _Builder, raw_atts: list[dict]) -> dict[int, Attribution]:
    """Raw index -> Attribution (without event ids yet) for the attributions kept."""
    text, base = b.text, b.base

    def make(a: dict) -> Attribution:
        src = a.get("source")
        return Attribution(
            id="at-0", kind=a["kind"],
            source=SourceRef(
                name=src["name"], span=_span(text, src, base),
                resolved=ResolvedSource(name=src["resolved"]["name"], span=_span(text, src["resolved"], base))
                if src.get("resolved") and src["resolved"].get("start_char") is not None else None,
            ) if src else None,
            cue=SpanRef(span=_span(text, a["cue"], base)), content=SpanRef(span=_span(text, a["content"], base)),
            hedged=bool(a.get("hedged")), hedge=_opt_ref(text, a.get("hedge"), base))

    kept = {i: b.value("attribution", a, lambda a=a: make(a)) for i, a in enumerate(raw_atts)}
    kept = {i: a for i, a in kept.items() if a is not None}
    for n, a in enumerate(kept.values(), 1):
        a.id = f"at-{n}"
    return kept


def _event(b: _Builder, ev: dict, att_ids: dict[int, str]) -> Optional[Event]:
    text, base = b.text, b.base
    cas = [c for c in (b.casualty(c, att_ids) for c in ev.get("casualties", []) or []) if c is not None]
    date = b.value("date", ev.get("date"), lambda: to_date(text, ev.get("date"), base))
    places = b.many("place", ev.get("places", []), lambda p: to_place(text, p, base))
    actors = b.many("actor", ev.get("actors", []),
                    lambda a: Actor(role=a["role"], name=a["name"], span=_span(text, a, base)))
    return b.value("event", ev, lambda: Event(
        id="ev-0", type=ev.get("type", "incident"), subtype=ev.get("subtype"),
        acled_event_type=ev.get("acled_event_type"), acled_sub_event_type=ev.get("acled_sub_event_type"),
        span=_span(text, ev, base), date=date, date_rule=date.rule if date is not None else "undated", places=places,
        casualties=cas, figures=event_figures(cas), actors=actors,
        attribution_ids=[i for i in (att_ids.get(a) for a in ev.get("attribution_idxs", [])) if i],
        **to_geo(text, ev.get("geo"), base)))


def doc_to_extraction(doc: Doc, article: Article, base: int = 0) -> Extraction:
    """Convert the payloads on `doc` into an Extraction; `base` shifts offsets (chunked long texts).

    Span texts are always cut from `article.text` and checked value by value: a wrong offset drops that value
    with a warning (the component warnings on the Doc come first; an article's ingest warnings open chunk 0).
    """
    b = _Builder(article.text, base, article)
    raw_atts = values(doc, "cs_attributions")
    kept_atts = _attributions(b, raw_atts)
    att_ids = {i: a.id for i, a in kept_atts.items()}
    att_events: dict[int, list[str]] = {}
    events = []
    for ev in values(doc, "cs_events"):
        e = _event(b, ev, att_ids)
        if e is None:
            continue
        e.id = f"ev-{len(events) + 1}"
        events.append(e)
        for a in ev.get("attribution_idxs", []):
            if a in att_ids:
                att_events.setdefault(a, []).append(e.id)
    for i, a in kept_atts.items():
        extra = raw_atts[i].get("event_ids_extra", [])
        a.event_ids = sorted(set(extra) | set(att_events.get(i, [])), key=lambda x: int(x.split("-")[1]))
    text = article.text
    ex = Extraction(
        article=article.meta(), events=events, attributions=list(kept_atts.values()),
        places=b.many("place", values(doc, "cs_places"), lambda p: to_place(text, p, base)),
        references=b.many("reference", references(doc), lambda p: to_place(text, p, base)),
        dates=b.many("date", values(doc, "cs_dates"), lambda d: to_date(text, d, base)),
        casualties=[c for c in (b.casualty(c, att_ids) for c in values(doc, "cs_casualties")) if c is not None],
    )
    found = list(article.warnings) if base == 0 else []
    seen: set[tuple] = set()
    for w in doc.user_data.get(WARNINGS_KEY, []) + b.warnings:  # a value an event copies is told once
        key = (w["component"], w["rule"], w["reason"])
        if key not in seen:
            seen.add(key)
            found.append(ExtractionWarning(article=article.id, **w))
    ex.warnings = found
    return ex


def check_exact(ex: Extraction, text: str) -> None:
    """Raise SpanMismatch unless every span of `ex` is exact (what doc_to_extraction guarantees)."""
    bad = span_errors(ex, text)
    if bad:
        raise SpanMismatch(f"{ex.article.source}: {bad[0]}")
