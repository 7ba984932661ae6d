"""Every event placed, through the real pipeline: `events[].country/admin1/geo_precision/lat/lon/geo_place`
on invented articles (place names and their regions are GeoNames' facts)."""
from __future__ import annotations

import pytest

from pipeline.extract.api import extract_articles
from pipeline.extract.places.gazetteer import norm
from pipeline.ingest.readers import make_article

CASES = [
    # a town in its region: the town itself
    ("Gunmen killed two police officers at a roadblock on the outskirts of Buynaksk in Dagestan on Monday.",
     "RU", "Dagestan", 1),
    ("A car bomb killed four people at a market in Kandahar on Sunday, officials said.", "AF", "Kandahar", 1),
    ("Militants killed three soldiers in an ambush near the village of Gimry in Dagestan on Friday.",
     "RU", "Dagestan", None),
    # a demonym never decides ("the Chechen militant"); the town does
    ("The Chechen militant was shot dead by police in Nazran, Ingushetia, on Friday.", "RU", "Ingushetia", 1),
    # a distance reference never decides: the article's own places do
    ("KHARKIV — A shell killed two civilians some 40 km from the Russian frontier on Tuesday, regional "
     "officials said.", "UA", None, None),
]


@pytest.mark.parametrize("text, country, admin1, precision", CASES)
def test_events_are_placed(nlp, text, country, admin1, precision):
    (ex,) = extract_articles([make_article(text, "g.txt", published="2021-05-04")], nlp)
    assert ex.events, "no event found"
    ev = ex.events[0]
    assert ev.country == country, ev
    if admin1 is not None:
        assert norm(ev.admin1 or "") == norm(admin1)  # as GeoNames spells it ("Kandahār")
    if precision is not None:
        assert ev.geo_precision == precision
    if ev.geo_place is not None:
        assert ev.geo_place.span.text == text[ev.geo_place.span.start:ev.geo_place.span.end]
        if ev.geo_place.index is not None:
            assert ev.places[ev.geo_place.index].span == ev.geo_place.span


def test_event_point_is_its_place_point(nlp):
    text = "Two people were killed when a bomb exploded in Peshawar on Monday."
    (ex,) = extract_articles([make_article(text, "p.txt", published="2021-05-04")], nlp)
    ev = ex.events[0]
    src = ev.places[ev.geo_place.index]
    assert (ev.lat, ev.lon) == (src.lat, src.lon) and src.coords == "geonames" and ev.geo_precision == 1


@pytest.mark.parametrize("text, word, country", [
    ("Artillery fire was reported along the Russian border on Monday.", "Russian", "RU"),
    ("Two trucks were stopped at the Afghan frontier overnight.", "Afghan", "AF"),
    ("Smugglers crossed the Pakistani border near a river.", "Pakistani", "PK"),
])
def test_demonyms_are_references_not_toponyms(nlp, text, word, country):
    (ex,) = extract_articles([make_article(text, "r.txt", published="2021-05-04")], nlp)
    refs = {r.span.text: r for r in ex.references}
    assert word in refs and refs[word].country == country and refs[word].rule.startswith("demonym")
    assert word not in {p.span.text for p in ex.places}


# a name none of whose namesakes lies in the area the text puts it in: unresolved, located in that area
OUTSIDE = [
    ("A bomb hit a market in Toledo, in Dagestan, on Monday.", "Toledo", "RU"),
    ("Rebels raided Florence, in Kandahar province, overnight.", "Florence", "AF"),
    ("Shelling killed two people in Hamilton, in Hatay province, at dawn.", "Hamilton", "TR"),
]


@pytest.mark.parametrize("text, name, country", OUTSIDE)
def test_outside_its_area_no_namesake_is_taken(nlp, text, name, country):
    (ex,) = extract_articles([make_article(text, "o.txt", published="2021-05-04")], nlp)
    got = {p.span.text: p for p in ex.places}
    assert name in got and got[name].geonameid is None and got[name].country == country, got.get(name)
    assert ex.events and ex.events[0].country == country


@pytest.mark.parametrize("text, name, geonameid", [
    ("A bomb hit a market in Toledo, Ohio, on Monday.", "Toledo", 5174035),
    ("Gunmen attacked Khasavyurt, in Dagestan, at night.", "Khasavyurt", 550478),
    ("Police sealed off Kandahar, in southern Afghanistan, after the blast.", "Kandahar", 1138336),
])
def test_inside_its_area_the_namesake_there_is_taken(nlp, text, name, geonameid):
    (ex,) = extract_articles([make_article(text, "i.txt", published="2021-05-04")], nlp)
    got = {p.span.text: p for p in ex.places}
    assert name in got and got[name].geonameid == geonameid


@pytest.mark.parametrize("text, names", [
    ("Operations were declared in Dagestan, Ingushetia and Chechnya last year.", ["Dagestan", "Ingushetia"]),
    ("Curfews hit Kandahar, Helmand and Zabul provinces.", ["Helmand"]),
    ("Shelling was reported in Hatay, Gaziantep and Kilis.", ["Hatay", "Gaziantep"]),
])
def test_coordinated_regions_are_not_outside_each_other(nlp, text, names):
    (ex,) = extract_articles([make_article(text, "c.txt", published="2021-05-04")], nlp)
    got = {p.span.text: p for p in ex.places}
    for n in names:
        assert n in got and got[n].geonameid is not None and "outside" not in (got[n].rule or ""), got.get(n)
