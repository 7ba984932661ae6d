"""The casualty rules one by one (rules.GRAMMAR, predicates.ANCHOR_RULES / VERB_CHILD_RULES / NOUN_CHILD_RULES,
quantities.NUMBER_FILTERS), each with a table of sentences it must handle and sentences it must not fire on.

Every sentence is our own. A case names the rule recorded on the value (`rule` field, up to its first ":" or ";"
suffix) and the figure as (kind, count, group, total).
"""
from __future__ import annotations

import re

import pytest

from pipeline.extract import _doc  # noqa: F401  (Doc extensions)
from pipeline.extract._component import load_lexicon
from pipeline.extract.casualties import predicates, quantities, rules
from pipeline.extract.casualties.component import find_casualties
from pipeline.extract.casualties.lexicon import lex_for

K, I = "killed", "injured"
LEX = load_lexicon("lexicons/casualties.json")


def _is(rule: str, name: str) -> bool:
    """The value's rule is `name` or `name` with a suffix (":fatal", ";min", ...)."""
    return re.match(re.escape(name) + r"($|[:;])", rule) is not None


def _found(nlp, text):
    return find_casualties(nlp(text), LEX)


FIRES = [
    # subj: passive or intransitive subject
    ("subj", "Six miners were killed in the collapse.", (K, 6, "miners", True)),
    ("subj", "Eleven hikers died on the ridge.", (K, 11, "hikers", True)),
    ("subj", "At least 9 dockworkers were injured when the crane fell.", (I, 9, "dockworkers", True)),
    ("subj", "Three fishermen are missing after the storm.", ("missing", 3, "fishermen", True)),
    # a name the NER calls a place or an organisation, then a people noun: still a count of people
    ("subj", "Five Kazakh miners were hurt.", (I, 5, "Kazakh miners", True)),
    ("subj", "Eight Sudan guards were wounded.", (I, 8, "Sudan guards", True)),
    # obj: object of an active verb ("shot dead" makes it a killing wherever the parser hangs "dead")
    ("obj", "Rebels killed 18 farmers near the river.", (K, 18, "farmers", True)),
    ("obj", "The bandits kidnapped 12 tourists from the lodge.", ("kidnapped", 12, "tourists", True)),
    ("obj", "Troops detained 40 protesters after the march.", ("detained", 40, "protesters", True)),
    ("obj", "Troops shot dead three smugglers.", (K, 3, "smugglers", True)),
    ("obj", "Officers shot two gunmen dead.", (K, 2, "gunmen", True)),
    ("obj", "Soldiers shot dead 4 protesters near the palace.", (K, 4, "protesters", True)),
    ("obj", "Attackers on foot shot dead six workers who were eating lunch at a depot.", (K, 6, "workers", True)),
    ("obj", "Bandits on motorbikes shot dead three traders who were waiting at a bus stop.", (K, 3, "traders", True)),
    ("obj", "Bombers struck the market, wounding 45, on the morning of the holiday.", (I, 45, None, True)),
    # collective: "a family of six" counts the members (recorded as the object figure)
    ("obj", "Bandits killed a family of six in the hills.", (K, 6, None, True)),
    ("obj", "The flood displaced a household of nine.", ("displaced", 9, None, True)),
    ("obj", "Raiders abducted a family of four on the road.", ("kidnapped", 4, None, True)),
    # participle / adjective on the noun
    ("participle", "Seven sailors dead after the ferry sank.", (K, 7, "sailors", True)),
    ("participle", "One ranger injured in the blaze.", (I, 1, "ranger", True)),
    ("participle", "The crash left four passengers injured.", (I, 4, "passengers", True)),
    # relative clause on the noun
    ("relative", "Four teenagers who were wounded in the brawl are recovering.", (I, 4, "teenagers", True)),
    ("relative", "Relatives of two pilgrims who died in the crush gathered outside.", (K, 2, "pilgrims", True)),
    ("relative", "Five guards who were hurt in the riot were discharged.", (I, 5, "guards", True)),
    # with-injuries
    ("with-injuries", "Two porters with minor injuries were treated at the scene.", (I, 2, "porters", True)),
    ("with-injuries", "Three men with gunshot wounds were found in a car.", (I, 3, "men", True)),
    ("with-injuries", "Four climbers with frostbite injuries were rescued.", (I, 4, "climbers", True)),
    ("singular", "Medics carried a boy with burn wounds to the van.", (I, 1, "boy", True)),
    # lives: a death idiom
    ("lives", "The blast claimed 12 lives in the square.", (K, 12, "lives", True)),
    ("lives", "The epidemic took 40 lives in a month.", (K, 40, "lives", True)),
    ("lives", "The war cost 3,000 lives.", (K, 3000, "lives", True)),
    # noun: the number counts a casualty noun
    ("noun", "The storm caused 14 deaths across the province.", (K, 14, None, True)),
    ("noun", "Officials counted 8 fatalities on the highway.", (K, 8, None, True)),
    ("noun", "The riot ended with 23 arrests.", ("arrested", 23, "arrests", True)),
    # of-noun
    ("of-noun", "The deaths of four climbers shocked the valley.", (K, 4, "climbers", True)),
    ("of-noun", "The killing of two reporters drew protests.", (K, 2, "reporters", True)),
    ("of-noun", "The kidnapping of nine students was condemned.", ("kidnapped", 9, "students", True)),
    # toll (the kind it names; "toll" alone is killed)
    ("toll", "The death toll from the quake climbed to 64.", (K, 64, None, True)),
    ("toll", "Officials put the death toll at seven.", (K, 7, None, True)),
    ("toll", "A death toll of 15 was announced.", (K, 15, None, True)),
    ("toll", "Toll of Injured Rises to 60", (I, 60, None, True)),
    ("toll", "The toll of dead rose to 80 on Friday.", (K, 80, None, True)),
    ("toll", "Officials put the number of injured at 40.", (I, 40, None, True)),
    # toll:revised: a count noun that names no kind takes the kind of the figure just before it
    ("toll:revised", "Officials first reported 14 dead, then revised the figure to 22.", (K, 22, None, True)),
    ("toll:revised", "The ministry first counted 8 injured and later raised the number to 11.", (I, 11, None, True)),
    ("toll:revised", "Police said 5 were arrested; the figure was later raised to 9.", ("arrested", 9, None, True)),
    ("toll:revised", "Medics reported 5 dead, then raised the figure to 7 a day later.", (K, 7, None, True)),
    # window: the surface fallback
    ("window", "Witnesses counted 30 dead.", (K, 30, None, True)),
    ("window", "The army reported 6 wounded.", (I, 6, None, True)),
    ("window", "Medics said more than forty — were hurt.", (I, 41, None, True)),
    ("window", "Rescuers counted 19 injured.", (I, 19, None, True)),
    # what hangs on the verb: complement, hospital, condition, suffered, a conjunct verb
    ("subj:complement", "Two climbers were found dead below the cliff.", (K, 2, "climbers", True)),
    ("subj:complement", "Three fishermen were found dead on the beach.", (K, 3, "fishermen", True)),
    ("obj:complement", "The raid left 20 injured, among them four nurses.", (I, 20, None, True)),
    ("subj:hospital", "Three workers were flown to a hospital from the rig.", (I, 3, "workers", True)),
    ("subj:hospital", "Five fans were rushed to hospital.", (I, 5, "fans", True)),
    ("subj:hospital", "Four victims were transported to an infirmary.", (I, 4, None, True)),
    ("subj:condition", "Two patients were listed in critical condition.", (I, 2, "patients", True)),
    ("subj:condition", "One climber is in serious condition.", (I, 1, "climber", True)),
    ("singular", "A boy remains in stable condition.", (I, 1, "boy", True)),
    ("subj:suffered", "Two guards sustained gunshot wounds.", (I, 2, "guards", True)),
    ("subj:suffered", "Four riders suffered fatal injuries.", (K, 4, "riders", True)),
    ("subj:suffered", "Nine workers suffered serious injuries.", (I, 9, "workers", True)),
    ("subj:conj", "Two men were found shot and died at the hospital.", (K, 2, "men", True)),
    ("subj:conj", "Three hikers were found injured and died overnight.", (K, 3, "hikers", True)),
    ("singular", "A woman was found stabbed and died later.", (K, 1, "woman", True)),
    # ranges: the conservative low end
    ("obj", "Rebels killed 5 to 8 villagers.", (K, 5, "villagers", True)),
    ("subj", "Some 40-50 migrants are missing.", ("missing", 40, "migrants", True)),
    ("subj", "Between 4 and 6 soldiers died in the blast.", (K, 4, "soldiers", True)),
    # singular: one victim
    ("singular", "Police said a guard died at the scene.", (K, 1, "guard", True)),
    ("singular", "Maria Lopez was shot in the arm.", (I, 1, None, True)),
    ("singular", "He was wounded by shrapnel.", (I, 1, None, True)),
    ("singular", "Medics said a 16-year-old died on the ferry.", (K, 1, None, True)),
    ("singular", "A second victim died later.", (K, 1, "second victim", True)),
    # singular:headline
    ("singular:headline", "Man shot, killed on Elm Street", (K, 1, "Man", True)),
    ("singular:headline", "Guard killed, two hurt in raid", (K, 1, "Guard", True)),
    ("singular:headline", "Teen killed, two hurt in drive-by", (K, 1, "Teen", True)),
    # zeros
    ("zero:no-casualties", "There were no casualties in the blast.", (K, 0, None, True)),
    ("zero:no-casualties", "The raid caused no casualties.", (I, 0, None, True)),
    ("zero:no-casualties", "Officials reported no victims.", (K, 0, None, True)),
    ("zero:no-noun", "The storm caused no deaths.", (K, 0, None, True)),
    ("zero:no-noun", "There were no injuries in the crash.", (I, 0, None, True)),
    ("zero:no-noun", "Police made no arrests.", ("arrested", 0, None, True)),
    ("zero:no-subject", "Nobody was injured in the fire.", (K, 0, None, True)),
    ("zero:no-subject", "No one died in the collapse.", (K, 0, None, True)),
    ("zero:no-subject", "No passengers were hurt.", (I, 0, "passengers", False)),
    ("zero:no-subject", "No civilians were killed or wounded.", (I, 0, "civilians", False)),
    ("zero:unharmed", "The crew escaped unhurt.", (K, 0, "crew", False)),
    ("zero:unharmed", "All the miners were unharmed.", (I, 0, "miners", False)),
    ("zero:unharmed", "The two hikers emerged unscathed.", (I, 0, "hikers", False)),
    ("zero:negated", "The driver was not injured.", (I, 0, "driver", False)),
    ("zero:negated", "The guard was not hurt in the attack.", (I, 0, "guard", False)),
    ("zero:negated", "The nurse was not injured in the crash.", (I, 0, "nurse", False)),
    # self-inflicted
    ("self-inflicted", "The gunman later killed himself in the car.", (K, 1, "perpetrator (self-inflicted)", False)),
    ("self-inflicted", "The pilot killed herself.", (K, 1, "perpetrator (self-inflicted)", False)),
    ("self-inflicted", "The suspect took his own life in the cell.", (K, 1, "perpetrator (self-inflicted)", False)),
    ("self-inflicted", "The driver committed suicide after the crash.", (K, 1, "perpetrator (self-inflicted)", False)),
    # implied minimum counts
    ("implied:fatal-stabbing", "Detectives are looking into a fatal stabbing at the station.", (K, 1, None, True)),
    ("implied:double-shooting", "Police investigated a double shooting near the bar.", (I, 2, None, True)),
    ("implied:triple-homicide", "The town was shaken by a triple homicide.", (K, 3, None, True)),
    ("implied:deadly-shooting", "A deadly shooting closed the road.", (K, 1, None, True)),
    # conj-sum: coordinated victims with their own counts
    ("conj-sum", "The blast killed two soldiers and three policemen.", (K, 5, None, True)),
    ("conj-sum", "The gunman killed his two daughters and his wife.", (K, 3, None, True)),
    ("conj-sum", "Raiders abducted four nurses and a doctor.", ("kidnapped", 5, None, True)),
    # breakdowns
    ("breakdown:including", "Twelve people were killed, including three children.", (K, 3, "children", False)),
    ("breakdown:among them", "The raid left 20 injured, among them four nurses.", (I, 4, "nurses", False)),
    ("breakdown:including", "Police arrested 15 people, including a teacher.", ("arrested", 1, "teacher", False)),
    ("breakdown:including", "Nine people were killed, including two nurses, according to local officials.",
     (K, 2, "nurses", False)),
    ("breakdown:of them", "Thirty people were injured, 18 of them students.", (I, 18, "students", False)),
    ("breakdown:of them", "Fifty people were arrested, 30 of them women.", ("arrested", 30, "women", False)),
    ("breakdown:of them", "At least 40 people were killed, 25 of them soldiers and 15 civilians.",
     (K, 15, "civilians", False)),
    ("breakdown:most of them", "Thirty people were hurt, most of them pupils.", (I, None, "pupils", False)),
    ("breakdown:mostly", "Fifty soldiers died, mostly conscripts.", (K, None, "conscripts", False)),
    ("breakdown:most of them", "Sixty people were hurt, most of them — welders.", (I, None, "welders", False)),
    # fatally-part, and the shot figure keeps the survivors
    ("fatally-part", "Four men were shot, one fatally, outside the club.", (K, 1, None, True)),
    ("subj", "Four men were shot, one fatally, outside the club.", (I, 3, "men", True)),
    ("fatally-part", "Three teenagers were shot, two fatally.", (K, 2, None, True)),
    ("fatally-part", "Two guards were stabbed, one fatally.", (K, 1, None, True)),
]

DOES_NOT_FIRE = [
    ("subj", "Four raiders killed the watchman."),  # the agents
    ("subj", "Three gunmen killed the guard."),
    ("obj", "The mob beat 7 shopkeepers."),  # not a casualty verb
    ("obj", "Two men held up a store clerk at gunpoint."),  # "hold up" is no detention
    ("participle", "Three houses damaged by the flood."),
    ("relative", "Police are hunting two men who shot at the patrol."),  # the agents
    ("relative", "Police are looking for three state troopers who shot at the car."),
    ("noun", "He had three gunshot wounds."),  # counts wounds, not people
    ("lives", "The nurses saved 12 lives."),
    ("lives", "The reform touched 12 lives."),
    ("noun", "Troops killed two hostages in the rescue."),  # killed, by the verb: not kidnapped
    ("with-injuries", "Two doctors with long careers retired."),
    ("of-noun", "The deaths of three cows alarmed the farm."),
    ("window", "Witnesses said three — killed the guard."),  # the number counts the agents
    ("subj:condition", "The road is in poor condition."),
    ("subj:suffered", "Two firms suffered heavy losses."),
    ("toll", "The toll road was closed for 3 hours."),
    ("toll", "The number of tourists rose to 500."),
    ("toll:revised", "The ministry revised the figure to 40."),  # nothing before it to revise
    ("toll:revised", "The council raised the figure to 300 dollars."),
    ("subj:hospital", "The mayor was taken to the station."),
    ("singular", "Every passenger was questioned."),
    ("singular", "The police were criticised."),
    ("singular", "The mayor said the plan was dead."),
    ("singular:headline", "Police praised for quick response"),
    ("zero:no-subject", "No roads were damaged."),
    ("zero:unharmed", "The building was unharmed."),
    ("zero:unharmed", "It was unhurt."),
    ("zero:negated", "The plan was not hurt by the delay."),
    ("self-inflicted", "The man found himself alone."),
    ("implied", "Homicide detectives arrived at noon."),
    ("conj-sum", "The blast killed two soldiers."),
    ("breakdown", "Twelve people were killed, and the bridge, including its towers, collapsed."),
    ("breakdown", "Including the staff, the office has 40 desks."),
    ("breakdown", "Rebels abducted 40 villagers, 10 of whom were freed later."),  # a clause of its own
    ("breakdown", "Ten riders were injured, 4 of whom were later discharged."),
    ("fatally-part", "Four men were shot outside the club."),
]


# a breakdown list ends at ";", ".", its parenthesis, or a comma before a new clause ("..., according to ...")
ZONE_ENDS = [
    ("Ten people were killed, including four guards, according to three witnesses.", [4]),
    ("Eight miners died, including two foremen, according to two officials.", [2]),
    ("Twenty people were hurt, among them six nurses, according to five doctors.", [6]),
    ("Six people were killed, including two guards, and police arrested three suspects.", [2]),
    ("Nine people were hurt (including four pupils) and two teachers were questioned.", [4]),
]


@pytest.mark.parametrize("text, parts", ZONE_ENDS)
def test_breakdown_list_ends_with_its_clause(nlp, text, parts):
    found = _found(nlp, text)
    assert sorted(p["count"] for p in found if _is(p["rule"], "breakdown")) == parts


@pytest.mark.parametrize("rule, text, expected", FIRES)
def test_rule_fires(nlp, rule, text, expected):
    found = _found(nlp, text)
    got = [(p["kind"], p["count"], p["group"], p["total"]) for p in found if _is(p["rule"], rule)]
    assert expected in got, f"{rule}: {expected} not in {[(p['rule'], p['kind'], p['count']) for p in found]}"


@pytest.mark.parametrize("rule, text", DOES_NOT_FIRE)
def test_rule_does_not_fire(nlp, rule, text):
    found = _found(nlp, text)
    assert not [p for p in found if _is(p["rule"], rule) and p["count"]], found


def _names(table) -> set[str]:
    return {name for name, _ in table}


def test_every_rule_has_a_table():
    """Each rule of the grammar and of the anchor table has sentences here (or in the filter tables below)."""
    fired = {r.split(":")[0].split(";")[0] for r, _, _ in FIRES}
    grammar = {r.name.split(":")[0] for r in rules.GRAMMAR.rules}
    assert grammar - fired <= {"figure"}  # "figure" is recorded as the anchor rule's name
    anchors = {n for name in _names(predicates.ANCHOR_RULES) for n in name.split("|")} - {"collective"}
    assert anchors <= fired | {r for r, _, _ in FIRES} | {"with-injuries"}


# --------------------------------------------------------------------------- numbers that do not count people

FILTERED = [  # (filter, sentence, the number's text)
    ("entity", "The meeting took place on 12 March at 10 a.m.", "12"),
    ("entity", "Tickets cost 40 dollars at the door.", "40"),
    ("entity", "About 30 percent of the voters stayed home.", "30"),
    ("unit-after", "The bus left at 6 pm.", "6"),
    ("unit-after", "The train left at 7 o'clock.", "7"),
    ("unit-after", "The fence is 9 - years old.", "9"),
    ("sign-before", "Tickets cost $40 at the door.", "40"),
    ("sign-before", "Route 12 was closed.", "12"),
    ("sign-before", "He wore jersey #23 on Saturday.", "23"),
    ("apposition", "Jones, 52, was charged with arson.", "52"),
    ("apposition", "Ana Ruiz, 34, and her son were hurt.", "34"),
    ("apposition", "The driver, 61, was unhurt.", "61"),
    ("parenthesis", "The victim (24) was taken away.", "24"),
    ("parenthesis", "A cousin (19) said nothing.", "19"),
    ("parenthesis", "The suspect (31) was detained.", "31"),
]

KEPT = [  # a filter must not drop these numbers (the digits)
    "Officials said 8 Nepali workers were injured.",
    "The blast wounded 5 Kenyan guards.",
    "Rebels shelled the town, injuring 30, on the night of the election.",
    "Gunmen raided the inn, killing 3 and injuring 17, on the first night of the festival.",
    # a bare number the NER calls a date, object of a casualty verb
    "The bomb exploded at the gate, injuring 21, in March 2010.",
    "The bomb exploded at the gate, injuring 21, on the eve of the 2010 election.",
    "Rockets hit the depot, injuring 21, before the talks began.",
    "A bomb exploded at the port, injuring 21, on a busy morning.",
]


# a bare day-like number the NER calls a DATE, object of a casualty verb, is a count (quantities._victims)
DATE_TAGGED_VICTIMS = [
    ("The bomb exploded at the gate, injuring 21, in March 2010.", True),
    ("The bomb exploded at the gate, injuring 21, on the eve of the 2010 election.", True),
    ("A blast hit the depot, injuring 21, in June 2014.", True),
    ("A bomb exploded at the market, injuring 21, late in the evening.", True),
    ("The shooting happened on May 21.", False),
    ("The bomb exploded at the gate on 21 March 2010.", False),
]


@pytest.mark.parametrize("text, victims", DATE_TAGGED_VICTIMS)
def test_date_tagged_victims(nlp, text, victims):
    doc = nlp(text)
    assert quantities._victims(next(t for t in doc if t.text == "21"), lex_for(LEX)) is victims


def _num(doc, text):
    i = next(t.i for t in doc if t.text == text)
    return quantities.Num(doc, i, i + 1, lex_for(LEX))


@pytest.mark.parametrize("name, text, number", FILTERED)
def test_number_filter_fires(nlp, name, text, number):
    doc = nlp(text)
    assert dict(quantities.NUMBER_FILTERS)[name](_num(doc, number))


@pytest.mark.parametrize("text", KEPT)
def test_number_filters_keep_casualty_counts(nlp, text):
    doc = nlp(text)
    nums = [t for t in doc if t.text.isdigit() and len(t.text) < 4]
    assert nums and not any(quantities.bad_number(doc, t.i, t.i + 1, lex_for(LEX)) for t in nums)


# --------------------------------------------------------------------------- flags

FLAGGED = [  # (flag, sentence): the figure with a count > 0 carries the flag
    ("aggregate_or_other_period", "At least 40 cyclists have been killed since 2019."),
    ("aggregate_or_other_period", "Ninety people were murdered in the district last year."),
    ("aggregate_or_other_period", "So far this year 15 workers have died on the site."),
    # a figure about a whole year ("since 2015, when ..."): a relative clause on the year
    ("aggregate_or_other_period", "The city had its worst year since 2015, when 60 died."),
    ("aggregate_or_other_period", "It was the deadliest winter in the region since 2012, when 45 people were killed."),
    ("aggregate_or_other_period", "Officials said it was the bloodiest month since 2016, when 80 were murdered."),
    ("additional", "Another 4 soldiers were wounded."),
    ("additional", "A second victim died later."),
    ("additional", "Another man was injured."),
    ("shot_may_include_killed", "Two men were shot near the bus stop."),
    ("shot_may_include_killed", "Maria Lopez was shot in the arm."),
    ("shot_may_include_killed", "Police investigated a double shooting near the bar."),
    ("hospitalized_may_include_killed", "Five fans were rushed to hospital."),
    ("hospitalized_may_include_killed", "Four victims were transported to an infirmary."),
    ("hospitalized_may_include_killed", "Three workers were flown to a hospital from the rig."),
]

NOT_FLAGGED = [
    ("aggregate_or_other_period", "Four people were killed on Monday."),
    ("additional", "Four soldiers were wounded."),
    ("shot_may_include_killed", "Troops shot dead three smugglers."),
    ("hospitalized_may_include_killed", "Two patients were listed in critical condition."),
]


@pytest.mark.parametrize("flag, text", FLAGGED)
def test_flag(nlp, flag, text):
    found = [p for p in _found(nlp, text) if p["count"]]
    assert found and any(flag in p["flags"] for p in found)


@pytest.mark.parametrize("flag, text", NOT_FLAGGED)
def test_no_flag(nlp, flag, text):
    found = [p for p in _found(nlp, text) if p["count"]]
    assert found and not any(flag in p["flags"] for p in found)
