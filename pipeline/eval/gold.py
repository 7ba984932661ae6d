"""Gold loaders: our annotations and the shared development formats -> one `GoldDoc` per article.

Formats (detected per line, see `detect_format`):
- ``claimscope``: annotations/README.md — `{doc_id, path, sha256, published, gold: {events, attributions,
  places, dates}}`; the article is read from `path` (relative to the repository root) with the same reader
  as `claimscope extract`, and skipped with a message when absent or when its sha256 differs.
  A line may instead carry the article inline as `text` (then `sha256`, when given, is checked too).
  A `path` under `../shared/` (the analytical set) is read from SHARED_DIR (`CLAIMSCOPE_SHARED`) when
  that is elsewhere.
- ``gvdb``: shared/eval/gvdb_dev.jsonl — one incident per article: `date` (no span), `location.city`
  (+ `spans.city`), `killed`, `injured`.
- ``gva``: shared/eval/gva_dev.jsonl — Gun Violence Archive records (SemEval-2018 Task 5): `events[]` with
  `incident_id`, `date`, `location` {state, city_or_county, address, lat_lon}, `killed`, `injured`; no spans.
- ``timex``: shared/eval/dates_aquaint.jsonl — TimeML TIMEX3 `timexes[]` {start, end, text, type, value}.
- ``polnear``: shared/eval/polnear_*.jsonl — attributions with `source`/`cue`/`content` = `{text, spans[]}`
  (discontinuous spans allowed; `source` may be null).
- ``gwn``: shared/eval/geo_gwn.jsonl — `gold.locations[]` toponyms with `toponym_type`, `geonames_id`,
  `lat`/`lon`, `non_locational`.

`GoldDoc.annotated` names what a dataset annotates; only those fields are scored on it (PolNeAR's empty
`events` list does not mean "no events", so predicted events are not counted wrong there).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from pipeline.paths import ROOT, SHARED_DIR

Spans = tuple[tuple[int, int], ...]  # one or more (start, end) pieces; () = no span

# --- what is scored per dataset --------------------------------------------------------------------
F_EVENTS = "events"                  # event matching, per-event casualties / date / place
F_ATTRIBUTIONS = "attributions"      # source / cue / content spans
F_ATTR_KIND = "attribution_kind"     # gold carries attribution kind and hedged
F_TOPONYMS = "toponyms"              # every place mention
F_RESOLUTION = "resolution"          # GeoNames id / coordinates of toponyms
F_DATES = "dates"                    # every temporal expression
F_ARTICLE_CASUALTIES = "article_casualties"
F_GVDB = "gvdb"                      # one incident per article: date, city, killed/injured
F_GVA = "gva"                        # GVA incident record per article: figures, date, city, coordinates
F_TIMEX = "timex"                    # TIMEX3 extents and values

# GeoWebNews toponym_type classes (Gritta et al. 2019), see README "eval":
GWN_COUNTED = frozenset({"Literal", "Mixed", "Literal_Modifier", "Metonymic", "Embedded_Literal"})
"""Proper names that refer to a place, or name a place standing for its people or government (metonymy):
what a geoparser must find and resolve. Only with `non_locational: false`."""
GWN_DONT_CARE = frozenset({"Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym", "Coercion", "Literal_Expression"})
"""Adjectival/associative uses ("Irish singer"), names inside other names ("Washington Post"), demonyms,
non-toponyms used as places ("Patriot High"), and generic location nouns ("church"): a prediction on them is
neither a hit nor a false positive. Every other type (Homonym, Non_Toponym, Language, Non_Lit_Expression) is
not a place: a prediction there is a false positive."""


class GoldError(Exception):
    """A gold line that cannot be scored (message says why); the file goes on."""


@dataclass
class GDate:
    start: Optional[str]
    end: Optional[str]
    granularity: Optional[str]
    span: Spans = ()


@dataclass
class GPlace:
    name: Optional[str]
    span: Spans
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    type: Optional[str] = None   # gwn toponym_type
    counted: bool = True         # False: don't-care span (gwn)
    country: Optional[str] = None  # ISO alpha-2 (our format)


@dataclass
class GCasualty:
    kind: str
    count: Optional[int]
    low: Optional[int] = None
    high: Optional[int] = None
    group: Optional[str] = None
    total: bool = True
    span: Spans = ()


@dataclass
class GEvent:
    id: str
    type: Optional[str] = None
    span: Spans = ()
    date: Optional[GDate] = None
    places: list[GPlace] = field(default_factory=list)
    casualties: list[GCasualty] = field(default_factory=list)
    attribution_ids: list[str] = field(default_factory=list)
    # gvdb: counts given directly (no casualty spans); None = not annotated
    killed: Optional[int] = None
    injured: Optional[int] = None
    incident_id: Optional[str] = None    # gva: the registry record (several articles may share one)
    region: Optional[str] = None         # gva: the state
    country: Optional[str] = None        # ours: the event's `country`, else that of its first place with one


@dataclass
class GTimex:
    span: Spans
    type: str                 # DATE | TIME | DURATION | SET
    value: Optional[str]      # TimeML value: 1998-02-13, 1998-W05, PAST_REF, P3D ...
    tid: Optional[str] = None
    mod: Optional[str] = None  # TimeML mod: START, MID, END, APPROX, BEFORE ...


@dataclass
class GAttribution:
    id: str
    source: Optional[Spans]   # None: no source (author's voice / not annotated)
    cue: Spans
    content: Spans
    kind: Optional[str] = None
    hedged: Optional[bool] = None


@dataclass
class GoldDoc:
    dataset: str              # claimscope | gvdb | gva | polnear | gwn | timex
    doc_id: str
    text: str
    source: str               # "file:line"
    published: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    text_is_ours: bool = False   # the text was written by us (may be quoted in markdown reports)
    annotated: frozenset = frozenset()
    events: list[GEvent] = field(default_factory=list)
    attributions: list[GAttribution] = field(default_factory=list)
    places: list[GPlace] = field(default_factory=list)
    dates: list[GDate] = field(default_factory=list)
    timexes: list[GTimex] = field(default_factory=list)


@dataclass
class Skipped:
    source: str
    doc_id: Optional[str]
    reason: str


# --- helpers ---------------------------------------------------------------------------------------
def _check(text: str, spans: Spans, where: str) -> Spans:
    for s, e in spans:
        if not (0 <= s <= e <= len(text)):
            raise GoldError(f"{where}: span {s}..{e} outside the text ({len(text)} chars)")
    return spans


def _spans(obj, text: str, where: str) -> Spans:
    """Accept {start,end[,text]}, {spans: [...]}, a list of those, or None -> tuple of pieces."""
    if obj is None:
        return ()
    if isinstance(obj, list):
        out: list[tuple[int, int]] = []
        for item in obj:
            out.extend(_spans(item, text, where))
        return _check(text, tuple(out), where)
    if isinstance(obj, dict):
        if "spans" in obj:
            return _spans(obj["spans"], text, where)
        if "span" in obj and isinstance(obj["span"], (dict, list)):
            return _spans(obj["span"], text, where)
        if "start" in obj and "end" in obj and obj["start"] is not None and obj["end"] is not None:
            s, e = int(obj["start"]), int(obj["end"])
            if s < 0 and e < 0 and isinstance(obj.get("text"), str) and text[s:e] == obj["text"]:
                s, e = s + len(text), e + len(text)  # a few GeoWebNews offsets count from the end
            if "text" in obj and isinstance(obj["text"], str) and text[s:e] != obj["text"]:
                raise GoldError(f"{where}: span {s}..{e} text {obj['text']!r} != article {text[s:e]!r}")
            return _check(text, ((s, e),), where)
    return ()


def _int(v) -> Optional[int]:
    try:
        return None if v is None or v == "" else int(v)
    except (TypeError, ValueError):
        return None


def _float(v) -> Optional[float]:
    try:
        return None if v is None or v == "" else float(v)
    except (TypeError, ValueError):
        return None


def detect_format(obj: dict) -> str:
    """Which gold format one JSON line is in."""
    ds = str(obj.get("source_dataset") or "").lower()
    gold = obj.get("gold") or {}
    events = gold.get("events") or []
    if "timexes" in gold:
        return "timex"
    if "(gva)" in ds or (events and isinstance(events[0], dict) and "incident_id" in events[0]):
        return "gva"
    if "gvdb" in ds:
        return "gvdb"
    if "polnear" in ds:
        return "polnear"
    if "geowebnews" in ds or "locations" in gold:
        return "gwn"
    if "path" in obj or "sha256" in obj or "places" in gold or "dates" in gold:
        return "claimscope"
    if events and isinstance(events[0], dict) and "killed" in events[0]:
        return "gvdb"
    atts = gold.get("attributions") or []
    if atts and isinstance(atts[0], dict) and isinstance(atts[0].get("cue"), dict) and "spans" in atts[0]["cue"]:
        return "polnear"
    return "claimscope"


# --- our format ------------------------------------------------------------------------------------
def _date(d, text: str, where: str) -> Optional[GDate]:
    if not d:
        return None
    if isinstance(d, str):
        return GDate(d, d, "day")
    return GDate(d.get("start"), d.get("end") or d.get("start"), d.get("granularity"), _spans(d.get("span"), text, where))


def _place(p: dict, text: str, where: str) -> GPlace:
    return GPlace(name=p.get("name"), span=_spans(p.get("span"), text, where), geonameid=_int(p.get("geonameid")),
                  lat=_float(p.get("lat")), lon=_float(p.get("lon")), country=p.get("country") or None)


def _article_text(obj: dict, where: str) -> tuple[str, bool, Optional[str]]:
    """(text, text_is_ours, published found by the reader) for a line of our format."""
    if isinstance(obj.get("text"), str):
        return obj["text"], True, None
    rel = obj.get("path")
    if not rel:
        raise GoldError(f"{where}: neither 'text' nor 'path' given")
    path = article_path(rel)
    if not path.is_file():
        raise GoldError(f"{where}: article {rel} is absent")
    from pipeline.ingest.readers import Failure, read_path

    items = list(read_path(path))
    arts = [a for a in items if not isinstance(a, Failure)]
    if not arts:
        reason = items[0].reason if items else "no article"
        raise GoldError(f"{where}: article {rel} cannot be read: {reason}")
    art = arts[0]
    if len(arts) > 1:  # a JSONL article file: pick the line by id
        art = next((a for a in arts if a.id == str(obj.get("doc_id"))), arts[0])
    resolved = path.resolve()
    ours = not (SHARED_DIR.exists() and resolved.is_relative_to(SHARED_DIR.resolve())) and resolved.is_relative_to(ROOT)
    return art.text, ours, art.published


def article_path(rel: str) -> Path:
    """An annotation's `path`: absolute, else relative to the repository root; `../shared/...` (the layout
    with ../shared beside the checkout) is looked up under SHARED_DIR when it is not found there."""
    p = Path(rel)
    if p.is_absolute():
        return p
    path = ROOT / p
    parts = p.parts
    if not path.is_file() and len(parts) > 2 and parts[0] == ".." and parts[1] == "shared":
        alt = SHARED_DIR.joinpath(*parts[2:])
        if alt.is_file():
            return alt
    return path


def load_claimscope(obj: dict, where: str) -> GoldDoc:
    text, ours, reader_pub = _article_text(obj, where)
    sha = obj.get("sha256")
    if sha:
        from pipeline.ingest.readers import sha256_text

        if sha256_text(text) != sha:
            raise GoldError(f"{where}: article {obj.get('path') or obj.get('doc_id')} changed (sha256 differs); "
                            "re-annotate or update the offsets")
    gold = obj.get("gold") or {}
    events = []
    for i, e in enumerate(gold.get("events") or []):
        w = f"{where} events[{i}]"
        gplaces = [_place(p, text, w) for p in e.get("places") or []]
        events.append(GEvent(
            id=str(e.get("id") or f"g{i + 1}"), type=e.get("type"), span=_spans(e.get("span"), text, w),
            date=_date(e.get("date"), text, w), places=gplaces,
            country=e.get("country") or next((p.country for p in gplaces if p.country), None),
            casualties=[GCasualty(kind=c.get("kind"), count=_int(c.get("count")), low=_int(c.get("low")),
                                  high=_int(c.get("high")), group=c.get("group"), total=bool(c.get("total", True)),
                                  span=_spans(c.get("span"), text, w)) for c in e.get("casualties") or []],
            attribution_ids=[str(a) for a in e.get("attribution_ids") or []],
            # the event's figure when its spans do not add up by themselves (a part of a part)
            killed=_int(e.get("killed")), injured=_int(e.get("injured")),
        ))
    atts = []
    for i, a in enumerate(gold.get("attributions") or []):
        w = f"{where} attributions[{i}]"
        src = a.get("source")
        atts.append(GAttribution(
            id=str(a.get("id") or f"a{i + 1}"), source=_spans(src, text, w) if src else None,
            cue=_spans(a.get("cue"), text, w), content=_spans(a.get("content"), text, w),
            kind=a.get("kind"), hedged=a.get("hedged"),
        ))
    annotated = {F_EVENTS, F_ATTRIBUTIONS, F_ATTR_KIND, F_ARTICLE_CASUALTIES}
    places = [_place(p, text, f"{where} places") for p in gold.get("places") or []]
    if "places" in gold:
        annotated |= {F_TOPONYMS, F_RESOLUTION}
    dates = [d for d in (_date(d, text, f"{where} dates") for d in gold.get("dates") or []) if d]
    if "dates" in gold:
        annotated.add(F_DATES)
    return GoldDoc(
        dataset="claimscope", doc_id=str(obj.get("doc_id") or obj.get("id") or where), text=text, source=where,
        published=obj.get("published") or obj.get("publication_date") or reader_pub, url=obj.get("url"),
        title=obj.get("title"), text_is_ours=ours, annotated=frozenset(annotated),
        events=events, attributions=atts, places=places, dates=dates,
    )


# --- shared formats --------------------------------------------------------------------------------
def _shared_text(obj: dict, where: str) -> str:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: no article text")
    return text


def _base(obj: dict, dataset: str, where: str, annotated: set) -> GoldDoc:
    return GoldDoc(dataset=dataset, doc_id=str(obj.get("doc_id") or obj.get("id") or where),
                   text=_shared_text(obj, where), source=where,
                   published=obj.get("publication_date") or obj.get("published"), url=obj.get("url"),
                   title=obj.get("title"), annotated=frozenset(annotated))


def load_gvdb(obj: dict, where: str) -> GoldDoc:
    doc = _base(obj, "gvdb", where, {F_GVDB})
    for i, e in enumerate((obj.get("gold") or {}).get("events") or []):
        w = f"{where} events[{i}]"
        loc = e.get("location") or {}
        city_span = _spans((e.get("spans") or {}).get("city"), doc.text, w)
        places = [GPlace(name=loc.get("city"), span=city_span)] if (loc.get("city") or city_span) else []
        doc.events.append(GEvent(
            id=f"g{i + 1}", type=e.get("type"), date=_date(e.get("date"), doc.text, w), places=places,
            killed=_int(e.get("killed")), injured=_int(e.get("injured")),
        ))
    return doc


def load_polnear(obj: dict, where: str) -> GoldDoc:
    doc = _base(obj, "polnear", where, {F_ATTRIBUTIONS})
    for i, a in enumerate((obj.get("gold") or {}).get("attributions") or []):
        w = f"{where} attributions[{i}]"
        cue = _spans(a.get("cue"), doc.text, w)
        content = _spans(a.get("content"), doc.text, w)
        if not cue and not content:
            continue  # an empty relation (no cue, no content) cannot be matched
        src = a.get("source")
        doc.attributions.append(GAttribution(id=str(a.get("id") or f"a{i + 1}"),
                                             source=_spans(src, doc.text, w) if src else None,
                                             cue=cue, content=content))
    return doc


def load_gwn(obj: dict, where: str) -> GoldDoc:
    doc = _base(obj, "gwn", where, {F_TOPONYMS, F_RESOLUTION})
    for i, loc in enumerate((obj.get("gold") or {}).get("locations") or []):
        ttype = loc.get("toponym_type")
        if ttype in GWN_COUNTED and not loc.get("non_locational"):
            counted = True
        elif ttype in GWN_DONT_CARE or (ttype in GWN_COUNTED and loc.get("non_locational")):
            counted = False
        else:
            continue  # not a place: a prediction here is a false positive
        doc.places.append(GPlace(
            name=loc.get("annotated_name") or loc.get("text"), span=_spans(loc, doc.text, f"{where} locations[{i}]"),
            geonameid=_int(loc.get("geonames_id")), lat=_float(loc.get("lat")), lon=_float(loc.get("lon")),
            type=ttype, counted=counted,
        ))
    return doc


def load_gva(obj: dict, where: str) -> GoldDoc:
    """GVA: one registry record per event (no spans); the place is the city or county with the record's
    coordinates (the most specific place the registry gives)."""
    doc = _base(obj, "gva", where, {F_GVA})
    for i, e in enumerate((obj.get("gold") or {}).get("events") or []):
        loc = e.get("location") or {}
        ll = loc.get("lat_lon") or (None, None)
        lat, lon = (_float(ll[0]), _float(ll[1])) if len(ll) == 2 else (None, None)
        city = loc.get("city_or_county")
        places = [GPlace(name=city, span=(), lat=lat, lon=lon)] if city or lat is not None else []
        date = e.get("date")
        doc.events.append(GEvent(
            id=str(e.get("incident_id") or f"g{i + 1}"), type=e.get("type"),
            date=GDate(date, date, "day") if isinstance(date, str) and date else None, places=places,
            killed=_int(e.get("killed")), injured=_int(e.get("injured")),
            incident_id=str(e["incident_id"]) if e.get("incident_id") is not None else None,
            region=loc.get("state"),
        ))
    return doc


def load_timex(obj: dict, where: str) -> GoldDoc:
    doc = _base(obj, "timex", where, {F_TIMEX})
    for i, t in enumerate((obj.get("gold") or {}).get("timexes") or []):
        span = _spans(t, doc.text, f"{where} timexes[{i}]")
        if span:
            doc.timexes.append(GTimex(span=span, type=str(t.get("type") or ""), value=t.get("value"),
                                      tid=t.get("tid"), mod=t.get("mod") or None))
    return doc


LOADERS = {"claimscope": load_claimscope, "gvdb": load_gvdb, "gva": load_gva, "polnear": load_polnear,
           "gwn": load_gwn, "timex": load_timex}


def iter_gold(path: Union[str, Path], limit: Optional[int] = None) -> Iterator[Union[GoldDoc, Skipped]]:
    """Stream one gold file: a GoldDoc per usable line, a Skipped (with the reason) per unusable one."""
    path = Path(path)
    n = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                break
            n += 1
            where = f"{path.name}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(where, None, f"invalid JSON: {exc.msg}")
                continue
            if not isinstance(obj, dict):
                yield Skipped(where, None, "not a JSON object")
                continue
            try:
                yield LOADERS[detect_format(obj)](obj, where)
            except GoldError as exc:
                yield Skipped(where, str(obj.get("doc_id") or obj.get("id") or "") or None, str(exc))


def dataset_name(path: Union[str, Path]) -> str:
    """A short label for a gold file: 'gvdb_dev', 'annotations/seed' ..."""
    p = Path(path)
    return f"{p.parent.name}/{p.stem}" if p.parent.name == "annotations" else p.stem


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def text_states_date(text: str, iso: Optional[str]) -> bool:
    """Does the article state this day explicitly? See `find_stated_date`."""
    return find_stated_date(text, iso) is not None


def find_stated_date(text: str, iso: Optional[str]) -> Optional[tuple[int, int]]:
    """Where the article states this day explicitly (GVDB: which dates are measurable from the text), or None.

    True when the text names the month and the day together — "January 27", "Jan. 27th", "27 January",
    "Sept. 3" — or writes the date numerically: "1/27", "01/27/2016", "2016-01-27". A weekday alone
    ("Tuesday") or a relative word ("yesterday") does not count: those need the publication date (see the
    URL condition in metrics)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})$", iso or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    name = _MONTHS[month - 1]
    sept = r"|sept\.?" if month == 9 else ""
    mon = rf"(?:{name}|{name[:3]}\.?{sept})"
    d = rf"0?{day}(?:st|nd|rd|th)?"
    pats = [
        rf"\b{mon}\s+{d}\b", rf"\b{d}\s+(?:of\s+)?{mon}\b",
        rf"(?<![\d/]){month:d}/{day:d}(?:/(?:{year}|{year % 100:02d}))?(?![\d/])",
        rf"(?<![\d/])0{month}/{day:02d}(?:/(?:{year}|{year % 100:02d}))?(?![\d/])" if month < 10 else r"(?!x)x",
        rf"\b{year}-{month:02d}-{day:02d}\b",
    ]
    for p in pats:
        found = re.search(p, text, re.I)
        if found:
            return found.start(), found.end()
    return None
