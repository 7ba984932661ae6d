"""Incident rules of the events component (pipeline/extract/events/component.py and merge.py) beyond the trigger
and same-incident tables: evidence for bare plurals and weak triggers, figures standing in for a trigger, a date set
off by commas after a subject, a toll told before the incident is named. Invented sentences; real parse; payloads
placed by hand (see test_events.run_events)."""
from __future__ import annotations

import pytest

from tests.extract.events.test_events import run_events as run

MON = ("on Monday", "2016-06-20", "2016-06-20", "day")
SAT = ("on Saturday", "2016-06-25", "2016-06-25", "day")
FRI = ("on Friday", "2016-06-24", "2016-06-24", "day")


def _types(events):
    return [ev["type"] for ev in events]


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # a bare plural is an incident only with its own figure, date or town
    ("Protests in Varno on Monday drew thousands.", [MON], [("Varno", "RU", "city")], [], ["protest"]),
    ("Riots broke out in Tarsk in March.", [("in March", "2016-03-01", "2016-03-31", "month")],
     [("Tarsk", "RU", "city")], [], ["riot"]),
    ("Clashes left three people dead.", [], [], ["three people dead"], ["clash"]),
    # ... not a generic one: a habit, a generic modifier without a day or figure, a whole country
    ("Protests are common in the capital.", [], [], [], []),
    ("Daily clashes in Varno worry the council.", [], [("Varno", "RU", "city")], [], []),
    ("Strikes spread across Moldova.", [], [("Moldova", "MD", "country")], [], []),
])
def test_bare_plurals(nlp, text, dates, places, casualties, expected):
    assert _types(run(nlp, text, dates, places, casualties)) == expected


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # a weak trigger ("incident", "operation") counts with a stated date or figure
    ("The incident in the port on Monday alarmed traders.", [MON], [], [], ["incident"]),
    ("A police operation on Saturday ended with nine arrests.", [SAT], [], [], ["operation"]),
    ("Two guards died in the incident.", [], [], ["Two guards died"], ["incident"]),
    # ... not without one, nor with a year only, nor as a generic plural
    ("The incident alarmed traders.", [], [], [], []),
    ("A security operation took place in 2015.", [("in 2015", "2015-01-01", "2015-12-31", "year")], [], [], []),
    ("Such incidents are rare on Mondays.", [], [], [], []),
])
def test_weak_triggers(nlp, text, dates, places, casualties, expected):
    assert _types(run(nlp, text, dates, places, casualties)) == expected


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # a killed/injured figure with no trigger word stands in for the incident
    ("A quarrel over a well near Sedo on Monday left two farmers dead.", [MON], [("Sedo", "RU", "village")],
     ["two farmers dead"], ["incident"]),
    ("A brawl at a bar in Tarsk on Saturday left five people hurt.", [SAT], [("Tarsk", "RU", "city")],
     ["five people hurt"], ["incident"]),
    ("On Friday a dispute over land near Lomo left one herder dead.", [("On Friday", "2016-06-24", "2016-06-24", "day")],
     [("Lomo", "RU", "village")], ["one herder dead"], ["incident"]),
    # ... not an ordinal victim of a counted incident, nor a figure with no date, place or figure of its own clause
    ("The 9th victim, a nurse, was named on Monday.", [MON], [], ["The 9th victim"], []),
    ("A fourth victim was buried on Saturday.", [SAT], [], ["A fourth victim"], []),
])
def test_figures_stand_in_for_triggers(nlp, text, dates, places, casualties, expected):
    assert _types(run(nlp, text, dates, places, casualties)) == expected


@pytest.mark.parametrize("text, date", [
    # a date set off by commas right after a definite subject is the subject's own
    ("Rebels shelled Varno on Monday. That attack, on March 3, 2014, left 40 people dead.", "March 3, 2014"),
    ("Rebels shelled Varno on Monday. The raid, on 9 May 2012, left six guards dead.", "9 May 2012"),
    ("Rebels shelled Varno on Monday. The bombing, in April 2011, left ten people dead.", "April 2011"),
])
def test_apposed_date_is_the_subjects(nlp, text, date):
    s = text.index(date)
    dates = [MON, (date, "2014-03-03", "2014-03-03", "day")]
    events = run(nlp, text, dates, [("Varno", "RU", "city")], [text[text.index("left") + 5:text.index(" dead")]])
    assert len(events) == 2, [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]
    assert s > events[1]["start_char"]


def test_date_not_apposed_is_the_clause_verbs(nlp):
    # no commas: "the raid on the depot" is dated by the clause, a definite mention of the first incident
    text = "Rebels raided a depot in Varno on Monday. The raid drew protests in Varno on Monday."
    events = run(nlp, text, [MON, ("on Monday.", "2016-06-20", "2016-06-20", "day")],
                 [("Varno", "RU", "city"), ("Varno", "RU", "city", 1)])
    assert _types(events) == ["raid"]


@pytest.mark.parametrize("text, places, casualties, expected", [
    # a toll told first belongs to the incident the next sentence names
    ("Police cleared the mill late on Saturday, and the governor said that nine people had been killed. "
     "The siege of the Orrin Mill began on Friday.", [("Orrin Mill", "RU", "facility")], ["nine people"],
     "The siege of the Orrin Mill"),
    ("Firefighters reached the depot by night, and officials said four workers had died. "
     "The bombing of the Kell Depot happened on Friday.", [("Kell Depot", "RU", "facility")], ["four workers"],
     "The bombing of the Kell Depot"),
    ("Medics worked until dawn, and the mayor said six guards had been injured. "
     "The raid on the Stone Gate Prison came on Friday.", [("Stone Gate Prison", "RU", "facility")], ["six guards"],
     "The raid on the Stone Gate Prison"),
    # ... not when the next sentence marks another incident
    ("Medics worked until dawn, and the mayor said six guards had been injured. "
     "Another raid on the Stone Gate Prison came on Friday.", [("Stone Gate Prison", "RU", "facility")],
     ["six guards"], None),
])
def test_toll_before_naming(nlp, text, places, casualties, expected):
    dates = [("on Friday", "2016-06-24", "2016-06-24", "day")]
    events = run(nlp, text, dates, places, casualties)
    spans = [text[ev["start_char"]:ev["end_char"]] for ev in events]
    absorbed = [m for m in events[-1].get("mentions", []) if m.get("rule") == "toll-before-naming"]
    if expected is None:
        assert len(events) == 2 and not absorbed
    else:
        assert spans == [expected] and len(absorbed) == 1


MUST_NOT_FIRE = [
    # hypotheticals, plans, negations, habits, definitions
    ("The rebels could attack the port on Monday.", [MON]),
    ("The gang plans to kidnap the mayor on Friday.", [FRI]),
    ("Officials fear that the militia will storm the prison on Saturday.", [SAT]),
    ("The army did not shell the town on Monday.", [MON]),
    ("There were no reports of clashes in the north on Friday.", [FRI]),
    ("Bandits often ambush trucks on this road.", []),
    ("The survey counts incidents in which three or more people are stabbed.", []),
    ("Police foiled a plot to bomb the station on Saturday.", [SAT]),
    # metaphors without a date, place or figure
    ("A storm of protest greeted the budget.", []),
    ("Her speech was a bombshell.", []),
    ("The minister's plan came under attack from all sides.", []),
]


@pytest.mark.parametrize("text, dates", MUST_NOT_FIRE)
def test_must_not_fire(nlp, text, dates):
    assert run(nlp, text, dates) == []


@pytest.mark.parametrize("text", [
    # known limits: a past-tense trigger verb counts as evidence of itself, so metaphorical verbs fire
    pytest.param("The coach attacked the referee's decision.", marks=pytest.mark.xfail(strict=True)),
    pytest.param("Prices exploded after the vote.", marks=pytest.mark.xfail(strict=True)),
    pytest.param("The striker shot the ball into the net.", marks=pytest.mark.xfail(strict=True)),
])
def test_metaphorical_verbs(nlp, text):
    assert run(nlp, text) == []
