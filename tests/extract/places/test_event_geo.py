"""An event's location (pipeline/extract/places/geo.py): the country rules, the references that never
decide, admin1/admin2 from containment, the point and its precision. Sentences are invented; place names,
ids and coordinates are GeoNames' facts (rounded), or invented names the gazetteer does not know."""
from __future__ import annotations

import json

import pytest

from pipeline.extract.places import geo
from pipeline.paths import MODELS_DIR

GX = json.loads((MODELS_DIR / "lexicons" / "places.json").read_text(encoding="utf-8"))["geo"]


def P(text: str, mention: str, nth: int = 0, **kw) -> dict:
    """A place payload for the nth `mention` in `text` (the keys of cs_places)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(mention, at + 1)
    p = {"start_char": at, "end_char": at + len(mention), "name": mention, "geonameid": None, "country": None,
         "admin1": None, "lat": None, "lon": None, "coords": None, "feature": "other", "relation": None,
         "distance_km": None, "rule": "ner"}
    p.update(kw)
    return p


# GeoNames facts used below
KANDAHAR = dict(geonameid=1138336, country="AF", admin1="Kandahar", lat=31.61, lon=65.71, feature="city",
                coords="geonames")
KANDAHAR_PROV = dict(geonameid=1138335, country="AF", admin1="Kandahar", lat=31.0, lon=65.8,
                     feature="admin_region", coords="centroid")
DAGESTAN = dict(geonameid=567293, country="RU", admin1="Dagestan", lat=42.9, lon=47.1, feature="admin_region",
                coords="centroid")
KHASAVYURT = dict(geonameid=550478, country="RU", admin1="Dagestan", lat=43.25, lon=46.59, feature="city",
                  coords="geonames")
RUSSIA = dict(geonameid=2017370, country="RU", lat=55.75, lon=37.62, feature="country", coords="capital")
UKRAINE = dict(geonameid=690791, country="UA", lat=50.45, lon=30.52, feature="country", coords="capital")
KHARKIV = dict(geonameid=706483, country="UA", admin1="Kharkiv", lat=49.98, lon=36.25, feature="city",
               coords="geonames")
SYRIA = dict(geonameid=163843, country="SY", lat=33.51, lon=36.29, feature="country", coords="capital")
HATAY = dict(geonameid=312394, country="TR", admin1="Hatay", lat=36.4, lon=36.3, feature="admin_region",
             coords="centroid")


def ctx_for(text: str, toponyms: list[dict]) -> geo.GeoContext:
    return geo.GeoContext(text, toponyms, GX, usable=lambda p: True, dateline=lambda p: p["start_char"] == 0)


def run(text: str, places: list[dict], others: list[dict] = ()) -> dict:
    """The geo fields of one event whose places are `places` (most specific first), in an article whose
    toponyms are `places` plus `others`."""
    tops = sorted(list(places) + list(others), key=lambda p: p["start_char"])
    return geo.event_geo(ctx_for(text, tops), {"places": list(places)})


# ---------------------------------------------------------------------- the country rules, each fires
T1 = "A bomb went off at a market in Kandahar on Monday."
T2 = "Gunmen fired on a police post in Khasavyurt, in Dagestan, overnight."
T3 = "Militants stormed the hamlet of Vellosk in Kandahar province."
T4 = "Two guards were hurt when a mine exploded in Zorvany, in Dagestan."
T5 = "KANDAHAR — A convoy was ambushed on a rural road at dawn."
T6 = "A rocket hit the Ostrova clinic. Officials in Kharkiv said the clinic was empty. Kharkiv is tense."
T7 = "Clashes went on in Kandahar. A shell struck the Vellosk depot at noon."
T8 = "Fighting in Dagestan spread to Khasavyurt as rebels gathered; a truck bomb hit a base."

COUNTRY_FIRES = [
    (T1, [P(T1, "Kandahar", relation="in", **KANDAHAR)], [], "own-place", "AF"),
    (T2, [P(T2, "Khasavyurt", relation="in", **KHASAVYURT), P(T2, "Dagestan", relation="in", **DAGESTAN)], [],
     "own-place", "RU"),
    (T3, [P(T3, "Vellosk", feature="village", relation="in"), P(T3, "Kandahar", relation="in", **KANDAHAR_PROV)],
     [], "containing-place", "AF"),
    (T4, [P(T4, "Zorvany", relation="in"), P(T4, "Dagestan", relation="in", **DAGESTAN)], [],
     "containing-place", "RU"),
    (T5, [], [P(T5, "KANDAHAR", relation="in", rule="dateline", **KANDAHAR)], "dateline", "AF"),
    (T6, [P(T6, "Ostrova clinic", feature="facility")],
     [P(T6, "Kharkiv", relation="in", **KHARKIV), P(T6, "Kharkiv", 1, **KHARKIV)], "article-country", "UA"),
    (T7, [P(T7, "Vellosk depot", feature="facility")], [P(T7, "Kandahar", relation="in", **KANDAHAR)],
     "article-country", "AF"),
]


@pytest.mark.parametrize("text, places, others, rule, country", COUNTRY_FIRES)
def test_country_rules_fire(text, places, others, rule, country):
    got = run(text, places, others)
    assert (got["geo_rule"], got["country"]) == (rule, country), got


def test_country_rule_names_are_unique():
    names = geo.COUNTRY_RULES.names()
    assert len(names) == len(set(names))


def test_no_place_anywhere_gives_no_country():
    text = "Officials said the attack was planned for weeks."
    assert run(text, []) == geo.EMPTY


# ---------------------------------------------------------------------- references never decide
R1 = "The attack happened 95 km from the Russian frontier, in Kharkiv."
R2 = "Shelling hit a village near the border with Syria in Hatay province."
R3 = "Rebels crossed the Syria border and raided a farm near Vellosk in Hatay."
R4 = "The militant from Dagestan was killed in Kharkiv on Friday."
R5 = "A drone struck a depot some 40 km from Kharkiv, officials in Russia said."
R6 = "The Chechen militant was killed in a raid; Dagestani police sealed the area."

REFERENCES = [
    # a demonym reference with a distance ("95 km from the Russian frontier") is not where the event is
    (R1, [P(R1, "Kharkiv", relation="in", **KHARKIV), P(R1, "Russian", relation="from", distance_km=95.0,
                                                         rule="demonym", **RUSSIA)], "UA"),
    # "near the border with Syria": a border reference; the province decides
    (R2, [P(R2, "Syria", relation="near", **SYRIA), P(R2, "Hatay", relation="in", **HATAY)], "TR"),
    # "the Syria border": a border reference after the name
    (R3, [P(R3, "Vellosk", relation="near"), P(R3, "Syria", **SYRIA), P(R3, "Hatay", relation="in", **HATAY)],
     "TR"),
    # "from Dagestan": where the militant comes from
    (R4, [P(R4, "Dagestan", relation="from", **DAGESTAN), P(R4, "Kharkiv", relation="in", **KHARKIV)], "UA"),
    # "40 km from Kharkiv" (a distance) ranks the reference first, yet the country is Russia's, the other place
    (R5, [P(R5, "Kharkiv", distance_km=40.0, relation="from", **KHARKIV), P(R5, "Russia", relation="in",
                                                                              **RUSSIA)], "RU"),
]


@pytest.mark.parametrize("text, places, country", REFERENCES)
def test_references_never_decide_the_country(text, places, country):
    assert run(text, places)["country"] == country


def test_demonyms_alone_give_no_country():
    refs = [P(R6, "Chechen", rule="demonym", country="RU", admin1="Chechnya"),
            P(R6, "Dagestani", rule="demonym", country="RU", admin1="Dagestan")]
    assert run(R6, refs)["country"] is None


def test_a_facility_named_with_a_demonym_does_not_decide():
    text = "A car bomb hit the Ruritanian embassy in Kandahar."
    places = [P(text, "Ruritanian embassy", feature="facility", country="RU", country_from="demonym"),
              P(text, "Kandahar", relation="in", **KANDAHAR)]
    got = run(text, places)
    assert (got["country"], got["geo_rule"]) == ("AF", "own-place")  # the facility does not count at all


@pytest.mark.parametrize("text, mention", [
    ("Troops massed along the border with Syria.", "Syria"),
    ("Refugees waited at the Syria border for days.", "Syria"),
    ("A town bordering Syria was shelled.", "Syria"),
])
def test_border_references(text, mention):
    p = P(text, mention, **SYRIA)
    assert not ctx_for(text, []).deciding(p)


@pytest.mark.parametrize("text, mention", [
    ("Shells fell on Syria's north on Monday.", "Syria"),
    ("The border town of Kharkiv was shelled.", "Kharkiv"),
    ("Police in Kandahar said two men were held.", "Kandahar"),
])
def test_not_border_references(text, mention):
    assert ctx_for(text, []).deciding(P(text, mention, country="XX"))


# ---------------------------------------------------------------------- admin1, admin2, point, precision
def test_admin1_comes_from_the_containing_region():
    got = run(T4, [P(T4, "Zorvany", relation="in"), P(T4, "Dagestan", relation="in", **DAGESTAN)])
    assert (got["country"], got["admin1"], got["geo_precision"]) == ("RU", "Dagestan", 3)
    assert got["geo_place"]["name"] == "Dagestan" and got["geo_place"]["index"] == 1


def test_admin1_from_the_only_region_the_article_names():
    text = "Local Dagestan police reported a raid. A patrol was fired on near the Zorvany quarry."
    got = run(text, [P(text, "Zorvany quarry", feature="facility")],
              [P(text, "Dagestan", **DAGESTAN)])
    assert (got["country"], got["admin1"], got["geo_rule"]) == ("RU", "Dagestan", "article-country")


def test_admin1_not_guessed_when_the_article_names_several():
    text = "Officials in Dagestan and in Khasavyurt, and others in Chechnya, met. A depot burned."
    chech = dict(DAGESTAN, geonameid=569665, admin1="Chechnya")
    got = run(text, [], [P(text, "Dagestan", **DAGESTAN), P(text, "Chechnya", **chech)])
    assert got["country"] == "RU" and got["admin1"] is None


def test_admin2_from_a_named_district():
    text = "A blast hit Vellosk in Babayurtovsky District of Dagestan."
    district = dict(geonameid=577812, country="RU", admin1="Dagestan", lat=None, lon=None, feature="admin_region")
    got = run(text, [P(text, "Vellosk", relation="in"), P(text, "Babayurtovsky District", **district),
                     P(text, "Dagestan", relation="region_of", **DAGESTAN)])
    assert (got["admin1"], got["admin2"]) == ("Dagestan", "Babayurtovsky District")
    assert got["geo_place"]["name"] == "Dagestan"  # the district has no point of its own: the next place's


@pytest.mark.parametrize("place, precision", [
    (dict(KHASAVYURT, relation="in"), 1),
    (dict(KHASAVYURT, relation="outskirts"), 1),
    (dict(KHASAVYURT, feature="village", relation="in"), 1),
    (dict(KHASAVYURT, relation="near"), 2),
    (dict(geonameid=577812, country="RU", admin1="Dagestan", lat=43.6, lon=46.9, feature="admin_region",
          name="Babayurtovsky District"), 2),
    (DAGESTAN, 3),
    (RUSSIA, 3),
])
def test_precision(place, precision):
    p = {"name": place.get("admin1") or "X", "relation": None}
    p.update(place)
    assert geo.precision(p, GX) == precision


def test_facility_takes_its_towns_point():
    text = "A grenade was thrown at the Grand Bazaar of Kandahar."
    fac = P(text, "Grand Bazaar of Kandahar", feature="facility", country="AF", admin1="Kandahar", lat=31.61,
            lon=65.71, within_feature="city", coords="geonames")
    got = run(text, [fac])
    assert (got["lat"], got["geo_precision"], got["geo_place"]["index"]) == (31.61, 1, 0)


def test_no_point_says_so():
    text = "Fighters seized Zorvany, a village in Ruritania, the ministry said."
    got = run(text, [P(text, "Zorvany", relation="in", country="RU")])
    assert got["country"] == "RU" and got["lat"] is None and got["geo_precision"] is None
    assert got["geo_place"]["name"] == "Zorvany"


def test_country_level_event_takes_the_country_point():
    text = "Several attacks were reported in Russia on Sunday."
    got = run(text, [P(text, "Russia", relation="in", **RUSSIA)])
    assert (got["country"], got["geo_precision"], got["geo_place"]["coords"]) == ("RU", 3, "capital")


@pytest.mark.parametrize("text, mention, km", [
    ("A mine went off 5 km from Kandahar on the highway.", "Kandahar", 5.0),
    ("The convoy was hit some 10 miles from Kandahar.", "Kandahar", 16.1),
    ("Shots were fired 2 km from Kandahar airport.", "Kandahar", 2.0),
])
def test_a_short_distance_locates_the_event_near_the_place(text, mention, km):
    got = run(text, [P(text, mention, relation="from", distance_km=km, **KANDAHAR)])
    assert (got["country"], got["geo_precision"]) == ("AF", 2)


@pytest.mark.parametrize("text, mention, km", [
    ("A mine went off 110 km from Kandahar on the highway.", "Kandahar", 110.0),
    ("The convoy was hit some 60 miles from Kandahar.", "Kandahar", 96.6),
])
def test_a_long_distance_never_decides(text, mention, km):
    assert run(text, [P(text, mention, relation="from", distance_km=km, **KANDAHAR)])["country"] is None
