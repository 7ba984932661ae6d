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


def _places(nlp, text):
    """The extraction of one invented article and its places by span text."""
    (ex,) = extract_articles([make_article(text, "a.txt", published="2021-05-04")], nlp)
    return ex, {p.span.text: p for p in ex.places}


# "X, <state>" where every namesake of X is a settlement in another state: none of them, X is in that state
OUTSIDE_STATE = [
    ("A man was shot in Hearne, Louisiana, on Monday.", "Hearne", "Louisiana"),
    ("Two people were hurt in Tyrone, Missouri, overnight.", "Tyrone", "Missouri"),
    ("A man was shot dead on a side street in Warren Township, Ohio.", "Warren Township", "Ohio"),
]


@pytest.mark.parametrize("text, name, state", OUTSIDE_STATE)
def test_settlement_outside_its_state_takes_no_namesake(nlp, text, name, state):
    ex, got = _places(nlp, text)
    assert name in got and got[name].geonameid is None, got.get(name)
    assert (got[name].country, got[name].admin1) == ("US", state)
    assert ex.events and (ex.events[0].country, ex.events[0].admin1) == ("US", state)


@pytest.mark.parametrize("text, name, geonameid", [
    ("Storms hit Texas, Ohio and Utah on Monday.", "Texas", 4736286),  # a list of regions
    ("He grew up in Paris, Texas, and moved away.", "Paris", 4717560),  # the namesake in that state
    ("A man was killed in Springfield, Illinois, on Friday.", "Springfield", 4250542),
])
def test_state_apposition_keeps_the_namesake_inside(nlp, text, name, geonameid):
    ex, got = _places(nlp, text)
    assert name in got and got[name].geonameid == geonameid, got.get(name)


# a street is not in the place it is named after: the event takes the settlement the street is in
STREETS = [
    ("A man was shot in the 900 block of Bordeaux Avenue, Stockton police said.", "Bordeaux Avenue", "US"),
    ("A girl was shot on Colorado Avenue in Joplin on Friday.", "Colorado Avenue", "US"),
    ("A woman was killed on Baghdad Street in Basra on Monday.", "Baghdad Street", "IQ"),
    ("A teen was wounded near Dublin Road in Columbus, Ohio.", "Dublin Road", "US"),
]


@pytest.mark.parametrize("text, street, country", STREETS)
def test_street_is_not_located_by_its_name(nlp, text, street, country):
    ex, got = _places(nlp, text)
    assert street in got and got[street].feature == "facility" and got[street].country is None, got.get(street)
    assert ex.events and ex.events[0].country == country


@pytest.mark.parametrize("text, facility, country", [
    ("Travellers were stranded at Bordeaux Airport after a strike.", "Bordeaux Airport", "FR"),
    ("Flights resumed at Kandahar Airport on Monday.", "Kandahar Airport", "AF"),
])
def test_airport_keeps_the_place_it_is_named_after(nlp, text, facility, country):
    ex, got = _places(nlp, text)
    assert facility in got and got[facility].country == country, got.get(facility)


# a name of a country and of a first-level region elsewhere: the region when the article's other places are in it
@pytest.mark.parametrize("text, name, country, feature", [
    ("A boy was shot in Dalton on Sunday. Georgia law does not require locks, the sheriff said.",
     "Georgia", "US", "admin_region"),
    ("Officials in Georgia said the state would review its laws after a shooting in Macon.",
     "Georgia", "US", "admin_region"),
    ("Gunmen killed ten villagers near Kontagora, and police in Niger said they had made arrests.",
     "Niger", "NG", "admin_region"),
    # must not fire: the article's places are in the country, or nowhere in the region
    ("Georgia's president met officials in Tbilisi and later visited Batumi.", "Georgia", "GE", "country"),
    ("Troops from Georgia served alongside allied units in Kandahar.", "Georgia", "GE", "country"),
    ("Gunmen killed ten villagers near Agadez, and police in Niger said they had made arrests.",
     "Niger", "NE", "country"),
])
def test_region_namesake_of_a_country(nlp, text, name, country, feature):
    ex, got = _places(nlp, text)
    assert name in got and (got[name].country, got[name].feature) == (country, feature), got.get(name)


# a direction word before "Side"/"End" names a part of the article's town, never a gazetteer place of that name
@pytest.mark.parametrize("text, country, town", [
    ("A man died after being shot inside a home on the Southwest Side of San Antonio.", "US", "San Antonio"),
    ("Gunfire rang out on Buffalo's East Side on Saturday.", "US", "Buffalo"),
    ("A man was shot on the North Side, Chicago police said.", "US", "Chicago"),
])
def test_town_part_is_not_a_gazetteer_place(nlp, text, country, town):
    ex, got = _places(nlp, text)
    assert all(p.geonameid is None for k, p in got.items() if k.split()[0] in ("Southwest", "East", "North"))
    assert ex.events and ex.events[0].country == country and town in [p.name for p in ex.events[0].places]


@pytest.mark.parametrize("text, name, geonameid", [
    ("Troops were sent to East Timor in 1999.", "East Timor", 1966436),
    ("A fire broke out in Southend on Sunday.", "Southend", 2637433),
    ("Gunmen attacked a bus in North Waziristan on Friday.", "North Waziristan", 1168875),
])
def test_direction_names_that_are_places_stay_places(nlp, text, name, geonameid):
    _ex, got = _places(nlp, text)
    assert name in got and got[name].geonameid == geonameid
