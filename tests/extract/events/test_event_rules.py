"""Event rules added for event recall (issue 4): past perfect acts, figure triggers, hyphenated nouns, sequels
counted from the previous incident, territorial acts, purposes and definitions, mentions kept for the linker.

Real parse; date/place/casualty payloads are placed by hand at given substrings (as in test_events.py), with
optional extra payload keys (a date's `rule` and `offset`) so that anaphoric dates can be simulated.
"""
from __future__ import annotations

import pytest

from tests.extract.events.test_events import _at, run_events as run

OFF = "offset-from-previous"


CASES = [
    # past perfect: one past act, not a running total ("have been killed since" stays a total)
    ("The border police reported that it had detained three smugglers yesterday.",
     [("yesterday", "2016-06-26", "2016-06-26", "day")], [], ["detained three smugglers"], ["arrest"]),
    ("Thirty suspects have been detained in Dagestan since January.", [], [("Dagestan", "RU", "admin_region")],
     ["Thirty suspects have been detained"], ["aggregate"]),
    # a country inside an organisation's name is not the figure's extent; "killed in Pakistan" is
    ("The Customs Office of Moldova reported that it had detained three smugglers yesterday.",
     [("yesterday", "2016-06-26", "2016-06-26", "day")], [("Moldova", "MD", "country")],
     ["detained three smugglers"], ["arrest"]),
    ("No fewer than 48 civilians died in Yemen yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Yemen", "YE", "country")], ["No fewer than 48 civilians died"], []),
    # a figure standing in for the trigger: the clause's date and place are its own
    ("Herders clashed near Lomo in March 2012. In July 2018 a quarrel about grazing rights near Sedo "
     "left three herders dead.",
     [("March 2012", "2012-03-01", "2012-03-31", "month"), ("July 2018", "2018-07-01", "2018-07-31", "month")],
     [("Lomo", "TJ", "village"), ("Sedo", "KG", "village")], ["three herders dead"], ["clash", "incident"]),
    # an ordinal victim is one more victim of a counted incident
    ("A sixth victim, a retired teacher, was named on Monday.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [], ["A sixth victim"], []),
    ("The 12th victim of the fire was named on Monday.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [], ["The 12th victim"], []),
    # hyphenated trigger nouns split by the tokenizer
    ("Three smugglers died in a shoot-out at a farm outside the town on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [], ["Three smugglers died"], ["clash"]),
    ("The shoot button of the camera was broken on Friday.", [("on Friday", "2016-06-24", "2016-06-24", "day")],
     [], [], []),
    # a date counted from the incident just told: a casualty update is that incident, another act a new one
    ("A guard shot four coworkers in Pellow on Thursday. One of them succumbed to her injuries the next day.",
     [("on Thursday", "2016-06-23", "2016-06-23", "day"), ("the next day", "2016-06-24", "2016-06-24", "day",
                                                          {"rule": OFF, "offset": [1, "day"]})],
     [("Pellow", "US", "city")], ["shot four coworkers", "succumbed to her injuries"], ["shooting"]),
    ("Raiders stormed a grain depot in Tarsk on Friday. Later that night a suicide bomber detonated his vest at a "
     "bus stop.",
     [("on Friday", "2016-06-24", "2016-06-24", "day"), ("Later that night", "2016-06-24", "2016-06-24", "day",
                                                         {"rule": OFF, "offset": [0, "day"]})],
     [("Tarsk", "IQ", "city")], [], ["attack", "suicide_bombing"]),
    # counted back: an earlier incident, even when definite
    ("A suicide bomber attacked the embassy in Varno on Thursday. The rebels said it avenged the air "
     "strike ten days earlier near Sedo.",
     [("on Thursday", "2016-06-23", "2016-06-23", "day"), ("ten days earlier", "2016-06-13", "2016-06-13", "day",
                                                           {"rule": OFF, "offset": [-10, "day"]})],
     [("Varno", "AF", "city"), ("Sedo", "AF", "city")], [], ["suicide_bombing", "airstrike"]),
    # a definite casualty mention ("the wounded") refers back
    ("Gunmen opened fire on a market in Pellow on Sunday. The injured were all out of danger yesterday.",
     [("on Sunday", "2016-06-26", "2016-06-26", "day"), ("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Pellow", "US", "city")], [], ["shooting"]),
    # a noun with "no" above the trigger ("no count of its own injured")
    ("Lomo has released no count of its own injured.", [], [("Lomo", "TJ", "city")], [], []),
    ("Lomo has released the names of people injured in the clash at Sedo on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [("Sedo", "TJ", "village")], [], ["clash"]),
    # territorial acts: an armed actor or a territorial object; not a person as object
    ("In late March the rebels once more entered the port.",
     [("late March", "2015-03-21", "2015-03-31", "part_of_month")], [], [], ["political"]),
    ("Rebels captured the town of Sedo on Sunday.", [("on Sunday", "2016-06-26", "2016-06-26", "day")],
     [("Sedo", "SY", "village")], [], ["political"]),
    ("In late March the rebels once more entered the base.",
     [("late March", "2015-03-21", "2015-03-31", "part_of_month")], [], [], ["attack"]),
    ("Police entered the house on Monday.", [("on Monday", "2016-06-20", "2016-06-20", "day")], [], [], []),
    ("Soldiers captured a suspect on Monday.", [("on Monday", "2016-06-20", "2016-06-20", "day")], [], [], []),
    # a purpose is not an act
    ("The campaign to recapture Varno opened on May 2.", [("on May 2", "2016-05-02", "2016-05-02", "day")],
     [("Varno", "IQ", "city")], [], []),
    # ... the sending of troops is itself a deployment (an operation), the attack only its purpose
    ("Troops were sent to attack the town of Sedo on Sunday.",
     [("on Sunday", "2016-06-26", "2016-06-26", "day")], [("Sedo", "SY", "village")], [], ["operation"]),
    # a definition in the present tense under a generic plural is not an incident
    ("The survey counts incidents in which three or more people are stabbed.", [], [], [], []),
    ("Police searched the house in which two people were shot on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [], [], ["shooting"]),
    # a trigger inside the subject of a casualty verb is the same incident
    ("The youth who opened fire on diners in Pellow on Saturday wounded six people.",
     [("on Saturday", "2016-06-25", "2016-06-25", "day")], [("Pellow", "US", "city")], ["wounded six people"],
     ["shooting"]),
    # a country-wide mention agrees with an incident in that country only on the same day, not within a period
    ("Gunmen attacked a post in Grozny on 9 May 2016. Protests against the new law spread across Russia in April "
     "and May.",
     [("9 May 2016", "2016-05-09", "2016-05-09", "day"), ("April and May", "2016-04-01", "2016-05-31", "range")],
     [("Grozny", "RU", "city"), ("Russia", "RU", "country")], [], ["attack", "protest"]),
    # the reporting clause's place is the speaker's, not the figure's
    ("Militants attacked two army camps at Boulkessi on Monday. The government in Bamako said that 25 soldiers "
     "had been killed.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [("Boulkessi", "ML", "village"), ("Bamako", "ML", "city")],
     ["25 soldiers had been killed"], ["attack"]),
]


@pytest.mark.parametrize("text, dates, places, casualties, expected", CASES)
def test_event_rules(nlp, text, dates, places, casualties, expected):
    events = run(nlp, text, dates, places, casualties)
    assert [ev["type"] for ev in events] == expected, [(ev["type"], text[ev["start_char"]:ev["end_char"]])
                                                       for ev in events]


@pytest.mark.parametrize("text, dates, places, casualties, mentions", [
    # "The shooting happened ... Wednesday" is kept on the lead event with its stated date
    ("A cyclist was shot in Pellow. The shooting was at about 9 p.m. Wednesday near a gym.",
     [("Wednesday", "2016-06-22", "2016-06-22", "day")], [("Pellow", "US", "city")], [], [["Wednesday"]]),
    # a date governed by a reporting verb is not the mention's
    ("A cyclist was shot in Pellow. The shooting was confirmed by police on Wednesday.",
     [("on Wednesday", "2016-06-22", "2016-06-22", "day")], [("Pellow", "US", "city")], [], [[]]),
])
def test_mentions_are_kept_for_the_linker(nlp, text, dates, places, casualties, mentions):
    events = run(nlp, text, dates, places, casualties)
    assert len(events) == 1
    got = [[text[s:e] for s, e in m["dates"]] for m in events[0].get("mentions", [])]
    assert got == mentions


@pytest.mark.parametrize("text, date, expected", [
    ("Police said on Sunday that two men were shot.", "on Sunday", True),
    ("Officials said Thursday morning that another driver is in hospital.", "Thursday morning", True),
    # a date inside the reported clause is the clause's own
    ("Near midnight Feb. 9, a clerk was stabbed outside a bar, officials said.", "Feb. 9", False),
    ("Two men were shot on Friday, police said.", "on Friday", False),
])
def test_reported_dates(nlp, text, date, expected):
    doc = nlp(text)
    s, e = _at(text, date)
    assert nlp.get_pipe("claimscope_events").reported(doc, {"start_char": s, "end_char": e}) is expected
