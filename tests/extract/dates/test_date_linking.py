"""dates.link: the date the text assigns to each event. Events are built by hand (the component contract)."""
from __future__ import annotations

import re

import pytest
import spacy

from pipeline.extract._component import load_lexicon
from pipeline.extract.dates.component import find_dates, link
from pipeline.extract.dates.grammar import DEFAULT_LEXICON

_NLP = spacy.blank("en")
LEX = load_lexicon(DEFAULT_LEXICON)  # the link stage receives the configured lexicon


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def make(text: str, published=None, dateline=None):
    doc = _NLP.make_doc(text)
    doc._.cs_meta = {"published": published, "dateline": dateline}
    doc._.cs_dates = find_dates(text, published, dateline, use_dateparser=False)
    return doc


def event(text: str, trigger: str, clause: str | None = None, nth: int = 0) -> dict:
    starts = [m.start() for m in re.finditer(r"\b" + re.escape(trigger) + r"\b", text)]
    s = starts[nth]
    e = s + len(trigger)
    ss, se = next((a, b) for a, b in _sentences(text) if a <= s < b)
    if clause is not None:
        cs = text.index(clause)
        ce = cs + len(clause)
    else:
        cs, ce = ss, se
    return {"start_char": s, "end_char": e, "type": "attack", "trigger": {"start_char": s, "end_char": e},
            "sent_start": ss, "sent_end": se, "clause_start": cs, "clause_end": ce, "date": None, "places": [],
            "casualties": [], "actors": [], "attribution_idxs": []}


def linked(text, triggers, published="2016-06-27", dateline=None, clauses=None):
    doc = make(text, published, dateline)
    evs = [event(text, t, (clauses or {}).get(t)) for t in triggers]
    link(doc, evs, LEX)
    out = []
    for ev in evs:
        d = ev["date"]
        if d is None:
            out.append(None)
            continue
        span = text[d["start_char"]:d["end_char"]] if d["start_char"] is not None else None
        out.append((span, d["start"], d["end"], d["rule"]))
    return out


CASES = [
    # same clause
    ("Gunmen attacked a checkpoint on March 3, 2016, killing two officers.", ["attacked"],
     [("March 3, 2016", "2016-03-03", "2016-03-03", "month-day-year")]),
    # a weekday resolved against publication (2016-06-27 is a Monday)
    ("On Tuesday, two gunmen attacked a police post near the river.", ["attacked"],
     [("On Tuesday", "2016-06-21", "2016-06-21", "weekday-before-publication")]),
    # appositive possessive date before the event
    ("It was June 5, 2016's assault on two gun shops that alarmed the region.", ["assault"],
     [("June 5, 2016", "2016-06-05", "2016-06-05", "month-day-year")]),
    # parenthetical date right after the event
    ("The raid on the depot (on 12 April 2016) was repelled by guards.", ["raid"],
     [("12 April 2016", "2016-04-12", "2016-04-12", "day-month-year")]),
    # a parenthetical about an administrative act is not the event's date
    ("The district (created by a decree of January 19, 2010) saw a bombing on May 2, 2016.", ["bombing"],
     [("May 2, 2016", "2016-05-02", "2016-05-02", "month-day-year")]),
    ("The district (created by a decree of January 19, 2010) saw a bombing near the market.", ["bombing"],
     [None]),
    # a "when ..." clause: the date introduces the clause that holds the event
    ("The worst unrest came on 16-17 December 2011, when 16 people died in clashes with police.", ["died"],
     [("16-17 December 2011", "2011-12-16", "2011-12-17", "day-range")]),
    # ';' separates incidents with their own dates
    ("Gunmen attacked a post on May 9, 2016; a car bomb exploded on May 14, 2016.", ["attacked", "exploded"],
     [("May 9, 2016", "2016-05-09", "2016-05-09", "month-day-year"),
      ("May 14, 2016", "2016-05-14", "2016-05-14", "month-day-year")]),
    # a comparison sends the date to the other incident
    ("The attacks were the deadliest since the riots of December 2011.", ["attacks", "riots"],
     [None,
      ("December 2011", "2011-12-01", "2011-12-31", "month-year")]),
    # two dates in one sentence: each event takes the nearest on its side
    ("Unlike the raids in November 2012, the ambush in May of 2015 was quickly repelled.", ["raids", "ambush"],
     [("November 2012", "2012-11-01", "2012-11-30", "month-year"),
      ("May of 2015", "2015-05-01", "2015-05-31", "month-year")]),
    # "since" opens an interval: not an event date
    ("Fighting has continued since 2014 in the valley.", ["Fighting"],
     [None]),
    # carried over from the previous sentence of the same paragraph
    ("A bomb exploded in the market on September 4, 2015. As a result, 12 people were killed.", ["exploded", "killed"],
     [("September 4, 2015", "2015-09-04", "2015-09-04", "month-day-year"),
      ("September 4, 2015", "2015-09-04", "2015-09-04", "carried-over")]),
    # the lead's date carries into the first sentence of the next paragraph (the previous sentence) ...
    ("A bomb exploded on September 4, 2015.\n\nGunmen then stormed the police station.", ["exploded", "stormed"],
     [("September 4, 2015", "2015-09-04", "2015-09-04", "month-day-year"),
      ("September 4, 2015", "2015-09-04", "2015-09-04", "carried-over")]),
    # ... but not from further back in another paragraph without a reference back
    ("A bomb exploded on September 4, 2015. Officials met to discuss the budget.\n\n"
     "Protests erupted in the capital over fuel prices.", ["exploded", "Protests"],
     [("September 4, 2015", "2015-09-04", "2015-09-04", "month-day-year"),
      None]),
    # but carried when the new paragraph refers back to the incident
    ("A bomb exploded on September 4, 2015.\n\nAs a result of the incident, 9 people were injured.", ["exploded", "injured"],
     [("September 4, 2015", "2015-09-04", "2015-09-04", "month-day-year"),
      ("September 4, 2015", "2015-09-04", "2015-09-04", "carried-over")]),
    # relative to the event just mentioned
    ("A market was bombed on June 3, 2016. Two days later, a second bomb went off nearby.", ["bombed", "went off"],
     [("June 3, 2016", "2016-06-03", "2016-06-03", "month-day-year"),
      ("Two days later", "2016-06-05", "2016-06-05", "offset-from-previous")]),
    # a ';' segment without a date continues the segment before it
    ("Three weeks later, on 20-21 April, troops sealed off the valley; four rebels were killed in a firefight.",
     ["killed"], [("20-21 April", "2016-04-20", "2016-04-21", "carried-over")]),
    # "after"/"before" between the date and the event: the date belongs to another clause's event
    ("The ministry confirmed on Monday that 40 girls were missing after fighters stormed a school.", ["stormed"],
     [None]),
    # a date of a state ("still ... yesterday") yields to the incident's date
    ("Rebels who entered the town on Friday were still hiding yesterday inside a mosque.", ["entered"],
     [("on Friday", "2016-06-24", "2016-06-24", "weekday-before-publication")]),
    # carried over: the date of the last dated event, not a later date of a state in the same sentence
    ("Rebels who entered the town on Friday were still hiding yesterday inside a mosque. "
     "Meanwhile a second group seized a grain silo.", ["entered", "seized"],
     [("on Friday", "2016-06-24", "2016-06-24", "weekday-before-publication"),
      ("on Friday", "2016-06-24", "2016-06-24", "carried-over")]),
    # an incident named only as a reference point has no known date
    ("The siege came three weeks after a sniper wounded nine shoppers at a mall.", ["wounded"], [None]),
    # carried over within the paragraph through sentences without dates
    ("In the morning, a car bomb exploded in the port on June 23, 2016. Officials gave a toll of 13. Doctors said "
     "many were children. Late in the evening, gunmen shot dead four policemen.", ["exploded", "shot dead"],
     [("June 23, 2016", "2016-06-23", "2016-06-23", "month-day-year"),
      ("June 23, 2016", "2016-06-23", "2016-06-23", "carried-over")]),
    # "that morning" counts from the event just mentioned, not from the last date written
    ("Gunmen stormed the station on Friday. It was still closed yesterday. Later that morning a bomber struck a "
     "checkpoint.", ["stormed", "struck"],
     [("on Friday", "2016-06-24", "2016-06-24", "weekday-before-publication"),
      ("Later that morning", "2016-06-24", "2016-06-24", "offset-from-previous")]),
    # the clause bound given by the event finder is respected
    ("Police said on Monday that the shooting happened on Saturday night.", ["shooting"],
     [("on Saturday night", "2016-06-25", "2016-06-25", "weekday-before-publication")]),
]


@pytest.mark.parametrize("text, expected", [(c[0], (c[1], c[2])) for c in CASES])
def test_link(text, expected):
    triggers, want = expected
    clauses = {"shooting": "the shooting happened on Saturday night"}
    assert linked(text, triggers, clauses=clauses) == want


def test_title_line_merged_into_the_first_sentence_does_not_take_its_date():
    text = "Raid on a school\n\nOfficials confirmed on Monday that the raid had ended."
    doc = make(text, "2016-06-27")
    ev = event(text, "Raid")
    ev["sent_start"], ev["sent_end"] = 0, len(text)  # a segmenter that did not split the title off
    ev["clause_start"], ev["clause_end"] = 0, len(text)
    link(doc, [ev], LEX)
    assert ev["date"] is None or ev["date"]["rule"] != "weekday-before-publication"


def test_headline_takes_the_date_of_the_lead():
    text = "Man shot outside a bar\nA man was wounded late Saturday night outside a bar, police said. He is stable."
    assert linked(text, ["shot"]) == [("late Saturday night", "2016-06-25", "2016-06-25", "carried-forward")]


def test_no_forward_once_an_event_is_dated():
    text = ("Gunmen attacked a post on May 9, 2016.\n\nA guard was hurt in a separate raid. "
            "On June 2, 2016 a bomb went off.")
    got = linked(text, ["attacked", "raid"])
    assert got[0][3] == "month-day-year" and got[1] is None  # undated: never the publication date


def test_dateline_is_only_a_fallback():
    text = "May 4, 2017\n\nGunmen attacked a police post near the bridge."
    # the dateline is a date the text states (with its span, under its own rule), with or without a
    # publication date; the publication date itself is never an event's date
    for published in ("2017-05-04", None):
        assert linked(text, ["attacked"], published=published, dateline=(0, 11)) == [
            ("May 4, 2017", "2017-05-04", "2017-05-04", "dateline")]


def test_no_date_at_all():
    assert linked("Gunmen attacked a police post near the bridge.", ["attacked"], published=None) == [None]


def test_unresolved_relative_date_is_not_linked_as_stated():
    text = "On Tuesday, gunmen attacked a police post."
    assert linked(text, ["attacked"], published=None) == [None]


def test_linked_date_is_a_copy():
    text = "Gunmen attacked a checkpoint on March 3, 2016."
    doc = make(text, "2016-06-27")
    evs = [event(text, "attacked")]
    link(doc, evs, LEX)
    evs[0]["date"]["rule"] = "changed"
    assert doc._.cs_dates[0]["rule"] == "month-day-year"


def test_events_out_of_order_and_without_clause():
    text = "A bomb exploded on September 4, 2015. As a result, 12 people were killed."
    doc = make(text, "2016-06-27")
    a, b = event(text, "killed"), event(text, "exploded")
    for ev in (a, b):
        ev["clause_start"] = ev["clause_end"] = None
    link(doc, [a, b], LEX)
    assert b["date"]["start"] == "2015-09-04" and b["date"]["rule"] == "month-day-year"
    assert a["date"]["start"] == "2015-09-04" and a["date"]["rule"] == "carried-over"


def _linked_with(text, evs, published="2016-06-27"):
    doc = make(text, published)
    link(doc, evs, LEX)
    return [(text[d["start_char"]:d["end_char"]] if d and d["start_char"] is not None else None,
             d and d["start"], d and d["rule"]) for d in (ev["date"] for ev in evs)]


def _mention(text, word, date_words=(), typ="shooting", nth=0):
    ev = event(text, word, nth=nth)
    spans = [(text.index(w), text.index(w) + len(w)) for w in date_words]
    return {"start_char": ev["start_char"], "end_char": ev["end_char"], "type": typ, "clause_start": ev["sent_start"],
            "clause_end": ev["sent_end"], "sent_start": ev["sent_start"], "sent_end": ev["sent_end"], "dates": spans}


@pytest.mark.parametrize("text, mention, date_words, typ, expected", [
    # a later mention of the same incident states the date
    ("A cyclist was shot near a bus depot. The shooting took place on the ramp Wednesday behind the depot.",
     "shooting", ["Wednesday"], "shooting", ("Wednesday", "2016-06-22", "later-mention")),
    # an arrest reported later is not the incident's date
    ("A man was shot inside a store. He was arrested in Chicago on Saturday.",
     "arrested", ["on Saturday"], "arrest", (None, None, None)),
    # a mention without a stated date of its own gives nothing
    ("A man was shot inside a store. The shooting is under investigation, police said on Saturday.",
     "shooting", [], "shooting", (None, None, None)),
    # too far after the event
    ("A man was shot inside a store. He was a cook. He lived nearby. He had two sons. He liked music. "
     "The shooting happened on Saturday.",
     "shooting", ["on Saturday"], "shooting", (None, None, None)),
])
def test_later_mention_dates_the_event(text, mention, date_words, typ, expected):
    ev = event(text, "shot")
    ev["mentions"] = [_mention(text, mention, date_words, typ)]
    assert _linked_with(text, [ev]) == [expected]


@pytest.mark.parametrize("text, first, second, types, expected", [
    # a lead without a date takes the date of the next event, told within three sentences
    ("Fatal shooting of a student may have been accidental. Neighbours say the boy was hit by a cousin. "
     "Officers answered reports of gunfire at 8:15 p.m. Saturday on Maple Court.",
     "shooting", "gunfire", ("shooting", "shooting"), ("Saturday", "2016-06-25", "carried-forward")),
    # not from an event of another kind
    ("Thousands protested in the capital. Police said militants attacked a post on Saturday.",
     "protested", "attacked", ("protest", "attack"), (None, None, None)),
    # not across a comparison in the same sentence
    ("The attacks were the deadliest since the riots of December 2011.",
     "attacks", "riots", ("attack", "riot"), (None, None, None)),
    # not from far away
    ("A man was shot inside a store. He was a cook. He lived nearby. He had two sons. He liked music. "
     "Gunmen attacked a bank on Saturday.",
     "shot", "attacked", ("shooting", "attack"), (None, None, None)),
])
def test_undated_event_takes_the_next_events_date(text, first, second, types, expected):
    a, b = event(text, first), event(text, second)
    a["type"], b["type"] = types
    assert _linked_with(text, [a, b])[0] == expected


def test_headline_takes_the_date_its_lead_took():
    """Backwards: the lead takes the date of the event after it, then the headline the lead's."""
    text = ("Woman dies following stabbing by the harbour -- A woman has died after she was stabbed Sunday night "
            "near the harbour. Police said the victim was 31.")
    a, b, c = event(text, "dies"), event(text, "stabbing"), event(text, "stabbed")
    for ev, typ in ((a, "killing"), (b, "stabbing"), (c, "stabbing")):
        ev["type"] = typ
    for ev in (a, b):  # only the last one's clause holds the date
        ev["clause_start"], ev["clause_end"] = ev["start_char"], ev["end_char"]
    c["clause_start"] = text.index("A woman has died")
    got = _linked_with(text, [a, b, c])
    assert [g[2] for g in got] == ["carried-forward", "carried-forward", "weekday-before-publication"]
    assert {g[1] for g in got} == {"2016-06-26"}


@pytest.mark.parametrize("text, trigger, others, expected", [
    # "died after she was stabbed Sunday": the date follows another trigger of the same event
    ("A woman has died after she was stabbed Sunday night near the harbour.", "died", ["stabbed"],
     ("Sunday night", "2016-06-26", "weekday-before-publication")),
    # without that trigger, "after" sends the date to something else
    ("A woman has died after she was stabbed Sunday night near the harbour.", "died", [],
     (None, None, None)),
])
def test_other_triggers_of_the_event_anchor_its_date(text, trigger, others, expected):
    ev = event(text, trigger)
    ev["triggers"] = [(text.index(w), text.index(w) + len(w)) for w in [trigger] + others]
    assert _linked_with(text, [ev]) == [expected]


@pytest.mark.parametrize("text, dated, second, second_type, expected", [
    # a day inside the period, stated by the next event of the same type
    ("Police arrested a man for a fatal shooting last week. The shooting happened at noon on Tuesday, June 21.",
     "shooting", "shooting", "shooting", ("Tuesday, June 21", "2016-06-21", "refined")),
    # not a day outside the period
    ("Police arrested a man for a fatal shooting last week. The shooting happened at noon on Monday, June 27.",
     "shooting", "shooting", "shooting", ("last week", "2016-06-20", "relative-unit")),
    # not from an event of another type
    ("Protesters marched in the capital last week. A bomb exploded at noon on Tuesday, June 21.",
     "marched", "exploded", "bombing", ("last week", "2016-06-20", "relative-unit")),
    # a year is not refined by a day
    ("The shooting in 2016 shocked the town. The shooting happened at noon on Tuesday, June 21.",
     "shooting", "shooting", "shooting", ("2016", "2016-01-01", "year")),
])
def test_period_refined_by_a_stated_day(text, dated, second, second_type, expected):
    a = event(text, dated)
    b = event(text, second, nth=1 if second == dated else 0)
    a["type"], b["type"] = ("shooting" if dated == "shooting" else "protest"), second_type
    assert _linked_with(text, [a, b])[0] == expected
