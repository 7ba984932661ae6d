"""Places extractor: mentions the small NER model misses or mislabels, resolution by context,
relations, and what must not become a place. Sentences are our own; facts are GeoNames'."""
from __future__ import annotations

import pytest

from pipeline.extract.places import component as places


def _lexicon(nlp):
    """The places component's configured lexicon (what the events component passes to the link stage)."""
    return nlp.get_pipe("claimscope_places").lexicon


def _places(nlp, text):
    """Toponyms and demonym references (kept aside from doc._.cs_places) of a text."""
    doc = nlp(text)
    return doc, doc._.cs_places + places.references(doc)


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
    ("Shelling was reported throughout the Derbent region of Dagestan.", "Derbent",
     {"country": "RU", "admin1": "Dagestan", "feature": "admin_region", "relation": "region_of"}),
    ("Shelling was reported throughout the Derbent region of Dagestan.", "Dagestan",
     {"geonameid": 567293, "feature": "admin_region", "relation": "in"}),
    ("Officers searched two homes in the village of Alkhasty, Sunzha district of Ingushetia, on Friday.", "Alkhasty",
     {"geonameid": None, "feature": "village", "relation": "in"}),          # not in GeoNames cities500: kept
    ("Officers searched two homes in the village of Alkhasty, Sunzha district of Ingushetia, on Friday.", "Sunzha",
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
    ("Shelling was reported throughout the Derbent region of Dagestan.", "Derbent", {"rule": "gazetteer"}),  # ORG to the model
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
    ("Officials of the Organization of the Collective Defence Pact met on Tuesday.",
     "the Organization of the Collective Defence Pact"),
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
    keys = {"start_char", "end_char", "name", "geonameid", "country", "admin1", "lat", "lon", "coords", "feature",
            "relation", "distance_km", "rule"}
    internal = {"within_feature", "country_from"}  # read by places/geo.py, not output
    assert found
    for p in found:
        assert keys <= set(p) <= keys | internal
        assert p["feature"] in {"country", "admin_region", "city", "village", "region", "facility", "other"}


def test_facility_named_after_a_place_keeps_its_demonym(nlp):
    text = "A car exploded near the Dagestani Uytash Airport on Friday."
    got = _by_text(text, _places(nlp, text)[1])
    assert got["Dagestani"]["geonameid"] == 567293
    fac = [p for t, p in got.items() if "Airport" in t]
    assert fac and fac[0]["feature"] == "facility"
    # located by its demonym: in Dagestan, no id and no point of its own (it does not borrow the region's)
    assert fac[0]["country"] == "RU" and fac[0]["admin1"] == "Dagestan" and fac[0]["lat"] is None
    assert fac[0]["geonameid"] is None


@pytest.mark.parametrize("text, demonym", [
    ("The city lies about 90 km from the Russian border.", "Russian"),
    ("Kyrgyz officials said the Tajik army had prepared the offensive.", "Kyrgyz"),
    ("Flights were diverted to a Dagestani airport after the storm.", "Dagestani"),
])
def test_demonyms_are_references_not_toponyms(nlp, text, demonym):
    """annotations/README.md: adjectives and demonyms are not toponyms; they stay available to link()."""
    doc = nlp(text)
    assert demonym not in {text[p["start_char"]:p["end_char"]] for p in doc._.cs_places}
    assert demonym in {text[p["start_char"]:p["end_char"]] for p in places.references(doc)} \
        or demonym == "Kyrgyz"


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
    ("Gunmen stormed a police post within the Derbent region of Dagestan.",
     "Gunmen stormed a police post within the Derbent region of Dagestan.", ["Derbent", "Dagestan"]),
    ("A police car was blown up near Grozny; a second blast hit Aktobe in Kazakhstan.",
     "a second blast hit Aktobe in Kazakhstan.", ["Aktobe", "Kazakhstan"]),
    ("A police car was blown up near Grozny; a second blast hit Aktobe in Kazakhstan.",
     "A police car was blown up near Grozny", ["Grozny"]),
])
def test_link_most_specific_first(nlp, text, clause, expected):
    doc = nlp(text)
    ev = _event(text, clause)
    places.link(doc, [ev], _lexicon(nlp))
    assert [text[p["start_char"]:p["end_char"]] for p in ev["places"]] == expected
    assert ev["places"][0] is not doc._.cs_places[0]  # copies


def test_link_keeps_relation_and_puts_distance_reference_last(nlp):
    text = "A shop was robbed in Aktobe, some 75 km from the Russian border."
    doc = nlp(text)
    ev = _event(text, text)
    places.link(doc, [ev], _lexicon(nlp))
    names = [(p["name"], p["relation"]) for p in ev["places"]]
    assert names[0] == ("Aktobe", "in")
    assert names[-1] == ("Russia", "from") and ev["places"][-1]["distance_km"] == 75.0


def test_link_without_places_in_clause_uses_previous_sentence(nlp):
    text = "Security forces surrounded a house in Derbent, Dagestan. The gunfight lasted four hours."
    doc = nlp(text)
    lo = text.index("The gunfight")
    ev = _event(text, text[lo:])
    ev["sent_start"], ev["sent_end"] = lo, len(text)
    places.link(doc, [ev], _lexicon(nlp))
    assert [p["name"] for p in ev["places"]][:2] == ["Derbent", "Dagestan"]


@pytest.mark.parametrize("later, expected", [
    # the later mention names a village and the event's town together: the village goes first
    ("On Monday troops raiding a compound in the village of Sar Kalay, on the outskirts of Kunduz, called in "
     "air support.", ["Sar Kalay", "Kunduz"]),
    # a mention naming only a distant place does not move the event
    ("On Monday troops raiding a compound in Herat called in air support.", ["Kunduz"]),
    # a place the mention does not put the incident in ("residents of nearby X") does not either
    ("On Monday troops raiding a compound near Kunduz were seen by residents of nearby Sar Kalay.", ["Kunduz"]),
])
def test_link_more_specific_place_from_a_later_mention(nlp, later, expected):
    text = "An air strike hit a market near Kunduz on Monday. The strike remains disputed. " + later
    doc = nlp(text)
    ev = _event(text, text[: text.index(" The strike")])
    m = text.index("raiding")
    ev["mentions"] = [{"start_char": m, "end_char": m + 7, "clause_start": text.index("On Monday troops"),
                       "clause_end": len(text)}]
    places.link(doc, [ev], _lexicon(nlp))
    assert [text[p["start_char"]:p["end_char"]] for p in ev["places"]] == expected


@pytest.mark.parametrize("text, clause, expected", [
    # streets and buildings only: the settlement named last before them (a dateline too), else the next one
    ("A man was wounded in Fresno on Monday. The shooting happened near Birch Avenue and Walnut Street.",
     "The shooting happened near Birch Avenue and Walnut Street.", ["Birch Avenue", "Walnut Street", "Fresno"]),
    ("MILWAUKEE — Police closed the freeway on Tuesday. A driver was shot near Highland Avenue.",
     "A driver was shot near Highland Avenue.", ["Highland Avenue", "MILWAUKEE"]),
    ("Two men were wounded outside the Grand Hotel on Main Street, police in Baltimore said.",
     "Two men were wounded outside the Grand Hotel on Main Street", ["Grand Hotel on Main Street", "Baltimore"]),
    ("Gunmen attacked a checkpoint in Khasavyurt on Monday. In Makhachkala, a bomb exploded outside the Central "
     "Mosque.", "a bomb exploded outside the Central Mosque.", ["Central Mosque", "Makhachkala"]),
    # not: the event names its own settlement, a village, no settlement at all, or only a demonym
    ("Gunmen attacked a checkpoint in Khasavyurt. A bomb exploded outside the Central Mosque in Derbent.",
     "A bomb exploded outside the Central Mosque in Derbent.", {"Central Mosque", "Derbent"}),  # order: not here
    ("Troops left Khasavyurt. Fighting broke out in the village of Kok-Tash on Monday.",
     "Fighting broke out in the village of Kok-Tash on Monday.", ["Kok-Tash"]),
    ("A bomb exploded outside the Central Mosque on Friday.", "A bomb exploded outside the Central Mosque on Friday.",
     ["Central Mosque"]),
])
def test_link_puts_streets_and_buildings_in_their_settlement(nlp, text, clause, expected):
    doc = nlp(text)
    ev = _event(text, clause)
    ev["sent_start"], ev["sent_end"] = ev["clause_start"], ev["clause_end"]
    places.link(doc, [ev], _lexicon(nlp))
    got = [text[p["start_char"]:p["end_char"]] for p in ev["places"]]
    assert (set(got) if isinstance(expected, set) else got) == expected
    assert len(got) == len(expected)


@pytest.mark.parametrize("text, clause, expected", [
    # an event whose sentence names no place: the dateline town, else the town named most often
    ("TULSA — Police are looking for a gunman.\n\nA man was shot late Saturday, officers said.",
     "A man was shot late Saturday", ["TULSA"]),
    ("Police in Fresno asked for help.\n\nA man was shot late Saturday.\n\nFresno police and Clovis officers "
     "searched the area.", "A man was shot late Saturday.", ["Fresno"]),
    ("A woman from Dayton was hurt.\n\nThe shooting happened before dawn.", "The shooting happened before dawn.",
     ["Dayton"]),
    # not: two towns named equally often, no town at all, or the event's own sentence names its place
    ("Police in Fresno and Clovis asked for help.\n\nA man was shot late Saturday.", "A man was shot late Saturday.",
     []),
    ("Police in Ohio asked for help.\n\nA man was shot late Saturday.", "A man was shot late Saturday.", []),
    ("Police in Fresno asked for help.\n\nA man was shot in Clovis late Saturday.",
     "A man was shot in Clovis late Saturday.", ["Clovis"]),
])
def test_link_places_an_unplaced_event_at_the_article_town(nlp, text, clause, expected):
    doc = nlp(text)
    ev = _event(text, clause)
    ev["sent_start"], ev["sent_end"] = ev["clause_start"], ev["clause_end"]
    places.link(doc, [ev], _lexicon(nlp))
    got = [text[p["start_char"]:p["end_char"]] for p in ev["places"]]
    assert got == expected
    own = clause.find(expected[0]) >= 0 if expected else True
    assert all((p["relation"] == "article") != own for p in ev["places"])
    if expected and not own:
        assert ev["geo"]["geo_rule"] == "article-place" and ev["geo"]["country"] == "US"


@pytest.mark.parametrize("text, expected", [
    # a name before a street word is part of the street's name; a place span ending in one is a street
    ("Woman Hurt in Crash on Marathon Ave. Monday in Dayton.", [("Dayton", "city")]),
    ("Officers were called to Elm St. in Springfield.", [("Elm St.", "facility"), ("Springfield", "city")]),
    ("Two men were shot near Lincoln Rd late Friday.", [("Lincoln Rd", "facility")]),
    ("A gunman opened fire on Lebanon Drive in Dallas.", [("Lebanon Drive", "facility"), ("Dallas", "city")]),
    # not: a saint's abbreviation opens a name, and a place before a lower-case word or another place stays
    ("He moved to St. Louis last year.", [("St. Louis", "city")]),
    ("Troops entered Aleppo on Tuesday.", [("Aleppo", "city")]),
    ("The march went from Washington to Baltimore.", [("Washington", "city"), ("Baltimore", "city")]),
])
def test_street_names_are_streets_not_the_places_they_are_named_after(nlp, text, expected):
    doc = nlp(text)
    assert [(p["name"] if p["feature"] != "facility" else text[p["start_char"]:p["end_char"]], p["feature"])
            for p in doc._.cs_places] == expected


@pytest.mark.parametrize("text, name, country", [
    # a capital is named far more often than its population says: an article about Britain still means the
    # US capital by "Washington"
    ("Britain expelled Russian diplomats. Britain said the poisoning in Britain was an attack on Britain. "
     "In Washington, officials welcomed the move.", "Washington", "US"),
    # not against a much larger city (Hamilton, Bermuda has 900 people), nor against the text's own region
    ("Fans in Hamilton cheered as the Tiger-Cats won in Ontario.", "Hamilton", "CA"),
    ("The University of Idaho is in Moscow, Idaho.", "Moscow", "US"),
])
def test_capitals_prior(nlp, text, name, country):
    doc = nlp(text)
    assert [p["country"] for p in doc._.cs_places if p["name"] == name] == [country]


@pytest.mark.parametrize("text, expected", [
    # a police, sheriff's or fire service named after its place serves that place
    ("A teenager was wounded late Saturday, a statement by Chicago Police said.", [("Chicago", "jurisdiction")]),
    ("Houston Police Department investigators said the robbery happened on Friday.", [("Houston", "jurisdiction")]),
    ("Baltimore Police Commissioner Ann Ross told reporters the attack was planned.", [("Baltimore", "jurisdiction")]),
    # not: other organisations named after a place
    ("The Washington Post reported the shooting on Monday.", []),
    ("Chicago Bulls fans gathered downtown.", []),
    ("The Kabul Bank collapsed in 2010.", []),
])
def test_a_local_service_names_its_place(nlp, text, expected):
    doc = nlp(text)
    assert [(p["name"], p["rule"]) for p in doc._.cs_places] == expected


def test_link_no_places(nlp):
    text = "Nobody was hurt."
    doc = nlp(text)
    ev = _event(text, text)
    places.link(doc, [ev], _lexicon(nlp))
    assert ev["places"] == []


def test_embedded_option_emits_places_inside_names_but_never_links_them(nlp):
    from pipeline.extract._component import load_lexicon
    from pipeline.extract.places.gazetteer import get_gazetteer

    text = "The Islamic Movement of Uzbekistan claimed the raid in Tashkent."
    doc = nlp(text)
    lex = dict(load_lexicon("lexicons/places.json"), embedded_in_names=True)
    found = places.PlaceFinder(lex, get_gazetteer()).find(doc)
    got = _by_text(text, found)
    assert got["Uzbekistan"]["rule"] == "embedded" and got["Uzbekistan"]["geonameid"] == 1512440
    doc._.cs_places = found
    ev = _event(text, text)
    places.link(doc, [ev], lex)
    assert [p["name"] for p in ev["places"]] == ["Tashkent"]


# ---------------------------------------------------------------- article-level evidence (issue 5, round 2)
# (text, mention as written, occurrence index, expected fields); "\n" separates headline / dateline / body
IN_CONTEXT = [
    # datelines: all-capitals names that the model tags as anything
    ("BEIRUT — Air strikes hit a market in Syria on Monday.", "BEIRUT", 0,
     {"geonameid": 276781, "rule": "dateline"}),
    ("COLUMBUS, Ohio (AP) — The team won again on Friday.", "COLUMBUS", 0, {"geonameid": 4509177}),
    # a title-case headline: a name counts when the article uses it as a place
    (("Rebels Shell Kirkuk While Mosul Talks Stall\n\nKIRKUK, Iraq — Rockets hit Kirkuk on "
      "Friday, a week after the Mosul talks opened."), "Kirkuk", 0, {"geonameid": 94787}),
    # one sense per discourse, without the article
    ("A bomb exploded in a market in Parachinar. The Parachinar attack was the third this year.", "Parachinar", 1,
     {"geonameid": 1168394}),
    # "X, Y": resolved inside the region or country that follows
    ("The crash happened in Duncan, Oklahoma, officers said.", "Duncan", 0, {"geonameid": 4535389}),
    ("The road to Djibo, Burkina Faso was closed after the attack.", "Djibo", 0, {"geonameid": 2361177}),
    # spelling variants take the reading of the name they spell
    ("Soldiers cordoned off the village of Gimry (now written Gimri) for two days.", "Gimri", 0, {"geonameid": 561472}),
    ("Two barns caught fire in Ak-Sai (Ak-Say) overnight.", "Ak-Say", 0, {"geonameid": 10370337}),
    # a shared plural type noun makes both names regions
    ("Fighting continued in the Donetsk and Luhansk regions.", "Donetsk", 0, {"geonameid": 709716}),
    ("Fighting continued in the Donetsk and Luhansk regions.", "Luhansk", 0, {"geonameid": 702657}),
    # coordination with places of the same country
    ("Officials from Tamil Nadu, Karnataka and Puducherry met in Chennai.", "Puducherry", 0, {"country": "IN"}),
    # a demonym before a type noun restricts the country; the reading holds for later mentions
    ("Shots were fired near the Kyrgyz hamlet of Kok-Tash. A later quarrel near Kok-Tash left four hurt.",
     "Kok-Tash", 1, {"geonameid": None}),
    # names with connectors; facilities opened by a head noun; a direction before a region
    ("Staff were moved to Camp Marmal, a base outside Mazar-i-Sharif.", "Mazar-i-Sharif", 0,
     {"geonameid": 1133616}),
    ("Staff were moved to Camp Marmal, a base outside Mazar-i-Sharif.", "Camp Marmal", 0, {"feature": "facility"}),
    ("The killings shocked residents across West Texas last week.", "West Texas", 0,
     {"feature": "region", "country": "US", "geonameid": None}),
    # a named part of a place, unknown to the gazetteer
    ("Two guards were shot at a bakery in the Zelbar area of Karachi.", "Zelbar area", 0,
     {"geonameid": None, "relation": "in"}),
    # a dateline glued to the headline by a lost line break, inside the state that follows it
    ("Boy hurt in garage fire at homeCOLTON, Ore. (KXYZ) — A boy was hurt on Sunday.",
     "COLTON", 0, {"country": "US", "admin1": "Oregon", "rule": "dateline", "geonameid": None}),  # not in data
    ("Woman cited after barn fireDUNCANNON, Pa. (WXYZ) – A local woman was cited.",
     "DUNCANNON", 0, {"geonameid": 5187506, "admin1": "Pennsylvania"}),
]


def _nth(text, mention, n):
    start = -1
    for _ in range(n + 1):
        start = text.index(mention, start + 1)
    return start


@pytest.mark.parametrize("text, mention, n, expected", IN_CONTEXT)
def test_place_found_by_article_evidence(nlp, text, mention, n, expected):
    _, found = _places(nlp, text)
    start = _nth(text, mention, n)
    got = [p for p in found if p["start_char"] == start and text[p["start_char"]:p["end_char"]] == mention]
    assert got, f"{mention!r} #{n} not found in {[text[p['start_char']:p['end_char']] for p in found]}"
    for k, v in expected.items():
        assert got[0][k] == v, (k, got[0])


# (text, mention, occurrence) that must NOT be a place mention
NOT_IN_CONTEXT = [
    ("Rockets on Idlib Market Town Kill Four\n\nBEIRUT — Rockets struck a market in Idlib.", "Market", 0),
    ("Rockets on Idlib Market Town Kill Four\n\nBEIRUT — Rockets struck a market in Idlib.", "Kill", 0),
    ('A cell calling itself the "Caucasus Province" took responsibility.', "Caucasus", 0),
    ("Two members of the so-called “Liberation Front of Uzbekistan” were held.", "Uzbekistan", 0),
    ("Raiders burned the Dogon village of Kessa at night.", "Dogon", 0),
    ("John Kelly met reporters in Washington. Kelly said he would stay.", "Kelly", 1),
    ("The dispute was settled, according to Conway, after a long night.", "Conway", 0),
]


@pytest.mark.parametrize("text, mention, n", NOT_IN_CONTEXT)
def test_not_a_place_in_context(nlp, text, mention, n):
    _, found = _places(nlp, text)
    start = _nth(text, mention, n)
    assert not any(p["start_char"] <= start < p["end_char"] for p in found), found


@pytest.mark.parametrize("text, clause, first", [
    # a district the event is in comes before a city it is "south of"
    ("Police exchanged fire with gunmen within the Karabudakhkent district, just south of Makhachkala, late on Monday.",
     "Police exchanged fire with gunmen within the Karabudakhkent district, just south of Makhachkala, late on Monday.", "Karabudakhkent"),
    # a demonym is a reference: the village comes first; alone, the demonym's country is the place
    ("Gunmen fired at a post near the remote Kyrgyz village of Kok-Tash.",
     "Gunmen fired at a post near the remote Kyrgyz village of Kok-Tash.", "Kok-Tash"),
    ("Fighting broke out along the Kyrgyz-Tajik border.", "Fighting broke out along the Kyrgyz-Tajik border.",
     "Kyrgyz"),
    # the dateline city inside the larger area the sentence names
    ("ODESSA, Texas — A gunman opened fire on drivers across two West Texas cities.",
     "ODESSA, Texas — A gunman opened fire on drivers across two West Texas cities.", "ODESSA"),
    # a named area comes before the city it lies in
    ("Two guards were shot at a bakery in the Zelbar area of Karachi.",
     "Two guards were shot at a bakery in the Zelbar area of Karachi.", "Zelbar area"),
    # a dateline elsewhere does not displace the place of the event
    ("MAKHACHKALA — Two officers were killed on the outskirts of Khasavyurt.",
     "MAKHACHKALA — Two officers were killed on the outskirts of Khasavyurt.", "Khasavyurt"),
])
def test_link_first_place(nlp, text, clause, first):
    doc = nlp(text)
    ev = _event(text, clause)
    places.link(doc, [ev], _lexicon(nlp))
    assert ev["places"], ev
    assert text[ev["places"][0]["start_char"]:ev["places"][0]["end_char"]] == first, ev["places"]


def test_link_ignores_a_quoted_place_used_as_a_pattern(nlp):
    text = 'Protests in Kazakhstan could follow the "Donetsk" scenario, experts warned.'
    doc = nlp(text)
    assert any(text[p["start_char"]:p["end_char"]] == "Donetsk" for p in doc._.cs_places)  # a toponym ...
    ev = _event(text, text)
    places.link(doc, [ev], _lexicon(nlp))
    assert [p["name"] for p in ev["places"]] == ["Kazakhstan"]  # ... that does not locate the event


def test_link_takes_the_settlement_of_the_next_sentence_for_a_country_level_event(nlp):
    text = ("Clashes on the frontier of Kyrgyzstan and Tajikistan were the deadliest in a decade. "
            "It started with a row over water near the Kyrgyz hamlet of Kok-Tash and spread within hours.")
    doc = nlp(text)
    lo = 0
    hi = text.index(" It started") + 1
    ev = _event(text, text[:hi - 1])
    ev["sent_start"], ev["sent_end"] = lo, hi
    places.link(doc, [ev], _lexicon(nlp))
    assert [text[p["start_char"]:p["end_char"]] for p in ev["places"]][:2] == ["Kok-Tash", "Kyrgyzstan"]
    assert ev["places"][0]["country"] == "KG" and ev["places"][0]["geonameid"] is None


def test_link_keeps_the_country_when_the_next_sentence_is_another_event(nlp):
    text = ("Clashes on the frontier of Kyrgyzstan and Tajikistan were the deadliest in a decade. "
            "Gunmen fired at a post near the remote Kyrgyz village of Kok-Tash.")
    doc = nlp(text)
    hi = text.index(" Gunmen") + 1
    ev = _event(text, text[:hi - 1])
    ev["sent_start"], ev["sent_end"] = 0, hi
    other = _event(text, text[hi:])
    other["sent_start"], other["sent_end"] = hi, len(text)
    places.link(doc, [ev, other], _lexicon(nlp))
    assert ev["places"][0]["name"] == "Kyrgyzstan"
