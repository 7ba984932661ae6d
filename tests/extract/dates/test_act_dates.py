"""Dates of political acts and of incidents counted from a named incident (real pipeline, sentences we wrote).

- a political act takes the date about the act ("passed a law on 4 May": context "other"), which an incident
  never takes, and its date is not carried to an incident told after it;
- "two days after the blast" counts from the event the noun names by its type ("a bomb exploded"), and "the
  attack" names any violent incident, never a political act."""
from __future__ import annotations

import pytest

from pipeline.extract.api import extract_one
from pipeline.ingest.readers import make_article


def _dates(nlp, text):
    ex = extract_one(make_article(text, "d.txt", published="2021-06-30"), nlp)
    return [(e.type, e.date.start if e.date else None) for e in ex.events]


@pytest.mark.parametrize("text, want", [
    ("The junta declared martial law on 4 May.", [("political", "2021-05-04")]),
    ("Parliament passed a law on foreign funding on 12 March.", [("political", "2021-03-12")]),
    ("The council appointed a new governor on 2 June.", [("political", "2021-06-02")]),
    # an incident does not take a date about an act
    ("The district (created by a decree of January 19, 2010) saw a bombing near the market.", [("bombing", None)]),
    # the act's date is not carried to the incident told after it
    ("Parliament passed a law on 4 May. Gunmen attacked a post in Gao.", [("political", "2021-05-04"),
                                                                        ("attack", None)]),
])
def test_act_dates(nlp, text, want):
    assert _dates(nlp, text) == want


@pytest.mark.parametrize("text, want", [
    ("A bomb exploded in the bus station of Kirkuk on 3 May. Two days after the blast, gunmen attacked a "
     "checkpoint in Tikrit.", [("bombing", "2021-05-03"), ("attack", "2021-05-05")]),
    ("Rebels raided a farm near Sedo on 4 May. A week after the attack, soldiers shelled the village.",
     [("raid", "2021-05-04"), ("shelling", "2021-05-11")]),
    ("Warplanes bombed a depot in Varno on 1 June. Three days after the air strike, a convoy was ambushed.",
     [("airstrike", "2021-06-01"), ("ambush", "2021-06-04")]),
    # "the attack" names no political act: the offset stays unresolved, the event undated
    ("The junta declared martial law on 4 May. A week after the attack, soldiers shelled the village.",
     [("political", "2021-05-04"), ("shelling", None)]),
])
def test_counted_from_named_incident(nlp, text, want):
    assert _dates(nlp, text) == want
