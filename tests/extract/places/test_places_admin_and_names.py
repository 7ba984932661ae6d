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
    ("Clashes across the rural department of Arauca have left 14 dead. The governor of Arauca asked for more "
     "soldiers. Arauca has long been disputed.", "Arauca", 2, 3689717),
    # ... but "the city of X" is the city
    ("Clashes across the rural department of Arauca have left 14 dead. Ministers met local leaders in the city "
     "of Arauca a day later.", "Arauca", 1, 3689718),
    # bare names coordinated with each other, each typed as a region elsewhere
    ("Attacks in the Tahoua region and in the Tillabéri region have grown. Most of the displaced are in "
     "Tillaberi and Tahoua.", "Tahoua", 1, 2439374),
    # the type noun inside the model's entity
    ("A grenade hit a chapel in Jolo, capital of Sulu province, at dawn. A curfew may be imposed again in Sulu.",
     "Sulu", 1, 1685370),
    # ... also where only the typed mention makes the bare name a place (after a weak "to")
    ("A grenade hit a chapel in Jolo, capital of Sulu province, at dawn. Troops may return to Sulu.",
     "Sulu", 1, 1685370),
    # negative: coordinated with a settlement, the bare name stays the city
    ("Trucks on the highway between Damascus and Aleppo were hit. Air strikes also hit Hama and Aleppo "
     "provinces.", "Aleppo", 0, 170063),
    # negative: a bare name with no typed mention keeps the settlement reading
    ("Gunmen attacked a market in Tahoua in Niger on Friday.", "Tahoua", 0, 2439376),
    # negative: a country is not a settlement's ambiguity ("the territory of Georgia")
    ("Observers in Armenia said Azerbaijan had laid mines in the territory of Georgia. Troops later crossed Georgia.",
     "Georgia", 1, 614540),
    # an alternate name that only drops a generic word of the main name ("Ciudad Lázaro Cárdenas")
    ("Most of the cargo is unloaded in the port town of Lázaro Cárdenas in Michoacán, Mexico.",
     "Lázaro Cárdenas", 0, 4026082),
]


@pytest.mark.parametrize("text, mention, n, geonameid", READINGS)
def test_reading_of_a_division_or_settlement(nlp, text, mention, n, geonameid):
    _, got = _mention(nlp, text, mention, n)
    assert got is not None, mention
    assert got["geonameid"] == geonameid, got


# (text, mention, occurrence, expected fields): places the model splits, mislabels or misses
FOUND = [
    ("General Santos, Zamboanga and Cotabato City put their police on alert across the Philippines.",
     "General Santos", 0, {"geonameid": 1713022}),  # a title word opening a city's name
    ("Thousands of families remain in shelters in Lanao del Sur, in the Philippines.",
     "Lanao del Sur", 0, {"geonameid": 1707667}),
    ("The curfew extended across all of Mindanao for a year.", "Mindanao", 0, {"feature": "region"}),
    ("Gangs compete over the Tierra Caliente in Michoacán.", "Tierra Caliente", 0,
     {"feature": "region"}),
    ("Niger lost 40 soldiers when gunmen raided the military base at Inates. Posts such as Inates and Ayorou "
     "remain exposed.", "Ayorou", 0, {"geonameid": 2447416}),  # coordinated with an unknown locality
    ("Niger lost 40 soldiers when gunmen raided the military base at Inates. Posts such as Inates and Ayorou "
     "remain exposed.", "Inates", 1, {"geonameid": None}),
    ("Last year militants seized the remote army base at Chinégodar near the border.", "Chinégodar", 0,
     {"geonameid": None}),  # an unknown name after a military post and "at"
    # an apposition types the name
    ("Rebels raided Tolvasi, a remote farming village near the border.", "Tolvasi", 0,
     {"feature": "village", "geonameid": None}),
    ("Floods cut off Qarvandi, a hillside village in the north.", "Qarvandi", 0, {"feature": "village"}),
    ("Standoff at Mogadishu Hotel Ends After Two Days\n\nMOGADISHU — Troops retook a hotel in "
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
    ("Both raids were claimed by the Brotherhood of the Greater Sahara (BGS), whose men came from "
     "Mali.", "Greater Sahara", 0),
    ("Both raids were claimed by the Brotherhood of the Greater Sahara (BGS). Later the Brotherhood "
     "of the Greater Sahara denied it.", "Greater Sahara", 1),  # the name repeated without its acronym
    ("Tahoua Under Fire: How Niger's Western Front Became a Trap\n\nNIAMEY — Raids in "
     "Niger have grown.", "Western", 0),
    ("Gunman Kills Three at Copenhagen Shopping Centre\n\nCOPENHAGEN — Shots were fired in Denmark.",
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
    text = "The firm reports on Africa and the Middle East (AME) each year."
    doc = nlp(text)
    assert any(text[p["start_char"]:p["end_char"]] == "Africa" for p in doc._.cs_places), doc._.cs_places


# ---------------------------------------------------------------- link(): the dateline city vs the text
def _event(text, sentence):
    lo = text.index(sentence)
    hi = lo + len(sentence)
    return {"start_char": lo, "end_char": hi, "type": "attack", "trigger": {"start_char": lo, "end_char": lo + 6},
            "sent_start": lo, "sent_end": hi, "clause_start": lo, "clause_end": hi, "date": None, "places": [],
            "casualties": [], "actors": [], "attribution_idxs": []}


@pytest.mark.parametrize("text, sentence, first", [
    # the sentence names only areas besides the dateline: the next sentence's settlement
    ("MORELIA, Mexico — A police patrol was attacked in southern Michoacán late on Friday. The officers "
     "were driving near the town of Aguililla at the time, a spokesman said.",
     "MORELIA, Mexico — A police patrol was attacked in southern Michoacán late on Friday.", "Aguililla"),
    # a dateline with capitals outside A-Z is a dateline too; the first of coordinated settlements
    ("BOGOTÁ — Clashes across the rural department of Arauca have left 14 dead. The fighting started in "
     "farmland around Tame, Saravena and Fortul.",
     "BOGOTÁ — Clashes across the rural department of Arauca have left 14 dead.", "Tame"),
    # negative: the sentence itself names the dateline city again
    ("ODESSA, Texas — A man fired at motorists in two West Texas towns before police stopped him at a mall in "
     "Odessa. It started on a highway near Midland.",
     "ODESSA, Texas — A man fired at motorists in two West Texas towns before police stopped him at a mall in "
     "Odessa.",
     "Odessa"),
])
def test_link_dateline_city_or_the_place_the_text_gives(nlp, text, sentence, first):
    doc = nlp(text)
    ev = _event(text, sentence)
    places.link(doc, [ev], _lexicon(nlp))
    assert ev["places"], ev
    assert ev["places"][0]["name"] == first or text[ev["places"][0]["start_char"]:ev["places"][0]["end_char"]] \
        == first, ev["places"]
