"""Event kinds end to end (the real pipeline on short texts we wrote): political acts with their subtype,
operations, displacement, aggregates (never an incident), the ACLED mapping, undated events.

Each case has texts where the kind must come out and texts where it must not (metaphors, plans, negations,
generic statements)."""
from __future__ import annotations

import pytest

from pipeline.extract.api import extract_one
from pipeline.extract.casualties.figures import main_incident
from pipeline.ingest.readers import make_article

PUB = "2021-06-30"


def _events(nlp, text: str, published: str | None = PUB):
    ex = extract_one(make_article(text, "test.txt", published=published), nlp)
    return ex, [(e.type, e.subtype) for e in ex.events]


@pytest.mark.parametrize("text, want", [
    ("The military council declared martial law in the northern provinces on 3 May.", ("political", "emergency")),
    ("On 12 March the two governments signed a ceasefire in Lomo.", ("political", "ceasefire")),
    ("The president dismissed the interior minister on Friday, a week after the riots.", ("political", "appointment")),
    ("Army officers seized power in the capital on 14 April.", ("political", "coup")),
    ("Rebel fighters captured the town of Sedo on 2 June after a week of fighting.", ("political", "takeover")),
    ("In April the army launched an offensive in the eastern hills.", ("operation", None)),
    ("On 9 May about 3,000 residents fled the district.", ("displacement", None)),
    ("On 10 May gunmen seized twelve passengers from a bus near Tarsk.", ("kidnapping", None)),
    ("Artillery shells struck two schools in Varno on 4 May, killing three children.", ("shelling", None)),
])
def test_kinds_found(nlp, text, want):
    _, got = _events(nlp, text)
    assert want in got, got


@pytest.mark.parametrize("text", [
    "The minister came under fire from his own party for the remarks.",  # a metaphor
    "The junta threatened to declare martial law if the protests continued.",  # a threat
    "The government did not sign the agreement.",  # negated
    "Governments often impose curfews during unrest.",  # generic
    "The rebels plan to capture the town before the rains.",  # a plan
    "She signed the birthday card for her brother.",
    "The gunmen fled on motorbikes.",
])
def test_kinds_not_found(nlp, text):
    _, got = _events(nlp, text)
    assert not [t for t in got if t[0] in ("political", "operation", "displacement", "kidnapping")], got


@pytest.mark.parametrize("text, acled", [
    ("Rebels ambushed an army convoy near Sedo on 3 May.", ("Battles", "Armed clash")),
    ("On 3 May gunmen attacked a police post in Tarsk, killing two officers.", ("Battles", "Armed clash")),
    ("On 3 May gunmen attacked a market in Tarsk, killing two traders.", ("Violence against civilians", "Attack")),
    ("A car bomb exploded outside a hotel in Varno on 3 May.", ("Explosions/Remote violence",
                                                               "Remote explosive/landmine/IED")),
    ("On 3 May hundreds of teachers protested in Lomo against unpaid wages.", ("Protests", "Peaceful protest")),
    ("The two parties signed a peace agreement in Lomo on 3 May.", ("Strategic developments", "Agreement")),
])
def test_acled_mapping(nlp, text, acled):
    ex, _ = _events(nlp, text)
    assert acled in [(e.acled_event_type, e.acled_sub_event_type) for e in ex.events], \
        [(e.type, e.acled_event_type, e.acled_sub_event_type) for e in ex.events]


@pytest.mark.parametrize("text", [
    "More than 2,000 people have been killed in the region since January.",
    "Over 40,000 people have been displaced across the province since March.",
    "In all, at least 300 civilians have died in the fighting since the spring.",
])
def test_aggregate_is_stored_but_no_incident(nlp, text):
    ex, got = _events(nlp, text)
    assert ("aggregate", None) in got, got
    agg = next(e for e in ex.events if e.type == "aggregate")
    assert agg.acled_event_type is None
    assert main_incident(ex) is None or main_incident(ex).type != "aggregate"


def test_aggregate_period_runs_to_publication(nlp):
    ex, _ = _events(nlp, "More than 2,000 people have been killed in the region since January.")
    agg = next(e for e in ex.events if e.type == "aggregate")
    assert (agg.date.start, agg.date.end, agg.date_rule) == ("2021-01-01", PUB, "toll-period")


def test_aggregate_beside_an_incident_leaves_the_incident_main(nlp):
    text = ("On 2 May a bomb killed 14 people at a market in Tarsk. More than 2,000 people have been killed "
            "in the province since January.")
    ex, got = _events(nlp, text)
    assert ("aggregate", None) in got and main_incident(ex).type == "bombing"
    assert main_incident(ex).figures["killed"].count == 14


@pytest.mark.parametrize("text, published", [
    ("Gunmen shot dead a shopkeeper in Tarsk.", PUB),
    ("A bomb went off outside a bank in Varno, wounding four guards.", PUB),
    ("Protesters blocked the main road into Lomo and clashed with police.", None),
])
def test_undated_is_undated(nlp, text, published):
    ex, _ = _events(nlp, text, published)
    assert ex.events
    for e in ex.events:
        assert e.date is None and e.date_rule == "undated"
    assert ex.article.published == published


def test_dated_event_records_its_rule(nlp):
    ex, _ = _events(nlp, "Gunmen shot dead a shopkeeper in Tarsk on 4 May.")
    assert ex.events[0].date.start == "2021-05-04" and ex.events[0].date_rule not in ("undated", None)
