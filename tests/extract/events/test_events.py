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
    feature)."""
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
        for sub, c, f in places for s, e in [_at(text, sub)]
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
    ("The main incidents were: the attack on a post in Derbent on 15 February 2016 (four people were killed); "
     "a bombing near Grozny on 9 May 2016; clashes in Nalchik on 14 May 2016.",
     [("15 February 2016", "2016-02-15", "2016-02-15", "day"), ("9 May 2016", "2016-05-09", "2016-05-09", "day"),
      ("14 May 2016", "2016-05-14", "2016-05-14", "day")],
     [("Derbent", "RU", "city"), ("Grozny", "RU", "city"), ("Nalchik", "RU", "city")], ["four people were killed"],
     [("attack", None), ("bombing", None), ("clash", None)]),
    ("Almost daily there are attacks against officials in the region.", [], [], [], []),
    ("The militants could attack the base in Kandahar.", [], [("Kandahar", "AF", "city")], [], []),
    ("The army did not attack the town of Idlib.", [], [("Idlib", "SY", "city")], [], []),
    ("Officials fear that the group plans to attack the capital, Kabul.", [], [("Kabul", "AF", "city")], [], []),
    ("Militants attacked a checkpoint in Derbent on 14 May 2016. The attack in Derbent shocked the town.",
     [("14 May 2016", "2016-05-14", "2016-05-14", "day")], [("Derbent", "RU", "city"), ], [],
     [("attack", "Militants attacked a checkpoint in Derbent on 14 May 2016")]),
    ("Gunmen stormed a hotel in Mogadishu on 1 June 2016. As a result of the incident, 20 people were killed.",
     [("1 June 2016", "2016-06-01", "2016-06-01", "day")], [("Mogadishu", "SO", "city")], ["20 people were killed"],
     [("attack", "Gunmen stormed a hotel in Mogadishu on 1 June 2016")]),
    ("It resembled an incident in Tajikistan on 4 September 2015, when militants attacked a base near Dushanbe.",
     [("4 September 2015", "2015-09-04", "2015-09-04", "day")], [("Tajikistan", "TJ", "country"), ("Dushanbe", "TJ", "city")],
     [], [("attack", "militants attacked a base near Dushanbe")]),
    ("A man was shot and killed in Chicago on Saturday night.",
     [("on Saturday night", "2016-06-25", "2016-06-25", "day")], [("Chicago", "US", "city")], [],
     [("shooting", "A man was shot")]),
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
    ("A gunman opened fire in a mall in Denver on Monday. The attacker fired dozens of rounds. Two people died.",
     [("on Monday", "2016-06-20", "2016-06-20", "day")], [("Denver", "US", "city")], ["Two people died"],
     [("shooting", "A gunman opened fire in a mall in Denver on Monday")]),
    # a new incident: its own date and place, or a marker
    ("Gunmen attacked a post in Derbent on 14 May 2016. Another attack hit a checkpoint in Makhachkala on 16 May 2016.",
     [("14 May 2016", "2016-05-14", "2016-05-14", "day"), ("16 May 2016", "2016-05-16", "2016-05-16", "day")],
     [("Derbent", "RU", "city"), ("Makhachkala", "RU", "city")], [], [("attack", None), ("attack", None)]),
    ("A bomb exploded in Quetta on Friday. Two days later, a second bomb exploded outside a mosque.",
     [("on Friday", "2016-06-24", "2016-06-24", "day")], [("Quetta", "PK", "city")], [],
     [("bombing", None), ("bombing", None)]),
    # summaries are not incidents
    ("Parachinar has been bombed twice before this year.", [("this year", "2016-01-01", "2016-12-31", "year")],
     [("Parachinar", "PK", "city")], [], []),
    ("At least 62 people were killed in Pakistan yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Pakistan", "PK", "country")], ["At least 62 people were killed"], []),
    ("Thirty people have been killed in Dagestan since January.", [], [("Dagestan", "RU", "admin_region")],
     ["Thirty people have been killed"], []),
    # a second incident inside one sentence, with its own agent and place
    ("A gunman shot dead seven people in Odessa on Saturday, two years after a gunman killed 26 worshippers in "
     "Sutherland Springs.", [("on Saturday", "2016-06-25", "2016-06-25", "day")],
     [("Odessa", "US", "city"), ("Sutherland Springs", "US", "city")], ["seven people", "killed 26 worshippers"],
     [("shooting", None), ("shooting", "a gunman killed 26 worshippers in Sutherland Springs")]),
    # the headline repeats the incident; the body states it
    ("Gunmen Kill Five in Kano\n\nGunmen killed five people in Kano on Tuesday.",
     [("on Tuesday", "2016-06-21", "2016-06-21", "day")], [("Kano", "NG", "city")], ["killed five people"],
     [("killing", "Gunmen killed five people in Kano on Tuesday")]),
    # a bare plural subject of a past-tense verb is an incident
    ("Air strikes hit a market in Idlib yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")],
     [("Idlib", "SY", "city")], [], [("airstrike", None)]),
    # a date governed by "said" is the statement's, not the incident's
    ("Police shot a suspect in Odessa on Saturday. Officers shot him outside a cinema in Odessa, police said on Sunday.",
     [("on Saturday", "2016-06-25", "2016-06-25", "day"), ("on Sunday", "2016-06-26", "2016-06-26", "day")],
     [("Odessa", "US", "city")], [], [("shooting", None)]),
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
])
def test_clauses_split_at_top_level_semicolons(nlp, text, n):
    doc = nlp(text)
    assert len(clauses(doc)) == n


def test_event_payload_has_contract_keys(nlp):
    text = "Gunmen attacked a bank in Kano on 3 March 2016."
    ev = run_events(nlp, text, [("3 March 2016", "2016-03-03", "2016-03-03", "day")], [("Kano", "NG", "city")])[0]
    for key in ("start_char", "end_char", "type", "trigger", "sent_start", "sent_end", "clause_start", "clause_end",
                "date", "places", "casualties", "actors", "attribution_idxs"):
        assert key in ev
    assert ev["actors"] == [{"role": "perpetrator", "name": "Gunmen", "start_char": 0, "end_char": 6}]
