"""Event types and incident boundaries (real parse): ambush, massacre and shooting by agent or victims, compound
triggers, seizures during an arrest, comparisons and reference points, the toll told before the incident is named,
a later mention that repeats the incident's name.

Date/place/casualty payloads are placed by hand at given substrings (see test_event_rules.run).
"""
from __future__ import annotations

import pytest

from tests.extract.events.test_event_rules import run

TUE = ("on Tuesday", "2016-06-21", "2016-06-21", "day")
TUE_ = ("On Tuesday", "2016-06-21", "2016-06-21", "day")


@pytest.mark.parametrize("text, dates, places, expected", [
    # ambush and massacre are their own types
    ("Gunmen ambushed a police convoy near Aguililla on Tuesday.", [TUE], [("Aguililla", "MX", "city")], ["ambush"]),
    ("Soldiers were killed in an ambush near Aguililla on Tuesday.", [TUE], [("Aguililla", "MX", "city")],
     ["ambush"]),
    ("Militiamen massacred dozens of herders near Mopti on Tuesday.", [TUE], [("Mopti", "ML", "city")],
     ["massacre"]),
    # a killing of villagers, residents or passengers is a massacre, one by gunmen against others a shooting
    ("On Tuesday gunmen killed about 40 villagers in Tondikiwindi.", [TUE_], [("Tondikiwindi", "NE", "village")],
     ["massacre"]),
    ("Armed men stopped two buses near Banibangou on Tuesday and killed 30 passengers.", [TUE],
     [("Banibangou", "NE", "village")], ["massacre"]),
    ("On Tuesday gunmen attacked three villages near Tillia.", [TUE_], [("Tillia", "NE", "village")], ["massacre"]),
    ("On Tuesday gunmen attacked a police post near Tillia.", [TUE_], [("Tillia", "NE", "village")], ["attack"]),
    ("On Tuesday a gunman killed a family of five in Chilapa.", [TUE_], [("Chilapa", "MX", "city")], ["shooting"]),
    ("On Tuesday a gunman killed 12 worshippers at a church in Tulsa.", [TUE_], [("Tulsa", "US", "city")],
     ["shooting"]),
    # fire on a post is an attack on it, fire on people a shooting
    ("On Tuesday gunmen opened fire on a police checkpoint in Khasavyurt.", [TUE_], [("Khasavyurt", "RU", "city")],
     ["attack"]),
    ("On Tuesday a gunman opened fire on shoppers in Odessa.", [TUE_], [("Odessa", "US", "city")], ["shooting"]),
    # compound triggers: the modifier names the incident
    ("On Tuesday, mortar rounds landed near the airport in Mogadishu.", [TUE_], [("Mogadishu", "SO", "city")],
     ["shelling"]),
    ("A drone strike hit a compound near Mir Ali on Tuesday.", [TUE], [("Mir Ali", "PK", "city")], ["airstrike"]),
    ("On Tuesday a drone dropped explosives on houses in El Aguaje.", [TUE_], [("El Aguaje", "MX", "village")],
     ["airstrike"]),
    ("On Tuesday a grenade was thrown at a bus terminal in Zamboanga.", [TUE_], [("Zamboanga", "PH", "city")],
     ["attack"]),
    # not compound triggers: a drone pilot, a mortar factory
    ("On Tuesday a mortar factory opened in Zamboanga.", [TUE_], [("Zamboanga", "PH", "city")], []),
    # seizing weapons or cash in an arrest is the arrest, not an attack; seizing a town is an attack
    ("Soldiers arrested five suspects near Tepalcatepec on Tuesday and seized 40 rifles and cash.", [TUE],
     [("Tepalcatepec", "MX", "city")], ["arrest"]),
    ("Rebels seized the town of Kidal on Tuesday.", [TUE], [("Kidal", "ML", "city")], ["attack"]),
    # the wounded are people, not an act
    ("On Tuesday Kenya offered to fly the wounded to Nairobi.", [TUE_], [("Nairobi", "KE", "city")], []),
])
def test_event_types(nlp, text, dates, places, expected):
    events = run(nlp, text, dates, places)
    assert [ev["type"] for ev in events] == expected, [(ev["type"], text[ev["start_char"]:ev["end_char"]])
                                                       for ev in events]


@pytest.mark.parametrize("text, dates, places, expected", [
    # a superlative comparison is not an incident; the incident it names in a when-clause is
    ("The siege is the deadliest attack in Mogadishu since October 2017, when a truck bomb killed 500 people.",
     [("October 2017", "2017-10-01", "2017-10-31", "month")], [("Mogadishu", "SO", "city")],
     [("bombing", "bomb")]),
    ("Gunmen ambushed a convoy near Aguililla on Tuesday, in one of the deadliest attacks on the police this year.",
     [TUE], [("Aguililla", "MX", "city")], [("ambush", "ambushed")]),
    # a superlative on the incident's own subject is not a comparison with another
    ("The deadliest attack in years hit a market in Hilla on Tuesday.", [TUE], [("Hilla", "IQ", "city")],
     [("attack", "attack")]),
    # ... and a first attack with a date of its own is an incident
    ("The first attack on the base came on Tuesday.", [TUE], [], [("attack", "attack")]),
    # an incident counted from is the reference point of a date, not the incident of its clause
    ("Two days before the ambush, a drone dropped explosives on houses in El Aguaje.",
     [("Two days before", None, None, "day")], [("El Aguaje", "MX", "village")], [("airstrike", "drone")]),
    ("Five people were killed after an explosion at the market in Hilla on Tuesday.", [TUE],
     [("Hilla", "IQ", "city")], [("bombing", "explosion")]),
])
def test_comparisons_and_reference_points(nlp, text, dates, places, expected):
    events = run(nlp, text, dates, places)
    got = [(ev["type"], ev["trigger"]["text"]) for ev in events]
    assert got == expected


def test_toll_told_before_the_incident_is_named(nlp):
    text = ("Troops retook the hotel late on Saturday, and the minister said that at least 21 people had been killed. "
            "The assault on the Hayat Hotel began on Friday evening.")
    events = run(nlp, text, [("late on Saturday", "2016-06-25", "2016-06-25", "day"),
                             ("on Friday evening", "2016-06-24", "2016-06-24", "day")],
                 [("Hayat Hotel", "SO", "facility")], ["at least 21 people"])
    assert [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events] == [
        ("attack", "The assault on the Hayat Hotel")]
    assert [text[m["start_char"]:m["end_char"]] for m in events[0]["mentions"]][:1] == ["killed"]


@pytest.mark.parametrize("text, places, n_events", [
    # another incident named next: a marker or a different town keeps the toll's own event
    ("Troops retook the town on Saturday, and the minister said that 21 people had been killed in Kismayo. "
     "The attack in Baidoa began on Friday.", [("Kismayo", "SO", "city"), ("Baidoa", "SO", "city")], 2),
    ("Troops retook the town on Saturday, and the minister said that 21 people had been killed. "
     "Another attack began on Friday.", [], 2),
])
def test_toll_before_another_incident(nlp, text, places, n_events):
    events = run(nlp, text, [("on Saturday", "2016-06-25", "2016-06-25", "day"),
                             ("on Friday", "2016-06-24", "2016-06-24", "day")], places, ["21 people"])
    assert len(events) == n_events, [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]


@pytest.mark.parametrize("text, dates, expected", [
    # pronouns whose antecedents (an armed actor, a settlement) stand earlier in the sentence
    ("In October the insurgents entered the city, a year after they had briefly captured it in May 2015.",
     [("October", "2015-10-01", "2015-10-31", "month"), ("May 2015", "2015-05-01", "2015-05-31", "month")],
     ["attack", "attack"]),
    ("In October the company said that they had captured it on camera in May 2015.",
     [("October", "2015-10-01", "2015-10-31", "month"), ("May 2015", "2015-05-01", "2015-05-31", "month")], []),
    # acts dated only by decades are a habit, not an incident
    ("In the 1990s and 2000s the rebels seized tourists from resorts in Sabah.",
     [("1990s", "1990-01-01", "1999-12-31", "decade"), ("2000s", "2000-01-01", "2009-12-31", "decade")], []),
    ("In the 1990s rebels attacked the town of Jolo, killing 20 people.",
     [("1990s", "1990-01-01", "1999-12-31", "decade")], ["attack"]),
])
def test_pronoun_acts_and_habits(nlp, text, dates, expected):
    cas = ["20 people"] if "20 people" in text else []
    events = run(nlp, text, dates, [], cas)
    assert [ev["type"] for ev in events] == expected, [(ev["type"], text[ev["start_char"]:ev["end_char"]])
                                                       for ev in events]


def test_later_mention_with_the_same_name(nlp):
    text = ("Three years after the siege of Marawi, the region is calm. Troops patrol the roads. The Marawi siege, "
            "from 23 May to 23 October 2017, left 1,100 people dead.")
    events = run(nlp, text, [("23 May to 23 October 2017", "2017-05-23", "2017-10-23", "range")],
                 [("Marawi", "PH", "city")])
    assert len(events) == 1
    assert any(m.get("agrees") and m["dates"] for m in events[0].get("mentions", []))


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # a raid and an air strike on the same day at the same place are two acts; a later "the bombing" is the strike
    ("An air strike hit Boz Qandahari near Kunduz on November 3. On November 3, commandos raiding a Taliban "
     "position near Kunduz came under fire. 30 civilians died in the bombing that followed.",
     [("on November 3", "2016-11-03", "2016-11-03", "day"), ("On November 3", "2016-11-03", "2016-11-03", "day")],
     [("Boz Qandahari", "AF", "village"), ("Kunduz", "AF", "city")],
     ["30 civilians"], [("airstrike", ["bombing"]), ("raid", [])]),
    # the same kind of act on the same day at the same place is one incident
    ("Gunmen attacked a post near Kunduz on November 3. On November 3, the attack near Kunduz was repelled.",
     [("on November 3", "2016-11-03", "2016-11-03", "day"), ("On November 3", "2016-11-03", "2016-11-03", "day")],
     [("Kunduz", "AF", "city")], [], [("attack", ["attack"])]),
])
def test_kinds_of_act(nlp, text, dates, places, casualties, expected):
    events = run(nlp, text, dates, places, casualties)
    got = [(ev["type"], [text[m["start_char"]:m["end_char"]] for m in ev.get("mentions", [])]) for ev in events]
    assert got == expected


def test_apposed_date_is_the_subjects(nlp):
    text = ("Two bombers blew themselves up in Jolo on August 24. The group was behind the bombing of the cathedral. "
            "That attack, on January 27, 2019, killed 23 people.")
    events = run(nlp, text, [("on August 24", "2020-08-24", "2020-08-24", "day"),
                             ("January 27, 2019", "2019-01-27", "2019-01-27", "day")],
                 [("Jolo", "PH", "city")], ["23 people"])
    assert len(events) == 2, [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]
