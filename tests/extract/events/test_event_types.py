"""Event types and incident boundaries (real parse): ambush, massacre and shooting by agent or victims, compound
triggers, seizures during an arrest, comparisons and reference points, the toll told before the incident is named.

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
    ("On Tuesday, mortar shells hit the bus depot in Varno.", [TUE_], [("Varno", "SO", "city")],
     ["shelling"]),
    ("A drone strike hit a compound near Mir Ali on Tuesday.", [TUE], [("Mir Ali", "PK", "city")], ["airstrike"]),
    ("On Tuesday a drone struck two barns in Pellow.", [TUE_], [("Pellow", "MX", "village")],
     ["airstrike"]),
    ("On Tuesday someone hurled a grenade into a cafe in Tarsk.", [TUE_], [("Tarsk", "PH", "city")],
     ["attack"]),
    # not compound triggers: a drone pilot, a mortar factory
    ("On Tuesday a mortar factory opened in Zamboanga.", [TUE_], [("Zamboanga", "PH", "city")], []),
    # seizing weapons or cash in an arrest is the arrest, not an attack; seizing a town is a takeover (political), a base an attack
    ("Soldiers arrested five suspects near Tepalcatepec on Tuesday and seized 40 rifles and cash.", [TUE],
     [("Tepalcatepec", "MX", "city")], ["arrest"]),
    ("Rebels seized the town of Kidal on Tuesday.", [TUE], [("Kidal", "ML", "city")], ["political"]),
    ("Rebels seized the army base near Kidal on Tuesday.", [TUE], [("Kidal", "ML", "city")], ["attack"]),
    # the wounded are people, not an act
    ("On Tuesday the governor offered to airlift the wounded to Sedo.", [TUE_], [("Sedo", "KE", "city")], []),
])
def test_event_types(nlp, text, dates, places, expected):
    events = run(nlp, text, dates, places)
    assert [ev["type"] for ev in events] == expected, [(ev["type"], text[ev["start_char"]:ev["end_char"]])
                                                       for ev in events]


@pytest.mark.parametrize("text, dates, places, expected", [
    # a superlative comparison is not an incident; the incident it names in a when-clause is
    ("The raid is the worst attack in Varno since March 2012, when a truck bomb killed 90 people.",
     [("March 2012", "2012-03-01", "2012-03-31", "month")], [("Varno", "SO", "city")],
     [("bombing", "bomb")]),
    ("Bandits ambushed a convoy near Tarsk on Tuesday, in what was among the bloodiest attacks on guards in years.",
     [TUE], [("Tarsk", "MX", "city")], [("ambush", "ambushed")]),
    # a superlative on the incident's own subject is not a comparison with another
    ("The deadliest attack in years hit a market in Hilla on Tuesday.", [TUE], [("Hilla", "IQ", "city")],
     [("attack", "attack")]),
    # ... and a first attack with a date of its own is an incident
    ("The first attack on the base came on Tuesday.", [TUE], [], [("attack", "attack")]),
    # an incident counted from is the reference point of a date, not the incident of its clause
    ("Three days before the raid, a drone struck two barns in Pellow.",
     [("Three days before", None, None, "day")], [("Pellow", "MX", "village")], [("airstrike", "drone")]),
    ("Five people were killed after an explosion at the market in Hilla on Tuesday.", [TUE],
     [("Hilla", "IQ", "city")], [("bombing", "explosion")]),
])
def test_comparisons_and_reference_points(nlp, text, dates, places, expected):
    events = run(nlp, text, dates, places)
    got = [(ev["type"], ev["trigger"]["text"]) for ev in events]
    assert got == expected


def test_toll_told_before_the_incident_is_named(nlp):
    text = ("Police cleared the mill late on Saturday, and the governor said that at least nine people had been "
            "killed. The siege of the Orrin Mill began on Friday evening.")
    events = run(nlp, text, [("late on Saturday", "2016-06-25", "2016-06-25", "day"),
                             ("on Friday evening", "2016-06-24", "2016-06-24", "day")],
                 [("Orrin Mill", "SO", "facility")], ["at least nine people"])
    assert [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events] == [
        ("attack", "The siege of the Orrin Mill")]
    assert [text[m["start_char"]:m["end_char"]] for m in events[0]["mentions"]][:1] == ["killed"]


@pytest.mark.parametrize("text, places, n_events", [
    # another incident named next: a marker or a different town keeps the toll's own event
    ("Police cleared the square on Saturday, and the governor said that 21 people had been killed in Varno. "
     "The attack in Pellow began on Friday.", [("Varno", "SO", "city"), ("Pellow", "SO", "city")], 2),
    ("Police cleared the square on Saturday, and the governor said that 21 people had been killed. "
     "Another attack began on Friday.", [], 2),
])
def test_toll_before_another_incident(nlp, text, places, n_events):
    events = run(nlp, text, [("on Saturday", "2016-06-25", "2016-06-25", "day"),
                             ("on Friday", "2016-06-24", "2016-06-24", "day")], places, ["21 people"])
    assert len(events) == n_events, [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]


@pytest.mark.parametrize("text, dates, expected", [
    # a pronoun act is no territorial act of its own
    ("In October the company said that they had captured it on camera in May 2015.",
     [("October", "2015-10-01", "2015-10-31", "month"), ("May 2015", "2015-05-01", "2015-05-31", "month")], []),
    # acts dated only by decades are a habit, not an incident
    ("In the 1970s and 1980s the gang robbed trains along the coast of Tarsk.",
     [("1970s", "1970-01-01", "1979-12-31", "decade"), ("1980s", "1980-01-01", "1989-12-31", "decade")], []),
    ("Through the 1960s bandits raided caravans on the salt road.",
     [("1960s", "1960-01-01", "1969-12-31", "decade")], []),
    ("During the 1990s pirates boarded ships off the cape.",
     [("1990s", "1990-01-01", "1999-12-31", "decade")], []),
    # ... but an act with its own figure is an incident
    ("In the 1990s rebels attacked the town of Sedo, killing 20 people.",
     [("1990s", "1990-01-01", "1999-12-31", "decade")], ["attack"]),
])
def test_pronoun_acts_and_habits(nlp, text, dates, expected):
    cas = ["20 people"] if "20 people" in text else []
    events = run(nlp, text, dates, [], cas)
    assert [ev["type"] for ev in events] == expected, [(ev["type"], text[ev["start_char"]:ev["end_char"]])
                                                       for ev in events]


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # a raid and an air strike on the same day at the same place are two acts; a later "the bombing" is the strike
    ("An air strike hit Lower Sedo near Varno on March 8. On March 8, commandos raiding a rebel "
     "camp near Varno met heavy resistance. Twelve farmers died in the bombing that came next.",
     [("on March 8", "2016-03-08", "2016-03-08", "day"), ("On March 8", "2016-03-08", "2016-03-08", "day")],
     [("Lower Sedo", "AF", "village"), ("Varno", "AF", "city")],
     ["Twelve farmers"], [("airstrike", ["bombing"]), ("raid", [])]),
    # the same kind of act on the same day at the same place is one incident
    ("Gunmen attacked a post near Varno on March 8. On March 8, the attack near Varno was repelled.",
     [("on March 8", "2016-03-08", "2016-03-08", "day"), ("On March 8", "2016-03-08", "2016-03-08", "day")],
     [("Varno", "AF", "city")], [], [("attack", ["attack"])]),
])
def test_kinds_of_act(nlp, text, dates, places, casualties, expected):
    events = run(nlp, text, dates, places, casualties)
    got = [(ev["type"], [text[m["start_char"]:m["end_char"]] for m in ev.get("mentions", [])]) for ev in events]
    assert got == expected


def test_apposed_date_is_the_subjects(nlp):
    text = ("A bomber blew himself up in Tarsk on May 5. The cell also carried out the bombing of the ferry. "
            "That attack, on March 14, 2018, left 17 people dead.")
    events = run(nlp, text, [("on May 5", "2020-05-05", "2020-05-05", "day"),
                             ("March 14, 2018", "2018-03-14", "2018-03-14", "day")],
                 [("Tarsk", "PH", "city")], ["17 people"])
    assert len(events) == 2, [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]
