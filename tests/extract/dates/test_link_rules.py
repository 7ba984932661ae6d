"""One table per row of the link stage (`EVENT_RULES`, `PASSES` in dates/link.py): at least three invented
texts where that row decides (linking without the row gives another answer) and texts where it must not
decide (linking without it changes nothing). Publication date 2016-06-27 (a Monday) unless a case says
otherwise. `test_every_row_has_a_table` fails when a row is added without its table."""
from __future__ import annotations

import pytest

from pipeline.extract.dates.link import EVENT_RULES, PASSES, link
from tests.extract.dates.test_date_linking import LEX, _mention, event, make

PUB = "2016-06-27"


def C(text, events, target=-1, want=None, published=PUB, dateline=None, probe=None):
    """A case: events are (trigger, options) with options type, nth, clause (a substring or "own"), mentions
    [(word, date words, type, nth)], triggers [words]; `want` is (span, start, rule) of the target event's date
    (or of the cs_dates value whose span is `probe`); None: no date."""
    return dict(text=text, events=events, target=target, want=want, published=published, dateline=dateline,
                probe=probe)


def _event(text, trigger, opt):
    ev = event(text, trigger, nth=opt.get("nth", 0))
    ev["type"] = opt.get("type", "attack")
    ev["trigger"]["text"] = trigger
    ev["triggers"] = [(text.index(w), text.index(w) + len(w)) for w in opt.get("triggers", [])] or \
        [(ev["start_char"], ev["end_char"])]
    clause = opt.get("clause")
    if clause == "own":
        ev["clause_start"], ev["clause_end"] = ev["start_char"], ev["end_char"]
    elif clause == "none":
        ev["clause_start"] = ev["clause_end"] = None
    elif clause:
        ev["clause_start"] = text.index(clause)
        ev["clause_end"] = ev["clause_start"] + len(clause)
    ev["mentions"] = [_mention(text, w, dw, typ, nth) for w, dw, typ, nth in opt.get("mentions", [])]
    return ev


def run(case, rules=EVENT_RULES, passes=PASSES):
    text = case["text"]
    doc = make(text, case["published"], case["dateline"])
    evs = [_event(text, t, dict(o)) for t, o in case["events"]]
    link(doc, evs, LEX, rules, passes)
    if case["probe"]:
        d = next(d for d in doc._.cs_dates if text[d["start_char"]:d["end_char"]] == case["probe"])
    else:
        d = evs[case["target"]]["date"]
    if d is None:
        return None
    return (text[d["start_char"]:d["end_char"]] if d["start_char"] is not None else None), d["start"], d["rule"]


# row (its action's name) -> ([cases where it decides], [cases where it must not])
EVENT_TABLE = {
    "_counted_from_event": ([
        C("Rebels attacked a convoy near Doranvale on Tuesday. Three days before the attack, a mortar hit a school.",
          [("attacked", {}), ("mortar", {})], want=("Three days before the attack", "2016-06-18", "offset-from-event")),
        C("A bomb exploded at a market in Norbridge on 3 March. Six days after the bombing, gunmen raided a post.",
          [("bomb", {}), ("raided", {})], want=("Six days after the bombing", "2016-03-09", "offset-from-event")),
        C("A sniper fired on shoppers in Velden on Sunday. It also came nine days after a man stabbed two people.",
          [("fired", {}), ("man", {})], want=("nine days after", "2016-06-17", "offset-from-event")),
    ], [
        C("A sniper fired on shoppers in Velden on Sunday. Two days before the election, a man stabbed two people.",
          [("fired", {}), ("man", {})]),
        C("Two days after the raid, a mortar hit a school.", [("mortar", {})]),
    ]),
    "_later_mention/reported": ([
        C("The toll of the fighting in Delmora has climbed to 14, the agency said yesterday. The riots started on "
          "Saturday near the port.", [("fighting", {"mentions": [("riots", ["on Saturday"], "clash", 0)]})],
          want=("on Saturday", "2016-06-25", "later-mention")),
        C("Two guards were hurt in the blast, police said on Monday. The blast happened on Friday at the gate.",
          [("hurt", {"mentions": [("blast", ["on Friday"], "bombing", 1)]})],
          want=("on Friday", "2016-06-24", "later-mention")),
        C("A cashier was robbed at gunpoint, the sheriff announced Tuesday. The robbery occurred Sunday night.",
          [("robbed", {"mentions": [("robbery", ["Sunday night"], "robbery", 0)]})],
          want=("Sunday night", "2016-06-26", "later-mention")),
    ], [
        C("The fighting in Delmora on Friday killed 14, the agency said. The riots started on Saturday near the port.",
          [("fighting", {"mentions": [("riots", ["on Saturday"], "clash", 0)]})]),
        C("The toll of the fighting in Delmora has climbed to 14, the agency said yesterday. The numbers are "
          "contested.", [("fighting", {})]),
    ]),
    "_in_clause": ([
        C("Police said on Monday the shooting happened on Saturday night.",
          [("shooting", {"clause": "the shooting happened on Saturday night"})],
          want=("on Saturday night", "2016-06-25", "weekday-before-publication")),
        C("The agency reported on Tuesday the raid took place on Sunday.",
          [("raid", {"clause": "the raid took place on Sunday"})],
          want=("on Sunday", "2016-06-26", "weekday-before-publication")),
        C("A neighbour told reporters on Friday the fire started on Wednesday night.",
          [("fire", {"clause": "the fire started on Wednesday night"})],
          want=("on Wednesday night", "2016-06-22", "weekday-before-publication")),
    ], [
        C("Deputies noted on Monday the stabbing was still unsolved.",
          [("stabbing", {"clause": "the stabbing was still unsolved"})]),
        C("A bomb exploded on September 4, 2015.", [("exploded", {"clause": "none"})]),
    ]),
    "_when_clause": ([
        C("It is the bloodiest raid in the province since April 2013, when a car bomb wounded 40 people.",
          [("bomb", {})], want=("April 2013", "2013-04-01", "month-year")),
        C("It is the worst stabbing in the region since the 9th of November 2012, when an attacker hurt three men.",
          [("attacker", {})], want=("the 9th of November 2012", "2012-11-09", "day-month-year")),
        C("Turnout was the lowest since 1998, when a storm kept voters home.",
          [("storm", {})], want=("1998", "1998-01-01", "year")),
    ], [
        C("Thirty people have been hurt since April 2013. A car bomb wounded six people in the town.", [("bomb", {})]),
        C("Since April 2013, a car bomb has wounded six people.", [("bomb", {})]),
    ]),
    "_in_sentence": ([
        C("A bomb exploded on September 4, 2015.", [("exploded", {"clause": "none"})],
          want=("September 4, 2015", "2015-09-04", "month-day-year")),
        C("On Tuesday, two gunmen attacked a police post.", [("attacked", {"clause": "none"})],
          want=("On Tuesday", "2016-06-21", "weekday-before-publication")),
        C("Thieves looted a warehouse in Cobham on 8 January.", [("looted", {"clause": "none"})],
          want=("8 January", "2016-01-08", "day-month")),
    ], [
        C("Gunmen attacked a police post near the bridge.", [("attacked", {"clause": "none"})]),
        C("Fighting has continued since 2014 in the valley.", [("Fighting", {"clause": "none"})]),
    ]),
    "_previous_segment": ([
        C("Three weeks later, on 20-21 April, troops sealed off the valley; four rebels were killed in a firefight.",
          [("killed", {})], want=("20-21 April", "2016-04-20", "carried-over")),
        C("On 2 March 2015 a bus was hijacked near Falkirk; two passengers were hurt.", [("hurt", {})],
          want=("2 March 2015", "2015-03-02", "carried-over")),
        C("Shops were looted in Ardley on Sunday; a guard was stabbed.", [("stabbed", {})],
          want=("on Sunday", "2016-06-26", "carried-over")),
    ], [
        C("Gunmen attacked a post on May 9, 2016; a car bomb exploded on May 14, 2016.", [("exploded", {})]),
        C("Shops were looted in Ardley since Sunday; a guard was stabbed.", [("stabbed", {})]),
    ]),
    "_later_mention": ([
        C("A cyclist was shot near a bus depot. The shooting took place on the ramp Wednesday behind the depot.",
          [("shot", {"mentions": [("shooting", ["Wednesday"], "shooting", 0)]})],
          want=("Wednesday", "2016-06-22", "later-mention")),
        C("A teller was stabbed in a bank lobby. The stabbing happened on Friday afternoon.",
          [("stabbed", {"mentions": [("stabbing", ["on Friday afternoon"], "stabbing", 0)]})],
          want=("on Friday afternoon", "2016-06-24", "later-mention")),
        C("Two boys were hurt when a wall collapsed. The collapse occurred last Thursday, officials said.",
          [("hurt", {"mentions": [("collapse", ["last Thursday"], "accident", 0)]})],
          want=("last Thursday", "2016-06-23", "later-mention")),
    ], [
        C("A man was shot inside a store. He was arrested in Chicago on Saturday.",
          [("shot", {"mentions": [("arrested", ["on Saturday"], "arrest", 0)]})]),
        C("A man was shot inside a store. He was a cook. He lived nearby. He had two sons. He liked music. "
          "The shooting happened on Saturday.", [("shot", {"mentions": [("shooting", ["on Saturday"], "shooting", 0)]})]),
    ]),
    "_carried": ([
        C("A bomb exploded in the market on September 4, 2015. As a result, 12 people were killed.",
          [("exploded", {}), ("killed", {})], want=("September 4, 2015", "2015-09-04", "carried-over")),
        C("A bomb exploded on September 4, 2015.\n\nGunmen then stormed the police station.",
          [("exploded", {}), ("stormed", {})], want=("September 4, 2015", "2015-09-04", "carried-over")),
        C("Rebels who entered the town on Friday were still hiding yesterday inside a mosque. Meanwhile a second "
          "group seized a grain silo.", [("entered", {}), ("seized", {})],
          want=("on Friday", "2016-06-24", "carried-over")),
    ], [
        C("A bomb exploded on September 4, 2015. Officials met to discuss the budget.\n\nProtests erupted in the "
          "capital over fuel prices.", [("exploded", {}), ("Protests", {})]),
        C("Gunmen attacked a post on May 9, 2016.\n\nA guard was hurt in a separate raid.",
          [("attacked", {}), ("raid", {})]),
    ]),
    "_lead_forward": ([
        C("Man shot outside a bar\nA man was wounded late Saturday night outside a bar, police said. He is stable.",
          [("shot", {})], want=("late Saturday night", "2016-06-25", "carried-forward")),
        C("Warehouse fire in Ketton\nFlames tore through a depot on Sunday evening. Nobody was hurt.",
          [("fire", {})], want=("on Sunday evening", "2016-06-26", "carried-forward")),
        C("Two hurt in blast\nA gas tank burst at a bakery on 14 May. Both workers are recovering.",
          [("blast", {})], want=("14 May", "2016-05-14", "carried-forward")),
    ], [
        C("Gunmen attacked a post on May 9, 2016.\n\nA guard was hurt in a separate raid. On June 2, 2016 a bomb "
          "went off.", [("attacked", {}), ("raid", {})]),
        C("Thousands protested in the capital\nPolice said militants attacked a post on Saturday.",
          [("protested", {"type": "protest"}), ("attacked", {"type": "attack"})], target=0),
    ]),
    "_toll_period": ([
        C("More than 2,000 people have been killed in the region since January.",
          [("killed", {"type": "aggregate"})], want=("January", "2016-01-01", "toll-period")),
        C("In all, 40 soldiers were killed in the fighting in March.", [("killed", {"type": "aggregate"})],
          want=("March", "2016-03-01", "toll-period")),
        C("Some 300 civilians died in 2015.", [("died", {"type": "aggregate"})],
          want=("2015", "2015-01-01", "toll-period")),
    ], [
        C("More than 2,000 people have been killed in the region since January.", [("killed", {})]),
        C("Gunmen attacked a police post near the bridge.", [("attacked", {"type": "aggregate"})]),
    ]),
    "_dateline": ([
        C("May 4, 2017\n\nGunmen attacked a police post near the bridge.", [("attacked", {})], published=None,
          dateline=(0, 11), want=("May 4, 2017", "2017-05-04", "dateline")),
        C("HOLLOWAY, May 4, 2017 \u2014 Gunmen attacked a post.", [("attacked", {})], published=None,
          want=("May 4, 2017", "2017-05-04", "dateline")),
        C("GREENFIELD, Ore. (Dec. 10, 2015) \u2013 A routine patrol ended in a crash.", [("crash", {})],
          published=None, want=("Dec. 10, 2015", "2015-12-10", "dateline")),
    ], [
        C("May 4, 2017\n\nThe siege came three weeks after a sniper wounded nine shoppers at a mall.",
          [("wounded", {})], published=None, dateline=(0, 11)),
        C("Gunmen attacked a police post near the bridge.", [("attacked", {})], published=None),
    ]),
}

_HEADLINE = ("Guard dies following robbery at a bank -- A guard has died after he was beaten Tuesday morning at the "
             "bank. Police said he was 58.")

PASS_TABLE = {
    "_forward_from_next_event": ([
        C("Woman dies following stabbing by the harbour -- A woman has died after she was stabbed Sunday night "
          "near the harbour. Police said the victim was 31.",
          [("dies", {"clause": "own", "type": "killing"}), ("stabbing", {"clause": "own", "type": "stabbing"}),
           ("stabbed", {"clause": "A woman has died after she was stabbed Sunday night near the harbour.",
                        "type": "stabbing"})], target=0, want=("Sunday night", "2016-06-26", "carried-forward")),
        C("Deadly crash on the coast road. Witnesses saw smoke. Traffic stopped for hours. A truck hit a van on "
          "Friday near the bend.", [("crash", {}), ("hit", {})], target=0,
          want=("on Friday", "2016-06-24", "carried-forward")),
        C(_HEADLINE, [("dies", {"clause": "own", "type": "killing"}), ("robbery", {"clause": "own", "type": "robbery"}),
                      ("beaten", {"clause": "A guard has died after he was beaten Tuesday morning at the bank.",
                                  "type": "robbery"})], target=1,
          want=("Tuesday morning", "2016-06-21", "carried-forward")),
    ], [
        C("Thousands protested in the capital. Police said militants attacked a post on Saturday.",
          [("protested", {"type": "protest"}), ("attacked", {"type": "attack"})], target=0),
        C("A man was shot inside a store. He was a cook. He lived nearby. He had two sons. He liked music. "
          "Gunmen attacked a bank on Saturday.", [("shot", {"type": "shooting"}), ("attacked", {})], target=0),
    ]),
    "_refine": ([
        C("Police arrested a man for a fatal shooting last week. The shooting happened at noon on Tuesday, June 21.",
          [("shooting", {"type": "shooting"}), ("shooting", {"type": "shooting", "nth": 1})], target=0,
          want=("Tuesday, June 21", "2016-06-21", "refined")),
        C("A guard was stabbed at a kiosk last weekend. The stabbing happened on Saturday, June 25.",
          [("stabbed", {"type": "stabbing"}), ("stabbing", {"type": "stabbing"})], target=0,
          want=("Saturday, June 25", "2016-06-25", "refined")),
        C("Vandals wrecked a chapel this month. The wrecking happened on June 9.",
          [("wrecked", {"type": "vandalism"}), ("wrecking", {"type": "vandalism"})], target=0,
          want=("June 9", "2016-06-09", "refined")),
    ], [
        C("Police arrested a man for a fatal shooting last week. The shooting happened at noon on Monday, June 27.",
          [("shooting", {"type": "shooting"}), ("shooting", {"type": "shooting", "nth": 1})], target=0),
        C("Protesters marched in the capital last week. A bomb exploded at noon on Tuesday, June 21.",
          [("marched", {"type": "protest"}), ("exploded", {"type": "bombing"})], target=0),
    ]),
    "_resolve_named_offsets": ([
        C("Bandits raided a clinic in Oakhurst on 19 February. The nurses were still missing a week after the raid, "
          "officials said.", [("raided", {})], probe="a week after the raid", want=(None, "2016-02-26",
                                                                                    "offset-from-event")),
        C("Rebels shelled a base near Ostrava on 3 May. The roads reopened two weeks after the shelling, it said.",
          [("shelled", {})], probe="two weeks after the shelling", want=(None, "2016-05-17", "offset-from-event")),
        C("Miners were trapped by a collapse at Penrith on 10 June. Rescuers came three days after the collapse.",
          [("collapse", {})], probe="three days after the collapse", want=(None, "2016-06-13", "offset-from-event")),
    ], [
        C("Bandits raided a clinic in Oakhurst on 19 February. The nurses were still missing a week after the storm, "
          "officials said.", [("raided", {})], probe="a week after the storm"),
        C("Rebels shelled a base near Ostrava on 3 May. Two days before the election, the roads closed.",
          [("shelled", {})], probe="Two days before"),
    ]),
}


def _key(row) -> str:
    name = row.action.__name__ if hasattr(row, "action") else row.run.__name__
    return name + ("/reported" if getattr(row, "condition", None) is not None
                   and row.condition.__name__ == "_reported_clause_date" else "")


def _without(table, key):
    return tuple(r for r in table if _key(r) != key)


def _probe_value(case, got):
    # a cs_dates probe: compare start and rule only (its own span is the probe)
    return (None, got[1], got[2]) if case["probe"] and got else got


_EV = [(k, c) for k, (pos, _) in EVENT_TABLE.items() for c in pos]
_EV_NEG = [(k, c) for k, (_, neg) in EVENT_TABLE.items() for c in neg]
_PASS = [(k, c) for k, (pos, _) in PASS_TABLE.items() for c in pos]
_PASS_NEG = [(k, c) for k, (_, neg) in PASS_TABLE.items() for c in neg]


@pytest.mark.parametrize("key, case", _EV)
def test_event_rule_decides(key, case):
    assert run(case) == case["want"]
    assert run(case, rules=_without(EVENT_RULES, key)) != case["want"]


@pytest.mark.parametrize("key, case", _EV_NEG)
def test_event_rule_does_not_decide(key, case):
    assert run(case) == run(case, rules=_without(EVENT_RULES, key))


@pytest.mark.parametrize("key, case", _PASS)
def test_pass_decides(key, case):
    assert _probe_value(case, run(case)) == case["want"]
    assert _probe_value(case, run(case, passes=_without(PASSES, key))) != case["want"]


@pytest.mark.parametrize("key, case", _PASS_NEG)
def test_pass_does_not_decide(key, case):
    assert run(case) == run(case, passes=_without(PASSES, key))


def test_every_row_has_a_table():
    assert {_key(r) for r in EVENT_RULES} == set(EVENT_TABLE)
    assert {_key(p) for p in PASSES} == set(PASS_TABLE)
    for key, (pos, neg) in {**EVENT_TABLE, **PASS_TABLE}.items():
        assert len(pos) >= 3 and len(neg) >= 2, key
