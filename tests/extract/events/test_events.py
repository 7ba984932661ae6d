"""Event detection on the real parse, with date/place/casualty payloads set by hand.

The other extractors are tested on their own; here only the events rules are the point, so the values
they would supply are placed at given substrings.
"""
from __future__ import annotations

import pytest

from pipeline.extract.events.component import clauses


def _at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def run_events(nlp, text, dates=(), places=(), casualties=()):
    """dates: (substring, iso_start, iso_end, granularity[, extra payload keys]); places: (substring, country,
    feature[, which occurrence of the substring, from 0])."""
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names:
        if not name.startswith("claimscope"):
            doc = nlp.get_pipe(name)(doc)
    doc._.cs_meta = {"published": "2016-06-27", "dateline": None}
    doc._.cs_dates = []
    for item in dates:
        sub, a, b, g = item[:4]
        s, e = _at(text, sub)
        d = {"start_char": s, "end_char": e, "start": a, "end": b, "granularity": g, "relative": False, "rule": "test"}
        d.update(item[4] if len(item) > 4 else {})
        doc._.cs_dates.append(d)
    doc._.cs_places = [
        {"start_char": s, "end_char": e, "name": sub, "geonameid": None, "country": c, "feature": f}
        for sub, c, f, *nth in places for s, e in [_at(text, sub, *nth)]
    ]
    doc._.cs_casualties = [
        {"start_char": s, "end_char": e, "kind": "killed", "count": 1, "total": True}
        for sub in casualties for s, e in [_at(text, sub)]
    ]
    doc._.cs_attributions = []
    return nlp.get_pipe("claimscope_events").find(doc)


CASES = [
    # (text, dates, places, casualties, expected [(type, span text)])
    ("Two gunmen attacked a police post near Kirkuk on Tuesday, killing three officers.",
     [("on Tuesday", "2016-06-21", "2016-06-21", "day")], [("Kirkuk", "IQ", "city")], ["killing three officers"],
     [("attack", "Two gunmen attacked a police post near Kirkuk on Tuesday")]),
    ("Last spring saw three incidents: the raid on a depot in Varno on 2 March 2016 (two guards were killed); "
     "a bombing near Tarsk on 7 April 2016; clashes in Pellow on 19 April 2016.",
     [("2 March 2016", "2016-03-02", "2016-03-02", "day"), ("7 April 2016", "2016-04-07", "2016-04-07", "day"),
      ("19 April 2016", "2016-04-19", "2016-04-19", "day")],
     [("Varno", "RU", "city"), ("Tarsk", "RU", "city"), ("Pellow", "RU", "city")], ["two guards were killed"],
     [("raid", None), ("bombing", None), ("clash", None)]),
    ("Almost daily there are attacks against officials in the region.", [], [], [], []),
    ("The militants could attack the base in Kandahar.", [], [("Kandahar", "AF", "city")], [], []),
    ("The army did not attack the town of Idlib.", [], [("Idlib", "SY", "city")], [], []),
    ("Officials fear that the group plans to attack the capital, Kabul.", [], [("Kabul", "AF", "city")], [], []),
    ("Militants attacked a checkpoint in Varno on 14 May 2016. The attack in Varno shocked the town.",
     [("14 May 2016", "2016-05-14", "2016-05-14", "day")], [("Varno", "RU", "city"), ], [],
     [("attack", "Militants attacked a checkpoint in Varno on 14 May 2016")]),
    ("Raiders stormed a bank in Tarsk on 1 June 2016. In the incident, 20 people were killed.",
     [("1 June 2016", "2016-06-01", "2016-06-01", "day")], [("Tarsk", "SO", "city")], ["20 people were killed"],
     [("attack", "Raiders stormed a bank in Tarsk on 1 June 2016")]),
    ("It recalled an incident in Moldova on 4 September 2015, when rebels attacked a barracks near Sedo.",
     [("4 September 2015", "2015-09-04", "2015-09-04", "day")], [("Moldova", "MD", "country"), ("Sedo", "MD", "city")],
     [], [("attack", "rebels attacked a barracks near Sedo")]),
    ("A driver was shot dead in Pellow late on Saturday.",
     [("late on Saturday", "2016-06-25", "2016-06-25", "day")], [("Pellow", "US", "city")], [],
     [("shooting", "A driver was shot dead in Pellow late on Saturday")]),
    ("The report said that protests were common in the 1990s.",
     [("the 1990s", "1990-01-01", "1999-12-31", "decade")], [], [], []),
    ("An explosion at a market in Quetta killed five people on Monday.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [("Quetta", "PK", "city")], ["killed five people"],
     [("bombing", "An explosion at a market in Quetta")]),
    ("The minister called for an end to attacks on journalists.", [], [], [], []),
    ("Police arrested two suspects after a long investigation.", [], [], [], []),
    ("The attack on the school in Beslan remains a wound for the whole country.",
     [], [("Beslan", "RU", "city")], [], [("attack", "The attack on the school in Beslan")]),
    ("The clashes did not lead to riots in the city of Osh.", [], [("Osh", "KG", "city")], [], [("clash", None)]),
    # one incident told over several sentences
    ("A man opened fire inside a fair in Pellow on Monday. The attacker emptied two magazines. Two visitors died.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [("Pellow", "US", "city")], ["Two visitors died"],
     [("shooting", "A man opened fire inside a fair in Pellow on Monday")]),
    # a new incident: its own date and place, or a marker
    ("Gunmen attacked a post in Varno on 14 May 2016. Another attack hit a checkpoint in Tarsk on 16 May 2016.",
     [("14 May 2016", "2016-05-14", "2016-05-14", "day"), ("16 May 2016", "2016-05-16", "2016-05-16", "day")],
     [("Varno", "RU", "city"), ("Tarsk", "RU", "city")], [], [("attack", None), ("attack", None)]),
    ("A bomb exploded in Sedo on Friday. Two days later, a second bomb exploded outside a school.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [("Sedo", "PK", "city")], [],
     [("bombing", None), ("bombing", None)]),
    # summaries are not incidents
    ("The market in Sedo was shelled twice in the spring of this year.", [("this year", "2016-01-01", "2016-12-31", "year")],
     [("Sedo", "PK", "city")], [], []),
    ("No fewer than 48 civilians died in Yemen yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Yemen", "YE", "country")], ["No fewer than 48 civilians died"], []),
    ("Thirty people have been killed in the province since January.", [], [("the province", "RU", "admin_region")],
     ["Thirty people have been killed"], [("aggregate", None)]),
    # a second incident inside one sentence, with its own agent and place
    ("A man shot dead five people in Pellow on Saturday, three years after a gunman killed 11 shoppers in "
     "North Varno.", [("on Saturday", "2016-06-25", "2016-06-25", "day")],
     [("Pellow", "US", "city"), ("North Varno", "US", "city")], ["five people", "killed 11 shoppers"],
     [("shooting", None), ("shooting", "a gunman killed 11 shoppers in North Varno")]),
    # the headline repeats the incident; the body states it
    ("Gunmen Kill Five in Kano\n\nGunmen killed five people in Kano on Tuesday.",
     [("on Tuesday", "2016-06-21", "2016-06-21", "day")], [("Kano", "NG", "city")], ["killed five people"],
     [("killing", "Gunmen killed five people in Kano on Tuesday")]),
    # a bare plural subject of a past-tense verb is an incident
    ("Air strikes hit a market in Idlib yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Idlib", "SY", "city")], [], [("airstrike", None)]),
    # a date governed by "said" is the statement's, not the incident's
    ("Police shot a suspect in Pellow on Saturday. Officers shot him outside a bakery in Pellow, police said on Sunday.",
     [("on Saturday", "2016-06-25", "2016-06-25", "day"), ("on Sunday", "2016-06-26", "2016-06-26", "day")],
     [("Pellow", "US", "city")], [], [("shooting", None)]),
]


@pytest.mark.parametrize("text, dates, places, casualties, expected", CASES)
def test_events_found(nlp, text, dates, places, casualties, expected):
    events = run_events(nlp, text, dates, places, casualties)
    got = [(ev["type"], text[ev["start_char"]:ev["end_char"]]) for ev in events]
    assert [t for t, _ in got] == [t for t, _ in expected], got
    for (_, span), (_, want) in zip(got, expected):
        if want is not None:
            assert span == want


@pytest.mark.parametrize("text, n", [
    ("One; two; three.", 3),
    ("A list (with; a parenthesis) ends here.", 1),
    ("First sentence. Second; and third.", 3),
    ("Rebels shelled Varno in May; rioters burned shops in Tarsk in June; police raided a farm in July.", 3),
    # a semicolon inside a parenthesis separates figures or details, not incidents, however long the parenthesis
    ("A raid on a depot in Varno (two guards dead; nine hurt) shocked the town.", 1),
    ("The year saw unrest (the raid on the depot in Varno in May, which left two guards dead and nine more hurt; "
     "the riots in the port of Tarsk in June, when shops burned for two nights) and little else.", 1),
])
def test_clauses_split_at_top_level_semicolons(nlp, text, n):
    doc = nlp(text)
    assert len(clauses(doc)) == n


@pytest.mark.parametrize("text, expected", [
    # the headline (short lines without final punctuation before the body) is skipped; the body states the incident
    ("Gunmen Kill Five in Kano\n\nGunmen killed five people in Kano on Tuesday.", ["killing"]),
    ("Raid on Depot\nGuards Hurt\n\nRaiders stormed a depot in Kano on Tuesday.", ["attack"]),
    # ... a first line with final punctuation is body text
    ("Raiders stormed a depot in Kano on Tuesday.\nTwo guards were hurt.", ["attack"]),
])
def test_headline_is_skipped(nlp, text, expected):
    nth = text.count("Kano") - 1
    events = run_events(nlp, text, [("on Tuesday", "2016-06-21", "2016-06-21", "day")], [("Kano", "NG", "city", nth)])
    assert [ev["type"] for ev in events] == expected


def test_event_payload_has_contract_keys(nlp):
    text = "Gunmen attacked a bank in Kano on 3 March 2016."
    ev = run_events(nlp, text, [("3 March 2016", "2016-03-03", "2016-03-03", "day")], [("Kano", "NG", "city")])[0]
    for key in ("start_char", "end_char", "type", "trigger", "sent_start", "sent_end", "clause_start", "clause_end",
                "date", "places", "casualties", "actors", "attribution_idxs"):
        assert key in ev
    assert ev["actors"] == [{"role": "perpetrator", "name": "Gunmen", "start_char": 0, "end_char": 6}]
