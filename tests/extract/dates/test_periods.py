"""Quarters, halves, fiscal years, year-earlier comparisons, tense, anaphoric units and coordinated days
(pipeline/extract/dates/periods.py). Invented sentences; each table has cases where the rule must fire with the
interval it must give and cases where it must not. The pure grammar (no model) unless the test says otherwise.
"""
from __future__ import annotations

import pytest

from pipeline.extract.dates.component import find_dates
from pipeline.extract.dates.periods import shift_years, tense_of
from datetime import date

PUB = "1998-10-21"  # a Wednesday in the fourth quarter: the latest quarter is 1998-Q3


def values(text, published=PUB, **kw):
    return [(text[p["start_char"]:p["end_char"]], p["start"], p["end"], p["rule"])
            for p in find_dates(text, published, use_dateparser=False, **kw)]


def has(text, span, start, end, rule=None, published=PUB):
    got = values(text, published)
    assert any(s == span and a == start and b == end and (rule is None or r == rule) for s, a, b, r in got), got


# --------------------------------------------------------------------------- quarters and halves
@pytest.mark.parametrize("text, span, start, end", [
    ("Profit rose 8% in the third quarter.", "the third quarter", "1998-07-01", "1998-09-30"),
    ("Sales slipped in the latest quarter, the firm said.", "the latest quarter", "1998-07-01", "1998-09-30"),
    ("Shipments grew last quarter at the mill.", "last quarter", "1998-07-01", "1998-09-30"),
    ("Orders should pick up in the current quarter.", "the current quarter", "1998-10-01", "1998-12-31"),
    ("Orders will pick up next quarter.", "next quarter", "1999-01-01", "1999-03-31"),
    ("Earnings for the fourth quarter of 1997 were flat.", "the fourth quarter of 1997", "1997-10-01", "1997-12-31"),
    ("Costs rose in fiscal 1999's first quarter.", "fiscal 1999's first quarter", "1999-01-01", "1999-03-31"),
    ("The brewer's third-quarter loss narrowed.", "third-quarter", "1998-07-01", "1998-09-30"),
    ("Its fourth-quarter results come out soon.", "fourth-quarter", "1998-10-01", "1998-12-31"),
    ("Revenue in the first half climbed.", "the first half", "1998-01-01", "1998-06-30"),
    ("Margins improved in the second half of last year.", "the second half of last year", "1997-07-01",
     "1997-12-31"),
    ("Exports dipped in the last quarter of 1996.", "the last quarter of 1996", "1996-10-01", "1996-12-31"),
    ("Net income fell from the year-earlier quarter.", "the year-earlier quarter", "1997-07-01", "1997-09-30"),
    ("Sales rose 3% from the same quarter a year earlier.", "the same quarter a year earlier", "1997-10-01",
     "1997-12-31"),
    ("Net income in the quarter rose 5%.", "the quarter", "1998-07-01", "1998-09-30"),
    ("Sales rose in the third quarter of 1997, and costs in the quarter fell.", "the quarter", "1997-07-01",
     "1997-09-30"),
    ("Last year's fourth quarter was weak.", "Last year's fourth quarter", "1997-10-01", "1997-12-31"),
])
def test_quarters_and_halves(text, span, start, end):
    has(text, span, start, end)


@pytest.mark.parametrize("text, span, start, end", [
    # the tense decides the year of a year-less quarter: future -> the next one that has not ended
    ("The plant will reopen in the first quarter.", "the first quarter", "1999-01-01", "1999-03-31"),
    ("The plant reopened in the first quarter.", "the first quarter", "1998-01-01", "1998-03-31"),
    ("A new line is scheduled to start in the second half.", "the second half", "1998-07-01",
     "1998-12-31"),
])
def test_quarters_by_tense(text, span, start, end):
    has(text, span, start, end)


def test_period_of_the_compared_date():
    text = "Profit was $5 million in the second quarter, against $4 million in the year-earlier period."
    has(text, "the year-earlier period", "1997-04-01", "1997-06-30", "period")
    text = "Output in May 1997 beat the same period of any earlier year."
    assert not any(s == "the same period" for s, *_ in values(text))  # "the same period of ...": of something else


@pytest.mark.parametrize("text", [
    "The Lions led 21-7 at the end of the third quarter.",
    "He scored twice in the first half of the match.",
    "The visitors trailed by nine points in the fourth quarter.",
    "A quarter of the workers left the plant.",
    "She rents a flat in the old quarter of the city.",
    "The first half-mile of the trail is steep.",
])
def test_no_period(text):
    assert not any(r in ("quarter", "half", "period") for *_, r in values(text)), values(text)


# --------------------------------------------------------------------------- fiscal years
@pytest.mark.parametrize("text, span, start, end", [
    ("Sales in fiscal 1999 rose 4%.", "fiscal 1999", "1999-01-01", "1999-12-31"),
    ("The agency's FY2001 budget was cut.", "FY2001", "2001-01-01", "2001-12-31"),
    ("The 1997 fiscal year ended in June.", "The 1997 fiscal year", "1997-01-01", "1997-12-31"),
    ("Spending will rise in the next fiscal year.", "the next fiscal year", "1999-01-01", "1999-12-31"),
    ("Bookings for fiscal '96 were weak.", "fiscal '96", "1996-01-01", "1996-12-31"),
    ("Debt grew in the current fiscal year.", "the current fiscal year", "1998-01-01", "1998-12-31"),
])
def test_fiscal_years(text, span, start, end):
    has(text, span, start, end, "fiscal-year")


@pytest.mark.parametrize("text", [
    "Fiscal policy was tightened again.",
    "A fiscal year is twelve months long.",
    "The fy 1999 label was a typo.",
    "Financial 20% gains were rare.",
])
def test_no_fiscal_year(text):
    assert not any(r == "fiscal-year" for *_, r in values(text)), values(text)


# --------------------------------------------------------------------------- "a year earlier / ago"
@pytest.mark.parametrize("text, span, start, end", [
    ("Profit rose to $5 million in the third quarter from $4 million a year earlier.", "a year earlier",
     "1997-07-01", "1997-09-30"),
    ("Sales in August climbed 6% from a year ago.", "a year ago", "1997-08-01", "1997-08-31"),
    ("Traffic on March 3 was heavier than a year before.", "a year before", "1997-03-03", "1997-03-03"),
    ("Exports in the first half were 2% higher than two years earlier.", "two years earlier", "1996-01-01",
     "1996-06-30"),
])
def test_year_earlier_same_period(text, span, start, end):
    has(text, span, start, end, "year-earlier-same-period")


@pytest.mark.parametrize("text, span, start, end", [
    # no comparison, or no finer date in the sentence: the whole year, as before
    ("He moved to the coast a year ago.", "a year ago", "1997-01-01", "1997-12-31"),
    ("The mill closed in August. A year earlier, it had cut 200 jobs.", "A year earlier", "1997-01-01",
     "1997-12-31"),
    ("Prices fell from their peak in 1996 to a low a year later.", "a year later", "1997-01-01", "1997-12-31"),
])
def test_year_offsets_without_comparison(text, span, start, end):
    got = values(text)
    assert any(s == span and a == start and b == end and r != "year-earlier-same-period" for s, a, b, r in got), got


# --------------------------------------------------------------------------- tense (lexical cues, no model)
@pytest.mark.parametrize("text, span, start", [
    # past: the latest such day or month on or before publication (1998-10-21, a Wednesday)
    ("The council met on Tuesday.", "on Tuesday", "1998-10-20"),
    ("Floods struck in December.", "December", "1997-12-01"),
    ("A dam burst in the spring.", "the spring", "1998-03-01"),
    # future: the next one
    ("The council will meet on Tuesday.", "on Tuesday", "1998-10-27"),
    ("Elections will be held in December.", "December", "1998-12-01"),
    ("The bridge is expected to reopen in March.", "March", "1999-03-01"),
    ("The camp will close in the spring.", "the spring", "1999-03-01"),
    ("The trial is scheduled to open on Jan. 12.", "Jan. 12", "1999-01-12"),
])
def test_direction_from_lexical_tense(text, span, start):
    got = values(text)
    assert any(s == span and a == start for s, a, _, _ in got), got


@pytest.mark.parametrize("text, span, start", [
    # the parse decides: the verb governing the date, not a future word elsewhere in the clause
    ("The ministry, which will publish its report later, said on Tuesday that talks failed.", "on Tuesday",
     "1998-10-20"),
    ("Officials said the envoy will arrive on Friday.", "on Friday", "1998-10-23"),
    ("The vote, officials said, will take place in March.", "March", "1999-03-01"),
    ("Rebels attacked the town in March, and the army will respond.", "March", "1998-03-01"),
    ("Neighbours say the shop was robbed on Thursday night.", "on Thursday night", "1998-10-15"),
])
def test_direction_from_the_parse(nlp, text, span, start):
    doc = nlp.make_doc(text)
    doc._.cs_meta = {"published": PUB, "dateline": None}
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "claimscope_dates":
            break
    got = [(text[p["start_char"]:p["end_char"]], p["start"]) for p in doc._.cs_dates]
    assert (span, start) in got, got


def test_tense_of_needs_a_parse(nlp):
    doc = nlp.make_doc("The council will meet on Tuesday.")
    assert tense_of(doc, {"future_aux": ["will"], "future_heads": []}) is None


# --------------------------------------------------------------------------- "that year", "the same month"
@pytest.mark.parametrize("text, span, start, end", [
    ("The mill closed on March 3, 2009. That year, two more plants shut.", "That year", "2009-01-01", "2009-12-31"),
    ("A bomb hit the market on 5 May 2014; the same month, a bus was attacked.", "the same month", "2014-05-01",
     "2014-05-31"),
    ("Riots began on June 8, 2016. That week, the curfew was extended.", "That week", "2016-06-06", "2016-06-12"),
    ("Output fell in the third quarter of 1995, and that same quarter two mines shut.", "that same quarter",
     "1995-07-01", "1995-09-30"),
])
def test_anaphoric_units(text, span, start, end):
    has(text, span, start, end, "anaphoric-unit")


def test_anaphoric_unit_without_anchor_is_null():
    # no date before it and no publication date: the anchor is unknown, said so (not guessed)
    got = values("That year, the harvest failed in the north.", None)
    assert got == [("That year", None, None, "anaphoric-unit")]


@pytest.mark.parametrize("text", [
    "She argued that year-on-year growth slowed.",
    "The same monthly fee applies to all users.",
    "That weekly market draws crowds.",
])
def test_no_anaphoric_unit(text):
    assert not any(r == "anaphoric-unit" for *_, r in values(text)), values(text)


# --------------------------------------------------------------------------- "March 3 and 5"
@pytest.mark.parametrize("text, expected", [
    ("Strikes were held on March 3 and 5.", [("March 3", "1998-03-03"), ("5", "1998-03-05")]),
    ("Hearings took place on May 2, 4 and 9, 1997.", [("May 2", "1997-05-02"), ("4", "1997-05-04"),
                                                       ("9, 1997", "1997-05-09")]),
    ("Polls open on the 3rd and 5th of June.", [("3rd", "1998-06-03"), ("5th of June", "1998-06-05")]),
    ("Flights resumed on Sept. 14 or 15 in the south.", [("Sept. 14", "1998-09-14"), ("15", "1998-09-15")]),
])
def test_coordinated_days(text, expected):
    got = [(s, a) for s, a, _, r in values(text) if r == "coordinated-day"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("Polls were open between May 1 and 5 in the north.", [("May 1 and 5", "1998-05-01", "1998-05-05")]),
    ("Talks ran on March 3-5 in Geneva.", [("March 3-5", "1998-03-03", "1998-03-05")]),
    ("On March 3 and 5 others were hurt.", [("March 3", "1998-03-03", "1998-03-03")]),
    ("The plant ran in 1996 and 1997.", [("1996", "1996-01-01", "1996-12-31"), ("1997", "1997-01-01", "1997-12-31")]),
])
def test_not_coordinated_days(text, expected):
    got = [(s, a, b) for s, a, b, _ in values(text)]
    assert got == expected


# --------------------------------------------------------------------------- shifting by years
@pytest.mark.parametrize("a, b, gran, n, expected", [
    (date(1998, 7, 1), date(1998, 9, 30), "range", -1, (date(1997, 7, 1), date(1997, 9, 30))),
    (date(2000, 2, 1), date(2000, 2, 29), "month", -1, (date(1999, 2, 1), date(1999, 2, 28))),
    (date(2000, 2, 29), date(2000, 2, 29), "day", 1, (date(2001, 2, 28), date(2001, 2, 28))),
    (date(1998, 10, 19), date(1998, 10, 25), "week", -1, (date(1997, 10, 20), date(1997, 10, 26))),
])
def test_shift_years(a, b, gran, n, expected):
    assert shift_years(a, b, gran, n) == expected


@pytest.mark.parametrize("text, span, start, end", [
    ("The hearing is set for the week of April 10.", "the week of April 10", "1999-04-05", "1999-04-11"),
    ("Crews worked through the week of Sept. 14.", "the week of Sept. 14", "1998-09-14", "1998-09-20"),
    ("Talks resume the week of Jan. 9, 2017 in Oslo.", "the week of Jan. 9, 2017", "2017-01-09", "2017-01-15"),
])
def test_week_of(text, span, start, end):
    has(text, span, start, end, "week-of")


@pytest.mark.parametrize("text, span, start", [
    # a present tense sends a year-less month to the nearer of its two occurrences (pub 1998-10-21)
    ("The appeal is heard in December.", "December", "1998-12-01"),
    ("Prices soar in September as stocks dwindle.", "September", "1998-09-01"),
])
def test_present_tense_months_from_the_parse(nlp, text, span, start):
    doc = nlp.make_doc(text)
    doc._.cs_meta = {"published": PUB, "dateline": None}
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "claimscope_dates":
            break
    got = [(text[p["start_char"]:p["end_char"]], p["start"]) for p in doc._.cs_dates]
    assert (span, start) in got, got


@pytest.mark.parametrize("text, span, start, end", [
    # no period mentioned before (or only a day): a report's period is its latest quarter
    ("In the year-earlier period, the mill earned $3 million.", "the year-earlier period", "1997-07-01", "1997-09-30"),
    ("For the six months to Sept. 30, sales beat the year-ago period.", "the year-ago period", "1997-07-01",
     "1997-09-30"),
    # "the year" in a part of a year: the publication year
    ("Wages froze; the end of the year saw cuts.", "the end of the year", "1998-10-01", "1998-12-31"),
    ("Hiring slowed in the middle of the year.", "the middle of the year", "1998-05-01", "1998-08-31"),
])
def test_periods_without_a_named_period(text, span, start, end):
    has(text, span, start, end)


def test_no_part_of_the_year_without_a_year_word():
    assert not any(r == "year-part" for *_, r in values("Sales rose later the year before, it said."))
