"""Places extractor: mentions the small NER model misses or mislabels, resolution by context,
relations, and what must not become a place. Sentences are our own; facts are GeoNames'."""
from __future__ import annotations

import pytest

from pipeline.extract import places


def _places(nlp, text):
    doc = nlp(text)
    return doc, doc._.cs_places


def _by_text(text, found):
    return {text[p["start_char"]:p["end_char"]]: p for p in found}


# (sentence, mention as written, expected fields)
POSITIVE = [
    ("Gunmen attacked a checkpoint near Grozny on Monday.", "Grozny",
     {"geonameid": 558418, "country": "RU", "feature": "city", "relation": "near"}),
    ("Soldiers were shelled on the outskirts of Dushanbe late at night.", "Dushanbe",
     {"geonameid": 1221874, "country": "TJ", "relation": "outskirts"}),
    ("The city lies about 90 km from the Russian border.", "Russian",
     {"geonameid": 2017370, "feature": "country", "relation": "from", "distance_km": 90.0, "rule": "demonym"}),
    ("A bomb went off in the Derbent region of Dagestan.", "Derbent",
     {"country": "RU", "admin1": "Dagestan", "feature": "admin_region", "relation": "region_of"}),
    ("A bomb went off in the Derbent region of Dagestan.", "Dagestan",
     {"geonameid": 567293, "feature": "admin_region", "relation": "in"}),
    ("Police raided a house in the village of Alkhasty, Sunzha district of Ingushetia, on Friday.", "Alkhasty",
     {"geonameid": None, "feature": "village", "relation": "in"}),          # not in GeoNames cities500: kept
    ("Police raided a house in the village of Alkhasty, Sunzha district of Ingushetia, on Friday.", "Sunzha",
     {"country": "RU", "admin1": "Ingushetia", "feature": "admin_region", "relation": "district_of"}),
    ("Demonstrations were held in Karaganda and Aktyubinsk.", "Karaganda",
     {"geonameid": 609655, "feature": "city", "relation": "in"}),            # Karagandy
    ("Demonstrations were held in Karaganda and Aktyubinsk.", "Aktyubinsk",
     {"geonameid": 610611, "name": "Aktobe"}),                               # former name
    ("Two officers died in the village of New Hushet in Dagestan.", "New Hushet",
     {"geonameid": 802921, "feature": "village", "country": "RU"}),          # Novyy Khushet, by context
    ("Flights were diverted to a Dagestani airport after the storm.", "Dagestani",
     {"geonameid": 567293, "rule": "demonym"}),
    ("Riots in Zhanaozen left sixteen people dead, officials in Ingushetia said.", "Zhanaozen",
     {"geonameid": 607610, "country": "KZ"}),                                # the model calls it CARDINAL
    ("Riots in Zhanaozen left sixteen people dead, officials in Ingushetia said.", "Ingushetia",
     {"geonameid": 556349, "feature": "admin_region"}),                      # ... and this ORG
    ("A bomb went off in the Derbent region of Dagestan.", "Derbent", {"rule": "gazetteer"}),  # ORG to the model
    ("Unrest was reported in Dagestan, Ingushetia and Karachay-Cherkessia last year.", "Karachay-Cherkessia",
     {"geonameid": 552927, "relation": "in"}),                               # one mention, not split
    ("Crimea was annexed by Moscow in 2014.", "Crimea", {"geonameid": 703883, "feature": "admin_region"}),
    ("Crimea was annexed by Moscow in 2014.", "Moscow", {"geonameid": 524901, "feature": "city"}),
    ("Kazakhstan's economy shrank by two percent.", "Kazakhstan", {"geonameid": 1522867, "feature": "country"}),
    ("Fighters crossed into Central Asia from the south.", "Central Asia", {"feature": "region"}),
    ("Police in Aktobe detained seven men.", "Aktobe", {"geonameid": 610611, "relation": "in"}),
]


@pytest.mark.parametrize("text, mention, expected", POSITIVE)
def test_place_found_and_resolved(nlp, text, mention, expected):
    _, found = _places(nlp, text)
    got = _by_text(text, found)
    assert mention in got, f"{mention!r} not found in {sorted(got)}"
    p = got[mention]
    for k, v in expected.items():
        assert p[k] == v, (k, p)


def test_context_picks_the_russian_derbent(nlp):
    text = ("Militants clashed with police in Dagestan on Sunday. Later that day a second clash "
            "broke out in Derbent.")
    got = _by_text(text, _places(nlp, text)[1])
    assert got["Derbent"]["geonameid"] == 566532 and got["Derbent"]["country"] == "RU"


# (sentence, text that must NOT be a place mention)
NEGATIVE = [
    ("Jordan Peterson gave a lecture in Toronto last week.", "Jordan"),
    ("Paris Hilton arrived in Rome on Sunday.", "Paris"),
    ("Denzel Washington said the film would open in May.", "Washington"),
    ("Washington said he would not run again.", "Washington"),
    ("Islamic State claimed the bombing in a statement.", "Islamic State"),
    ("Islamic State claimed the bombing in a statement.", "State"),
    ("The militants want to build a Caliphate across the region.", "Caliphate"),
    ("Officials of the Organization of the Collective Security Treaty met on Tuesday.",
     "the Organization of the Collective Security Treaty"),
    ("The Islamic Movement of Uzbekistan claimed the raid.", "Uzbekistan"),
    ("Hope was running out for the miners, Commissioner Star said.", "Hope"),
    ("Hope was running out for the miners, Commissioner Star said.", "Star"),
    ("The report was written in English and Russian.", "English"),
]


@pytest.mark.parametrize("text, mention", NEGATIVE)
def test_not_a_place(nlp, text, mention):
    _, found = _places(nlp, text)
    spans = {text[p["start_char"]:p["end_char"]] for p in found}
    start = text.index(mention)
    assert mention not in spans
    assert not any(p["start_char"] <= start < p["end_char"] for p in found), found


def test_spans_index_the_text_and_payload_keys(nlp):
    text = "Two policemen were wounded near Grozny and in the village of Alkhasty in Ingushetia."
    _, found = _places(nlp, text)
    keys = {"start_char", "end_char", "name", "geonameid", "country", "admin1", "lat", "lon", "feature",
            "relation", "distance_km", "rule"}
    assert found
    for p in found:
        assert set(p) == keys
        assert p["feature"] in {"country", "admin_region", "city", "village", "region", "facility", "other"}


def test_facility_named_after_a_place_keeps_its_demonym(nlp):
    text = "A car exploded near the Dagestani Uytash Airport on Friday."
    got = _by_text(text, _places(nlp, text)[1])
    assert got["Dagestani"]["geonameid"] == 567293
    fac = [p for t, p in got.items() if "Airport" in t]
    assert fac and fac[0]["feature"] == "facility"


# ---------------------------------------------------------------- link(): hand-built events
def _event(text, clause):
    lo = text.index(clause)
    return {"start_char": lo, "end_char": lo + len(clause), "type": "attack",
            "trigger": {"start_char": lo, "end_char": lo + 6}, "sent_start": 0, "sent_end": len(text),
            "clause_start": lo, "clause_end": lo + len(clause), "date": None, "places": [], "casualties": [],
            "actors": [], "attribution_idxs": []}


@pytest.mark.parametrize("text, clause, expected", [
    ("Mortars hit an army camp in the village of Alkhasty, Sunzha district of Ingushetia.",
     "Mortars hit an army camp in the village of Alkhasty, Sunzha district of Ingushetia.",
     ["Alkhasty", "Sunzha", "Ingushetia"]),
    ("Gunmen stormed a post in the Derbent region of Dagestan.",
     "Gunmen stormed a post in the Derbent region of Dagestan.", ["Derbent", "Dagestan"]),
    ("A police car was blown up near Grozny; a second blast hit Aktobe in Kazakhstan.",
     "a second blast hit Aktobe in Kazakhstan.", ["Aktobe", "Kazakhstan"]),
    ("A police car was blown up near Grozny; a second blast hit Aktobe in Kazakhstan.",
     "A police car was blown up near Grozny", ["Grozny"]),
])
def test_link_most_specific_first(nlp, text, clause, expected):
    doc = nlp(text)
    ev = _event(text, clause)
    places.link(doc, [ev])
    assert [text[p["start_char"]:p["end_char"]] for p in ev["places"]] == expected
    assert ev["places"][0] is not doc._.cs_places[0]  # copies


def test_link_keeps_relation_and_puts_distance_reference_last(nlp):
    text = "Gunmen attacked a shop in Aktobe, about 110 km from the Russian border."
    doc = nlp(text)
    ev = _event(text, text)
    places.link(doc, [ev])
    names = [(p["name"], p["relation"]) for p in ev["places"]]
    assert names[0] == ("Aktobe", "in")
    assert names[-1] == ("Russia", "from") and ev["places"][-1]["distance_km"] == 110.0


def test_link_without_places_in_clause_uses_previous_sentence(nlp):
    text = "Security forces surrounded a house in Derbent, Dagestan. The gunfight lasted four hours."
    doc = nlp(text)
    lo = text.index("The gunfight")
    ev = _event(text, text[lo:])
    ev["sent_start"], ev["sent_end"] = lo, len(text)
    places.link(doc, [ev])
    assert [p["name"] for p in ev["places"]][:2] == ["Derbent", "Dagestan"]


def test_link_no_places(nlp):
    text = "Nobody was hurt."
    doc = nlp(text)
    ev = _event(text, text)
    places.link(doc, [ev])
    assert ev["places"] == []


def test_seed_article_places(nlp, seed_path):
    """The seed: mislabelled or transliterated names are found and resolved (offsets only, no text copied)."""
    text = seed_path.read_text(encoding="utf-8")
    doc = nlp(text)
    found = doc._.cs_places
    resolved = {p["geonameid"] for p in found}
    for gid in (556349, 607610, 610611, 566532, 552927, 802921, 558418, 1221874, 1220855, 609655, 703883):
        assert gid in resolved, gid
    words = {text[p["start_char"]:p["end_char"]] for p in found}
    assert not {"Islamic State", "Caliphate", "IS"} & words
    for p in found:
        assert text[p["start_char"]:p["end_char"]]


def test_embedded_option_emits_places_inside_names_but_never_links_them(nlp):
    from pipeline.extract._component import load_lexicon
    from pipeline.extract.gazetteer import get_gazetteer

    text = "The Islamic Movement of Uzbekistan claimed the raid in Tashkent."
    doc = nlp(text)
    lex = dict(load_lexicon("lexicons/places.json"), embedded_in_names=True)
    found = places.PlaceFinder(lex, get_gazetteer()).find(doc)
    got = _by_text(text, found)
    assert got["Uzbekistan"]["rule"] == "embedded" and got["Uzbekistan"]["geonameid"] == 1512440
    doc._.cs_places = found
    ev = _event(text, text)
    places.link(doc, [ev])
    assert [p["name"] for p in ev["places"]] == ["Tashkent"]
