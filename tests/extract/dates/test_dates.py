"""Dates extractor: table of expressions that must become intervals, and of look-alikes that must not.

Sentences are our own. Most cases run the pure grammar (`find_dates` on a string, no model); the
spaCy-dependent parts (bare years confirmed by a DATE entity, the seed) use the real pipeline.
Publication date for the main table: 2016-06-27 (a Monday).
"""
from __future__ import annotations

import pytest

from pipeline.extract.dates.grammar import parse_expression
from pipeline.extract.dates.component import find_dates

PUB = "2016-06-27"
NB = "\u00a0"


def spans(text: str, published=PUB, **kw) -> list[tuple]:
    out = []
    for p in find_dates(text, published, use_dateparser=False, **kw):
        assert text[p["start_char"]:p["end_char"]] == text[p["start_char"]:p["end_char"]].strip()
        assert "\n" not in text[p["start_char"]:p["end_char"]]
        out.append((text[p["start_char"]:p["end_char"]], p["start"], p["end"], p["granularity"]))
    return out


POSITIVE = [
    # absolute days, as written (NBSP kept in the span)
    (f"The post was attacked on February{NB}15,{NB}2016.",
     [(f"February{NB}15,{NB}2016", "2016-02-15", "2016-02-15", "day")]),
    ("A bridge was damaged on the 11th of April, 2016 near the quarry.",
     [("the 11th of April, 2016", "2016-04-11", "2016-04-11", "day")]),
    ("A checkpoint came under fire on 9th May, 2016.", [("9th May, 2016", "2016-05-09", "2016-05-09", "day")]),
    ("It was June 5, 2016's raid on a depot that shocked the city.",
     [("June 5, 2016", "2016-06-05", "2016-06-05", "day")]),
    ("Sunday, Jan. 17, 2016, was cold.", [("Sunday, Jan. 17, 2016", "2016-01-17", "2016-01-17", "day")]),
    ("The verdict came Dec. 22 2015 in court.", [("Dec. 22 2015", "2015-12-22", "2015-12-22", "day")]),
    ("Filed on 2016-03-14 by the clerk.", [("2016-03-14", "2016-03-14", "2016-03-14", "day")]),
    ("Report dated 3/14/2016 was sealed.", [("3/14/2016", "2016-03-14", "2016-03-14", "day")]),
    ("The log shows 14.03.2016 as the entry.", [("14.03.2016", "2016-03-14", "2016-03-14", "day")]),
    ("Border guards were shot on 5 June 2016 at dawn.", [("5 June 2016", "2016-06-05", "2016-06-05", "day")]),
    ("Typeset as 5\u2009June\u20092016 with thin spaces.", [("5\u2009June\u20092016", "2016-06-05", "2016-06-05", "day")]),
    ("TUESDAY, JANUARY 19, 2016 - A man was hurt.", [("TUESDAY, JANUARY 19, 2016", "2016-01-19", "2016-01-19", "day")]),
    # ranges
    ("Riots broke out on 16-17th December 2011 in the oil town.",
     [("16-17th December 2011", "2011-12-16", "2011-12-17", "range")]),
    ("Riots broke out on December 16-17, 2011 in the oil town.",
     [("December 16-17, 2011", "2011-12-16", "2011-12-17", "range")]),
    ("In 2015-2016 alone, curfews were declared five times.", [("2015-2016", "2015-01-01", "2016-12-31", "range")]),
    ("The budget for 2014-15 was cut.", [("2014-15", "2014-01-01", "2015-12-31", "range")]),
    ("Crime rose between 2009 and 2014 in the county.", [("2009 and 2014", "2009-01-01", "2014-12-31", "range")]),
    ("Marches in March and April this year were banned.",
     [("March and April this year", "2016-03-01", "2016-04-30", "range")]),
    ("Talks ran June 30 - July 2, 2016 in Vienna.", [("June 30 - July 2, 2016", "2016-06-30", "2016-07-02", "range")]),
    ("Polls were open between May 1 and May 5 in the north.",
     [("May 1 and May 5", "2016-05-01", "2016-05-05", "range")]),
    ("Roads closed from Dec. 30 to Jan. 2, 2016 for repairs.",
     [("Dec. 30 to Jan. 2, 2016", "2015-12-30", "2016-01-02", "range")]),
    ("Strikes were called for the 16-17th of May.", [("the 16-17th of May", "2016-05-16", "2016-05-17", "range")]),
    ("A fair is held the weekend of June 4-5 each year.", [("June 4-5", "2016-06-04", "2016-06-05", "range")]),
    ("Floods came in February and June.",
     [("February", "2016-02-01", "2016-02-29", "month"), ("June", "2016-06-01", "2016-06-30", "month")]),
    # months, seasons, parts
    ("The strike began in December 2011.", [("December 2011", "2011-12-01", "2011-12-31", "month")]),
    ("The port reopened in June of 2016.", [("June of 2016", "2016-06-01", "2016-06-30", "month")]),
    ("Rallies were held in May this year.", [("May this year", "2016-05-01", "2016-05-31", "month")]),
    ("Floods hit the valley in July last year.", [("July last year", "2015-07-01", "2015-07-31", "month")]),
    ("The mine closed last December.", [("last December", "2015-12-01", "2015-12-31", "month")]),
    ("Talks stalled in March and resumed.", [("March", "2016-03-01", "2016-03-31", "month")]),
    ("Prices rose sharply in December.", [("December", "2015-12-01", "2015-12-31", "month")]),
    ("A wave of thefts in early May of this year alarmed shopkeepers.",
     [("early May of this year", "2016-05-01", "2016-05-10", "part_of_month")]),
    ("Fighting flared in mid-June.", [("mid-June", "2016-06-11", "2016-06-20", "part_of_month")]),
    ("The camp was shelled in late December 2011.",
     [("late December 2011", "2011-12-21", "2011-12-31", "part_of_month")]),
    ("Supplies ran out by the end of May.", [("the end of May", "2016-05-21", "2016-05-31", "part_of_month")]),
    ("Rents climbed steadily after the middle of last year.",
     [("the middle of last year", "2015-05-01", "2015-08-31", "approximate")]),
    ("The road was built in early 2015.", [("early 2015", "2015-01-01", "2015-04-30", "approximate")]),
    ("Arrests began in mid-2014.", [("mid-2014", "2014-05-01", "2014-08-31", "approximate")]),
    ("Earlier this year the council resigned.", [("Earlier this year", "2016-01-01", "2016-06-27", "approximate")]),
    ("The festival was cancelled in the summer of 2012.",
     [("the summer of 2012", "2012-06-01", "2012-08-31", "season")]),
    ("The dam burst last summer.", [("last summer", "2015-06-01", "2015-08-31", "season")]),
    ("Roads flood in the winter here.", [("the winter", "2015-12-01", "2016-02-29", "season")]),
    ("She studied abroad in the early 1980s.", [("the early 1980s", "1980-01-01", "1983-12-31", "decade")]),
    ("Jazz clubs boomed in the 1950s.", [("the 1950s", "1950-01-01", "1959-12-31", "decade")]),
    ("Factories opened in the late '90s.", [("the late '90s", "1997-01-01", "1999-12-31", "decade")]),
    ("The fort dates from the 19th century.", [("the 19th century", "1800-01-01", "1899-12-31", "century")]),
    # years
    ("Output has fallen since 2014 in every sector.", [("2014", "2014-01-01", "2014-12-31", "year")]),
    ("The plant was sold in 1997.", [("1997", "1997-01-01", "1997-12-31", "year")]),
    ("Last year, the group took control of the network.", [("Last year", "2015-01-01", "2015-12-31", "year")]),
    ("Cooperation will deepen next year.", [("next year", "2017-01-01", "2017-12-31", "year")]),
    # relative to publication
    ("On Tuesday, two gunmen attacked a police post.", [("On Tuesday", "2016-06-21", "2016-06-21", "day")]),
    ("A man was shot Saturday night outside a bar.", [("Saturday night", "2016-06-25", "2016-06-25", "day")]),
    ("The fire started early Sunday morning.", [("early Sunday morning", "2016-06-26", "2016-06-26", "day")]),
    ("Police were called late Thursday night.", [("late Thursday night", "2016-06-23", "2016-06-23", "day")]),
    ("The suspect surrendered on Monday.", [("on Monday", "2016-06-27", "2016-06-27", "day")]),
    ("The suspect surrendered last Monday.", [("last Monday", "2016-06-20", "2016-06-20", "day")]),
    ("A hearing is set for next Friday.", [("next Friday", "2016-07-01", "2016-07-01", "day")]),
    ("Monday's shooting shocked the town.", [("Monday", "2016-06-27", "2016-06-27", "day")]),
    ("It was an Easter vacation Saturday morning.",
     [("Easter", "2016-03-27", "2016-03-27", "day"), ("Saturday morning", "2016-06-25", "2016-06-25", "day")]),
    # future tense in the clause: on or after publication
    ("The suspect will appear in court on Thursday.", [("on Thursday", "2016-06-30", "2016-06-30", "day")]),
    ("A vigil is scheduled for Saturday evening.", [("Saturday evening", "2016-07-02", "2016-07-02", "day")]),
    ("He said he will testify, and police arrested him Friday.", [("Friday", "2016-06-24", "2016-06-24", "day")]),
    ("Two men were arrested yesterday.", [("yesterday", "2016-06-26", "2016-06-26", "day")]),
    ("Shots were heard last night near the school.", [("last night", "2016-06-26", "2016-06-26", "day")]),
    ("The mayor spoke today.", [("today", "2016-06-27", "2016-06-27", "day")]),
    ("The bridge was closed last month.", [("last month", "2016-05-01", "2016-05-31", "month")]),
    ("Three stores were robbed last week.", [("last week", "2016-06-20", "2016-06-26", "week")]),
    ("Patrols were doubled this week.", [("this week", "2016-06-27", "2016-07-03", "week")]),
    ("Two people were hurt this past weekend.", [("this past weekend", "2016-06-25", "2016-06-26", "range")]),
    ("A car was torched over the weekend.", [("the weekend", "2016-06-25", "2016-06-26", "range")]),
    ("The office was raided two weeks ago.", [("two weeks ago", "2016-06-13", "2016-06-19", "week")]),
    ("He moved here three years ago.", [("three years ago", "2013-01-01", "2013-12-31", "year")]),
    ("The border was drawn three decades ago.", [("three decades ago", "1986-01-01", "1986-12-31", "approximate")]),
    ("The mill closed in 2014, a decade earlier than planned.",
     [("2014", "2014-01-01", "2014-12-31", "year"), ("a decade earlier", "2004-01-01", "2004-12-31", "approximate")]),
    ("The clinic opened a few days ago.", [("a few days ago", "2016-06-22", "2016-06-25", "approximate")]),
    ("He was found injured Tuesday, Jan. 26, in his garage.", [("Tuesday, Jan. 26", "2016-01-26", "2016-01-26", "day")]),
    ("The body was found Jan. 17 by a jogger.", [("Jan. 17", "2016-01-17", "2016-01-17", "day")]),
    ("The store was robbed on December 27th.", [("December 27th", "2015-12-27", "2015-12-27", "day")]),
    ("The memorial is on the 5th of June every year.", [("the 5th of June", "2016-06-05", "2016-06-05", "day")]),
    ("Two people were shot on Christmas Eve.", [("Christmas Eve", "2015-12-24", "2015-12-24", "day")]),
    ("The family moved after Thanksgiving 1995.", [("Thanksgiving 1995", "1995-11-23", "1995-11-23", "day")]),
    ("Fireworks injured four on New Year's Eve.", [("New Year's Eve", "2015-12-31", "2015-12-31", "day")]),
    # anaphoric: relative to the previous date in the text
    ("A market was bombed on June 3, 2016. Two days later, a second bomb went off.",
     [("June 3, 2016", "2016-06-03", "2016-06-03", "day"), ("Two days later", "2016-06-05", "2016-06-05", "day")]),
    ("He was arrested on May 2, 2016 and charged the next day.",
     [("May 2, 2016", "2016-05-02", "2016-05-02", "day"), ("the next day", "2016-05-03", "2016-05-03", "day")]),
    ("The plant closed in 2014. A year later it was demolished.",
     [("2014", "2014-01-01", "2014-12-31", "year"), ("A year later", "2015-01-01", "2015-12-31", "year")]),
    ("The talks ended the day after Monday's debate.",
     [("the day after", "2016-06-28", "2016-06-28", "day"), ("Monday", "2016-06-27", "2016-06-27", "day")]),
    # a definite incident counted from belongs to the expression; its date is the linker's to find
    ("He bought a gun three days before the shooting.", [("three days before the shooting", None, None, "day")]),
    ("The hostages were still held a week after the kidnapping and after long talks.",
     [("a week after the kidnapping", None, None, "week")]),
    ("He bought a gun three days before the suicide bombing, police said.",
     [("three days before the suicide bombing", None, None, "day")]),
    # not a named incident: a part of a month, an election, an indefinite clause
    ("He bought a gun three days before the end of May.", [("three days before", None, None, "day"),
                                                           ("the end of May", "2016-05-21", "2016-05-31",
                                                            "part_of_month")]),
    ("Riots began five days before the election.", [("five days before", None, None, "day")]),
    ("Officials released a tally a day before the regional health minister spoke.", [("a day before", None, None, "day")]),
    ("This was nine days after a mob torched a bus.", [("nine days after", None, None, "day")]),
    ("Six weeks before June 30, 2016 the plan was set.",
     [("Six weeks before", "2016-05-19", "2016-05-19", "day"), ("June 30, 2016", "2016-06-30", "2016-06-30", "day")]),
    # two years joined by "and" are two years; "between ... and" is a range
    ("The party won in 2008 and 2012.",
     [("2008", "2008-01-01", "2008-12-31", "year"), ("2012", "2012-01-01", "2012-12-31", "year")]),
    ("He told USA Today on Monday that he would run.", [("on Monday", "2016-06-27", "2016-06-27", "day")]),
    # several in one sentence, with slashes around
    ("A militia /since March 2, 2009/ in the hills.", [("March 2, 2009", "2009-03-02", "2009-03-02", "day")]),
    ("Attacks on May 9, 2016 and on 14th May, 2016 killed three.",
     [("May 9, 2016", "2016-05-09", "2016-05-09", "day"), ("14th May, 2016", "2016-05-14", "2016-05-14", "day")]),
]

NEGATIVE = [
    "Nearly 2 week-long operations ended with arrests.",
    "Attacks happen almost daily in the region.",
    "The currency lost 86 % of its value.",
    "Oil makes up 1/3 of exports.",
    "The town lies about 110 km from the border.",
    "In all, 46 objects were looted and burned.",
    "The talks may resume soon.",
    "May God protect them, he said.",
    "The army may march on the city.",
    "Every 23-year-old cadet gets a badge.",
    "She was 17 years old.",
    "He served five years in prison.",
    "The suspect is in his early 20s.",
    "Two men in their 30s were arrested.",
    "He lives in the 1900 block of Oak Avenue.",
    "Call the tip line at 786-5110.",
    "The victim lived on East 14th Street.",
    "The gunman fired 2015 rounds.",
    "Patrols are carried out weekly.",
    "It marked the fall of the regime.",
    "Prices fall every winter.",
    "He was sentenced to 30 days in jail.",
    "Crime has dropped over the past year.",
    "Few arrests were made in the last few years.",
    "The standoff lasted several hours.",
    "Mondays are quiet at the station.",
    "June Carter sang at the fair.",
    "Dr. March said the wound was minor.",
    "The unit lost 2,016 rifles.",
    "Shots rang out every two days.",
    "The 2nd Battalion moved north.",
    "Version 2.0.16 fixed the bug.",
    "He reads USA Today at breakfast.",
    "Sales reached 2010 units.",
    "The season of the rains is long.",
]


@pytest.mark.parametrize("text, expected", POSITIVE + [(t, []) for t in NEGATIVE])
def test_expressions(text, expected):
    assert spans(text) == expected


def test_table_size():
    assert len(POSITIVE) + len(NEGATIVE) >= 80
    assert len(NEGATIVE) * 4 >= len(POSITIVE) + len(NEGATIVE)


@pytest.mark.parametrize("text, expected", [
    # (text, published) -> (span, start, end, rule, relative)
    (("On Tuesday, gunmen attacked a post.", None), ("On Tuesday", None, None, "weekday-before-publication", True)),
    (("Two men were arrested yesterday.", None), ("yesterday", None, None, "relative-day", True)),
    (("He was shot Tuesday, Jan. 27, at home.", "2015-01-30"),
     ("Tuesday, Jan. 27", "2015-01-27", "2015-01-27", "month-day", True)),
    (("The trial opens Jan. 2 downtown.", "2015-12-30"), ("Jan. 2", "2016-01-02", "2016-01-02", "month-day", True)),
    (("The shop was robbed Dec. 28 at noon.", "2016-01-03"),
     ("Dec. 28", "2015-12-28", "2015-12-28", "month-day", True)),
    (("Families gathered on Thanksgiving.", "2015-12-01"),
     ("Thanksgiving", "2015-11-26", "2015-11-26", "holiday", True)),
    (("Monday's shooting shocked the town.", "2016-01-06"),
     ("Monday", "2016-01-04", "2016-01-04", "weekday-before-publication", True)),
    (("Last Saturday a car was stolen.", "2016-01-09"),
     ("Last Saturday", "2016-01-02", "2016-01-02", "weekday-before-publication", True)),
    (("Easter 2016 was quiet.", None), ("Easter 2016", "2016-03-27", "2016-03-27", "holiday", False)),
    (("The fair is in the 21st century.", None), ("the 21st century", "2000-01-01", "2099-12-31", "century", False)),
])
def test_publication_dependent(text, expected):
    sentence, published = text
    found = find_dates(sentence, published, use_dateparser=False)
    assert len(found) == 1
    p = found[0]
    assert (sentence[p["start_char"]:p["end_char"]], p["start"], p["end"], p["rule"], p["relative"]) == expected


def test_year_less_date_takes_year_from_text_without_publication():
    text = "He died Dec. 28. The trial had opened on December 4, 2015."
    found = find_dates(text, None, use_dateparser=False)
    assert [(p["start"], p["rule"]) for p in found] == [
        ("2015-12-28", "month-day-year-from-text"), ("2015-12-04", "month-day-year")]


@pytest.mark.parametrize("text, expected", [
    ("by the Decree of the Governor of March 4, 2012, the county was divided", "other"),
    ("a militia /since March 2, 2009/ in the hills", "since"),
    ("the curfew stays until May 2016 at least", "until"),
    ("the attack on the post on May 2, 2016 killed two", None),
    ("he was born on March 3, 1990 in the city", "other"),
])
def test_context(text, expected):
    found = find_dates(text, PUB, use_dateparser=False)
    assert len(found) == 1 and found[0]["context"] == expected


def test_bare_year_needs_a_preposition_or_a_spacy_date_entity():
    text = "Turnout in the 2014 election was low."
    assert find_dates(text, PUB, use_dateparser=False) == []
    s = text.index("2014")
    found = find_dates(text, PUB, ents=[(s, s + 4, "DATE")], use_dateparser=False)
    assert [(p["start"], p["end"], p["granularity"]) for p in found] == [("2014-01-01", "2014-12-31", "year")]
    # a DATE entity does not make a house number a year
    text2 = "He lives at 1985 Elm Street."
    s2 = text2.index("1985")
    assert find_dates(text2, PUB, ents=[(s2, s2 + 4, "DATE")], use_dateparser=False) == []


def test_dateline_rule():
    text = "June 27, 2016\n\nOn Tuesday, a post was attacked."
    found = find_dates(text, PUB, dateline=(0, 13), use_dateparser=False)
    assert [(text[p["start_char"]:p["end_char"]], p["rule"]) for p in found] == [
        ("June 27, 2016", "dateline"), ("On Tuesday", "weekday-before-publication")]
    assert found[0]["relative"] is False


def test_dateline_does_not_anchor_offsets():
    text = "June 27, 2016\n\nTwo days later, the road reopened."
    found = find_dates(text, PUB, dateline=(0, 13), use_dateparser=False)
    later = [p for p in found if p["rule"] == "offset-from-previous"]
    assert len(later) == 1 and later[0]["start"] is None


@pytest.mark.parametrize("text, expected", [
    ("February 15, 2016", ("2016-02-15", "2016-02-15", "day")),
    ("December 2011", ("2011-12-01", "2011-12-31", "month")),
    ("16-17th December 2011", ("2011-12-16", "2011-12-17", "range")),
    ("early June of this year", ("2016-06-01", "2016-06-10", "part_of_month")),
    ("  yesterday, ", ("2016-06-26", "2016-06-26", "day")),
    ("86 %", None),
    ("46 objects", None),
    ("may", None),
])
def test_parse_expression(text, expected):
    p = parse_expression(text, PUB, fallback=False)
    assert (p and (p["start"], p["end"], p["granularity"])) == expected
    if p:
        assert text[p["start_char"]:p["end_char"]].strip() == text[p["start_char"]:p["end_char"]]


def test_dateparser_fallback_is_pinned_to_publication():
    # a form the grammar does not know; dateparser resolves it against the publication date, never the clock
    p = parse_expression("June the 5th, 2016", PUB)
    assert p["rule"] == "dateparser" and (p["start"], p["end"], p["granularity"]) == ("2016-06-05", "2016-06-05", "day")
    p = parse_expression("Sunday the 12th of June", "2016-06-27")
    assert p["start"] == "2016-06-12"
    assert parse_expression("Sunday the 12th of June", None) is None or \
        parse_expression("Sunday the 12th of June", None)["start"] is None
    assert parse_expression("19-year-old", PUB) is None


def test_spacy_entity_wider_than_the_grammar_goes_to_dateparser():
    text = "It happened June the 5th, 2016 downtown."
    s = text.index("June")
    e = text.index(" downtown")
    found = find_dates(text, PUB, ents=[(s, e, "DATE")])
    assert [(text[p["start_char"]:p["end_char"]], p["start"], p["rule"]) for p in found] == [
        ("June the 5th, 2016", "2016-06-05", "dateparser")]
    # without the entity the grammar alone keeps the month it is sure of
    assert [p["granularity"] for p in find_dates(text, PUB)] == ["month"]


def test_real_model_component(nlp):
    doc = nlp.make_doc("Turnout in the 2014 election was low, officials said on Tuesday.")
    doc._.cs_meta = {"published": PUB, "dateline": None}
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "claimscope_dates":
            break
    got = [(doc.text[p["start_char"]:p["end_char"]], p["start"]) for p in doc._.cs_dates]
    assert ("on Tuesday", "2016-06-21") in got


def test_payloads_fit_the_output_model(seed_path):
    """Every payload converts to the typed DateValue (granularity in the Literal, span exact)."""
    from pipeline.extract.records import to_date

    text = seed_path.read_text(encoding="utf-8")
    extra = ("\nOn Tuesday a post was hit. Two days later, another. In the 1980s and the 19th century. "
             "Last week, this past weekend, a few days ago, mid-2014, Christmas Eve, 3/14/2016. A decade earlier, "
             "two decades ago, three days before the vote, a week after it.")
    for published in (PUB, None):
        for p in find_dates(text + extra, published):
            assert {"start_char", "end_char", "start", "end", "granularity", "relative", "rule"} <= set(p)
            v = to_date(text + extra, p)
            assert v.span.text == (text + extra)[p["start_char"]:p["end_char"]]


def test_shared_example_dates(shared_dir):
    """The example output in ../shared/examples: same dates, spans, rules."""
    import json

    from pipeline.ingest.published import find_dateline

    ex = shared_dir / "examples"
    text = (ex / "kirkuk.txt").read_text(encoding="utf-8")
    want = json.loads((ex / "kirkuk.extract.json").read_text(encoding="utf-8"))["dates"]
    dl = find_dateline(text)
    got = find_dates(text, dl[2], dl[:2])

    def key(d):
        return d["span"]["start"], d["span"]["end"], d["start"], d["end"], d["granularity"], d["relative"], d["rule"]
    assert sorted((p["start_char"], p["end_char"], p["start"], p["end"], p["granularity"], p["relative"], p["rule"])
                  for p in got) == sorted(key(d) for d in want)


@pytest.mark.parametrize("text, expected", [
    ("GREENFIELD, Ore. (Dec. 10, 2015) \u2013 A routine patrol ended in a crash.", "dateline"),
    ("KIRKUK, May 4, 2017 \u2014 Gunmen attacked a post.", "dateline"),
    ("He was shot (Dec. 10, 2015) \u2013 police said.", "month-day-year"),
    ("The attack on May 4, 2017 \u2014 the worst in years \u2014 killed many.", "month-day-year"),
])
def test_inline_dateline_without_meta(text, expected):
    found = find_dates(text, None, use_dateparser=False)
    assert len(found) == 1 and found[0]["rule"] == expected


def test_inline_dateline_resolves_relative_dates_when_nothing_else_does():
    text = "SPRINGFIELD, Ill. (Jan. 8, 2016) \u2013 A man was shot Wednesday night, police said."
    found = find_dates(text, None, use_dateparser=False)
    assert [(p["rule"], p["start"]) for p in found] == [("dateline", "2016-01-08"),
                                                        ("weekday-before-publication", "2016-01-06")]
    # a publication date from the metadata wins
    found = find_dates(text, "2016-01-09", use_dateparser=False)
    assert found[1]["start"] == "2016-01-06"


@pytest.mark.parametrize("text, year", [
    # a year right before a vehicle make is the model year, even where spaCy tags it DATE
    ("Witnesses saw a dented 2011 Nissan leave the lot.", None),
    ("The thieves fled in a blue 2004 Toyota Corolla.", None),
    ("Police found his silver 2010 Honda Civic.", None),
    ("A stolen 1998 Chevrolet pickup was recovered in a field.", None),
    # not after a date word, and a year before other capitalised words is left to the other rules
    ("In 2015 Toyota recalled cars.", "2015"),
    ("Since 2012 Ford has grown.", "2012"),
    ("In 2014 Brazil hosted the cup.", "2014"),
])
def test_model_years_are_not_dates(text, year):
    s = next(i for i in range(len(text) - 3) if text[i:i + 4].isdigit())
    found = find_dates(text, PUB, ents=[(s, s + 4, "DATE")], use_dateparser=False)
    assert [p["start"][:4] for p in found if p["granularity"] == "year"] == ([year] if year else [])
