"""Places inside organisation names (rule "embedded", issue 18 item 4): kept as `references[]` resolved to the
place they name, never an event's place; and names that a company or a person carries are not places on their
own say-so. Sentences are our own; facts are GeoNames'."""
from __future__ import annotations

import pytest

from pipeline.extract.places import component as places


def _refs_and_places(nlp, text):
    doc = nlp(text)
    return ({text[p["start_char"]:p["end_char"]]: p for p in places.references(doc)},
            {text[p["start_char"]:p["end_char"]]: p for p in doc._.cs_places})


# (sentence, name inside an organisation's name, expected country)
EMBEDDED = [
    ("The Kenya Wildlife Service moved two rhinos to a new park.", "Kenya", "KE"),
    ("A spokesman for the Ohio Department of Health declined to comment.", "Ohio", "US"),
    ("Economists expect the Bank of Japan to hold rates steady.", "Japan", "JP"),
    ("The Peru Mining Chamber asked for new roads.", "Peru", "PE"),
    ("The Islamic Movement of Uzbekistan claimed the raid.", "Uzbekistan", "UZ"),
    # a large city counts when the article names its country elsewhere
    ("Police in Manitoba said the Winnipeg Art Gallery closed for two days.", "Winnipeg", "CA"),
]

# "X, in <region>": a name placed by an apposition inside a first- or second-level division is a place
IN_REGION = [
    ("Rebels raided Florence, in Kandahar province, overnight.", "Florence", "AF"),
    ("Floods cut off Hope, in Hempstead County, for two days.", "Hope", "US"),
    ("Residents fled Clinton, in Hickman County, as the water rose.", "Clinton", "US"),
]

# (sentence, name that must be neither a place nor a reference)
NOT_EMBEDDED = [
    ("The Central Bank raised interest rates on Monday.", "Central"),      # a lone direction word
    ("The Northern Alliance held the pass for a week.", "Northern"),
    ("Toyota Motor said sales fell in March.", "Toyota"),                  # a city, but no word of Japan
    ("Fans of Toyota trucks gathered at the fair.", "Toyota"),             # the name alone puts nothing in Japan
    ("Martin Industries hired forty workers.", "Martin"),
    ("The Bell Foundation gave a grant to the school.", "Bell"),
]


@pytest.mark.parametrize("text,name,country", EMBEDDED)
def test_place_inside_an_organisation_name_is_a_reference(nlp, text, name, country):
    refs, found = _refs_and_places(nlp, text)
    assert name in refs, refs
    assert refs[name]["rule"] == "embedded" and refs[name]["country"] == country
    assert name not in found  # a reference, not a toponym: never an event's place


@pytest.mark.parametrize("text,name,country", IN_REGION)
def test_name_in_a_region_by_apposition(nlp, text, name, country):
    _, found = _refs_and_places(nlp, text)
    assert name in found, found
    if country:
        assert found[name]["country"] == country


@pytest.mark.parametrize("text,name", NOT_EMBEDDED)
def test_company_and_person_names_are_not_places(nlp, text, name):
    refs, found = _refs_and_places(nlp, text)
    assert name not in refs and name not in found, (refs, found)


def test_embedded_references_never_locate_an_event(nlp):
    import hashlib

    from pipeline.extract.api import extract_one
    from pipeline.types import Article

    text = "The Kenya Wildlife Service said rangers were attacked near Arusha on Monday."
    ex = extract_one(Article(id="t", source="test", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                             published="2021-03-10"), nlp)
    assert [(r.span.text, r.rule) for r in ex.references] == [("Kenya", "embedded")]
    assert ex.events, "the attack is an event"
    for ev in ex.events:
        assert all(p.span.text != "Kenya" for p in ev.places)
    assert any(p.span.text == "Arusha" for ev in ex.events for p in ev.places)
