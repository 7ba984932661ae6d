"""Processed Doc + Article -> the typed `Extraction` (the only way values leave the pipeline)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from pipeline.extract._doc import values
from pipeline.extract.places.link import references
from pipeline.extract.casualties.figures import event_figures
from pipeline.types import (
    Actor, Article, Attribution, Casualty, DateValue, Event, Extraction, GeoRef, Place, ResolvedSource, SourceRef,
    Span, SpanRef,
    check_spans,
)


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


def to_casualty(text: str, d: dict, base: int, att_ids: list[str]) -> Casualty:
    fields = _fields(d, Casualty)
    fields.pop("attribution_ids", None)
    ids = [att_ids[i] for i in d.get("attribution_idxs", []) if 0 <= i < len(att_ids)]
    return Casualty(span=_span(text, d, base), attribution_ids=ids, **fields)


def doc_to_extraction(doc: Doc, article: Article, base: int = 0) -> Extraction:
    """Convert the payloads on `doc` into an Extraction; `base` shifts offsets (chunked long texts).

    Span texts are always cut from `article.text`, and checked, so a wrong offset fails loudly here.
    """
    text = article.text
    raw_atts = values(doc, "cs_attributions")
    att_ids = [f"at-{i + 1}" for i in range(len(raw_atts))]
    raw_events = values(doc, "cs_events")
    ev_ids = [f"ev-{i + 1}" for i in range(len(raw_events))]
    att_events: dict[int, list[str]] = {}
    events = []
    for i, ev in enumerate(raw_events):
        for a in ev.get("attribution_idxs", []):
            att_events.setdefault(a, []).append(ev_ids[i])
        cas = [to_casualty(text, c, base, att_ids) for c in ev.get("casualties", [])]
        events.append(Event(
            id=ev_ids[i], type=ev.get("type", "incident"), span=_span(text, ev, base),
            date=to_date(text, ev.get("date"), base),
            places=[to_place(text, p, base) for p in ev.get("places", [])],
            casualties=cas, figures=event_figures(cas),
            actors=[Actor(role=a["role"], name=a["name"], span=_span(text, a, base)) for a in ev.get("actors", [])],
            attribution_ids=[att_ids[a] for a in ev.get("attribution_idxs", []) if 0 <= a < len(att_ids)],
            **to_geo(text, ev.get("geo"), base),
        ))
    attributions = []
    for i, a in enumerate(raw_atts):
        src = a.get("source")
        attributions.append(Attribution(
            id=att_ids[i], kind=a["kind"],
            source=SourceRef(
                name=src["name"], span=_span(text, src, base),
                resolved=ResolvedSource(name=src["resolved"]["name"], span=_span(text, src["resolved"], base))
                if src.get("resolved") and src["resolved"].get("start_char") is not None else None,
            ) if src else None,
            cue=SpanRef(span=_span(text, a["cue"], base)), content=SpanRef(span=_span(text, a["content"], base)),
            hedged=bool(a.get("hedged")), hedge=_opt_ref(text, a.get("hedge"), base),
            event_ids=sorted(set(a.get("event_ids_extra", [])) | set(att_events.get(i, [])),
                             key=lambda x: int(x.split("-")[1])),
        ))
    ex = Extraction(
        article=article.meta(),
        events=events,
        attributions=attributions,
        places=[to_place(text, p, base) for p in values(doc, "cs_places")],
        references=[to_place(text, p, base) for p in references(doc)],
        dates=[to_date(text, d, base) for d in values(doc, "cs_dates")],
        casualties=[to_casualty(text, c, base, att_ids) for c in values(doc, "cs_casualties")],
    )
    check_spans(ex, text)
    return ex
