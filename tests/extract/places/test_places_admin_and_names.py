"""Places: a division versus its same-name settlement by the article's usage, names inside organisation
names, headline words, names the gazetteer lists under a longer main name, and the place of an event when a
dateline city competes with the place the text gives. Sentences are our own; ids are GeoNames'."""
from __future__ import annotations

import pytest

from pipeline.extract.places import component as places


def _lexicon(nlp):
    """The places component's configured lexicon (what the events component passes to the link stage)."""
    return nlp.get_pipe("claimscope_places").lexicon


def _nth(text, mention, n):
    start = -1
    for _ in range(n + 1):
        start = text.index(mention, start + 1)
    return start


def _mention(nlp, text, mention, n=0):
    doc = nlp(text)
    start = _nth(text, mention, n)
    got = [p for p in doc._.cs_places if p["start_char"] == start]
    return doc, (got[0] if got else None)


# (text, mention, occurrence, GeoNames id): the reading of a name shared by a division and a settlement
READINGS = [
    # typed as a department twice, bare elsewhere: the department
    ("Fighting in the eastern department of Arauca has killed 27 people. The governor of Arauca said troops "
     "had been sent. Arauca has been contested for years.", "Arauca", 2, 3689717),
    # ... but "the city of X" is the city
    ("Fighting in the eastern department of Arauca has killed 27 people. The president met mayors in the city "
     "of Arauca on Thursday.", "Arauca", 1, 3689718),
    # bare names coordinated with each other, each typed as a region elsewhere
    ("Attacks in the Tahoua region and in the Tillabéri region have grown. Most of the displaced are in "
     "Tillaberi and Tahoua.", "Tahoua", 1, 2439374),
    # the type noun inside the model's entity
    ("Two bombs exploded in Jolo, the capital of Sulu province, on Sunday. Martial law may be declared again in Sulu.",
     "Sulu", 1, 1685370),
    # ... also where only the typed mention makes the bare name a place (after a weak "to")
    ("Two bombs exploded in Jolo, the capital of Sulu province, on Sunday. Martial law may return to Sulu.",
     "Sulu", 1, 1685370),
    # negative: coordinated with a settlement, the bare name stays the city
    ("Trucks on the highway between Damascus and Aleppo were hit. Air strikes also hit Hama and Aleppo "
     "provinces.", "Aleppo", 0, 170063),
    # negative: a bare name with no typed mention keeps the settlement reading
    ("Gunmen attacked a market in Tahoua in Niger on Friday.", "Tahoua", 0, 2439376),
    # negative: a country is not a settlement's ambiguity ("the territory of Georgia")
    ("Azerbaijan mined the border territory of Georgia, officials in Armenia said. Soldiers crossed Georgia.",
     "Georgia", 1, 614540),
    # an alternate name that only drops a generic word of the main name ("Ciudad Lázaro Cárdenas")
    ("The chemicals arrive through the port city of Lázaro Cárdenas in Michoacán, Mexico.",
     "Lázaro Cárdenas", 0, 4026082),
]


@pytest.mark.parametrize("text, mention, n, geonameid", READINGS)
def test_reading_of_a_division_or_settlement(nlp, text, mention, n, geonameid):
    _, got = _mention(nlp, text, mention, n)
    assert got is not None, mention
    assert got["geonameid"] == geonameid, got


# (text, mention, occurrence, expected fields): places the model splits, mislabels or misses
FOUND = [
    ("Gunmen killed about 100 villagers in Tchoma Bangou and Zaroumadareye, near Ouallam in Niger.",
     "Tchoma Bangou", 0, {"geonameid": None}),  # one unknown name, not "Tchoma" + "Bangou"
    ("General Santos, Cotabato City and Zamboanga raised their alert levels across the Philippines.",
     "General Santos", 0, {"geonameid": 1713022}),  # a title word opening a city's name
    ("Thousands of families remain in shelters in Lanao del Sur, in the Philippines.",
     "Lanao del Sur", 0, {"geonameid": 1707667}),
    ("Martial law covered the whole of Mindanao for two years.", "Mindanao", 0, {"feature": "region"}),
    ("Cartels fight for control of the Tierra Caliente in Michoacán.", "Tierra Caliente", 0,
     {"feature": "region"}),
    ("Niger lost 71 soldiers when fighters attacked the military base at Inates. Bases such as Inates and Ayorou "
     "remain exposed.", "Ayorou", 0, {"geonameid": 2447416}),  # coordinated with an unknown locality
    ("Niger lost 71 soldiers when fighters attacked the military base at Inates. Bases such as Inates and Ayorou "
     "remain exposed.", "Inates", 1, {"geonameid": None}),
    ("In January fighters overran the army camp at Chinégodar, in western Niger.", "Chinégodar", 0,
     {"geonameid": None}),  # an unknown name after a military post and "at"
    ("In June gunmen killed residents of Solhan, a gold-mining village in Yagha province, near the border "
     "between Burkina Faso and Niger.", "Solhan", 0, {"feature": "village", "geonameid": None}),  # apposition
    ("Al-Shabaab Siege of Mogadishu Hotel Ends After 30 Hours\n\nMOGADISHU — Gunmen stormed a hotel in "
     "Mogadishu on Friday.", "Mogadishu", 0, {"geonameid": 53654}),  # a headline's run of capitals
]


@pytest.mark.parametrize("text, mention, n, expected", FOUND)
def test_place_found(nlp, text, mention, n, expected):
    _, got = _mention(nlp, text, mention, n)
    assert got is not None and text[got["start_char"]:got["end_char"]] == mention, got
    for k, v in expected.items():
        assert got[k] == v, (k, got)


# (text, mention, occurrence) that must NOT be a place mention
NOT_PLACES = [
    ("Both attacks were claimed by the Islamic State in the Greater Sahara (ISGS), whose fighters came from "
     "Mali.", "Greater Sahara", 0),
    ("Both attacks were claimed by the Islamic State in the Greater Sahara (ISGS). Later the Islamic State "
     "in the Greater Sahara denied it.", "Greater Sahara", 1),  # the name repeated without its acronym
    ("Tillabéri and the Tri-Border Area: Why Niger's Western Front Keeps Bleeding\n\nNIAMEY — Attacks in "
     "Niger have grown.", "Western", 0),
    ("Three Dead in Copenhagen Shopping Centre Shooting\n\nCOPENHAGEN — A gunman opened fire in Denmark.",
     "Centre", 0),
    ("General Santos said the army would stay in the Philippines.", "General Santos", 0),
    ("The meeting at Vexlor Systems ended late, officials in Ohio said.", "Vexlor", 0),  # no military post
]


@pytest.mark.parametrize("text, mention, n", NOT_PLACES)
def test_not_a_place(nlp, text, mention, n):
    doc = nlp(text)
    start = _nth(text, mention, n)
    assert not any(p["start_char"] <= start < p["end_char"] for p in doc._.cs_places), doc._.cs_places


def test_places_listed_before_an_acronym_stay_places(nlp):
    text = "The conference covers the Middle East and Africa (MEA) region."
    doc = nlp(text)
    assert any(text[p["start_char"]:p["end_char"]] == "Africa" for p in doc._.cs_places), doc._.cs_places


def test_small_foreign_namesake_outside_the_article_countries_is_unresolved(nlp):
    text = ("Niger and Burkina Faso share a long border. In June, gunmen killed residents of Solhan, "
            "across the border in Burkina Faso.")
    _, got = _mention(nlp, text, "Solhan")
    assert got is not None and got["geonameid"] is None, got  # not the Turkish town


# ---------------------------------------------------------------- link(): the dateline city vs the text
def _event(text, sentence):
    lo = text.index(sentence)
    hi = lo + len(sentence)
    return {"start_char": lo, "end_char": hi, "type": "attack", "trigger": {"start_char": lo, "end_char": lo + 6},
            "sent_start": lo, "sent_end": hi, "clause_start": lo, "clause_end": hi, "date": None, "places": [],
            "casualties": [], "actors": [], "attribution_idxs": []}


@pytest.mark.parametrize("text, sentence, first", [
    # the sentence names only areas besides the dateline: the next sentence's settlement
    ("MORELIA, Mexico — Gunmen ambushed a police convoy in western Michoacán on Tuesday. The convoy was "
     "escorting prosecutors near the town of Aguililla when it came under fire.",
     "MORELIA, Mexico — Gunmen ambushed a police convoy in western Michoacán on Tuesday.", "Aguililla"),
    # a dateline with capitals outside A-Z is a dateline too; the first of coordinated settlements
    ("BOGOTÁ — Fighting in the eastern department of Arauca has killed 27 people. The clashes began in rural "
     "areas of Tame, Fortul, Arauquita and Saravena.",
     "BOGOTÁ — Fighting in the eastern department of Arauca has killed 27 people.", "Tame"),
    # negative: the sentence itself names the dateline city again
    ("ODESSA, Texas — A gunman shot drivers across two West Texas cities and died outside a cinema in Odessa. "
     "The shooting began on Interstate 20 between Midland and Odessa.",
     "ODESSA, Texas — A gunman shot drivers across two West Texas cities and died outside a cinema in Odessa.",
     "Odessa"),
])
def test_link_dateline_city_or_the_place_the_text_gives(nlp, text, sentence, first):
    doc = nlp(text)
    ev = _event(text, sentence)
    places.link(doc, [ev], _lexicon(nlp))
    assert ev["places"], ev
    assert ev["places"][0]["name"] == first or text[ev["places"][0]["start_char"]:ev["places"][0]["end_char"]] \
        == first, ev["places"]
