"""One table per grammar rule (`Grammar.add` name): at least three invented sentences where the rule must give
the span, and sentences where it must not fire. Publication date 2016-06-27 (a Monday); no spaCy entities.
`test_every_rule_has_a_table` fails when a rule is added without its table."""
from __future__ import annotations

import pytest

from pipeline.extract.dates.component import find_dates
from pipeline.extract.dates.grammar import grammar

PUB = "2016-06-27"

# rule -> (the rule names it records, [(sentence, span it gives)], [sentences where it must not fire])
TABLE = {
    "iso-date": (("iso-date",), [
        ("Filed on 2015-11-03 by the clerk.", "2015-11-03"),
        ("The log entry 2012-07-19 was erased.", "2012-07-19"),
        ("A backup was taken 1998-02-28 at noon.", "1998-02-28"),
    ], ["Part 2015-11-93 is defective.", "Order 2016-13-01 was rejected."]),
    "numeric-date": (("numeric-date",), [
        ("Report dated 3/14/2016 was sealed.", "3/14/2016"),
        ("The form says 11/02/2015 at the top.", "11/02/2015"),
        ("Entry 25.12.2014 in the ledger.", "25.12.2014"),
    ], ["The score was 3.5.16 at halftime.", "Oil makes up 1/3 of exports."]),
    "month-day-year": (("month-day-year",), [
        ("The post was attacked on February 15, 2016.", "February 15, 2016"),
        ("Sunday, Jan. 17, 2016, was cold.", "Sunday, Jan. 17, 2016"),
        ("The verdict came Dec. 22 2015 in court.", "Dec. 22 2015"),
    ], ["The march 3, 2016 plan failed.", "The form lists February 30, 2016 by mistake."]),
    "day-month-year": (("day-month-year",), [
        ("Guards were fired on at 5 June 2016 dawn patrol.", "5 June 2016"),
        ("A checkpoint came under fire on 9th May, 2016.", "9th May, 2016"),
        ("It reopened on the 3rd of August 2013.", "the 3rd of August 2013"),
    ], ["The 5 june 2016 memo leaked.", "On 31 April 2016 nothing happened."]),
    "day-range": (("day-range",), [
        ("Riots broke out on 16-17th December 2011.", "16-17th December 2011"),
        ("Talks were held on 4 to 6 March 2015.", "4 to 6 March 2015"),
        ("Markets closed November 10-12, 2014.", "November 10-12, 2014"),
    ], ["The 17-16 May count was wrong.", "Scores of 3-4 march past."]),
    "month-day": (("month-day",), [
        ("The body was found Jan. 17 by a jogger.", "Jan. 17"),
        ("The store was robbed on December 27th.", "December 27th"),
        ("On March 3 last year a bomb exploded.", "March 3 last year"),
    ], ["Turnout rose in May 5 percent.", "Sales reached April 3.5 million units."]),
    "day-month": (("day-month",), [
        ("The memorial is on the 5th of June every year.", "the 5th of June"),
        ("Strikes began on 14 February.", "14 February"),
        ("He arrived on the 2nd of May.", "the 2nd of May"),
    ], ["On that day the 5 May be late.", "Give 5 march orders."]),
    "month-year": (("month-year",), [
        ("The strike began in December 2011.", "December 2011"),
        ("The port reopened in June of 2016.", "June of 2016"),
        ("Prices fell in Sept. 2014.", "Sept. 2014"),
    ], ["She met june 2011 graduates.", "He wrote may 2015 songs."]),
    "month-relative-year": (("month-relative-year",), [
        ("Rallies were held in May this year.", "May this year"),
        ("Floods hit the valley in July last year.", "July last year"),
        ("Talks resume in October next year.", "October next year"),
    ], ["It rained in may this year.", "In Jun this year the dam broke."]),
    "month-range": (("month-range",), [
        ("Protests ran from March to May 2014.", "March to May 2014"),
        ("Marches in March and April this year were banned.", "March and April this year"),
        ("The harvest lasts September through November.", "September through November"),
    ], ["Floods came in February and June.", "It lasted from May to March."]),
    "part-of-month": (("part-of-month",), [
        ("Fighting flared in mid-June.", "mid-June"),
        ("The camp was shelled in late December 2011.", "late December 2011"),
        ("Supplies ran out by the end of May.", "the end of May"),
    ], ["Rain fell in late june.", "Fuel ran short near the end of the quarter."]),
    "month-relative": (("month-relative",), [
        ("The mine closed last December.", "last December"),
        ("Elections are due next March.", "next March"),
        ("This past April was dry.", "This past April"),
    ], ["The mine closed last december.", "The last Marches of the season ended."]),
    "month": (("month",), [
        ("Talks stalled in March and resumed.", "March"),
        ("Prices rose sharply in December.", "December"),
        ("The rains came during August.", "August"),
    ], ["May God protect them.", "March Madness begins.", "The talks may resume soon."]),
    "year-part": (("year-part",), [
        ("The road was built in early 2015.", "early 2015"),
        ("Arrests began in mid-2014.", "mid-2014"),
        ("Earlier this year the council resigned.", "Earlier this year"),
        ("Orders dipped; the end of the year looked grim.", "the end of the year"),
    ], ["He came early to the 2015 meeting.", "Late fees rose again."]),
    "decade": (("decade", "decade-part"), [
        ("Jazz clubs boomed in the 1950s.", "the 1950s"),
        ("Factories opened in the late '90s.", "the late '90s"),
        ("She studied abroad in the early 1980s.", "the early 1980s"),
    ], ["The suspect is in his early 20s.", "Two men in their 30s were arrested."]),
    "century": (("century",), [
        ("The fort dates from the 19th century.", "the 19th century"),
        ("Churches of the late 18th century survive.", "the late 18th century"),
        ("Ruins from the twelfth century remain.", "the twelfth century"),
    ], ["A 22nd century novel sold well.", "The century-old bridge fell."]),
    "year-range": (("year-range",), [
        ("In 2015-2016 alone, curfews were declared five times.", "2015-2016"),
        ("The budget for 2014-15 was cut.", "2014-15"),
        ("Crime rose between 2009 and 2014 in the county.", "2009 and 2014"),
    ], ["The party won in 2008 and 2012.", "Codes 2001-2099 are invalid."]),
    "year": (("year",), [
        ("The plant was sold in 1997.", "1997"),
        ("Output has fallen since 2014 in every sector.", "2014"),
        ("In 2011, the mill closed.", "2011"),
    ], ["He lives at 1985 Elm Street.", "About 1500 troops arrived.", "Turnout in the 2014 election was low."]),
    "season": (("season",), [
        ("The regatta was dropped in the summer of 2009.", "the summer of 2009"),
        ("The dam burst last summer.", "last summer"),
        ("Roads flood in the winter here.", "the winter"),
    ], ["Prices fall every week.", "Crowds cheered the fall of the regime.", "Summer camp opens soon."]),
    "relative-day": (("relative-day",), [
        ("Two men were arrested yesterday.", "yesterday"),
        ("The mayor spoke today.", "today"),
        ("Shots were heard last night near the school.", "last night"),
    ], ["She reads USA Today every morning.", "He works for Fox News Today."]),
    "weekday": (("weekday-before-publication", "weekday-after-publication"), [
        ("On Tuesday, two gunmen attacked a police post.", "On Tuesday"),
        ("The suspect will appear in court on Thursday.", "on Thursday"),
        ("A man was shot Saturday night outside a bar.", "Saturday night"),
    ], ["Shoppers queued for Black Friday deals.", "He skipped the friday prayers."]),
    "relative-unit": (("relative-unit",), [
        ("The bridge was closed last month.", "last month"),
        ("Three stores were robbed last week.", "last week"),
        ("Cooperation will deepen next year.", "next year"),
    ], ["The past month was wet.", "They met in the last week of talks."]),
    "weekend": (("weekend",), [
        ("A car was torched over the weekend.", "the weekend"),
        ("Two shops closed during the weekend.", "the weekend"),
        ("Patrols were doubled for the weekend.", "the weekend"),
    ], ["The weekend edition sold out.", "Two people were hurt this weekend."]),
    "ago": (("ago",), [
        ("The office was raided two weeks ago.", "two weeks ago"),
        ("He moved here three years ago.", "three years ago"),
        ("The clinic opened a few days ago.", "a few days ago"),
    ], ["The abbey was built 600 years ago.", "That was years ago."]),
    "offset-from-previous": (("offset-from-previous", "offset-from-next"), [
        ("A market was bombed on June 3, 2016. Two days later, a second bomb went off.", "Two days later"),
        ("He was arrested on May 2, 2016 and charged the next day.", "the next day"),
        ("He bought a gun three days before the shooting.", "three days before the shooting"),
    ], ["It dragged on 500 days later than planned.", "The game ended later."]),
    "holiday": (("holiday",), [
        ("Two people were shot on Christmas Eve.", "Christmas Eve"),
        ("The family moved after Thanksgiving 1995.", "Thanksgiving 1995"),
        ("Fireworks injured four on New Year's Eve.", "New Year's Eve"),
    ], ["They bought a christmas tree.", "Easterly winds cooled the coast."]),
    "period": (("quarter", "half", "period"), [
        ("Profit rose in the third quarter.", "the third quarter"),
        ("The bank's first-half earnings fell.", "first-half"),
        ("Costs climbed against the year-earlier period.", "the year-earlier period"),
        ("Sales fell in the fourth quarter of 2014.", "the fourth quarter of 2014"),
        ("Net income in the quarter rose 5%.", "the quarter"),
    ], ["The Hawks led 14-3 at the end of the first quarter.", "He scored twice late in the second half of that game.",
        "A quarter of the budget went to roads.", "She lives in the quarter of the old town."]),
    "fiscal-year": (("fiscal-year",), [
        ("Sales in fiscal 2015 rose.", "fiscal 2015"),
        ("The FY2014 budget was cut.", "FY2014"),
        ("Debt grew in the current fiscal year.", "the current fiscal year"),
    ], ["Fiscal policy was tightened.", "A fiscal year lasts twelve months."]),
    "anaphoric-unit": (("anaphoric-unit",), [
        ("The mine closed on May 2, 2012. That year, prices fell.", "That year"),
        ("A bus was hit on 4 March 2015; the same month, a bridge fell.", "the same month"),
        ("Riots began on June 8, 2016. That week, shops closed.", "That week"),
    ], ["She said that year-on-year sales fell.", "The same monthly fee applies."]),
    "coordinated-day": (("coordinated-day",), [
        ("Strikes were held on March 3 and 5.", "March 3"),
        ("Hearings were held on May 2, 4 and 9, 2015.", "9, 2015"),
        ("Polls open on the 3rd and 5th of June.", "5th of June"),
    ], ["Polls were open between May 1 and 5 in the north.", "On March 3 and 5 others were hurt."]),
    "week-of": (("week-of",), [
        ("The hearing is set for the week of April 10.", "the week of April 10"),
        ("Talks resume the week of Jan. 9, 2017 in Oslo.", "the week of Jan. 9, 2017"),
        ("Ballots arrive in the week of Monday, May 2.", "the week of Monday, May 2"),
    ], ["He spent the week of rest at home.", "She recalled the week of march 6 in her diary."]),
}

# merged and marked values (not `Grammar.add` rules)
EXTRA = {
    "date-range": (("date-range",), [
        ("Talks ran June 30 - July 2, 2016 in Vienna.", "June 30 - July 2, 2016"),
        ("Roads closed from Dec. 30 to Jan. 2, 2016 for repairs.", "Dec. 30 to Jan. 2, 2016"),
        ("Polls were open between May 1 and May 5 in the north.", "May 1 and May 5"),
    ], ["Polls opened on May 1 and May 5 in the north.", "It ran June 3, 2014 to July 9, 2016."]),
    "dateline": (("dateline",), [
        ("GREENFIELD, Ore. (Dec. 10, 2015) \u2013 A routine patrol ended in a crash.", "Dec. 10, 2015"),
        ("HOLLOWAY, May 4, 2017 \u2014 Gunmen attacked a post.", "May 4, 2017"),
        ("PORT ELLIS, Fla. (March 2, 2014) - A boat sank at the pier.", "March 2, 2014"),
    ], ["He was shot (Dec. 10, 2015) \u2013 police said.",
        "The attack on May 4, 2017 \u2014 the worst in years \u2014 killed many."]),
}

_ROWS = [(rule, names, text, span) for rule, (names, pos, _) in {**TABLE, **EXTRA}.items() for text, span in pos]
_NEG = [(rule, names, text) for rule, (names, _, neg) in {**TABLE, **EXTRA}.items() for text in neg]


def _found(text, dateline_meta=False):
    # the dateline rows need no publication date from the metadata (it comes from the text)
    return find_dates(text, None if dateline_meta else PUB, use_dateparser=False)


@pytest.mark.parametrize("rule, names, text, span", _ROWS)
def test_rule_fires(rule, names, text, span):
    got = [(text[p["start_char"]:p["end_char"]], p["rule"]) for p in _found(text, rule == "dateline")]
    assert any(s == span and r.startswith(names) for s, r in got), got


@pytest.mark.parametrize("rule, names, text", _NEG)
def test_rule_does_not_fire(rule, names, text):
    got = [p["rule"] for p in _found(text, rule == "dateline")]
    assert not any(r.startswith(names) for r in got), got


def test_every_rule_has_a_table():
    rules = {r[0] for r in grammar().rules}
    assert rules == set(TABLE)
    for rule, (names, pos, neg) in {**TABLE, **EXTRA}.items():
        assert len(pos) >= 3 and len(neg) >= 2, rule
