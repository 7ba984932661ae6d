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
    ("The security service said it had detained four suspects yesterday.",
     [("yesterday", "2016-06-26", "2016-06-26", "day")], [], ["detained four suspects"], ["arrest"]),
    ("Thirty suspects have been detained in Dagestan since January.", [], [("Dagestan", "RU", "admin_region")],
     ["Thirty suspects have been detained"], []),
    # a country inside an organisation's name is not the figure's extent; "killed in Pakistan" is
    ("The Security Service of Ukraine said it had detained four suspects yesterday.",
     [("yesterday", "2016-06-26", "2016-06-26", "day")], [("Ukraine", "UA", "country")], ["detained four suspects"],
     ["arrest"]),
    ("At least 62 people were killed in Pakistan yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Pakistan", "PK", "country")], ["At least 62 people were killed"], []),
    # a figure standing in for the trigger: the clause's date and place are its own
    ("Border guards clashed near Vorukh in January 2014. In September 2019 a dispute over a road near Kok-Tash "
     "left four people dead.",
     [("January 2014", "2014-01-01", "2014-01-31", "month"), ("September 2019", "2019-09-01", "2019-09-30", "month")],
     [("Vorukh", "TJ", "village"), ("Kok-Tash", "KG", "village")], ["four people dead"], ["clash", "incident"]),
    # an ordinal victim is one more victim of a counted incident
    ("A tenth victim, with a graze wound, was identified on Monday.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [], ["A tenth victim"], []),
    # hyphenated trigger nouns split by the tokenizer
    ("Two militants were killed in a shoot-out in a private house on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [], ["Two militants were killed"], ["clash"]),
    ("The shoot button of the camera was broken on Friday.", [("on Friday", "2016-06-24", "2016-06-24", "day")],
     [], [], []),
    # a date counted from the incident just told: a casualty update is that incident, another act a new one
    ("A student shot five classmates in Santa Clarita on Thursday. He died of his wounds the next day.",
     [("on Thursday", "2016-06-23", "2016-06-23", "day"), ("the next day", "2016-06-24", "2016-06-24", "day",
                                                          {"rule": OFF, "offset": [1, "day"]})],
     [("Santa Clarita", "US", "city")], ["shot five classmates", "died of his wounds"], ["shooting"]),
    ("Gunmen stormed a power station in Dibis on Friday. Later that morning a suicide bomber blew himself up at a "
     "checkpoint.",
     [("on Friday", "2016-06-24", "2016-06-24", "day"), ("Later that morning", "2016-06-24", "2016-06-24", "day",
                                                         {"rule": OFF, "offset": [0, "day"]})],
     [("Dibis", "IQ", "city")], [], ["attack", "suicide_bombing"]),
    # counted back: an earlier incident, even when definite
    ("A suicide bomber attacked the consulate in Mazar on Thursday. The Taliban called it revenge for the air "
     "strike a week earlier near Kunduz.",
     [("on Thursday", "2016-06-23", "2016-06-23", "day"), ("a week earlier", "2016-06-16", "2016-06-16", "day",
                                                           {"rule": OFF, "offset": [-7, "day"]})],
     [("Mazar", "AF", "city"), ("Kunduz", "AF", "city")], [], ["suicide_bombing", "airstrike"]),
    # a definite casualty mention ("the wounded") refers back
    ("Gunmen opened fire on a crowd in Fresno on Sunday. None of the wounded were in critical condition yesterday.",
     [("on Sunday", "2016-06-26", "2016-06-26", "day"), ("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Fresno", "US", "city")], [], ["shooting"]),
    # "no figure for its own wounded": a negated noun above the trigger
    ("Dushanbe has published no figure for its own wounded.", [], [("Dushanbe", "TJ", "city")], [], []),
    ("Dushanbe has published the list of people wounded in the clash at Vorukh on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [("Vorukh", "TJ", "village")], [], ["clash"]),
    # territorial acts: an armed actor or a territorial object; not a person as object
    ("In early October the insurgents again entered the city.",
     [("early October", "2015-10-01", "2015-10-10", "part_of_month")], [], [], ["attack"]),
    ("Rebels captured the town of Kafranbel on Sunday.", [("on Sunday", "2016-06-26", "2016-06-26", "day")],
     [("Kafranbel", "SY", "village")], [], ["attack"]),
    ("Police entered the house on Monday.", [("on Monday", "2016-06-20", "2016-06-20", "day")], [], [], []),
    ("Soldiers captured a suspect on Monday.", [("on Monday", "2016-06-20", "2016-06-20", "day")], [], [], []),
    # a purpose is not an act
    ("The offensive to retake Mosul began on October 17.", [("on October 17", "2016-10-17", "2016-10-17", "day")],
     [("Mosul", "IQ", "city")], [], []),
    ("Troops were sent to attack the town of Kafranbel on Sunday.",
     [("on Sunday", "2016-06-26", "2016-06-26", "day")], [("Kafranbel", "SY", "village")], [], []),
    # a definition in the present tense under a generic plural is not an incident
    ("Analysts count incidents in which four or more people are shot.", [], [], [], []),
    ("Police searched the house in which two people were shot on Friday.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [], [], ["shooting"]),
    # a trigger inside the subject of a casualty verb is the same incident
    ("A gunman who opened fire on shoppers in Odessa on Saturday killed seven people.",
     [("on Saturday", "2016-06-25", "2016-06-25", "day")], [("Odessa", "US", "city")], ["killed seven people"],
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
    ("A teenager was shot in Detroit. The shooting happened around 10 p.m. Wednesday at an apartment complex.",
     [("Wednesday", "2016-06-22", "2016-06-22", "day")], [("Detroit", "US", "city")], [], [["Wednesday"]]),
    # a date governed by a reporting verb is not the mention's
    ("A teenager was shot in Detroit. The shooting was confirmed by police on Wednesday.",
     [("on Wednesday", "2016-06-22", "2016-06-22", "day")], [("Detroit", "US", "city")], [], [[]]),
])
def test_mentions_are_kept_for_the_linker(nlp, text, dates, places, casualties, mentions):
    events = run(nlp, text, dates, places, casualties)
    assert len(events) == 1
    got = [[text[s:e] for s, e in m["dates"]] for m in events[0].get("mentions", [])]
    assert got == mentions


@pytest.mark.parametrize("text, date, expected", [
    ("Police said on Sunday that two men were shot.", "on Sunday", True),
    ("Police said Thursday morning that a second suspect is in custody.", "Thursday morning", True),
    # a date inside the reported clause is the clause's own
    ("About 2 a.m. Jan. 23, the man was shot in the head at a party, authorities said.", "Jan. 23", False),
    ("Two men were shot on Friday, police said.", "on Friday", False),
])
def test_reported_dates(nlp, text, date, expected):
    doc = nlp(text)
    s, e = _at(text, date)
    assert nlp.get_pipe("claimscope_events").reported(doc, {"start_char": s, "end_char": e}) is expected
