"""The same-incident rule table (pipeline/extract/events/merge.py, `Merger.coreferent`), rule by rule: each later
mention is either a new event or a mention of an earlier one, recorded with the rule that decided. Invented
sentences; real parse; date/place/casualty payloads placed by hand (see test_events.run_events)."""
from __future__ import annotations

import pytest

from tests.extract.events.test_events import run_events as run

OFF = "offset-from-previous"
MON = ("on Monday", "2016-06-20", "2016-06-20", "day")
FRI = ("on Friday", "2016-06-24", "2016-06-24", "day")
VARNO = ("Varno", "RU", "city")
TARSK = ("Tarsk", "RU", "city")


def _summary(text, events):
    """[(type, [(mention text, rule)])] per event."""
    return [(ev["type"], [(text[m["start_char"]:m["end_char"]], m.get("rule")) for m in ev.get("mentions", [])])
            for ev in events]


# (text, dates, places, casualties, expected [(type, [(mention, rule)])])
CASES = [
    # continues-kindred: a mention without a date or place of its own continues the incident before it
    ("Raiders stormed a bank in Varno on Monday. The attackers fired at the guards.", [MON], [VARNO], [],
     [("attack", [("fired", "continues-kindred")])]),
    ("A bomb exploded in Varno on Monday. The blast killed two guards.", [MON], [VARNO], ["killed two guards"],
     [("bombing", [("blast", "continues-kindred")])]),
    ("Raiders stormed a depot in Varno on Monday. They shot two watchmen.", [MON], [VARNO], [],
     [("attack", [("shot", "continues-kindred")])]),
    # distinct-marker: "another", "a second", "a separate" make a new incident
    ("Raiders stormed a bank in Varno on Monday. Another attack hit a school in Varno.", [MON],
     [VARNO, VARNO + (1,)], [], [("attack", []), ("attack", [])]),
    ("A bomb exploded in Varno on Monday. A second blast shook the market in Varno.", [MON],
     [VARNO, VARNO + (1,)], [], [("bombing", []), ("bombing", [])]),
    ("Rebels shelled Varno on Monday. A separate group of rebels attacked a convoy.", [MON], [VARNO], [],
     [("shelling", []), ("attack", [])]),
    # agreeing-incident: the same place (or the same day) is the same incident; another place is a new one
    ("Raiders stormed a bank in Varno on Monday. The attack in Varno shocked the town.", [MON],
     [VARNO, VARNO + (1,)], [], [("attack", [("attack", "agreeing-incident")])]),
    ("Rebels shelled Varno on Monday. The shelling of Varno went on for hours.", [MON],
     [VARNO, VARNO + (1,)], [], [("shelling", [("shelling", "agreeing-incident")])]),
    ("Raiders stormed a bank in Varno on Monday. The attack in Tarsk shocked the region.", [MON], [VARNO, TARSK], [],
     [("attack", []), ("attack", [])]),
    ("Raiders stormed a bank in Varno on Monday. On Friday, rebels attacked a school in Varno.",
     [MON, ("On Friday", "2016-06-24", "2016-06-24", "day")],
     [VARNO, VARNO + (1,)], [], [("attack", []), ("attack", [])]),
    # toll-counted-from-last / sequel-counted-from-last: a date counted from the incident just told
    ("A guard shot four coworkers in Varno on Monday. One of them died of her injuries the next day.",
     [MON, ("the next day", "2016-06-21", "2016-06-21", "day", {"rule": OFF, "offset": [1, "day"]})], [VARNO],
     ["died of her injuries"], [("shooting", [("died", "toll-counted-from-last")])]),
    ("Raiders stormed a depot in Varno on Monday. Later that night a bomb exploded at a bus stop.",
     [MON, ("Later that night", "2016-06-20", "2016-06-20", "day", {"rule": OFF, "offset": [0, "day"]})], [VARNO],
     [], [("attack", []), ("bombing", [])]),
    # counted-back: a date counted back is an earlier incident, even for a definite mention
    ("Raiders stormed a depot in Varno on Monday. They called it revenge for the shelling two days earlier.",
     [MON, ("two days earlier", "2016-06-18", "2016-06-18", "day", {"rule": OFF, "offset": [-2, "day"]})], [VARNO],
     [], [("attack", []), ("shelling", [])]),
    # definite-casualty: "the injured", "the dead" refer back
    ("A gunman killed a shopkeeper in Varno on Monday. The killing shocked the town on Friday.",
     [MON, FRI], [VARNO], [], [("shooting", [("killing", "definite-casualty")])]),
    ("Two robbers murdered a judge in Varno on Monday. The murder was condemned on Friday.",
     [MON, FRI], [VARNO], [], [("killing", [("murder", "definite-casualty")])]),
    # ... not a definite mention with a place of its own elsewhere
    ("Two robbers murdered a judge in Varno on Monday. The murder in Tarsk was condemned on Friday.",
     [MON, FRI], [VARNO, TARSK], [], [("killing", []), ("killing", [])]),
    # own-figures: a new act with figures of its own, nothing refers back
    ("Raiders stormed a bank in Varno on Monday. An explosion killed five people.", [MON], [VARNO],
     ["killed five people"], [("attack", []), ("bombing", [])]),
]


@pytest.mark.parametrize("text, dates, places, casualties, expected", CASES)
def test_coreference_rules(nlp, text, dates, places, casualties, expected):
    assert _summary(text, run(nlp, text, dates, places, casualties)) == expected


def test_every_coreference_rule_is_named():
    from pipeline.extract._component import load_lexicon
    from pipeline.extract.events.merge import Merger
    from pipeline.extract.events.triggers import Triggers

    lx = load_lexicon("lexicons/events.json")
    assert Merger(lx, Triggers(lx)).rules.names() == [
        "no-earlier-incident", "another-class", "distinct-marker", "counted-back", "toll-counted-from-last", "sequel-counted-from-last",
        "definite-casualty", "own-figures", "continues-kindred", "agreeing-incident"]


@pytest.mark.parametrize("text, dates, places, casualties, types", [
    # running totals are aggregates, no incidents: "in all", "so far", "have died since", a whole year, a country
    ("In all, 40 soldiers were killed in the fighting season.", [], [], ["40 soldiers were killed"], ["aggregate"]),
    ("So far 120 people have been injured in the province.", [], [], ["120 people have been injured"],
     ["aggregate"]),
    ("Some 300 civilians died in 2015.", [("2015", "2015-01-01", "2015-12-31", "year")], [], ["300 civilians died"],
     ["aggregate"]),
    ("More than 90 people were killed across Yemen last week.", [], [("Yemen", "YE", "country")],
     ["More than 90 people were killed"], ["aggregate"]),
    ("Violence throughout Iraq killed 40 people in May.", [("in May", "2016-05-01", "2016-05-31", "month")],
     [("Iraq", "IQ", "country")], ["killed 40 people"], ["aggregate"]),
    # a figure merely "in" a whole country may be one day's incidents told apart: no event of its own
    ("At least 62 people were killed in Pakistan yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Pakistan", "PK", "country")], ["At least 62 people were killed"], []),
    ("Nine soldiers died in Mali on Monday.", [MON], [("Mali", "ML", "country")], ["Nine soldiers died"], []),
    ("In all, 300 civilians have died in the fighting since May.", [("since May", "2016-05-01", "2016-05-31", "month")],
     [], ["300 civilians have died"], ["aggregate"]),
    # ... one incident's toll is an incident
    ("Two guards were killed in Varno on Monday.", [MON], [VARNO], ["Two guards were killed"], ["killing"]),
    ("Five people were injured at a stadium in Tarsk on Friday.", [FRI], [TARSK], ["Five people were injured"],
     ["attack"]),
    ("Three miners died in Varno on Monday.", [MON], [VARNO], ["Three miners died"], ["killing"]),
    ("Five people have died in the attack on the mosque in Varno.", [], [VARNO], ["Five people have died"],
     ["attack"]),
])
def test_running_totals(nlp, text, dates, places, casualties, types):
    assert [e["type"] for e in run(nlp, text, dates, places, casualties)] == types


@pytest.mark.parametrize("text, dates, places, casualties, expected", [
    # continues-kindred goes back to the last incident of the mention's family when the last one is another kind
    ("An air strike hit Lower Sedo near Varno on March 8. On March 8, commandos raiding a rebel camp near Varno met "
     "heavy resistance. Twelve farmers died in the bombing that came next.",
     [("on March 8", "2016-03-08", "2016-03-08", "day"), ("On March 8", "2016-03-08", "2016-03-08", "day")],
     [("Lower Sedo", "AF", "village"), ("Varno", "AF", "city")], ["Twelve farmers"],
     [("airstrike", [("bombing", "continues-kindred")]), ("raid", [])]),
    ("Artillery shelled Varno on Monday. Police arrested two spies in Varno that night. Two children died in the "
     "shelling.", [MON, ("that night", "2016-06-20", "2016-06-20", "day")], [VARNO, VARNO + (1,)],
     ["Two children"], [("shelling", [("shelling", "continues-kindred")]), ("arrest", [])]),
    ("Workers went on strike in Varno on Monday. Police raided a union office in Varno that night. Two pickets were "
     "hurt during the strike.", [MON, ("that night", "2016-06-20", "2016-06-20", "day")], [VARNO, VARNO + (1,)],
     ["Two pickets"], [("strike", [("strike", "continues-kindred")]), ("raid", [])]),
    # ... the same family or no family: the last incident
    ("Rebels shelled Varno on Monday. Gunmen attacked a bank in Tarsk that night. Two clerks died in the attack.",
     [MON, ("that night", "2016-06-20", "2016-06-20", "day")], [VARNO, TARSK], ["Two clerks"],
     [("shelling", []), ("attack", [("attack", "continues-kindred")])]),
])
def test_kindred_families(nlp, text, dates, places, casualties, expected):
    assert _summary(text, run(nlp, text, dates, places, casualties)) == expected
