"""The one figure per kind of an event (`events[].figures`) and of an article (casualties.figures).

Hand-built casualty mentions test each rule of the combination (with cases where it must not fire); the
real pipeline on sentences we wrote tests the figures an extraction shows. Sentences are our own.
"""
from __future__ import annotations

import pytest

from pipeline.extract.casualties.figures import article_figures, event_figures, kind_figure, main_incident
from pipeline.types import ArticleMeta, Casualty, Event, Extraction, Span

SHOT, SING, HOSP = "shot_may_include_killed", "singular_may_include_killed", "hospitalized_may_include_killed"


SAME = object()


def c(kind, n, at=0, total=True, flags=(), rule="subj", low=SAME, high=SAME, ids=(), group=None):
    """A casualty mention at character `at` (text order is what the rules read); low/high default to n."""
    return Casualty(kind=kind, count=n, low=n if low is SAME else low, high=n if high is SAME else high,
                    total=total, flags=list(flags), rule=rule, attribution_ids=list(ids), group=group,
                    span=Span(start=at, end=at + 5, text="x" * 5))


K, I = "killed", "injured"


@pytest.mark.parametrize("mentions, kind, count, rule", [
    # largest-total: repeated mentions of the same victims are not added up; the larger report wins
    ([c(K, 1, 0), c(K, 1, 50)], K, 1, "largest-total"),
    ([c(K, 20, 0), c(K, 22, 90), c(K, 3, 120, total=False, group="soldiers")], K, 22, "largest-total"),
    ([c(K, 12, 0, ids=["at-1"]), c(K, 9, 40, ids=["at-2"])], K, 12, "largest-total"),
    ([c("detained", 4, 0), c("detained", 7, 30)], "detained", 7, "largest-total"),
    # revised: a stated revision wins, also when it is lower
    ([c(K, 25, 0), c(K, 19, 60, rule="toll:revised")], K, 19, "revised"),
    ([c(K, 25, 0), c(K, 31, 60, rule="toll:revised"), c(K, 28, 90, rule="toll:revised")], K, 28, "revised"),
    ([c(I, 40, 0), c(I, 44, 70, rule="toll:revised")], I, 44, "revised"),
    # additional: added for injured after an earlier figure; not for killed; not without an earlier figure
    ([c(I, 4, 0), c(I, 20, 40, flags=["additional"])], I, 24, "largest-total+additional"),
    ([c(I, 1, 0), c(I, 1, 40, flags=["additional"]), c(I, 1, 80, flags=["additional"])], I, 3,
     "largest-total+additional"),
    ([c(I, 2, 0, flags=["additional"])], I, 2, "largest-total"),
    ([c(K, 1, 0), c(K, 1, 40, flags=["additional"])], K, 1, "largest-total"),
    # sum-of-groups: only groups, no total
    ([c(K, 3, 0, total=False, group="a"), c(K, 4, 20, total=False, group="b")], K, 7, "sum-of-groups"),
    ([c("arrested", 2, 0, total=False, group="men"), c("arrested", 1, 20, total=False, group="woman")],
     "arrested", 3, "sum-of-groups"),
    ([c(I, 5, 0), c(I, 2, 10, total=False, group="children")], I, 5, "largest-total"),
    # aggregate figures ("since 2013") never beat a figure of the incident; alone they are the event's
    ([c(K, 300, 0, flags=["aggregate_or_other_period"]), c(K, 2, 50)], K, 2, "largest-total"),
    ([c(K, 4, 0, flags=["aggregate_or_other_period"])], K, 4, "aggregate-only"),
    ([c(K, 5, 0, flags=["aggregate_or_other_period"]), c(K, 2, 20, total=False, group="children")], K, 5,
     "aggregate-only"),
    # nothing of the kind
    ([c(I, 5, 0)], K, None, None),
    ([Casualty(kind=K, count=None, span=Span(start=0, end=1, text="x"))], K, None, None),
])
def test_kind_figure(mentions, kind, count, rule):
    fig = kind_figure(mentions, kind)
    assert (fig.count if fig else None, fig.rule if fig else None) == (count, rule)


@pytest.mark.parametrize("mentions, killed, injured, injured_rule", [
    # a soft injured figure ("two people were shot") counts only for what exceeds the dead
    ([c(I, 2, 0, flags=[SHOT]), c(K, 1, 40)], 1, 1, "largest-total;net-of-killed"),
    ([c(I, 1, 0, flags=[SING]), c(K, 1, 40)], 1, 0, "largest-total;net-of-killed"),
    ([c(I, 3, 0, flags=[HOSP]), c(K, 1, 60)], 1, 2, "largest-total;net-of-killed"),
    ([c(I, 9, 0, flags=[SHOT]), c(I, 6, 30), c(K, 3, 10)], 3, 6, "largest-total;net-of-killed"),
    # told before every death and not smaller than it: "two were wounded ... one of them died"
    ([c(I, 2, 0), c(K, 1, 50)], 1, 1, "largest-total;net-of-killed"),
    # must not net: the dead come first, or outnumber the wounded (other victims), or the figure is firm
    ([c(K, 1, 0), c(I, 2, 50)], 1, 2, "largest-total"),
    ([c(I, 3, 0), c(K, 46, 50)], 46, 3, "largest-total"),
    ([c(I, 4, 0), c(K, 2, 0)], 2, 4, "largest-total"),
    # implied minima count only above the rest ("a double shooting": at least two hit, the dead included)
    ([c(I, 2, 0, flags=["implied_min", SHOT]), c(I, 1, 30, flags=[SHOT])], None, 2, "implied"),
    ([c(I, 2, 0, flags=["implied_min", SHOT]), c(K, 1, 30)], 1, 1, "implied"),
    ([c(I, 2, 0, flags=["implied_min", SHOT]), c(I, 3, 30)], None, 3, "largest-total"),
])
def test_injured_net_of_killed(mentions, killed, injured, injured_rule):
    figs = event_figures(mentions)
    assert (figs[K].count if K in figs else None) == killed
    assert (figs[I].count, figs[I].rule) == (injured, injured_rule)


@pytest.mark.parametrize("mentions, kind, count, low, high, ids", [
    ([c(K, 13, 0, low=13, high=None, ids=["at-1"], rule="subj;min")], K, 13, 13, None, ["at-1"]),
    ([c(K, 30, 0, low=29, high=31, rule="subj;approx")], K, 30, 29, 31, []),
    ([c(I, 4, 0, ids=["at-1"]), c(I, 20, 40, flags=["additional"], ids=["at-2"])], I, 24, 24, 24, ["at-1", "at-2"]),
    ([c(I, 5, 0, low=5, high=None, flags=[SHOT]), c(K, 2, 30)], I, 3, 3, None, []),
    ([c(K, 3, 0, total=False, ids=["at-2"]), c(K, 4, 20, total=False, low=4, high=None, ids=["at-2"])],
     K, 7, 7, None, ["at-2"]),
])
def test_low_high_and_attribution(mentions, kind, count, low, high, ids):
    f = event_figures(mentions)[kind]
    assert (f.count, f.low, f.high, f.attribution_ids) == (count, low, high, ids)


def _event(i, at, mentions):
    return Event(id=f"ev-{i}", type="attack", span=Span(start=at, end=at + 3, text="xxx"), casualties=mentions,
                 figures=event_figures(mentions))


def _ex(*events):
    return Extraction(article=ArticleMeta(id="a", source="s", sha256="0", chars=100), events=list(events))


@pytest.mark.parametrize("events, lead, killed, injured", [
    # the deadliest incident leads; all its kinds are the article's
    ([_event(1, 0, [c(I, 1, 0, flags=[SHOT])]), _event(2, 40, [c(K, 14, 40), c(I, 21, 60)])], "ev-2", 14, 21),
    # ties on killed: the larger injured figure, then text order
    ([_event(1, 0, [c(K, 1, 0)]), _event(2, 40, [c(K, 1, 40), c(I, 2, 50)])], "ev-2", 1, 2),
    ([_event(2, 40, [c(K, 1, 40)]), _event(1, 0, [c(K, 1, 0)])], "ev-1", 1, None),
    # an incident with only a running total does not lead, and its total is not the article's
    ([_event(1, 0, [c(K, 300, 0, flags=["aggregate_or_other_period"])]), _event(2, 40, [c(I, 2, 40)])],
     "ev-2", None, 2),
    ([_event(1, 0, [c(K, 300, 0, flags=["aggregate_or_other_period"])])], None, None, None),
    # no figures at all
    ([_event(1, 0, [])], None, None, None),
])
def test_article_figures_main_incident(events, lead, killed, injured):
    ex = _ex(*events)
    ev = main_incident(ex)
    assert (ev.id if ev else None) == lead
    figs = article_figures(ex)
    assert (figs[K].count if K in figs else None, figs[I].count if I in figs else None) == (killed, injured)


@pytest.mark.parametrize("text, killed, injured", [
    ("A teenager was fatally shot in a parking garage on Monday. The teenager died at the scene.", 1, None),
    ("Two brothers were shot outside a bakery on Friday night. One of them died in surgery hours later.", 1, 1),
    ("A bartender was grazed and wounded by one stray round on Tuesday in a shooting; she is stable.", None, 1),
    ("Three shoppers died and four more were hurt on Sunday. Police said all three shoppers died at the mall.",
     3, 4),
    ("Detectives are looking into a fatal shooting near the old rail depot.", 1, None),
    ("Firing from a moving van, the attacker killed two commuters and wounded five more at the tram stop.", 2, 5),
])
def test_extraction_shows_figures(nlp, text, killed, injured):
    from pipeline.extract.api import extract_one
    from pipeline.ingest import make_article

    ex = extract_one(make_article(text, "t.txt", published="2024-05-06"), nlp)
    figs = article_figures(ex)
    assert (figs[K].count if K in figs else None, figs[I].count if I in figs else None) == (killed, injured)
    for ev in ex.events:  # every figure comes from the event's own mentions
        assert ev.figures == event_figures(ev.casualties)


@pytest.mark.parametrize("text", [
    "At least 300 children have been killed by guns since 2013.",
    "The council approved a new budget for the fire department on Monday.",
    "That is the town's highest January tally of killings since 2009, when 31 were killed.",
])
def test_no_article_killed_figure(nlp, text):
    from pipeline.extract.api import extract_one
    from pipeline.ingest import make_article

    ex = extract_one(make_article(text, "t.txt", published="2024-05-06"), nlp)
    assert K not in article_figures(ex)
