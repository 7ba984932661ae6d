"""dates.link for incidents dated through another one: offsets counted from a named incident ("two days before the
raid"), "since <date>, when ...", a statement's date versus a later mention's, far mentions that name the same
place; and the grammar's future weekdays and "<day> <month> this year". Hand-built events (the component contract).
"""
from __future__ import annotations

import pytest

from pipeline.extract.dates.component import find_dates
from tests.extract.dates.test_date_linking import LEX, _linked_with, _mention, event

PUB = "2016-06-27"  # a Monday


def _ev(text, trigger, nth=0, typ="attack"):
    ev = event(text, trigger, nth=nth)
    ev["type"] = typ
    ev["triggers"] = [(ev["start_char"], ev["end_char"])]
    ev["trigger"]["text"] = trigger
    return ev


@pytest.mark.parametrize("text, triggers, expected", [
    # counted from the incident the offset names (an earlier event whose trigger is that word)
    ("Rebels attacked a convoy near Doranvale on Tuesday. Three days before the attack, a mortar hit a school in "
     "Elbury.", ["attacked", "mortar"],
     [("on Tuesday", "2016-06-21", "weekday-before-publication"), ("Three days before the attack", "2016-06-18",
                                                                    "offset-from-event")]),
    ("A bomb exploded at a market in Norbridge on 3 March. Six days after the bombing, gunmen raided a checkpoint.",
     ["bomb", "raided"],
     [("3 March", "2016-03-03", "day-month"), ("Six days after the bombing", "2016-03-09", "offset-from-event")]),
    # the article's own incident counted back: "It came N days after <another incident>"
    ("A sniper fired on shoppers in Velden on Sunday. It also came nine days after a man stabbed two people outside "
     "a cafe in Marsby.", ["fired", "man"],
     [("on Sunday", "2016-06-26", "weekday-before-publication"), ("nine days after", "2016-06-17",
                                                                  "offset-from-event")]),
    # no named incident matches the offset, no sequence verb: the reference stays unknown
    ("A sniper fired on shoppers in Velden on Sunday. Two days before the election, a man stabbed two people.",
     ["fired", "man"],
     [("on Sunday", "2016-06-26", "weekday-before-publication"), (None, None, None)]),
])
def test_offset_counted_from_an_incident(text, triggers, expected):
    evs = [_ev(text, t) for t in triggers]
    got = _linked_with(text, evs, PUB)
    if expected[-1] == (None, None, None):
        assert got[-1][2] != "offset-from-event", got
        expected = expected[:-1]
        got = got[:-1]
    assert got == expected


@pytest.mark.parametrize("text, trigger, expected", [
    # "since <date>, when ...": the date is the when-clause's incident's
    ("It is the bloodiest raid in the province since April 2013, when a car bomb wounded 40 people.", "bomb",
     ("April 2013", "2013-04-01", "month-year")),
    ("It is the worst stabbing in the region since the 9th of November 2012, when an attacker hurt three men.",
     "attacker", ("the 9th of November 2012", "2012-11-09", "day-month-year")),
])
def test_since_when(text, trigger, expected):
    assert _linked_with(text, [_ev(text, trigger)], PUB) == [expected]


def test_since_without_when_is_not_the_incidents_date():
    text = "Thirty people have been hurt since April 2013. A car bomb wounded six people in the town."
    got = _linked_with(text, [_ev(text, "bomb")], PUB)
    assert got[0][0] != "April 2013"


@pytest.mark.parametrize("text, mention_word, date_words, expected", [
    # a statement's date in the clause gives way to the date a later mention of the incident states
    ("The toll of the fighting in Delmora has climbed to 14, the agency said yesterday. The riots started on "
     "Saturday near the port.", "riots", ["on Saturday"], ("on Saturday", "2016-06-25", "later-mention")),
    # without such a mention the clause's date stays
    ("The toll of the fighting in Delmora has climbed to 14, the agency said yesterday. The numbers are contested.",
     None, [], ("yesterday", "2016-06-26", "relative-day")),
    # a date that is not after a reporting verb is the incident's own
    ("The fighting in Delmora on Friday killed 14, the agency said. The riots started on Saturday near the port.",
     "riots", ["on Saturday"], ("on Friday", "2016-06-24", "weekday-before-publication")),
])
def test_reported_date_and_later_mention(text, mention_word, date_words, expected):
    ev = _ev(text, "fighting")
    if mention_word:
        ev["mentions"] = [_mention(text, mention_word, date_words, "clash")]
    assert _linked_with(text, [ev], PUB) == [expected]


@pytest.mark.parametrize("agrees, expected", [
    (True, ("12 March to 30 June 2015", "2015-03-12", "later-mention")),
    (False, (None, None, None)),
])
def test_far_mention_that_names_the_same_place(agrees, expected):
    """A far mention dates the incident only when it names the same place or day (`agrees`)."""
    text = ("Years after the siege of Kestrel Bay, the town is quiet. Soldiers guard the roads. Shops are open. "
            "Classes have resumed. Visitors are few. The Kestrel Bay siege, from 12 March to 30 June 2015, left 800 dead.")
    ev = _ev(text, "siege")
    m = _mention(text, "siege", ["12 March to 30 June 2015"], "attack", nth=1)
    m["agrees"] = agrees
    ev["mentions"] = [m]
    assert _linked_with(text, [ev], PUB) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a weekday with a future cue is the next such day after publication (2016-06-27 is a Monday)
    ("The president called an emergency meeting for Thursday.", ("Thursday", "2016-06-30")),
    ("The mall will remain closed until Monday.", ("Monday", "2016-07-04")),
    ("The hearing is scheduled for next Friday.", ("next Friday", "2016-07-01")),
    # not a future cue: a possessive of a past day, a plain past weekday
    ("Mourners gathered for Thursday's funeral.", ("Thursday", "2016-06-23")),
    ("Police closed the road on Thursday.", ("on Thursday", "2016-06-23")),
    # "<day> <month> this year" is one expression
    ("On the 4th of March this year, raiders burned six huts.", ("the 4th of March this year", "2016-03-04")),
    ("On March 3 last year a bomb exploded.", ("March 3 last year", "2015-03-03")),
    ("On the 14th of May, gunmen attacked a post.", ("the 14th of May", "2016-05-14")),
])
def test_weekdays_and_relative_years(text, expected):
    found = find_dates(text, PUB, None, use_dateparser=False)
    assert [(text[d["start_char"]:d["end_char"]], d["start"]) for d in found] == [expected]


def test_far_mention_with_only_a_year_is_not_used():
    text = ("A cashier was stabbed at a pharmacy in Lindale. Two teens were charged. Her uncle spoke. The family "
            "mourns. Police thanked witnesses. Lindale counts its first homicide of 2016 this way.")
    ev = _ev(text, "stabbed")
    m = _mention(text, "homicide", ["2016"], "killing")
    m["agrees"] = True
    ev["mentions"] = [m]
    assert _linked_with(text, [ev], PUB)[0][2] != "later-mention"


@pytest.mark.parametrize("text, trigger, expected", [
    # an incident named inside a counted expression with no known date is a reference point: no date
    ("His sister called the probation office two weeks before the shooting of an officer.", "shooting", None),
    # ... and one with its own date is dated
    ("A sniper fired at a depot in Harwick on Tuesday.", "fired", "2016-06-21"),
])
def test_reference_point_inside_the_expression(text, trigger, expected):
    got = _linked_with(text, [_ev(text, trigger)], PUB)[0]
    assert (got[1] if got != (None, None, None) else None) == expected


@pytest.mark.parametrize("text, trigger, mention, expected", [
    # the mention counted from a named incident takes its value once that incident is dated
    ("Bandits raided a clinic in Oakhurst on 19 February. The nurses were still missing a week after the raid, "
     "officials said.", "raided", "a week after the raid", ("2016-02-26", "offset-from-event")),
    # no incident of that name: the value stays unknown
    ("Bandits raided a clinic in Oakhurst on 19 February. The nurses were still missing a week after the storm, "
     "officials said.", "raided", "a week after the storm", (None, "offset-from-next")),
])
def test_named_offset_mentions_are_resolved(text, trigger, mention, expected):
    from pipeline.extract.dates.component import link
    from tests.extract.dates.test_date_linking import make
    doc = make(text, PUB)
    link(doc, [_ev(text, trigger)], LEX)
    got = [(d["start"], d["rule"]) for d in doc._.cs_dates if text[d["start_char"]:d["end_char"]] == mention]
    assert got == [expected]
