"""Typed boundary of the pipeline: what leaves it as JSON or DuckDB rows.

The JSON Schema printed by `claimscope schema` is generated from `Extraction`.
Every value carries a `Span` whose `text` equals `article_text[start:end]`;
`check_spans` enforces that on a whole extraction.
"""
from __future__ import annotations

from typing import Any, Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Granularity = Literal[
    "day", "month", "year", "range", "part_of_month", "season", "decade", "approximate", "week", "century"
]
CasualtyKind = Literal["killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced"]
AttributionKind = Literal["statement", "report", "responsibility", "accusation", "denial", "opinion"]
# The fine event types the extractor gives (`Event.type`); each maps to an ACLED type in models/acled_mapping.json
# (tests/review/test_decisions.py keeps the two equal). The review page offers these when correcting an event.
EventType = Literal[
    "aggregate", "airstrike", "ambush", "arrest", "attack", "bombing", "clash", "displacement", "grenade", "incident",
    "kidnapping", "killing", "massacre", "operation", "political", "protest", "raid", "riot", "shelling", "shooting",
    "strike", "suicide_bombing",
]


# Counts above this are stored as it, flagged `count-clamped` with a warning (no casualty figure is larger; the
# DuckDB columns are BIGINT, so any count up to the ceiling is stored exactly).
COUNT_CEILING = 999_999_999_999
# Publication dates outside this range are refused (the article is read without one, with a warning): relative
# date arithmetic near year 1 or 9999 would leave the calendar.
PUBLISHED_RANGE = ("1000-01-01", "2999-12-31")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets into the article text (code points, end exclusive)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class DateValue(_Model):
    """A temporal expression as an interval at the precision the text gives."""

    start: Optional[str] = Field(None, description="YYYY-MM-DD, first day of the interval")
    end: Optional[str] = Field(None, description="YYYY-MM-DD, last day of the interval (inclusive)")
    granularity: Granularity
    relative: bool = False
    rule: str
    span: Optional[Span] = Field(
        None, description="the expression in the text; null only when rule is 'publication-date' (nothing stated)"
    )


class Place(_Model):
    """A place mention, resolved to GeoNames when possible (`geonameid: null` otherwise)."""

    name: str
    geonameid: Optional[int] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2")
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    coords: Optional[str] = Field(
        None, description="where lat/lon come from: geonames (the entry's own GeoNames point) | capital (a "
        "country at its capital) | centroid (a region at its cities' population-weighted centre) | namesake (a "
        "district at its same-named town) | curated (models/gazetteer/regions.json); null: no coordinates")
    feature: Optional[str] = Field(
        None, description="country | admin_region | city | village | region | facility | other"
    )
    relation: Optional[str] = Field(None, description="in | near | outskirts | from | district_of | region_of ... "
                                    "| article (in an event's places: its text names no place, the article's town)")
    distance_km: Optional[float] = None
    rule: Optional[str] = None
    span: Span


GeoPrecision = Literal[1, 2, 3]


class GeoRef(_Model):
    """The place an event's location comes from: its coordinates, else its country."""

    name: str
    geonameid: Optional[int] = None
    index: Optional[int] = Field(None, description="its index in the event's `places`; null: another mention of "
                                 "the article (the event names no place that gives it)")
    coords: Optional[str] = Field(None, description="as Place.coords")
    span: Span


class Casualty(_Model):
    """One casualty figure: a total or a breakdown group."""

    kind: CasualtyKind
    count: Optional[int] = Field(None, description="best estimate")
    low: Optional[int] = None
    high: Optional[int] = None
    qualifier: Optional[str] = Field(None, description="approximation as written: 'at least', 'nearly' ...")
    group: Optional[str] = None
    total: bool = True
    rule: Optional[str] = None
    flags: list[str] = Field(default_factory=list)
    attribution_ids: list[str] = Field(default_factory=list)
    span: Span


class Figure(_Model):
    """The one figure of a casualty kind a user reads for an event (rule: pipeline/extract/casualties/figures.py)."""

    count: int = Field(description="best estimate")
    low: Optional[int] = None
    high: Optional[int] = None
    attribution_ids: list[str] = Field(default_factory=list, description="attributions of the figures it comes from")
    rule: str = Field(description="revised | largest-total[;net-of-killed][+additional] | implied | sum-of-groups")


class Actor(_Model):
    role: str = Field(description="perpetrator | target | claimant")
    name: str
    span: Span


class Event(_Model):
    """One event: an incident, or a political act, operation, arrest, abduction or displacement wave, or an
    `aggregate` (a toll over a period or area: stored and queryable, never counted as an incident)."""

    id: str
    type: str = Field(description="the fine type (attack, shelling, political, aggregate ...): README 'Event model'")
    subtype: Optional[str] = Field(None, description="for political acts: decree, law, emergency, ceasefire, "
                                   "agreement, summit, election, sanction, appointment, coup, takeover ...")
    acled_event_type: Optional[str] = Field(None, description="ACLED event type (models/acled_mapping.json)")
    acled_sub_event_type: Optional[str] = None
    span: Span
    date: Optional[DateValue] = None
    date_rule: str = Field("undated", description="the rule that dated the event (the date's `rule`); "
                           "'undated' when the text gives no date for it (then `date` is null)")
    places: list[Place] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    figures: dict[CasualtyKind, Figure] = Field(
        default_factory=dict, description="per kind, the one figure of this event (from `casualties`, by the "
        "documented rule); every figure stays in `casualties` with its attribution_ids")
    actors: list[Actor] = Field(default_factory=list)
    attribution_ids: list[str] = Field(default_factory=list)
    # where the event is, from the containment of its places (pipeline/extract/places/geo.py)
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2")
    admin1: Optional[str] = Field(None, description="first-level region (state, province, republic)")
    admin2: Optional[str] = Field(None, description="second-level region (district, county) when the text names it")
    geo_precision: Optional[GeoPrecision] = Field(
        None, description="ACLED/UCDP manner: 1 the town or village itself, 2 near a town or a district, 3 only a "
        "first-level region or larger; null: no point")
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_place: Optional[GeoRef] = Field(None, description="the place the point (else the country) comes from")
    geo_rule: Optional[str] = Field(None, description="which rule gave the country: article-place | own-place "
                                    "| containing-place | dateline | article-country")


class ResolvedSource(_Model):
    """The named antecedent a pronoun source ("he", "they") was resolved to."""

    name: str
    span: Span


class SourceRef(_Model):
    name: str = Field(description="the source's name; for a pronoun, the name it was resolved to")
    span: Span = Field(description="the source as written where the claim is made (the pronoun itself)")
    resolved: Optional[ResolvedSource] = None


class SpanRef(_Model):
    span: Span


class Attribution(_Model):
    id: str
    kind: AttributionKind
    source: Optional[SourceRef] = Field(None, description="null = the author's own voice")
    cue: SpanRef
    content: SpanRef
    hedged: bool = False
    hedge: Optional[SpanRef] = None
    event_ids: list[str] = Field(default_factory=list)


class ArticleMeta(_Model):
    id: str
    source: str
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")
    published_from: Optional[str] = Field(
        None, description="jsonl | option | front_matter | html_meta | html_time | dateline | city_dateline | date_line | url | null")
    sha256: str
    chars: int


class ExtractionWarning(_Model):
    """Something dropped from an article's extraction, or refused, and why (the article and its other values are
    kept). `component`: the spaCy component (claimscope_dates ...), `ingest` or `records`; `rule`: the rule of the
    dropped value, or the stage that failed (find | annotate | link | span-check | count-ceiling | published-range)."""

    article: str = Field(description="the article's id")
    component: str
    rule: Optional[str] = None
    reason: str


class Extraction(_Model):
    """The `claimscope extract` output for one article."""

    article: ArticleMeta
    events: list[Event] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    references: list[Place] = Field(
        default_factory=list, description="place references that are not toponyms: demonyms (rule demonym: 'the "
        "Ruritanian border') and places inside organisation names (rule embedded: 'the Vell County Health "
        "Department'), each resolved to the place it names; never an event's place")
    dates: list[DateValue] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(
        default_factory=list, description="values dropped or refused (a failing component, a span that does not match "
        "the text, a count above the ceiling, a publication date out of range); empty when nothing was")


class Article(_Model):
    """An article as read by ingest: the text the offsets index, and where it came from."""

    id: str
    source: str
    text: str
    sha256: str
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    published_from: Optional[str] = None
    dateline: Optional[Span] = None
    encoding: str = "utf-8"
    encoding_note: Optional[str] = None
    warnings: list[ExtractionWarning] = Field(
        default_factory=list, description="refused at ingest (e.g. a publication date out of range); copied to "
        "the extraction's warnings")

    def meta(self) -> ArticleMeta:
        return ArticleMeta(
            id=self.id, source=self.source, title=self.title, url=self.url, published=self.published,
            published_from=self.published_from, sha256=self.sha256, chars=len(self.text),
        )


class SpanMismatch(ValueError):
    """A span whose text is not the article text at its offsets."""


def iter_spans(obj: Any, path: str = "$") -> Iterator[tuple[str, Span]]:
    """Yield `(json_path, span)` for every Span inside a model tree."""
    if isinstance(obj, Span):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_spans(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_spans(item, f"{path}[{i}]")


def check_spans(extraction: Extraction, text: str) -> None:
    """Raise SpanMismatch unless every span's text equals `text[start:end]`."""
    for path, span in iter_spans(extraction):
        if not (0 <= span.start <= span.end <= len(text)) or text[span.start : span.end] != span.text:
            raise SpanMismatch(
                f"{extraction.article.source}: {path} = {span.start}..{span.end} {span.text!r} "
                f"!= text {text[span.start:span.end]!r}"
            )


def json_schema() -> dict:
    """The JSON Schema of the extract output."""
    return Extraction.model_json_schema()


def span_errors(obj: Any, text: str, path: str = "$") -> list[str]:
    """Where the spans inside one value (a model tree) do not match `text` (empty: every span is exact)."""
    return [f"{p} = {s.start}..{s.end} {s.text!r} != text {text[s.start:s.end]!r}"
            for p, s in iter_spans(obj, path)
            if not (0 <= s.start <= s.end <= len(text)) or text[s.start:s.end] != s.text]
