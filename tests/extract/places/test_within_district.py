"""Containment by a district ("X, in Y County", issue 18 item 3): the settlement is read inside a first-level
region that has a district of that name, and the district in the same region; a region or country after the
comma keeps its own rule. Sentences are our own; facts are GeoNames'."""
from __future__ import annotations

import pytest

from tests.extract.places.test_references import _refs_and_places

# (sentence, settlement, its expected (country, admin1), district or None)
WITHIN = [
    ("Floods cut off Paris, in Lamar County, for two days.", "Paris", ("US", "Texas"), "Lamar County"),
    ("Officers arrested a man in Athens, in Clarke County, on Monday.", "Athens", ("US", "Georgia"), "Clarke County"),
    ("Two men were shot in Springfield, in Sangamon County, late on Saturday.", "Springfield", ("US", "Illinois"),
     "Sangamon County"),
    # a district ends a country reading: no country is "in Warren County"
    ("A tornado hit Lebanon, in Warren County, on Friday.", "Lebanon", ("US", None), "Warren County"),
]

# must not fire: a first-level region or a country after the comma is the ordinary containment
NOT_A_DISTRICT = [
    ("The fire spread to Paris, France, on Sunday.", "Paris", ("FR", "Île-de-France")),
    ("Rain flooded roads in Athens, Greece, on Monday.", "Athens", ("GR", None)),
    ("The crash happened in Paris, Texas, at noon.", "Paris", ("US", "Texas")),
]


def _check(found, name, want):
    assert name in found, found
    country, admin1 = want
    assert found[name]["country"] == country
    if admin1:
        assert found[name]["admin1"] == admin1


@pytest.mark.parametrize("text,name,want,district", WITHIN)
def test_settlement_in_a_named_district(nlp, text, name, want, district):
    _, found = _refs_and_places(nlp, text)
    _check(found, name, want)
    # the district is read in the settlement's region
    assert found[district]["admin1"] == found[name]["admin1"], (found[district], found[name])


@pytest.mark.parametrize("text,name,want", NOT_A_DISTRICT)
def test_region_or_country_after_the_comma(nlp, text, name, want):
    _, found = _refs_and_places(nlp, text)
    _check(found, name, want)
