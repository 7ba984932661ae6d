"""Casualties extractor (pipeline/extract/casualties/component.py) on the real model.

Each positive case lists figures that must be found as (kind, count, group, total); a case with an
empty list must find nothing at all.  Sentences are our own.
"""
from __future__ import annotations

import pytest

from pipeline.extract import _doc  # noqa: F401  (Doc extensions)
from pipeline.extract._component import load_lexicon
from pipeline.extract.casualties.component import (
    CasualtiesExtractor,
    find_casualties,
    link,
)

K, I = "killed", "injured"
LEX = load_lexicon("lexicons/casualties.json")  # what the events component passes to the link stage

POSITIVE = [
    # passive / intransitive subjects
    ("Five people were killed in the explosion.", [(K, 5, None, True)]),
    ("Twelve villagers died when the bridge collapsed under fire.", [(K, 12, "villagers", True)]),
    ("At least 7 soldiers were wounded on Monday.", [(I, 7, "soldiers", True)]),
    ("Thirty-three passengers were injured in the crash.", [(I, 33, "passengers", True)]),
    ("One hundred and twelve protesters were arrested overnight.", [("arrested", 112, "protesters", True)]),
    ("Nine militants were detained after the raid.", [("detained", 9, "militants", True)]),
    ("Another 6 fighters were detained near the border.", [("detained", 6, "fighters", True)]),
    ("Four aid workers are missing after the ambush.", [("missing", 4, "aid workers", True)]),
    ("Up to 400 families were displaced by the floods and shelling.", [("displaced", 400, "families", True)]),
    ("Two children were hurt by flying glass.", [(I, 2, "children", True)]),
    ("Three of the hostages died during the rescue.", [(K, 3, "hostages", True)]),
    ("Dozens of people were wounded in the market blast.", [(I, 12, None, True)]),
    ("Hundreds of residents were displaced by the fighting.", [("displaced", 100, "residents", True)]),
    ("Scores of demonstrators were arrested in the capital.", [("arrested", 20, "demonstrators", True)]),
    # active objects
    ("Gunmen killed 14 miners at the quarry.", [(K, 14, "miners", True)]),
    ("The militants abducted 30 schoolgirls from the dormitory.", [("kidnapped", 30, "schoolgirls", True)]),
    ("Police arrested eleven suspects in dawn raids.", [("arrested", 11, "suspects", True)]),
    ("The attackers stormed the hotel, killing six guards and wounding at least ten.",
     [(K, 6, "guards", True), (I, 10, None, True)]),
    ("In that raid they killed 21 border guards and customs officers.", [(K, 21, "border guards", True)]),
    # participles / headline style
    ("The convoy was ambushed (two police officers killed and five others injured).",
     [(K, 2, "police officers", True), (I, 5, None, True)]),
    ("The explosion left five people dead and eight wounded.", [(K, 5, None, True), (I, 8, None, True)]),
    ("One soldier killed and four injured as a mine exploded.", [(K, 1, "soldier", True), (I, 4, None, True)]),
    # coordinated clauses, dash, approximations
    ("Nine people died and over two hundred — were injured.", [(K, 9, None, True), (I, 201, None, True)]),
    ("Nearly 40 people were injured in the stampede.", [(I, 39, None, True)]),
    ("More than 200 people were arrested during the protests.", [("arrested", 201, None, True)]),
    ("About 60 people were wounded, officials said.", [(I, 60, None, True)]),
    # noun figures and tolls
    ("The clashes caused 17 deaths in two days.", [(K, 17, None, True)]),
    ("The death toll from the bombing rose to 45 on Sunday.", [(K, 45, None, True)]),
    ("Rescuers recovered the bodies of eight fishermen.", [(K, 8, "fishermen", True)]),
    # singular victims
    ("A clerk was stabbed and killed behind his kiosk on Monday.", [(K, 1, "clerk", True)]),
    ("A woman was stabbed to death in her apartment.", [(K, 1, "woman", True)]),
    ("The victim died at a local hospital.", [(K, 1, "victim", True)]),
    ("A 17-year-old was wounded in the shoulder.", [(I, 1, None, True)]),
    ("Medics found a hiker with a stab wound by the trail.", [(I, 1, "hiker", True)]),
    ("The gunman shot a cashier before fleeing.", [(I, 1, "cashier", True)]),
    # shot, one fatally
    ("Three men were shot, one fatally, near the stadium.", [(I, 2, "men", True), (K, 1, None, True)]),
    # breakdowns
    ("Nine people were killed, including four policemen.", [(K, 9, None, True), (K, 4, "policemen", False)]),
    ("The blast killed 25 people (including six soldiers, five civilians and 14 insurgents).",
     [(K, 25, None, True), (K, 6, "soldiers", False), (K, 5, "civilians", False), (K, 14, "insurgents", False)]),
    ("Gunmen attacked a checkpoint, killing four guards, among them a sergeant, and wounding two.",
     [(K, 4, "guards", True), (K, 1, "sergeant", False), (I, 2, None, True)]),
    ("Ten people were killed, including two officers and 30 people were injured.",
     [(K, 10, None, True), (K, 2, "officers", False), (I, 30, None, True)]),
    ("Sixty people were hurt, most of them — welders.", [(I, 60, None, True)]),
    # coordinated victims with their own counts
    ("The father shot and killed his three sons as well as his wife.", [(K, 4, None, True)]),
    # zero
    ("Luckily, there were no casualties.", [(K, 0, None, True), (I, 0, None, True)]),
    ("No one was hurt when the roof fell.", [(I, 0, None, True)]),
    ("Nobody was killed in the second blast.", [(K, 0, None, True)]),
    ("The crash caused no deaths.", [(K, 0, None, True)]),
    ("No officers were injured during the arrest.", [(I, 0, "officers", False)]),
    ("The driver was not injured, police said.", [(I, 0, "driver", False)]),
    ("Two cyclists were taken to a clinic near the bridge.", [(I, 2, "cyclists", True)]),
    # implied minimum counts
    ("Detectives are investigating a double homicide in the suburb.", [(K, 2, None, True)]),
    ("Officers are probing a fatal shooting near the docks.", [(K, 1, None, True)]),
    # headline style
    ("Teen killed, two hurt in drive-by", [(K, 1, "Teen", True)]),
    # perpetrator's own death
    ("The shooter later killed himself.", [(K, 1, "perpetrator (self-inflicted)", False)]),
    # approximations the parser hangs on a preposition
    ("The rocket hit the depot, killing eight workers and injuring over a hundred.",
     [(K, 8, "workers", True), (I, 101, None, True)]),
    ("Gunmen opened fire on the market, killing around 40.", [(K, 40, None, True)]),
    # tolls that name their kind
    ("Toll of Wounded Climbs to 31", [(I, 31, None, True)]),
    ("The toll of injured climbed to 40 by Monday.", [(I, 40, None, True)]),
    ("The death toll rose to 12 on Monday.", [(K, 12, None, True)]),
    ("The coroner put the death toll at four, including a firefighter and a teenage girl.",
     [(K, 4, None, True), (K, 1, "teenage girl", False), (K, 1, "firefighter", False)]),
    ("Officials put the number of injured at 40.", [(I, 40, None, True)]),
    ("The number of dead rose to 9 on Friday.", [(K, 9, None, True)]),
    # unharmed groups are exact zeros for that group
    ("All Dutch engineers were unhurt, the firm said.",
     [(K, 0, "Dutch engineers", False), (I, 0, "Dutch engineers", False)]),
    ("The two pilots escaped unharmed.", [(K, 0, "pilots", False), (I, 0, "pilots", False)]),
    # "shot dead" wherever the parser hangs "dead"
    ("Men on scooters shot dead three guards who were resting at a kiosk.",
     [(K, 3, "guards", True)]),
    ("Gunmen shot two guards dead.", [(K, 2, "guards", True)]),
    # a revised figure takes the kind just named
    ("The army first gave 14 dead and corrected the figure to 52 a day later.",
     [(K, 14, None, True), (K, 52, None, True)]),
    ("Officials first reported 12 injured; the ministry later raised the figure to 30.",
     [(I, 12, None, True), (I, 30, None, True)]),
    # singular victims coordinated with a person noun are persons too, and add up
    ("A sniper killed a bus driver and a shop owner in the square.",
     [(K, 2, None, True), (K, 1, "bus driver", False), (K, 1, "shop owner", False)]),
    ("The blast killed a teacher and a student.", [(K, 2, None, True)]),
    # a collective noun counts its members
    ("In the valley raiders killed a family of six, including three children, last week.",
     [(K, 6, None, True), (K, 3, "children", False)]),
    # a nationality the NER calls an organisation, then a people noun: still a count of people
    ("Troops clashed with rebels near the border, and six Kenyan guards were wounded.",
     [(I, 6, "Kenyan guards", True)]),
    # "N of them" parts and figures of their own
    ("A worker shot four colleagues, killing three of them.", [(I, 4, "colleagues", True), (K, 3, None, True)]),
]

# the whole set of figures found must be exactly this (the list ends where a new clause starts; a number
# before "of whom" with its own verb is not a part)
EXACT = [
    ("In all, at least 48 people were killed, 30 of them Chilean nationals and 18 Peruvian nationals, according "
     "to figures published by both ministries.",
     {(K, 48, None, True), (K, 30, "Chilean nationals", False), (K, 18, "Peruvian nationals", False)}),
    ("Nine people were injured, six of them police officers.", {(I, 9, None, True), (I, 6, "police officers", False)}),
    ("Gunmen seized 30 passengers, 12 of whom were later released.", {("kidnapped", 30, "passengers", True)}),
    ("The building was unharmed by the shelling.", set()),
    # nobody hurt means nobody killed; "no one else" says nothing about the dead
    ("No one was hurt, a police spokesman said.", {(I, 0, None, True), (K, 0, None, True)}),
    ("No French soldiers were hurt.", {(I, 0, "French soldiers", False), (K, 0, "French soldiers", False)}),
    ("Two people died; no one else was hurt.", {(K, 2, None, True), (I, 0, None, True)}),
    ("Nobody was killed.", {(K, 0, None, True)}),
    ("No guards were killed or wounded, the company confirmed.",
     {(K, 0, "guards", False), (I, 0, "guards", False)}),
    # a bare number the NER calls a date, object of a casualty verb, is a count
    ("A sniper fired at a wedding, killing three people and injuring 21, in March 2010.",
     {(K, 3, None, True), (I, 21, None, True)}),
    ("The shooting happened on May 21.", set()),
    ("Prices rose by over a hundred percent last year.", set()),
    ("The number of visitors rose to 900.", set()),
    ("The ministry revised the figure to 40.", set()),  # no figure before it: nothing to revise
    ("The fire destroyed a warehouse and a guard post.", set()),
    ("The council raised the figure to 300 dollars.", set()),
    ("Analysts put the cost at three billion.", set()),
]

NEGATIVE = [
    "At this, 52 shops were looted and burned.",
    "The layoff of about two thousand workers angered the town.",
    "Militants attacked two gun stores and a barracks.",
    "The currency fell by 42 % in a year.",
    "A 7-year-old girl lives at the house.",
    "He worked in the 1800 block of Pine Avenue.",
    "The meeting took place on 12 March 2015 at 10 a.m.",
    "The city paid $2 million to the families.",
    "Two police cars were burned during the night.",
    "Officers seized 300 rifles and 40 grenades.",
    "Three gunmen killed the guard.",  # the number counts the agents; the guard is counted, not the gunmen
    "The company hired 120 new employees last year.",
    "Smith, 45, was appointed police chief.",
    "Hector Smith, 67 - The Homicide Report",
    "The mother of four spoke to reporters.",
    "About 3,000 people attended the funeral.",
    "Route 66 was closed for two hours.",
    "He has been a police officer for 12 years.",
    "Police are looking for three state troopers who shot at the car.",  # relative clause: the agents
    "Two men held up a store clerk at gunpoint.",
    "He just started shooting at the crowd.",
    "The suspect missed the bus.",
    "The gunman drove off in a blue pickup.",
    "The suspect fired two handguns in the air.",
    "Police are looking for two men who robbed and shot the clerk.",
]


def _figs(nlp, text):
    doc = nlp(text)
    return doc, find_casualties(doc)


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_positive(nlp, text, expected):
    doc, found = _figs(nlp, text)
    got = {(p["kind"], p["count"], p["group"], p["total"]) for p in found}
    for exp in expected:
        assert exp in got, f"{exp} not in {got}"
    for p in found:  # spans index the text exactly and are non-empty
        assert 0 <= p["start_char"] < p["end_char"] <= len(text)


@pytest.mark.parametrize("text, count, low, high", [
    ("According to several reports, 212 to 230 people died.", 212, 212, 230),
    ("Gunmen killed 3 to 4 people in the village.", 3, 3, 4),
])
def test_ranges_count_the_conservative_end(nlp, text, count, low, high):
    _, found = _figs(nlp, text)
    (p,) = [p for p in found if p["total"]]
    assert (p["kind"], p["count"], p["low"], p["high"]) == (K, count, low, high) and "range" in p["rule"]


@pytest.mark.parametrize("text, expected", EXACT)
def test_exact_figures(nlp, text, expected):
    _, found = _figs(nlp, text)
    assert {(p["kind"], p["count"], p["group"], p["total"]) for p in found} == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(nlp, text):
    doc, found = _figs(nlp, text)
    bad = [(text[p["start_char"]:p["end_char"]], p["kind"], p["count"]) for p in found if p["count"]]
    if text.startswith(("Three gunmen", "Police are looking for two men")):
        bad = [b for b in bad if b[2] > 1]  # the victim (1) is a figure; the agents are not
    assert bad == []


@pytest.mark.parametrize(
    "text, phrase, kind, count, low, high, qualifier, rule_part",
    [
        ("At least 8 people were killed.", "At least 8 people were killed", K, 8, 8, None, "at least", "min"),
        ("More than a hundred people were injured.", "More than a hundred people were injured", I, 101, 101, None,
         "More than", "gt"),
        ("Dozens of people were arrested.", "Dozens of people were arrested", "arrested", 12, 12, None, None,
         "vague:dozens=12"),
        ("Nearly 30 people died.", "Nearly 30 people died", K, 29, None, 29, "Nearly", "lt"),
        ("Four people were killed.", "Four people were killed", K, 4, 4, 4, None, "subj"),
    ],
)
def test_values_and_span(nlp, text, phrase, kind, count, low, high, qualifier, rule_part):
    _, found = _figs(nlp, text)
    p = next(p for p in found if p["kind"] == kind and p["total"])
    assert text[p["start_char"]:p["end_char"]] == phrase
    assert (p["count"], p["low"], p["high"]) == (count, low, high)
    assert (p["qualifier"] or "").lower() == (qualifier or "").lower()
    assert rule_part in p["rule"]
    assert p["attribution_idxs"] == [] and isinstance(p["flags"], list)


def test_payload_keys_match_contract(nlp):
    _, found = _figs(nlp, "Two people were killed and three were injured.")
    keys = {"start_char", "end_char", "kind", "count", "low", "high", "qualifier", "group", "total", "rule", "flags",
            "attribution_idxs"}
    assert found and all(set(p) == keys for p in found)


def test_breakdown_exceeds_total_is_flagged(nlp):
    _, found = _figs(nlp, "Five people were killed, including four soldiers and three police officers.")
    total = next(p for p in found if p["total"] and p["kind"] == K)
    assert total["count"] == 5
    assert "breakdown_exceeds_total" in total["flags"]
    assert all("breakdown_exceeds_total" in p["flags"] for p in found if not p["total"])


def test_breakdown_within_total_not_flagged(nlp):
    _, found = _figs(nlp, "Five people were killed, including two soldiers.")
    assert not any("breakdown_exceeds_total" in p["flags"] for p in found)


def test_most_of_them_part(nlp):
    _, found = _figs(nlp, "Sixty people were hurt, most of them — welders.")
    part = next(p for p in found if not p["total"])
    assert (part["kind"], part["qualifier"], part["count"], part["low"], part["high"]) == (I, "most", None, 31, 60)


def test_shot_alone_is_flagged(nlp):
    _, found = _figs(nlp, "Two men were shot near the bus stop.")
    p = next(p for p in found if p["kind"] == I)
    assert p["count"] == 2 and "shot_may_include_killed" in p["flags"]


@pytest.mark.parametrize(
    "text",
    ["At least 300 children have been killed by guns since 2013.",
     "Two men were killed last year in a similar attack.",
     "It was the worst month the town had known since 2009, when 31 were killed."],
)
def test_statistics_and_other_periods_are_flagged(nlp, text):
    _, found = _figs(nlp, text)
    assert found and all("aggregate_or_other_period" in p["flags"] for p in found if p["count"] and p["count"] > 1)


def test_conflicting_figures_are_kept(nlp):
    text = "Officials said 12 people were killed. A rights group said 19 people were killed."
    _, found = _figs(nlp, text)
    assert sorted(p["count"] for p in found if p["kind"] == K and p["total"]) == [12, 19]


def test_component_stores_payloads(nlp):
    doc = nlp("Three people were killed.")
    comp = nlp.get_pipe("claimscope_casualties")
    assert isinstance(comp, CasualtiesExtractor)
    assert [p["count"] for p in doc._.cs_casualties] == [3]


# --------------------------------------------------------------------------- link


def _event(doc, trigger_text, clause=None):
    s = doc.text.index(trigger_text)
    sent = next(x for x in doc.sents if x.start_char <= s < x.end_char)
    c0, c1 = clause if clause else (sent.start_char, sent.end_char)
    return {"type": "attack", "start_char": s, "end_char": s + len(trigger_text),
            "trigger": {"start_char": s, "end_char": s + len(trigger_text)}, "sent_start": sent.start_char,
            "sent_end": sent.end_char, "clause_start": c0, "clause_end": c1, "date": None, "places": [],
            "casualties": [], "actors": [], "attribution_idxs": []}


def test_link_same_sentence_and_as_a_result(nlp):
    text = ("Rebels attacked the garrison on Monday. As a result, 8 soldiers were killed and 11 were wounded. "
            "Separately, the army bombed a village.\n\nIn the village raid four civilians died.")
    doc = nlp(text)
    ev1, ev2 = _event(doc, "attacked"), _event(doc, "bombed")
    link(doc, [ev1, ev2], LEX)
    assert sorted((c["kind"], c["count"]) for c in ev1["casualties"]) == [(I, 11), (K, 8)]
    assert all(c["count"] != 4 for c in ev1["casualties"])
    # copies, not the same objects
    assert all(c is not d for c in ev1["casualties"] for d in doc._.cs_casualties)


def test_link_parenthesis_after_event(nlp):
    text = "There was a raid on the post on 3 May (two guards killed and one injured) and a bombing in June."
    doc = nlp(text)
    a = text.index("a raid")
    b = text.index(" and a bombing")
    ev1 = _event(doc, "raid", clause=(a, b))
    ev2 = _event(doc, "bombing", clause=(b, len(text)))
    link(doc, [ev1, ev2], LEX)
    assert sorted((c["kind"], c["count"]) for c in ev1["casualties"]) == [(I, 1), (K, 2)]
    assert ev2["casualties"] == []


def test_link_skips_event_with_its_own_zero_and_keeps_runs(nlp):
    text = ("Militants stormed a bank in the city on Monday. On Wednesday there was a second attack on a patrol "
            "(nobody was hurt). A week of fighting followed. As a result, 15 people were killed and 30 were "
            "injured. Another 4 militants were detained.")
    doc = nlp(text)
    ev1, ev2 = _event(doc, "stormed"), _event(doc, "attack on a patrol")
    link(doc, [ev1, ev2], LEX)
    assert sorted((c["kind"], c["count"]) for c in ev1["casualties"]) == [("detained", 4), (I, 30), (K, 15)]
    assert sorted((c["kind"], c["count"]) for c in ev2["casualties"]) == [(I, 0), (K, 0)]


@pytest.mark.parametrize("text, linked", [
    # a summing-up sentence two sentences on still belongs to the incident just described
    ("Fighting broke out along the border on Monday. The clashes spread to three villages by nightfall. "
     "In all, 20 people were killed.", [(K, 20)]),
    ("Fighting broke out along the border on Monday. The clashes spread to three villages by nightfall. "
     "Altogether 14 people were wounded.", [(I, 14)]),
    # a running total over a longer period is not the incident's figure
    ("Fighting broke out along the border on Monday. The clashes spread to three villages by nightfall. "
     "In all, 300 people have been killed there since 2015.", []),
])
def test_link_summing_up_cue(nlp, text, linked):
    doc = nlp(text)
    ev = _event(doc, "Fighting")
    link(doc, [ev], LEX)
    assert sorted((c["kind"], c["count"]) for c in ev["casualties"]) == linked


def test_link_uses_later_mentions_of_an_event(nlp):
    text = ("Raiders seized the ferry terminal in the port on Tuesday. Later another band raided a grain depot "
            "in a nearby village. The navy said the area was quiet.\n\nFigures for the port raid vary. "
            "According to the clinic, 39 people were killed and 118 were wounded.")
    doc = nlp(text)
    ev1, ev2 = _event(doc, "seized"), _event(doc, "raided")
    m = text.index("the port raid")
    sent = next(x for x in doc.sents if x.start_char <= m < x.end_char)
    ev1["mentions"] = [{"start_char": m, "end_char": m + 13, "clause_start": sent.start_char,
                        "clause_end": sent.end_char}]
    link(doc, [ev1, ev2], LEX)
    assert sorted((c["kind"], c["count"]) for c in ev1["casualties"]) == [(I, 118), (K, 39)]
    assert ev2["casualties"] == []
    # without the recorded mention the figures are too far from any event to be linked
    del ev1["mentions"]
    link(doc, [ev1, ev2], LEX)
    assert ev1["casualties"] == [] and ev2["casualties"] == []


def test_link_ignores_mentions_that_are_a_figures_own_predicate(nlp):
    text = ("Raiders seized the ferry terminal in the port on Tuesday. Later a driver detonated a truck at a "
            "bridge in a nearby village, wounding four guards.\n\nFigures for the port raid vary. "
            "According to the clinic, 39 people were killed in the port.")
    doc = nlp(text)
    ev1, ev2 = _event(doc, "seized"), _event(doc, "detonated a truck")

    def mention(word):
        m = text.index(word)
        sent = next(x for x in doc.sents if x.start_char <= m < x.end_char)
        return {"start_char": m, "end_char": m + len(word), "clause_start": sent.start_char,
                "clause_end": sent.end_char}

    ev1["mentions"] = [mention("the port raid")]
    ev2["mentions"] = [mention("killed")]  # the events component's guess for the figure's own verb
    link(doc, [ev1, ev2], LEX)
    assert [(c["kind"], c["count"]) for c in ev1["casualties"]] == [(K, 39)]
    assert [(c["kind"], c["count"]) for c in ev2["casualties"]] == [(I, 4)]


def test_link_keeps_a_figure_mention_that_agrees_with_the_incident_named_last(nlp):
    text = ("Fighting broke out in the border town on Sunday. The clashes spread to three villages. The figures "
            "remain disputed. A monitoring group said it had tallied 27 dead.")
    doc = nlp(text)
    ev = _event(doc, "Fighting")
    m = text.index("dead")
    sent = next(x for x in doc.sents if x.start_char <= m < x.end_char)
    ev["mentions"] = [{"start_char": text.index("The clashes"), "end_char": text.index("The clashes") + 11,
                       "clause_start": text.index("The clashes"), "clause_end": text.index(" The figures")},
                      {"start_char": m, "end_char": m + 4, "clause_start": sent.start_char,
                       "clause_end": sent.end_char}]
    link(doc, [ev], LEX)
    assert [(c["kind"], c["count"]) for c in ev["casualties"]] == [(K, 27)]


def test_link_a_toll_in_the_lead_before_the_incident_is_named(nlp):
    text = ("Police cleared the mall late on Sunday, and the governor said at least 17 people had died. "
            "The siege of the mall started on Saturday night.")
    doc = nlp(text)
    ev = _event(doc, "The siege")
    m = text.index("died")
    sent = next(x for x in doc.sents if x.start_char <= m < x.end_char)
    ev["mentions"] = [{"start_char": m, "end_char": m + 4, "clause_start": sent.start_char,
                       "clause_end": sent.end_char}]
    link(doc, [ev], LEX)
    assert [(c["kind"], c["count"]) for c in ev["casualties"]] == [(K, 17)]


@pytest.mark.parametrize("text, first, second, mention, count", [
    ("Rebels raided a mine near the river on May 2. On May 4 there was a second raid on a convoy "
     "(there were no casualties). Days of fighting followed. As a result of that raid, 20 people were killed.",
     "raided", "a second raid", "that raid", 20),
    ("Gunmen stormed a clinic in the city on March 3. On March 6 there was a second assault on a checkpoint "
     "(nobody was hurt). Weeks of unrest followed. In the wake of that assault, 12 people were killed.",
     "stormed", "a second assault", "that assault", 12),
    ("Militias shelled a market in the north on July 1. On July 3 there was a second shelling of a camp "
     "(there were no casualties). Clashes went on for days. After that shelling, 7 people were killed.",
     "shelled", "a second shelling", "that shelling", 7),
])
def test_link_mention_of_an_event_with_its_own_zero_goes_to_the_incident_before(nlp, text, first, second, mention,
                                                                                   count):
    doc = nlp(text)
    ev1, ev2 = _event(doc, first), _event(doc, second)
    ev2["clause_end"] = text.index("(")
    m = text.index(mention)
    sent = next(x for x in doc.sents if x.start_char <= m < x.end_char)
    ev2["mentions"] = [{"start_char": m, "end_char": m + len(mention), "clause_start": sent.start_char,
                        "clause_end": sent.end_char}]
    link(doc, [ev1, ev2], LEX)
    assert [(c["kind"], c["count"]) for c in ev1["casualties"]] == [(K, count)]
    assert sorted((c["kind"], c["count"]) for c in ev2["casualties"]) == [(I, 0), (K, 0)]


def test_link_without_casualties_sets_empty_lists(nlp):
    doc = nlp("The garrison was attacked by rebels on Monday night.")
    ev = _event(doc, "attacked")
    link(doc, [ev], LEX)
    assert ev["casualties"] == []
