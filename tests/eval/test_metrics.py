"""The scorer on hand-made cases: perfect = 1.0, empty = 0.0, known partial cases their exact values."""
from __future__ import annotations

import json

import pytest

from pipeline.eval.gold import GoldDoc, iter_gold
from pipeline.eval.score import score_doc
from pipeline.eval.metrics import (
    PRF, Casualties, Scores, _fallback_naive_counts, article_event_sums, article_figure_counts, event_count,
)
from pipeline.extract.casualties.figures import event_figures
from pipeline.eval.report import DatasetResult, markdown, scoreboard_markdown, to_json
from pipeline.types import (
    ArticleMeta, Attribution, Casualty, DateValue, Event, Extraction, Place, SourceRef, Span, SpanRef,
)
from tests.eval.test_gold import GVDB, GWN, PN, _ours


def load(tmp_path, line) -> GoldDoc:
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (doc,) = list(iter_gold(p))
    assert isinstance(doc, GoldDoc), doc
    return doc


def sp(text, spans):
    s, e = spans[0][0], spans[-1][1]
    return Span(start=s, end=e, text=text[s:e])


def empty(doc: GoldDoc) -> Extraction:
    return Extraction(article=ArticleMeta(id=doc.doc_id, source="t", sha256="0", chars=len(doc.text)))


def perfect(doc: GoldDoc) -> Extraction:
    """The gold itself, as an extraction."""
    t = doc.text
    ex = empty(doc)

    def place(p):
        return Place(name=p.name or "x", geonameid=p.geonameid, lat=p.lat, lon=p.lon, span=sp(t, p.span))

    def date(d):
        return DateValue(start=d.start, end=d.end, granularity=d.granularity or "day", rule="gold",
                         span=sp(t, d.span) if d.span else None)

    for a in doc.attributions:
        ex.attributions.append(Attribution(
            id=a.id, kind=a.kind or "statement", hedged=bool(a.hedged),
            source=SourceRef(name="s", span=sp(t, a.source)) if a.source else None,
            cue=SpanRef(span=sp(t, a.cue)), content=SpanRef(span=sp(t, a.content))))
    for i, e in enumerate(doc.events):
        cas = [Casualty(kind=c.kind, count=c.count, total=c.total, group=c.group, span=sp(t, c.span))
               for c in e.casualties]
        if e.killed:  # gvdb: no spans; put the figure on the first characters
            cas.append(Casualty(kind="killed", count=e.killed, span=sp(t, ((0, 1),))))
        if e.injured:
            cas.append(Casualty(kind="injured", count=e.injured, span=sp(t, ((0, 1),))))
        ex.events.append(Event(
            id=f"e{i}", type=e.type or "attack", span=sp(t, e.span or ((0, 1),)),
            date=date(e.date) if e.date else None,
            places=[place(p) for p in e.places if p.span], casualties=cas, figures=event_figures(cas)))
        ex.casualties.extend(cas)
    ex.places = [place(p) for p in doc.places if p.counted]
    if not ex.places:  # gvdb: the incident city is the only place gold names
        ex.places = [place(p) for e in doc.events for p in e.places if p.span]
    ex.dates = [date(d) for d in doc.dates]
    return ex


def scores(doc, ex, cas=None) -> Scores:
    sc = Scores()
    score_doc(sc, doc, ex, cas or Casualties())
    return sc


def values(sc: Scores) -> dict:
    out = {}
    for k, m in sc.metrics.items():
        if "naive" in k:
            continue
        out[k] = m.f1 if isinstance(m, PRF) else m.value
    return out


@pytest.mark.parametrize("line", [_ours(), GVDB, PN, GWN], ids=["ours", "gvdb", "polnear", "gwn"])
def test_perfect_prediction_scores_one(tmp_path, line):
    doc = load(tmp_path, line)
    sc = scores(doc, perfect(doc))
    vals = values(sc)
    assert vals, "nothing was scored"
    for k, v in vals.items():
        if k.endswith(".mae"):
            assert v == 0.0, k
        elif k == "dates.gvdb.stated_share":
            continue  # a property of the gold, not of the prediction
        else:
            assert v == 1.0, (k, v)


@pytest.mark.parametrize("line", [_ours(), GVDB, PN, GWN], ids=["ours", "gvdb", "polnear", "gwn"])
def test_empty_prediction_scores_zero(tmp_path, line):
    doc = load(tmp_path, line)
    sc = scores(doc, empty(doc))
    for k, v in values(sc).items():
        if k.endswith(".mae") or k == "dates.gvdb.stated_share":
            continue
        if k.startswith("casualties.article") and "injured" in k and doc.dataset == "claimscope":
            continue  # gold says 0 injured and the empty prediction says 0 too
        if k in ("casualties.article.killed.exact_acc",) and doc.dataset == "gvdb":
            continue  # gold killed is 0: an empty prediction is right there
        assert v == 0.0, (k, v)


def test_known_expected_values_on_our_format(tmp_path):
    doc = load(tmp_path, _ours())
    sc = scores(doc, empty(doc))
    m = sc.metrics
    assert m["casualties.event.killed.mae"].value == 2.0      # gold 2, nothing predicted
    assert m["casualties.article.killed.mae"].value == 2.0
    assert m["events.match"].fn == 1 and m["events.match"].fp == 0
    assert m["attributions.recall_with_source"].n == 1
    assert sc.worst("events.match", 5)[0].what == "missed"


def test_partial_toponyms_exact_values(tmp_path):
    doc = load(tmp_path, GWN)
    t = doc.text
    ex = empty(doc)
    ex.places = [
        Place(name="Riverton", geonameid=123, span=sp(t, ((13, 21),))),           # hit, right id
        Place(name="Lake", lat=10.1, lon=21.5, span=sp(t, ((42, 46),))),          # overlap hit, ~153 km away
        Place(name="church", span=sp(t, ((30, 36),))),                            # don't-care: ignored
        Place(name="Irish", span=sp(t, ((75, 80),))),                             # don't-care: ignored
        Place(name="aid", span=sp(t, ((81, 84),))),                               # Homonym: false positive
        Place(name="Flooding", span=sp(t, ((0, 8),))),                            # false positive
    ]
    sc = scores(doc, ex)
    ov = sc.metrics["places.toponym.overlap"]
    assert (ov.tp, ov.fp, ov.fn) == (2, 2, 1)
    assert ov.precision == 0.5 and ov.recall == pytest.approx(2 / 3) and ov.f1 == pytest.approx(4 / 7)
    exm = sc.metrics["places.toponym.exact"]
    assert (exm.tp, exm.fp, exm.fn) == (1, 3, 2)  # "Lake" is a boundary error: a miss and a false positive
    assert sc.metrics["places.resolution.exact_id"].value == 1.0   # only Riverton has an id
    assert sc.metrics["places.resolution.acc161"].value == 1.0     # Lake Obo within 161 km
    ex.places[1] = Place(name="Lake", lat=10.1, lon=22.0, span=sp(t, ((42, 46),)))  # ~208 km
    assert scores(doc, ex).metrics["places.resolution.acc161"].value == 0.5


def test_attributions_partial_discontinuous(tmp_path):
    doc = load(tmp_path, PN)
    t = doc.text
    ex = empty(doc)
    ex.attributions = [
        # E1 exactly, with its source
        Attribution(id="p1", kind="statement", source=SourceRef(name="The mayor", span=sp(t, ((0, 9),))),
                    cue=SpanRef(span=sp(t, ((10, 14),))), content=SpanRef(span=sp(t, ((15, 44),)))),
        # E2 (no source in gold): content predicted only as its first piece; a source is predicted
        Attribution(id="p2", kind="statement", source=SourceRef(name="he", span=sp(t, ((57, 59),))),
                    cue=SpanRef(span=sp(t, ((60, 65),))), content=SpanRef(span=sp(t, ((50, 55),)))),
    ]
    sc = scores(doc, ex)
    m = sc.metrics
    assert (m["attributions.source.exact"].tp, m["attributions.source.exact"].fp, m["attributions.source.exact"].fn) == (1, 1, 0)
    assert m["attributions.cue.exact"].f1 == 0.5 and m["attributions.cue.overlap"].f1 == 0.5
    assert m["attributions.content.exact"].f1 == 0.5 and m["attributions.content.overlap"].f1 == 1.0
    ex.attributions[1].content = SpanRef(span=sp(t, ((50, 73),)))  # first to last piece: exact
    assert scores(doc, ex).metrics["attributions.content.exact"].f1 == 1.0
    assert m["attributions.relation.overlap"].f1 == 1.0
    assert m["attributions.recall_with_source"].value == 0.5  # E2 matched, but a source where gold has none


def test_gvdb_article_counts_date_and_city(tmp_path):
    doc = load(tmp_path, GVDB)
    t = doc.text
    ex = empty(doc)
    cas = [Casualty(kind="injured", count=2, span=sp(t, ((34, 39),)))]
    ex.events = [Event(id="e1", type="shooting", span=sp(t, ((34, 39),)), casualties=cas, figures=event_figures(cas),
                       date=DateValue(start="2016-03-04", end="2016-03-04", granularity="day", rule="r",
                                      span=sp(t, ((49, 64),))),
                       places=[Place(name="springfield", span=sp(t, ((84, 95),)))])]
    ex.casualties = cas
    ex.places = list(ex.events[0].places)
    sc = scores(doc, ex)
    m = sc.metrics
    assert m["casualties.article.injured.exact_acc"].value == 0.0 and m["casualties.article.injured.mae"].value == 1.0
    assert m["casualties.article.killed.exact_acc"].value == 1.0
    assert m["dates.event.interval_acc"].value == 1.0
    assert m["places.city.event_acc"].value == 1.0          # same name, another mention
    assert m["places.city.mention_recall"].value == 1.0


def test_gvdb_date_not_measurable_is_not_scored(tmp_path):
    line = json.loads(json.dumps(GVDB))
    line["url"] = "http://example.com/news/man-hurt/"
    line["text"] = line["text"].replace("Friday, March 4,", "Friday night   ")
    doc = load(tmp_path, line)
    sc = scores(doc, empty(doc))
    assert "dates.event.interval_acc" not in sc.metrics
    assert sc.metrics["dates.gvdb.stated_share"].value == 0.0


@pytest.mark.parametrize("url, published, text_has_year, measurable", [
    ("http://example.com/news/man-hurt/", None, False, False),       # "March 4" with no knowable year
    ("http://example.com/news/man-hurt/", None, True, True),         # the year is written in the text
    ("http://example.com/news/man-hurt/", "2016-03-05", False, True),  # a publication date gives the year
    ("http://example.com/news/2016/03/05/man-hurt/", None, False, True),  # the URL carries the date
])
def test_gvdb_date_measurable_needs_a_knowable_year(tmp_path, url, published, text_has_year, measurable):
    line = json.loads(json.dumps(GVDB))
    line["url"], line["publication_date"] = url, published
    if text_has_year:
        line["text"] = line["text"].replace("March 4,", "March 4, 2016,")
    doc = load(tmp_path, line)
    sc = scores(doc, empty(doc))
    assert sc.metrics["dates.gvdb.stated_share"].value == (1.0 if measurable else 0.0)
    assert ("dates.event.interval_acc" in sc.metrics) == measurable


@pytest.mark.parametrize("text, killed, injured", [
    ("Three people were killed on Monday. Two others were wounded.", 3, 2),
    ("Three hikers were killed and two others wounded.", 2, 2),   # naive: the nearest number, here the wrong one
    ("A man was killed on Main Street.", 1, 0),
    ("Police said 4 were injured in 2015.", 0, 4),
    ("The council met on Tuesday.", 0, 0),
    ("Twelve people died; a dozen were hurt.", 12, 12),
])
def test_fallback_naive_counts(text, killed, injured):
    assert _fallback_naive_counts(text) == {"killed": killed, "injured": injured}


def _c(kind, n, total=True, group=None, flags=()):
    return Casualty(kind=kind, count=n, total=total, group=group, span=Span(start=0, end=1, text="x"),
                    flags=list(flags))


def test_event_count_of_gold_events():
    c = _c
    assert event_count([c("killed", 20), c("killed", 3, False, "soldiers"), c("killed", 22)], "killed") == 22
    # "nine people shot" (may include the dead) yields to "wounding six others"; alone it still counts
    shot = c("injured", 9, flags=["shot_may_include_killed"])
    assert event_count([c("injured", 6), shot], "injured") == 6
    assert event_count([shot], "injured") == 9
    # "four seriously wounded ... another 20 suffered minor injuries"
    assert event_count([c("injured", 4), c("injured", 20, flags=["additional"])], "injured") == 24
    assert event_count([c("killed", 3, False, "a"), c("killed", 4, False, "b")], "killed") == 7
    assert event_count([c("injured", 5)], "killed") is None


def _fev(i, at, cas, figures=None):
    return Event(id=f"ev-{i}", type="t", span=Span(start=at, end=at + 1, text="M"), casualties=cas,
                 figures=event_figures(cas) if figures is None else figures)


@pytest.mark.parametrize("events, sums, lead", [
    ([_fev(1, 0, [_c("killed", 2)]), _fev(2, 0, [_c("killed", 1)])], (3, None), (2, None)),
    ([_fev(1, 0, [_c("injured", 4)]), _fev(2, 5, [_c("killed", 1), _c("injured", 1)])], (1, 5), (1, 1)),
    ([_fev(1, 0, [_c("killed", 90, flags=["aggregate_or_other_period"])]), _fev(2, 5, [_c("injured", 2)])],
     (90, 2), (None, 2)),
    ([_fev(1, 0, [])], (None, None), (None, None)),
])
def test_article_level_figures(tmp_path, events, sums, lead):
    doc = load(tmp_path, GVDB)
    ex = empty(doc)
    ex.events = events
    assert tuple(article_event_sums(ex).values()) == sums
    assert tuple(article_figure_counts(ex).values()) == lead


@pytest.mark.parametrize("figure, ok", [(1, True), (2, False), (None, False)])
def test_eval_scores_the_figures_field(tmp_path, figure, ok):
    """The eval reads `events[].figures`, not the casualty mentions (gold: one injured, the mentions say 2)."""
    from pipeline.types import Figure

    doc = load(tmp_path, GVDB)
    ex = empty(doc)
    figs = {} if figure is None else {"injured": Figure(count=figure, rule="test")}
    ex.events = [_fev(1, 34, [_c("injured", 2)], figures=figs)]
    ex.casualties = list(ex.events[0].casualties)
    assert scores(doc, ex).metrics["casualties.article.injured.exact_acc"].value == (1.0 if ok else 0.0)


def test_reports_json_keys_and_markdown_never_quotes_shared_text(tmp_path):
    doc = load(tmp_path, PN)
    doc.text_is_ours = False
    r = DatasetResult(file="polnear_dev.jsonl", dataset="polnear_dev", format="polnear")
    score_doc(r.scores, doc, empty(doc), Casualties())
    out = json.loads(to_json([r], worst=3, measured="2026-01-01"))
    assert out["schema"] == "claimscope-eval/1"
    (ds,) = out["datasets"]
    assert set(ds) >= {"file", "dataset", "articles", "skipped", "metrics", "worst", "seconds"}
    assert ds["metrics"]["attributions.source.overlap"] == {
        "type": "prf", "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1, "n": 1}
    assert ds["worst"]["attributions.content"][0]["what"] == "missed"
    md = markdown(r, worst=3)
    assert "bridge" not in md and "mayor" not in md
    board = scoreboard_markdown([r], "2026-01-01")
    assert "| polnear_dev | attributions: source, overlap (F1) | 0.000 |" in board


@pytest.mark.parametrize("typ, klass", [
    ("political", "political"), ("aggregate", "aggregate"), ("arrest", "arrest_kidnap_displacement_operation"),
    ("displacement", "arrest_kidnap_displacement_operation"), ("shelling", "incident"), ("attack", "incident"),
])
def test_event_class_of_recall(typ, klass):
    from pipeline.eval.metrics import event_class

    assert event_class(typ) == klass
def _with_country(country="RU"):
    line = _ours()
    for p in line["gold"]["events"][0]["places"]:
        p["country"] = country
    return line


@pytest.mark.parametrize("predicted, acc, given", [("RU", 1.0, 1.0), ("GE", 0.0, 1.0), (None, 0.0, 0.0)])
def test_event_country_accuracy(tmp_path, predicted, acc, given):
    doc = load(tmp_path, _with_country("RU"))
    assert doc.events[0].country == "RU"
    ex = perfect(doc)
    ex.events[0].country = predicted
    m = scores(doc, ex).metrics
    assert (m["places.event.country_acc"].value, m["places.event.country_given"].value) == (acc, given)
    if predicted != "RU":
        assert sc_errors(doc, ex)


def sc_errors(doc, ex):
    return scores(doc, ex).worst("places.event.country", 5)


def test_event_country_from_the_gold_event_itself(tmp_path):
    line = _with_country("RU")
    line["gold"]["events"][0]["country"] = "GE"  # an explicit event country wins over its places'
    doc = load(tmp_path, line)
    assert doc.events[0].country == "GE"


def test_event_country_not_scored_on_missed_events(tmp_path):
    doc = load(tmp_path, _with_country("RU"))
    assert "places.event.country_acc" not in scores(doc, empty(doc)).metrics


def test_places_with_refs_counts_references_on_gwn_only(tmp_path):
    """`places.with_refs` scores places[] + references[] (places UNION place_references); `places.toponym`
    only places[]; our own gold (no adjectival toponyms) gets no with_refs figure."""
    doc = load(tmp_path, GWN)
    t = doc.text
    ex = empty(doc)
    ex.places = [Place(name="Riverton", geonameid=123, span=sp(t, ((13, 21),)))]
    ex.references = [Place(name="Riverton", geonameid=123, rule="embedded", span=sp(t, ((52, 60),))),
                     Place(name="Irish", rule="demonym", span=sp(t, ((75, 80),)))]        # don't-care: ignored
    m = scores(doc, ex).metrics
    top, refs = m["places.toponym.overlap"], m["places.with_refs.overlap"]
    assert (top.tp, top.fp, top.fn) == (1, 0, 2)
    assert (refs.tp, refs.fp, refs.fn) == (2, 0, 1)
    ex.references.append(Place(name="aid", rule="demonym", span=sp(t, ((81, 84),))))       # Homonym: false positive
    refs = scores(doc, ex).metrics["places.with_refs.overlap"]
    assert (refs.tp, refs.fp, refs.fn) == (2, 1, 1)
    ours = load(tmp_path, _ours())
    assert not any(k.startswith("places.with_refs") for k in scores(ours, perfect(ours)).metrics)
