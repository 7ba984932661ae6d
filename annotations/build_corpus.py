"""Build annotations/corpus.jsonl: gold annotations of the articles in corpus/ (which we wrote).

Run: .venv/bin/python annotations/build_corpus.py
Spans are located by quoting the article text (see goldlib.py) and checked before writing.
Coding conventions: annotations/README.md.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldlib import ROOT, Article, geo  # noqa: E402

# Places used in several articles
RU, UA, KZ, TJ, KG = (geo("Russia", 2017370, "country"), geo("Ukraine", 690791, "country"),
                      geo("Kazakhstan", 1522867, "country"), geo("Tajikistan", 1220409, "country"),
                      geo("Kyrgyzstan", 1527747, "country"))
SY, IQ, AF, PK, US = (geo("Syria", 163843, "country"), geo("Iraq", 99237, "country"),
                      geo("Afghanistan", 1149361, "country"), geo("Pakistan", 1168579, "country"),
                      geo("United States", 6252001, "country"))
ML, BF, NE, NG = (geo("Mali", 2453866, "country"), geo("Burkina Faso", 2361809, "country"),
                  geo("Niger", 2440476, "country"), geo("Nigeria", 2328926, "country"))
DAGESTAN = geo("Dagestan", 567293, "admin_region")
CHECHNYA = geo("Chechnya", 569665, "admin_region")
INGUSHETIA = geo("Ingushetia", 556349, "admin_region")
KBR = geo("Kabardino-Balkaria", 554667, "admin_region")
NORTH_CAUCASUS = geo("North Caucasus", None, "region", "RU")
MAKHACHKALA = geo("Makhachkala", 532096, "city")


def a01() -> Article:
    a = Article("corpus-01", "corpus/01_khasavyurt_checkpoint.txt", "2017-03-03")
    a.place_forms([
        ("MAKHACHKALA", MAKHACHKALA), ("Makhachkala", MAKHACHKALA), ("Dagestan", DAGESTAN),
        ("Khasavyurt", geo("Khasavyurt", 550478, "city")), ("Chechnya", CHECHNYA),
        ("Gimry", geo("Gimry", 561472, "village")), ("Gimri", geo("Gimry", 561472, "village")),
        ("Buynaksk", geo("Buynaksk", 570479, "city")), ("Syria", SY), ("Iraq", IQ),
        ("North Caucasus", NORTH_CAUCASUS),
    ])
    a.date("March 3, 2017", "2017-03-03", "2017-03-03", "day")
    a.date("on Tuesday", "2017-02-28", "2017-02-28", "day", relative=True)
    a.date("Two days later", "2017-03-02", "2017-03-02", "day", relative=True)
    a.date("on Wednesday", "2017-03-01", "2017-03-01", "day", relative=True)
    a.date("last month", "2017-02-01", "2017-02-28", "month", relative=True)
    a.date("2014-2015", "2014-01-01", "2015-12-31", "range")
    a.date("2016", "2016-01-01", "2016-12-31", "year", after="North Caucasus in")
    a.event("g1", "attack", "gunmen opened fire on a traffic police checkpoint", date="on Tuesday",
            places=[("Khasavyurt", 0, "outskirts"), ("Dagestan", 1, "in")],
            cas=[a.cas("killed", "Kill Two Police Officers", 2),
                 a.cas("killed", "Two police officers were killed", 2, attrs=("a1",)),
                 a.cas("injured", "at least four wounded", 4, 4, None, qualifier="at least", attrs=("a1",))],
            attrs=("a1", "a2", "a4", "a5"))
    a.event("g2", "bombing", "a homemade bomb went off next to two police cars", date="Two days later",
            places=[("Buynaksk", 0, "in")], cas=[a.no_casualties("No one was hurt", attrs=("a3",))],
            attrs=("a3", "a5"))
    a.event("g3", "raid", "a raid", date="last month", places=[("Makhachkala", 1, "outskirts")],
            cas=[a.cas("killed", "killed four suspected militants", 4),
                 a.cas("detained", "detained a dozen people", 12)],
            attrs=("a6",))
    a.attr("a1", "report", source="the republic's Interior Ministry", cue="according to",
           content="Two police officers were killed and at least four wounded on Tuesday when gunmen opened fire on "
                   "a traffic police checkpoint on the outskirts of Khasavyurt, a town in western Dagestan about 80 km "
                   "from the border with Chechnya", source_name="Interior Ministry of Dagestan")
    a.attr("a2", "report", source="a district official", cue="told",
           content="The attackers arrived in a car with stolen licence plates and fled towards the mountains near "
                   "the village of Gimry (also spelled Gimri)")
    a.attr("a3", "report", source=("the ministry", 0, "No one was hurt"), cue=("said", 0, "No one was hurt"),
           content="No one was hurt", source_name="Interior Ministry of Dagestan")
    a.attr("a4", "responsibility", source='the self-styled "Caucasus Province" of the Islamic State',
           cue="was claimed", content="Responsibility for the checkpoint attack",
           source_name="Islamic State Caucasus Province")
    a.attr("a5", "accusation", source="Investigators", cue=("said", 0, "Investigators"),
           content="the two incidents may have been organised by the same small cell, which reportedly includes a "
                   "17-year-old from Khasavyurt", hedge="may have been")
    a.attr("a6", "report", source="the National Anti-Terrorist Committee", cue="According to",
           content="the group had been preparing attacks on polling stations ahead of the regional elections")
    a.attr("a7", "report", source="the independent news site Caucasian Knot", cue="according to figures compiled by",
           content="the republic still accounted for more than 60 percent of all insurgency-related deaths in the "
                   "North Caucasus in 2016", source_name="Caucasian Knot")
    a.attr("a8", "statement", source="a senior police officer in Makhachkala", cue=("said", 0, "a senior police officer"),
           content="We are dealing with small groups, sometimes three or four people, who act on their own. They "
                   "have no central command, and that makes them much harder to stop")
    a.attr("a9", "report", source="Local residents interviewed by telephone", cue="described",
           content="a heavy police presence on the roads between Khasavyurt and Buynaksk, with checkpoints every few "
                   "kilometres and long queues of cars waiting to be searched", source_name="local residents")
    return a


def a02() -> Article:
    a = Article("corpus-02", "corpus/02_kharkiv_rally_bombing.txt", "2015-02-24")
    kharkiv = geo("Kharkiv", 706483, "city")
    a.place_forms([
        ("Kharkiv", kharkiv), ("Kharkov", kharkiv), ("Ukraine", UA), ("Kyiv", geo("Kyiv", 703448, "city")),
        ("Russia", RU), ("Belgorod", geo("Belgorod", 578072, "city")), ("Moscow", geo("Moscow", 524901, "city")),
        ("Donetsk", geo("Donetsk Oblast", 709716, "admin_region")),
        ("Luhansk", geo("Luhansk Oblast", 702657, "admin_region")),
        ("Debaltseve", geo("Debaltseve", 710229, "city")),
    ], skip=(("Ukraine", 1),))  # "Security Service of Ukraine" is an organisation's name
    a.date("February 24, 2015", "2015-02-24", "2015-02-24", "day")
    a.date("on Sunday", "2015-02-22", "2015-02-22", "day", relative=True)
    a.date("Monday evening", "2015-02-23", "2015-02-23", "day", relative=True)
    a.date("yesterday", "2015-02-23", "2015-02-23", "day", relative=True)
    a.date("last week", "2015-02-16", "2015-02-22", "week", relative=True)
    a.date("last autumn", "2014-09-01", "2014-11-30", "season", relative=True)
    a.date("November", "2014-11-01", "2014-11-30", "month", relative=True)
    a.date("19 January", "2015-01-19", "2015-01-19", "day", relative=True)
    a.date("Sunday", "2015-02-22", "2015-02-22", "day", relative=True, after="No group has claimed")
    a.date("last spring", "2014-03-01", "2014-05-31", "season", relative=True)
    a.event("g1", "bombing", "A bomb that exploded", date="on Sunday", places=[("Kharkiv", 1, "in")],
            cas=[a.cas("killed", "killed at least two people", 2, 2, None, qualifier="at least", attrs=("a1",)),
                 a.cas("injured", "injured about a dozen others", 12, None, None, qualifier="about", attrs=("a1",)),
                 a.cas("killed", "put the death toll at three", 3, attrs=("a2",)),
                 a.cas("killed", "a 15-year-old boy", 1, group="boy", total=False, attrs=("a2",)),
                 a.cas("killed", "a police officer", 1, group="police officer", total=False, attrs=("a2",))],
            attrs=("a1", "a2", "a3", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12"))
    a.event("g2", "arrest", "detained four suspects", date="yesterday",
            cas=[a.cas("detained", "detained four suspects", 4, attrs=("a4",))], attrs=("a4",))
    a.event("g3", "bombing", "a bomb wrecked a pub frequented by volunteer fighters", date="November",
            places=[("Kharkov", 0, "in")], cas=[a.cas("injured", "injuring 11 people", 11)])
    a.event("g4", "bombing", "a blast outside a court building", date="19 January", places=[("Kharkov", 0, "in")],
            cas=[a.no_casualties("caused no casualties")])
    a.attr("a1", "report", source="the regional police", cue=("said", 0, "the regional police"),
           content="A bomb that exploded on Sunday during a march in Kharkiv, Ukraine's second-largest city, killed at "
                   "least two people and injured about a dozen others")
    a.attr("a2", "report", source="the regional health department", cue=("put", 0, "the regional health department"),
           content="the death toll at three, including a 15-year-old boy and a police officer")
    a.attr("a3", "report", source=("the regional health department"), cue=("said", 0, "a police officer, and"),
           content="11 people remained in hospital")
    a.attr("a4", "report", source="The Security Service of Ukraine (SBU)", cue=("said", 0, "(SBU)"),
           content="it had detained four suspects yesterday", source_name="Security Service of Ukraine")
    a.attr("a5", "accusation", source="The Security Service of Ukraine (SBU)", cue="accused",
           content="Russia of training and arming the group", source_name="Security Service of Ukraine")
    a.attr("a6", "accusation", source="an SBU spokesman", cue="told",
           content="The organisers received their instructions and the explosives from Belgorod. They crossed the "
                   "border less than a week before the march")
    a.attr("a7", "denial", source="The Russian Foreign Ministry", cue="rejected", content="the accusation as groundless")
    a.attr("a8", "denial", source="The Russian Foreign Ministry", cue=("said", 0, "as groundless"),
           content="Moscow had nothing to do with the bombing")
    a.attr("a9", "report", source="Witnesses", cue=("said", 0, "Witnesses"),
           content="the blast threw people several metres into the air")
    a.attr("a10", "opinion", source="Some local commentators", cue="suggested",
           content="the bombing may have been meant to provoke clashes between supporters and opponents of the "
                   "government in a city that was deeply divided last spring", hedge="may have been")
    a.attr("a11", "statement", source="City authorities", cue=("said", 0, "City authorities"),
           content="they would pay 50,000 hryvnias to the family of each victim")
    a.attr("a12", "report", source="A regional police spokeswoman", cue=("said", 0, "A regional police spokeswoman"),
           content="around 300 officers had been deployed for the march")
    a.attr("a13", "statement", source="City authorities", cue=("announced", 0, "City authorities"),
           content="three days of mourning", events=("g1",))
    a.attr("a14", "opinion", source="critics", cue=("called", 0, "critics"),
           content="inadequate for an event announced weeks in advance", events=("g1",))
    return a


def a03() -> Article:
    a = Article("corpus-03", "corpus/03_batken_isfara_border.txt", "2021-05-12")
    koktash = geo("Kok-Tash", None, "village", "KG")
    aksai = geo("Ak-Say", 10370337, "village")
    batken_region = geo("Batken Region", 1463580, "admin_region")
    a.place_forms([
        ("Kyrgyzstan", KG), ("Tajikistan", TJ), ("Kok-Tash", koktash), ("Dushanbe", geo("Dushanbe", 1221874, "city")),
        ("Batken region", batken_region), ("Batken", geo("Batken", 1528735, "city")), ("Ak-Sai", aksai),
        ("Ak-Say", aksai), ("Fergana Valley", geo("Fergana Valley", None, "region")),
        ("Isfara", geo("Isfara", 1514896, "city")), ("Vorukh", geo("Vorukh", 1220164, "village")),
        ("Khujand", geo("Khujand", 1514879, "city")), ("Osh", geo("Osh", 1527534, "city")),
        ("Central Asia", geo("Central Asia", None, "region")), ("Bishkek", geo("Bishkek", 1528675, "city")),
    ], skip=(("Kyrgyzstan", 1),))  # "Red Crescent Society of Kyrgyzstan"
    a.date("May 12, 2021", "2021-05-12", "2021-05-12", "day")
    a.date("28-29 April", "2021-04-28", "2021-04-29", "range", relative=True)
    a.date("three decades ago", "1991-01-01", "1991-12-31", "approximate", relative=True)
    a.date("January 2014", "2014-01-01", "2014-01-31", "month")
    a.date("September 2019", "2019-09-01", "2019-09-30", "month")
    a.date("2014-2015", "2014-01-01", "2015-12-31", "range")
    a.date("the middle of last year", "2020-05-01", "2020-08-31", "approximate", relative=True)
    a.date("29 April", "2021-04-29", "2021-04-29", "day", relative=True, after="ceasefire agreed late on")
    a.date("last week", "2021-05-03", "2021-05-09", "week", relative=True)
    a.event("g1", "clash", "The fighting that broke out along the border", date="28-29 April",
            places=[("Kok-Tash", 0, "near"), ("Ak-Sai", 0, "in"), ("Batken region", 0, "in")],
            cas=[a.cas("killed", "at least 55 people were killed", 55, 55, None, qualifier="at least", attrs=("a1",)),
                 a.cas("killed", "36 of them Kyrgyz citizens", 36, group="Kyrgyz citizens", total=False, attrs=("a1",)),
                 a.cas("killed", "19 Tajik citizens", 19, group="Tajik citizens", total=False, attrs=("a1",)),
                 a.cas("injured", "more than 180 people had been wounded", 180, 181, None, qualifier="more than",
                       group="Kyrgyz side", total=False, attrs=("a2",)),
                 a.cas("injured", "a 13-year-old girl", 1, group="girl", total=False, attrs=("a2",)),
                 a.cas("displaced", "more than 33,000 residents of the Batken region were evacuated", 33000, 33001,
                       None, qualifier="more than", attrs=("a3",)),
                 a.cas("displaced", "nearly 40,000", 40000, None, 39999, qualifier="nearly", attrs=("a4",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a7", "a8", "a9", "a10"),
            counts={"injured": 181})  # the girl is among the 181 on the Kyrgyz side: the parts do not add up
    a.event("g2", "clash", "border guards fought with mortars near Vorukh", date="January 2014",
            places=[("Vorukh", 1, "near")], cas=[a.cas("injured", "five Kyrgyz guards were wounded", 5)])
    a.event("g3", "clash", "a dispute over a road near Kok-Tash", date="September 2019",
            places=[("Kok-Tash", 1, "near")],
            cas=[a.cas("killed", "left four people dead", 4),
                 a.cas("killed", "three Tajik citizens", 3, group="Tajik citizens", total=False),
                 a.cas("killed", "one Kyrgyz border guard", 1, group="Kyrgyz border guard", total=False)])
    a.attr("a1", "report", source="the two governments", cue="according to figures released separately by",
           content="at least 55 people were killed, 36 of them Kyrgyz citizens and 19 Tajik citizens")
    a.attr("a2", "report", source="The Kyrgyz health ministry", cue=("said", 0, "The Kyrgyz health ministry"),
           content="more than 180 people had been wounded on its side of the border, among them a 13-year-old girl")
    a.attr("a3", "report", source="Kyrgyz officials", cue=("said", 0, "The number of people who fled"),
           content="more than 33,000 residents of the Batken region were evacuated")
    a.attr("a4", "report", source="the Red Crescent Society of Kyrgyzstan", cue=("put", 0, "Red Crescent"),
           content="the figure at nearly 40,000")
    a.attr("a5", "report", source="Kyrgyz media", cue="reported",
           content="dozens of houses, a school and a customs post had been burned in Ak-Sai (Ak-Say) and neighbouring "
                   "villages")
    a.attr("a6", "report", source="Local monitors", cue="counted",
           content="more than 40 armed incidents in 2014-2015 alone")
    a.attr("a7", "accusation", source=("Kyrgyz officials", 1), cue="accused",
           content="the Tajik army of having prepared the offensive in advance")
    a.attr("a8", "accusation", source="Tajik state media", cue=("described", 0, "Tajik state media"),
           content="the fighting as a provocation by Kyrgyz border guards", hedge="reportedly")
    a.attr("a9", "opinion", source=None, cue="We cannot rule out",
           content="local commanders on both sides acted without clear orders from their capitals",
           hedge="cannot rule out")
    a.attr("a10", "report", source="Bishkek", cue="estimates", content="the cost of rebuilding at about $14 million",
           source_name="Kyrgyz government")
    return a


def a04() -> Article:
    a = Article("corpus-04", "corpus/04_kirkuk_tuz_attacks.txt", "2016-10-24")
    kirkuk = geo("Kirkuk", 94787, "city")
    a.place_forms([
        ("KIRKUK", kirkuk), ("Kirkuk", kirkuk), ("Iraq", IQ), ("Mosul", geo("Mosul", 99072, "city")),
        ("Dibis", geo("Dibis", 97001, "city")), ("Tuz Khurmatu", geo("Tuz Khurmatu", 90026, "city")),
        ("Hawija", geo("Hawija", 390188, "city")), ("Daquq", geo("Daquq", 90220, "city")),
        ("Sinjar", geo("Sinjar", 448149, "city")), ("Shingal", geo("Sinjar", 448149, "city")),
        ("Ramadi", geo("Ramadi", 98717, "city")), ("Fallujah", geo("Fallujah", 99454, "city")),
        ("Baghdad", geo("Baghdad", 98182, "city")), ("Erbil", geo("Erbil", 95446, "city")), ("US", US),
    ])
    a.date("October 24, 2016", "2016-10-24", "2016-10-24", "day")
    a.date("on Friday", "2016-10-21", "2016-10-21", "day", relative=True)
    a.date("yesterday", "2016-10-23", "2016-10-23", "day", relative=True)
    a.date("yesterday", "2016-10-23", "2016-10-23", "day", relative=True, n=1)
    a.date("on Friday", "2016-10-21", "2016-10-21", "day", relative=True, n=1)
    a.date("on Saturday", "2016-10-22", "2016-10-22", "day", relative=True)
    a.date("Yesterday", "2016-10-23", "2016-10-23", "day", relative=True)
    a.date("on Saturday", "2016-10-22", "2016-10-22", "day", relative=True, n=1)
    a.date("October 17", "2016-10-17", "2016-10-17", "day", relative=True)
    a.date("2014-2015", "2014-01-01", "2015-12-31", "range")
    a.date("the weekend", "2016-10-22", "2016-10-23", "range", relative=True)
    a.event("g1", "attack", "Islamic State fighters who infiltrated Kirkuk", date="on Friday",
            places=[("Kirkuk", 1, "in")],
            cas=[a.cas("killed", "46 people were killed", 46, attrs=("a1",)),
                 a.cas("injured", "133 were wounded", 133, attrs=("a1",)),
                 a.cas("killed", "over a hundred people had died", 100, 101, None, qualifier="over", attrs=("a2",)),
                 a.cas("killed", "74 of whom", 74, group="attackers", total=False, attrs=("a2",))],
            attrs=("a1", "a2", "a3", "a4", "a8"))
    a.event("g2", "attack", "a separate group stormed a power station under construction in Dibis", date="on Friday",
            places=[("Dibis", 0, "in")],
            cas=[a.cas("killed", "killing 13 workers", 13),
                 a.cas("killed", "four Iranian engineers", 4, group="Iranian engineers", total=False)])
    a.event("g3", "suicide_bombing", "a suicide bomber blew himself up at a checkpoint", date="on Friday",
            places=[("Tuz Khurmatu", 0, "in")], cas=[a.cas("injured", "wounding three policemen", 3)])
    a.event("g4", "arrest", "police detained at least 30 people in house-to-house searches", date="on Saturday",
            cas=[a.cas("detained", "detained at least 30 people", 30, 30, None, qualifier="at least")],
            attrs=("a10", "a11"))
    a.event("g5", "bombing", "a car bomb exploded near a market in Daquq", date="Yesterday",
            places=[("Daquq", 0, "in")], cas=[a.cas("killed", "killing five people", 5)], attrs=("a5",))
    a.event("g6", "attack", "an attack on their positions near Sinjar", date=("on Saturday", 1),
            places=[("Sinjar", 0, "near")],
            cas=[a.cas("killed", "there were no casualties among the defenders", 0, group="defenders", total=False,
                       attrs=("a6",)),
                 a.cas("injured", "there were no casualties among the defenders", 0, group="defenders", total=False,
                       attrs=("a6",))],
            attrs=("a6",))
    a.attr("a1", "report", source="the provincial health directorate", cue="According to",
           content="46 people were killed in the city, most of them members of the security forces, and 133 were "
                   "wounded")
    a.attr("a2", "report", source="Kurdish security officials", cue=("said", 0, "Kurdish security officials"),
           content="over a hundred people had died, a count that includes the attackers, 74 of whom they said were "
                   "shot or blew themselves up")
    a.attr("a3", "responsibility", source="The Islamic State", cue=("claimed", 0, "The Islamic State"),
           content="the Kirkuk operation")
    a.attr("a4", "accusation", source="The provincial police chief", cue=("said", 0, "The provincial police chief"),
           content="the attackers may have been helped by sleeper cells hiding among displaced families from Hawija",
           hedge="may have been")
    a.attr("a5", "accusation", source="local officials", cue="blamed", content="the same network")
    a.attr("a6", "report", source="a Peshmerga spokesman", cue=("said", 0, "a Peshmerga spokesman"),
           content="there were no casualties among the defenders")
    a.attr("a8", "opinion", source="Kurdish and Iraqi officials", cue="described",
           content="an attempt to divert forces from the offensive on Mosul")
    a.attr("a9", "opinion", source="Commanders", cue="expect",
           content="the battle for the city itself to last weeks, if not months")
    a.attr("a10", "accusation", source="Arab leaders", cue="complained",
           content="the searches targeted displaced Sunni families")
    a.attr("a11", "report", source="some of whom", cue=("said", 0, "some of whom"),
           content="they had been ordered to leave the city within 48 hours", source_name="displaced Sunni families")
    a.attr("a12", "report", source="Kurdish security officials", cue=("said", 0, "74 of whom they"),
           content="were shot or blew themselves up", events=("g1",))
    a.attr("a13", "statement", source="The Islamic State", cue="calling",
           content='it a response to the "crusader campaign" against Mosul', events=("g1",))
    a.attr("a14", "opinion", source=None, cue="suggest",
           content="the group will try to stretch the coalition by hitting targets far from the main front",
           events=("g1", "g2", "g3"))
    return a


def a05() -> Article:
    a = Article("corpus-05", "corpus/05_idlib_market_airstrike.txt", "2019-07-23")
    maarat = geo("Maarat al-Numan", 167611, "city")
    idlib_prov = geo("Idlib Governorate", 169387, "admin_region")
    a.place_forms([
        ("Idlib", idlib_prov), ("Idlib region", idlib_prov), ("Idlib province", idlib_prov),
        ("Idlib city", geo("Idlib", 169389, "city")), ("BEIRUT", geo("Beirut", 276781, "city")),
        ("Maarat al-Numan", maarat), ("Syria", SY), ("Britain", geo("United Kingdom", 2635167, "country")),
        ("Khan Sheikhoun", geo("Khan Shaykhun", 168325, "city")), ("Kafranbel", geo("Kafranbel", 168661, "city")),
        ("Hmeimim air base", geo("Hmeimim air base", None, "facility", "SY")),
        ("Latakia province", geo("Latakia Governorate", 173578, "admin_region")),
        ("Damascus", geo("Damascus", 170654, "city")), ("Aleppo", geo("Aleppo", 170063, "city")),
        ("Hama", geo("Hama Governorate", 170015, "admin_region")),
    ], override={("Aleppo", 1): geo("Aleppo Governorate", 170062, "admin_region")})
    a.date("July 23, 2019", "2019-07-23", "2019-07-23", "day")
    a.date("yesterday", "2019-07-22", "2019-07-22", "day", relative=True)
    a.date("the same morning", "2019-07-22", "2019-07-22", "day", relative=True)
    a.date("on Sunday", "2019-07-21", "2019-07-21", "day", relative=True)
    a.date("the end of April", "2019-04-21", "2019-04-30", "part_of_month", relative=True)
    a.date("last month", "2019-06-01", "2019-06-30", "month", relative=True)
    a.event("g1", "airstrike", "Air strikes hit a busy vegetable market", date="yesterday",
            places=[("Maarat al-Numan", 0, "in"), ("Syria", 0, "in")],
            cas=[a.cas("killed", "Kill Dozens", 12, 12, None, qualifier="dozens"),
                 a.cas("killed", "killing nearly 40 people", 40, None, 39, qualifier="nearly", attrs=("a1",)),
                 a.cas("killed", "a lower toll of 31 dead", 31, attrs=("a2",)),
                 a.cas("killed", "including eight children", 8, group="children", total=False, attrs=("a2",)),
                 a.cas("injured", "more than 60 people had been wounded", 60, 61, None, qualifier="more than",
                       attrs=("a3",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"))
    a.event("g2", "shelling", "shelling killed a woman and her two children", date="the same morning",
            places=[("Khan Sheikhoun", 0, "in")],
            cas=[a.cas("killed", "killed a woman and her two children", 3),
                 a.cas("killed", "a woman", 1, group="woman", total=False, after="shelling killed"),
                 a.cas("killed", "her two children", 2, group="children", total=False)])
    a.event("g3", "airstrike", "a barrel bomb dropped on the village of Kafranbel", date="on Sunday",
            places=[("Kafranbel", 0, "in")],
            cas=[a.cas("injured", "wounded four members of one family", 4),
                 a.cas("injured", "a 9-year-old girl", 1, group="girl", total=False)])
    a.attr("a1", "report", source="the Syrian Observatory for Human Rights", cue=("according to", 0),
           content="Air strikes hit a busy vegetable market in the rebel-held town of Maarat al-Numan in north-western "
                   "Syria yesterday, killing nearly 40 people", source_name="Syrian Observatory for Human Rights")
    a.attr("a2", "report", source="The White Helmets civil defence organisation", cue="gave",
           content="a lower toll of 31 dead, including eight children", source_name="White Helmets")
    a.attr("a3", "report", source="The White Helmets civil defence organisation", cue=("said", 0, "eight children"),
           content="more than 60 people had been wounded", source_name="White Helmets")
    a.attr("a4", "report", source="Rescuers", cue=("said", 0, "Rescuers"),
           content="the strikes came in two waves about 15 minutes apart, with the second hitting as residents "
                   "gathered to help the wounded")
    a.attr("a5", "accusation", source="The Observatory", cue=("said", 0, "The Observatory"),
           content="the aircraft were most likely Russian", hedge="most likely",
           source_name="Syrian Observatory for Human Rights")
    a.attr("a6", "denial", source="The Russian Defence Ministry", cue="denied",
           content="its warplanes had carried out any missions in the area")
    a.attr("a7", "denial", source="The Russian Defence Ministry", cue="calling", content='the reports "fabricated"')
    a.attr("a8", "accusation", source="Opposition activists", cue="identified",
           content="at least one Syrian Su-22 jet among the attackers", hedge="reportedly")
    a.attr("a9", "statement", source="a local council member in Maarat al-Numan", cue=("told", 0, "a local council"),
           content="The planes circled over the town for several minutes before they struck. They knew exactly where "
                   "the market was")
    a.attr("a10", "report", source="United Nations figures", cue=("according to", 1),
           content="more than 400 civilians have been killed and up to 330,000 people have fled their homes")
    a.attr("a11", "opinion", source="The UN human rights office", cue=("said", 0, "The UN human rights office"),
           content="some of the strikes may have amounted to war crimes", hedge="may have")
    a.attr("a12", "opinion", source="Aid agencies", cue="warn",
           content="camps near the Turkish border are already overcrowded and that a push towards Idlib city could "
                   "drive hundreds of thousands more people north", hedge=("could", 0, "Idlib city"))
    a.attr("a13", "report", source="Video filmed by local activists", cue="showed",
           content="the collapsed roofs of at least a dozen shops", events=("g1",))
    return a


def a06() -> Article:
    a = Article("corpus-06", "corpus/06_sahel_boulkessi_mondoro.txt", "2019-10-03")
    sahel = geo("Sahel", None, "region")
    a.place_forms([
        ("Mali", ML), ("Sahel", sahel), ("Boulkessi", geo("Boulkessi", None, "village", "ML")),
        ("Mondoro", geo("Mondoro", None, "village", "ML")), ("Burkina Faso", BF),
        ("Bamako", geo("Bamako", 2460596, "city")), ("Mopti region", geo("Mopti Region", 2453347, "admin_region")),
        ("Mopti", geo("Mopti", 2453348, "city")), ("Sévaré", geo("Sévaré", None, "city", "ML")),
        ("Ogossagou", geo("Ogossagou", None, "village", "ML")), ("Bankass", geo("Bankass", 2460401, "city")),
        ("Sobane Da", geo("Sobane Da", None, "village", "ML")), ("Djibo", geo("Djibo", 2361177, "city")),
        ("Niger", NE), ("Chad", geo("Chad", 2434508, "country")), ("Mauritania", geo("Mauritania", 2378080, "country")),
        ("Sahel region", geo("Sahel Region", 6930713, "admin_region")),
        ("Tillaberi region", geo("Tillabéri Region", 2595293, "admin_region")),
    ], skip=(("Sahel", 0), ("Sahel", 2)))  # "G5 Sahel" (the force's name)
    a.date("October 3, 2019", "2019-10-03", "2019-10-03", "day")
    a.date("on Monday", "2019-09-30", "2019-09-30", "day", relative=True)
    a.date("Two days later", "2019-10-02", "2019-10-02", "day", relative=True)
    a.date("on Tuesday", "2019-10-01", "2019-10-01", "day", relative=True)
    a.date("2017", "2017-01-01", "2017-12-31", "year")
    a.date("2012-2013", "2012-01-01", "2013-12-31", "range")
    a.date("March", "2019-03-01", "2019-03-31", "month", relative=True)
    a.date("early June of this year", "2019-06-01", "2019-06-10", "part_of_month", relative=True)
    a.date("June", "2019-06-01", "2019-06-30", "month", relative=True, after="a government spokesman said in")
    a.date("this year", "2019-01-01", "2019-12-31", "year", relative=True, after="from their homes")
    a.date("the first half of this year", "2019-01-01", "2019-06-30", "range", relative=True)
    a.event("g1", "attack", "The coordinated assault", date="on Monday",
            places=[("Boulkessi", 0, "in"), ("Mondoro", 0, "in"), ("Burkina Faso", 0, "near")],
            cas=[a.cas("killed", "25 soldiers had been killed", 25, attrs=("a1",)),
                 a.cas("missing", "about 60 were missing", 60, None, None, qualifier="about", attrs=("a1",)),
                 a.cas("killed", "the number of dead had risen to 38", 38, attrs=("a2",)),
                 a.cas("killed", "up to 85 soldiers may have died", 85, None, 85, qualifier="up to", attrs=("a3",)),
                 a.cas("killed", "killed fifteen of the assailants", 15, group="assailants", total=False,
                       attrs=("a6",)),
                 a.cas("killed", "No French soldiers were hurt", 0, group="French soldiers", total=False),
                 a.cas("injured", "No French soldiers were hurt", 0, group="French soldiers", total=False)],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7"))
    a.event("g2", "massacre", "gunmen killed more than 150 Fulani herders", date="March",
            places=[("Ogossagou", 0, "in"), ("Bankass", 0, "near")],
            cas=[a.cas("killed", "killed more than 150 Fulani herders", 150, 151, None, qualifier="more than")],
            attrs=("a10", "a12"))
    a.event("g3", "massacre", "an attack on the Dogon village of Sobane Da", date="early June of this year",
            places=[("Sobane Da", 0, "in")],
            cas=[a.cas("killed", "killed 35 people", 35),
                 a.cas("killed", "95 dead", 95, attrs=("a8",))],
            attrs=("a8", "a10"))
    a.attr("a1", "report", source="The government in Bamako", cue=("said", 0, "The government in Bamako"),
           content="25 soldiers had been killed and about 60 were missing", source_name="Malian government")
    a.attr("a2", "report", source="a defence ministry official", cue=("said", 0, "a defence ministry official"),
           content="the number of dead had risen to 38")
    a.attr("a3", "report", source="security sources in the Mopti region", cue="told",
           content="up to 85 soldiers may have died", hedge="may have")
    a.attr("a4", "responsibility", source="the Group for the Support of Islam and Muslims (JNIM)", cue="was claimed",
           content="Responsibility for the attacks", source_name="JNIM")
    a.attr("a5", "statement", source="the Group for the Support of Islam and Muslims (JNIM)",
           cue=("said", 0, "the al-Qaeda affiliate"),
           content="its fighters had seized vehicles, weapons and ammunition", source_name="JNIM")
    a.attr("a6", "report", source="The army", cue=("said", 0, "The army"),
           content="it had killed fifteen of the assailants in the counter-offensive")
    a.attr("a7", "report", source="a French military spokesman", cue=("according to", 0, "Operation Barkhane"),
           content="The French-led Operation Barkhane, which has about 4,500 troops in the region, provided air support "
                   "during the fighting at Boulkessi")
    a.attr("a8", "report", source="local officials", cue="first reported", content="95 dead")
    a.attr("a10", "accusation", source="Human rights groups", cue="have accused",
           content="ethnic militias of carrying out many of the massacres with the tacit consent of the authorities")
    a.attr("a11", "denial", source=("the government", 0, "an accusation"), cue="denies", content="an accusation",
           events=("g2", "g3"))
    a.attr("a12", "denial", source="a government spokesman", cue=("said", 0, "a government spokesman"),
           content="We do not arm militias. Those responsible for the killings in Ogossagou will be brought to justice")
    a.attr("a13", "report", source="the UN's humanitarian office", cue=("according to", 0, "Tillaberi"),
           content="thirty-three attacks on its security forces were recorded in the Tillaberi region in the first half "
                   "of this year alone")
    return a


def a07() -> Article:
    a = Article("corpus-07", "corpus/07_dapchi_abduction.txt", "2018-02-27")
    a.place_forms([
        ("DAMATURU", geo("Damaturu", 2345521, "city")), ("Nigeria", NG), ("Dapchi", geo("Dapchi", 2345172, "city")),
        ("Yobe State", geo("Yobe State", 2597367, "admin_region")), ("Chibok", geo("Chibok", 2346076, "city")),
        ("Borno State", geo("Borno State", 2346794, "admin_region")),
        ("Konduga", geo("Konduga", 2334044, "city")), ("Maiduguri", geo("Maiduguri", 2331447, "city")),
        ("Dikwa", geo("Dikwa", 2344854, "city")),
    ])
    a.date("February 27, 2018", "2018-02-27", "2018-02-27", "day")
    a.date("on Monday", "2018-02-26", "2018-02-26", "day", relative=True)
    a.date("a week after the raid", "2018-02-26", "2018-02-26", "day", relative=True)
    a.date("February 19", "2018-02-19", "2018-02-19", "day", relative=True)
    # "a claim it withdrew two days later": the day of the first claim is not stated
    a.date("two days later", None, None, "day", relative=True)
    a.date("January", "2018-01-01", "2018-01-31", "month", relative=True, after="the entrance to the town until")
    a.date("On Sunday", "2018-02-25", "2018-02-25", "day", relative=True)
    a.date("2016", "2016-01-01", "2016-12-31", "year")
    a.date("April 2014", "2014-04-01", "2014-04-30", "month")
    a.date("February 16", "2018-02-16", "2018-02-16", "day", relative=True)
    a.date("Two days later", "2018-02-18", "2018-02-18", "day", relative=True)
    a.event("g1", "kidnapping", "stormed a boarding school", date="February 19",
            places=[("Dapchi", 1, "in"), ("Yobe State", 0, "in")],
            cas=[a.cas("missing", "More Than a Hundred Schoolgirls Missing", 100, 101, None, qualifier="More Than"),
                 a.cas("missing", "110 girls were unaccounted for", 110, attrs=("a1",)),
                 a.cas("missing", "the number of missing girls at 111", 111, attrs=("a3",)),
                 a.cas("missing", "the figure of 110", 110, attrs=("a4",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a14", "a15", "a16"))
    a.event("g2", "kidnapping", "276 schoolgirls were kidnapped", date="April 2014",
            places=[("Chibok", 0, "in"), ("Borno State", 0, "in")],
            cas=[a.cas("kidnapped", "276 schoolgirls were kidnapped", 276),
                 a.cas("missing", "More than a hundred of them are still missing", 100, 101, None,
                       qualifier="More than")])
    a.event("g3", "suicide_bombing", "three suicide bombers blew themselves up at a crowded fish market",
            date="February 16", places=[("Konduga", 0, "in")],
            cas=[a.cas("killed", "killing at least 18 people", 18, 18, None, qualifier="at least", attrs=("a10",)),
                 a.cas("injured", "wounding 22", 22, attrs=("a10",)),
                 a.cas("killed", "22 dead", 22, attrs=("a11",))],
            attrs=("a10", "a11"))
    a.event("g4", "attack", "an attack on a military base near Dikwa", date="Two days later",
            places=[("Dikwa", 0, "near")],
            cas=[a.cas("killed", "there were no casualties among the troops", 0, group="troops", total=False,
                       attrs=("a12",)),
                 a.cas("injured", "there were no casualties among the troops", 0, group="troops", total=False,
                       attrs=("a12",))],
            attrs=("a12",))
    a.attr("a1", "report", source="The Nigerian government", cue="confirmed",
           content="110 girls were unaccounted for after Boko Haram fighters stormed a boarding school in the town of "
                   "Dapchi in Yobe State")
    a.attr("a2", "report", source=("residents", 0, "Technical College"), cue=("said", 0, "Technical College"),
           content="Gunmen in trucks, some mounted with machine guns, drove into Dapchi on the evening of February 19 "
                   "and went straight to the Government Girls Science and Technical College")
    a.attr("a3", "report", source=("police", 0, "On Sunday"), cue=("put", 0, "On Sunday"),
           content="the number of missing girls at 111")
    a.attr("a4", "report", source="the federal information minister", cue="announced", content="the figure of 110")
    a.attr("a5", "report", source="The state government", cue=("said", 0, "The state government"),
           content="the girls had been rescued by the army")
    a.attr("a6", "denial", source=("The army", 0, "a claim it withdrew"), cue="denied",
           content="it had withdrawn troops from Dapchi shortly before the raid")
    a.attr("a7", "accusation", source="several residents and a local councillor", cue="had alleged",
           content="it had withdrawn troops from Dapchi shortly before the raid")
    a.attr("a8", "statement", source="one father", cue=("told", 0, "one father"),
           content="There was a checkpoint at the entrance to the town until January. After they left, anyone could "
                   "drive in")
    a.attr("a9", "accusation", source="security officials", cue=("said", 0, "security officials"),
           content="it was reportedly carried out by a faction loyal to Abu Musab al-Barnawi, which broke away from "
                   "Abubakar Shekau's wing of Boko Haram in 2016", hedge="reportedly")
    a.attr("a10", "report", source="the State Emergency Management Agency", cue=("according to", 0, "wounding 22"),
           content="three suicide bombers blew themselves up at a crowded fish market in Konduga, about 35 km from "
                   "Maiduguri, killing at least 18 people and wounding 22")
    a.attr("a11", "report", source="Members of a local vigilante group", cue=("said", 0, "vigilante group"),
           content="the toll was higher, with 22 dead")
    a.attr("a12", "report", source="an army spokesman", cue=("said", 0, "an army spokesman"),
           content="there were no casualties among the troops")
    a.attr("a14", "statement", source="President Muhammadu Buhari", cue="called",
           content='the Dapchi abduction a "national disaster"')
    a.attr("a15", "statement", source="The government", cue="has said",
           content="it prefers negotiation to a military rescue, fearing for the lives of the hostages")
    a.attr("a16", "report", source="The government", cue="has hinted",
           content="a ransom running into millions of naira may already be on the table",
           hedge=("may", 0, "millions of naira"))
    a.attr("a17", "statement", source="President Muhammadu Buhari", cue="ordered",
           content="the security forces to bring the girls home", events=("g1",))
    return a


def a08() -> Article:
    a = Article("corpus-08", "corpus/08_parachinar_quetta_blasts.txt", "2017-06-24")
    parachinar = geo("Parachinar", 1168394, "city")
    a.place_forms([
        ("Pakistan", PK), ("Quetta", geo("Quetta", 1167528, "city")), ("Parachinar", parachinar),
        ("Karachi", geo("Karachi", 1174872, "city")), ("ISLAMABAD", geo("Islamabad", 1176615, "city")),
        ("Balochistan", geo("Balochistan", 1183606, "admin_region")),
        ("Kurram", geo("Kurram District", 1172574, "admin_region")),
        ("SITE area", geo("SITE area", None, "other", "PK")), ("Peshawar", geo("Peshawar", 1168197, "city")),
        ("Afghanistan", AF),
    ])
    a.date("June 24, 2017", "2017-06-24", "2017-06-24", "day")
    a.date("yesterday", "2017-06-23", "2017-06-23", "day", relative=True)
    a.date("this year", "2017-01-01", "2017-12-31", "year", relative=True)
    jan = a.date("January", "2017-01-01", "2017-01-31", "month", relative=True, after="bombed twice before this year")
    march = a.date("March", "2017-03-01", "2017-03-31", "month", relative=True, after="and in ")
    a.date("yesterday", "2017-06-23", "2017-06-23", "day", relative=True, n=1)
    a.date("January", "2017-01-01", "2017-01-31", "month", relative=True, after="similar attacks since")
    a.date("the middle of last year", "2016-05-01", "2016-08-31", "approximate", relative=True)
    a.date("2014-2015", "2014-01-01", "2015-12-31", "range")
    a.event("g1", "bombing", "a car packed with explosives blew up", date="yesterday",
            places=[("Quetta", 1, "in"), ("Balochistan", 0, "in")],
            cas=[a.cas("killed", "killing 13 people", 13),
                 a.cas("killed", "including seven policemen", 7, group="policemen", total=False),
                 a.cas("injured", "wounding about 20", 20, None, None, qualifier="about")],
            attrs=("a1", "a2", "a8"))
    a.event("g2", "bombing", "two bombs exploded minutes apart", date="yesterday",
            places=[("Parachinar", 1, "in"), ("Kurram", 0, "in")],
            cas=[a.cas("killed", "45 people were killed", 45, attrs=("a3",)),
                 a.cas("injured", "more than 200 injured", 200, 201, None, qualifier="more than", attrs=("a3",)),
                 a.cas("killed", "over 60 dead", 60, 61, None, qualifier="over", attrs=("a4",)),
                 a.cas("injured", "a 12-year-old boy who lost both legs", 1, group="boy", total=False)],
            attrs=("a3", "a4", "a5", "a7", "a8"))
    a.event("g3", "shooting", "gunmen on motorcycles shot dead four policemen", date="yesterday",
            places=[("SITE area", 0, "in"), ("Karachi", 1, "in")],
            cas=[a.cas("killed", "shot dead four policemen", 4)], attrs=("a6", "a8"))
    a.event("g4", "bombing", "a bomb hidden in a vegetable crate", date=jan,
            places=[("Parachinar", 4, "in")], cas=[a.cas("killed", "killed 25 people", 25)])
    a.event("g5", "bombing", "a car bomb outside a mosque", date=march, places=[("Parachinar", 4, "in")],
            cas=[a.cas("killed", "killed 22", 22)])
    a.attr("a1", "responsibility", source="Jamaat-ul-Ahrar", cue=("was claimed", 0),
           content="Responsibility for the Quetta bombing")
    a.attr("a2", "responsibility", source="the Islamic State group", cue=("was claimed", 0),
           content="Responsibility for the Quetta bombing")
    a.attr("a3", "report", source="Officials", cue=("said", 0, "Officials"),
           content="45 people were killed and more than 200 injured")
    a.attr("a4", "report", source="Tribal elders and hospital staff in Parachinar", cue="gave",
           content="a higher toll of over 60 dead")
    a.attr("a5", "responsibility", source="Lashkar-e-Jhangvi al-Alami", cue=("was claimed", 1),
           content="The Parachinar attack")
    a.attr("a6", "accusation", source="a senior police official", cue=("said", 0, "a senior police official"),
           content="the gunmen may have belonged to a little-known militant cell responsible for several similar "
                   "attacks since January", hedge="may have")
    a.attr("a7", "statement", source="a shopkeeper", cue=("told", 0, "a shopkeeper"),
           content="We have buried our people three times in six months. Nobody from the government has come here to "
                   "ask us what we need")
    a.attr("a8", "accusation", source="Military spokesmen", cue="blamed",
           content='"handlers" across the border in Afghanistan for the attacks')
    a.attr("a9", "denial", source="The Afghan government", cue="rejected", content="the charge",
           events=("g1", "g2", "g3"))
    a.attr("a10", "accusation", source="The Afghan government", cue=("said", 0, "rejected the charge"),
           content="Pakistan should look at the sanctuaries on its own soil", events=("g1", "g2", "g3"))
    a.attr("a11", "statement", source="The government", cue="announced",
           content="compensation of one million rupees for the family of each person killed")
    a.attr("a12", "opinion", source="Analysts", cue=("said", 0, "Analysts"), content="the timing was no accident")
    a.attr("a13", "accusation", source="Residents", cue="complain",
           content="the town, 300 km by road from Peshawar, is sealed by checkpoints that do not stop the bombers",
           events=("g2", "g4", "g5"))
    return a


def a09() -> Article:
    a = Article("corpus-09", "corpus/09_mazar_kunduz.txt", "2016-11-12")
    mazar = geo("Mazar-i-Sharif", 1133616, "city")
    kunduz = geo("Kunduz", 1135689, "city")
    a.place_forms([
        ("MAZAR-I-SHARIF", mazar), ("Mazar-i-Sharif", mazar), ("Mazar", mazar), ("Afghanistan", AF),
        ("Berlin", geo("Berlin", 2950159, "city")), ("Kunduz", kunduz), ("Qunduz", kunduz),
        ("Boz Qandahari", geo("Boz Qandahari", None, "village", "AF")),
        ("Baghlan", geo("Baghlan Province", 1147537, "admin_region")), ("Kabul", geo("Kabul", 1138958, "city")),
        ("Camp Marmal", geo("Camp Marmal", None, "facility", "AF")), ("US", US),
    ], skip=(("Afghanistan", 1),))  # "The United Nations mission in Afghanistan" (UNAMA)
    a.date("November 12, 2016", "2016-11-12", "2016-11-12", "day")
    a.date("on Thursday", "2016-11-10", "2016-11-10", "day", relative=True)
    a.date("yesterday", "2016-11-11", "2016-11-11", "day", relative=True)
    a.date("a week earlier", "2016-11-03", "2016-11-03", "day", relative=True)
    a.date("November 3", "2016-11-03", "2016-11-03", "day", relative=True)
    a.date("the next day", "2016-11-04", "2016-11-04", "day", relative=True)
    a.date("early October", "2016-10-01", "2016-10-10", "part_of_month", relative=True)
    a.date("September 2015", "2015-09-01", "2015-09-30", "month")
    a.date("the middle of last year", "2015-05-01", "2015-08-31", "approximate", relative=True)
    a.event("g1", "suicide_bombing", "drove a truck packed with explosives into the wall of the German consulate",
            date="on Thursday", places=[("Mazar-i-Sharif", 0, "in")],
            cas=[a.cas("killed", "killing six Afghan civilians", 6, attrs=("a1",)),
                 a.cas("injured", "injuring over a hundred", 100, 101, None, qualifier="over", attrs=("a1",)),
                 a.cas("killed", "All German staff were unhurt", 0, group="German staff", total=False, attrs=("a2",)),
                 a.cas("injured", "All German staff were unhurt", 0, group="German staff", total=False, attrs=("a2",)),
                 a.cas("killed", "two of the attackers were killed", 2, group="attackers", total=False)],
            attrs=("a1", "a2", "a3", "a4", "a10"))
    a.event("g2", "airstrike", "the air strike", date="November 3",
            places=[("Boz Qandahari", 0, "in"), ("Kunduz", 1, "outskirts")],
            cas=[a.cas("killed", "dozens of civilians died", 12, 12, None, qualifier="dozens", attrs=("a4",)),
                 a.cas("killed", "30 civilians died", 30, attrs=("a5",)),
                 a.cas("killed", "at least 32 civilians had been killed", 32, 32, None, qualifier="at least",
                       attrs=("a6",)),
                 a.cas("injured", "36 wounded", 36, attrs=("a6",))],
            attrs=("a4", "a5", "a6", "a7", "a8", "a9"))
    a.event("g3", "raid", "raiding a Taliban position", date="November 3",
            places=[("Boz Qandahari", 0, "in"), ("Kunduz", 1, "outskirts")],
            cas=[a.cas("killed", "Two American soldiers and three Afghan commandos were killed", 5),
                 a.cas("killed", "Two American soldiers", 2, group="American soldiers", total=False),
                 a.cas("killed", "three Afghan commandos", 3, group="Afghan commandos", total=False)])
    a.event("g4", "attack", "the insurgents again entered the city", date="early October",
            places=[("Kunduz", 3, "in")])
    a.event("g5", "attack", "had briefly captured it", date="September 2015", places=[("Kunduz", 3, "in")])
    a.attr("a1", "report", source="provincial officials", cue=("said", 0, "provincial officials"),
           content="A Taliban suicide bomber drove a truck packed with explosives into the wall of the German consulate "
                   "in Mazar-i-Sharif late on Thursday, killing six Afghan civilians and injuring over a hundred")
    a.attr("a2", "report", source="the foreign ministry in Berlin", cue=("said", 0, "the foreign ministry in Berlin"),
           content="All German staff were unhurt", source_name="German foreign ministry")
    a.attr("a3", "responsibility", source="The Taliban", cue=("claimed", 0, "The Taliban"), content="the attack")
    a.attr("a4", "statement", source="The Taliban", cue="describing",
           content="it as revenge for the air strike a week earlier near Kunduz, in which dozens of civilians died")
    a.attr("a5", "report", source="the provincial governor's office", cue="According to",
           content="30 civilians died in the bombing that followed, many of them women and children")
    a.attr("a6", "report", source="The United Nations mission in Afghanistan", cue=("said", 0, "later"),
           content="at least 32 civilians had been killed and 36 wounded", source_name="UNAMA")
    a.attr("a7", "statement", source=("US officials", 0), cue="acknowledged", content='civilians "may have been" killed',
           hedge="may have been")
    a.attr("a8", "statement", source=("US officials", 0), cue=("said", 0, "acknowledged"),
           content="an investigation was under way")
    a.attr("a9", "accusation", source="Residents who carried bodies to the governor's compound in Kunduz city the next day",
           cue="accused", content="the foreign forces of bombing houses that had nothing to do with the fighting",
           source_name="residents")
    a.attr("a10", "opinion", source="Military analysts in Kabul", cue=("said", 0, "Military analysts"),
           content="the Mazar bombing marked a shift")
    a.attr("a11", "opinion", source="one former general", cue=("said", 0, "one former general"),
           content="For years the north was the quiet part of the country. Now there is no safe city left between "
                   "Kunduz and the Uzbek border")
    a.attr("a12", "statement", source="The German government", cue=("said", 0, "The German government"),
           content="it would not close the consulate permanently")
    return a


def a10() -> Article:
    a = Article("corpus-10", "corpus/10_odessa_texas_shooting.txt", "2019-09-02")
    odessa = geo("Odessa", 5527554, "city")
    a.place_forms([
        ("West Texas", geo("West Texas", None, "region", "US")), ("ODESSA", odessa), ("Odessa", odessa),
        ("Texas", geo("Texas", 4736286, "admin_region")), ("Midland", geo("Midland", 5526337, "city")),
        ("El Paso", geo("El Paso", 5520993, "city")),
        ("Sutherland Springs", geo("Sutherland Springs", None, "village", "US")), ("US", US),
    ])
    a.date("September 2, 2019", "2019-09-02", "2019-09-02", "day")
    a.date("on Saturday", "2019-08-31", "2019-08-31", "day", relative=True)
    a.date("on Sunday", "2019-09-01", "2019-09-01", "day", relative=True)
    a.date("On Saturday evening", "2019-08-31", "2019-08-31", "day", relative=True)
    a.date("the next day", "2019-09-01", "2019-09-01", "day", relative=True)
    a.date("Sunday night", "2019-09-01", "2019-09-01", "day", relative=True)
    a.event("g1", "shooting", "opened fire on drivers and shoppers", date="on Saturday",
            places=[("Odessa", 0, "in"), ("Midland", 0, "in"), ("West Texas", 1, "in")],
            cas=[a.cas("killed", "Seven Killed", 7),
                 a.cas("killed", "killed seven people", 7, attrs=("a1",)),
                 a.cas("injured", "wounded 25 others", 25, attrs=("a1",)),
                 a.cas("injured", "three police officers", 3, group="police officers", total=False, attrs=("a1",)),
                 a.cas("injured", "a 17-month-old girl", 1, group="girl", total=False, attrs=("a1",)),
                 a.cas("killed", "killing the 29-year-old letter carrier", 1, group="letter carrier", total=False),
                 a.cas("killed", "five dead", 5, attrs=("a2",)),
                 a.cas("injured", "21 injured", 21, attrs=("a2",)),
                 a.cas("killed", "seven victims dead", 7, attrs=("a3",)),
                 a.cas("injured", "25 wounded", 25, attrs=("a3",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6"))
    a.event("g2", "shooting", "a gunman killed 22 people at a Walmart store", places=[("El Paso", 0, "in")],
            cas=[a.cas("killed", "killed 22 people", 22)])
    a.event("g3", "shooting", "a gunman killed 26 worshippers at a church", places=[("Sutherland Springs", 0, "in")],
            cas=[a.cas("killed", "killed 26 worshippers", 26)])
    a.attr("a1", "report", source="the authorities", cue=("said", 0, "the authorities"),
           content="A gunman who opened fire on drivers and shoppers across two West Texas cities on Saturday killed "
                   "seven people and wounded 25 others, including three police officers and a 17-month-old girl, before "
                   "officers shot him dead outside a cinema in Odessa")
    a.attr("a2", "report", source="the police", cue="had given",
           content="a preliminary count of five dead and 21 injured")
    a.attr("a3", "statement", source="A police spokesman", cue=("said", 0, "critical condition"),
           content="The count is seven victims dead and 25 wounded. We expect that number to hold, but several people "
                   "are still in critical condition")
    a.attr("a4", "report", source="the FBI", cue=("according to", 0, "hours before the shooting"),
           content="The gunman, a 36-year-old resident of Odessa, had been fired from his job at an oilfield services "
                   "company hours before the shooting")
    a.attr("a5", "report", source="the FBI", cue=("said", 0, "the FBI, which"),
           content="he had called the agency's tip line and the local police shortly after being dismissed")
    a.attr("a6", "report", source="Federal agents", cue=("said", 0, "Federal agents"),
           content="the rifle he used may have been bought in a private sale that did not require a background check",
           hedge="may have been")
    a.attr("a7", "statement", source="State lawmakers from both parties", cue=("said", 0, "State lawmakers"),
           content="they would look again at background checks for private gun sales")
    return a


def a11() -> Article:
    a = Article("corpus-11", "corpus/11_fresno_backyard_shooting.txt", "2019-11-19")
    fresno = geo("Fresno", 5350937, "city")
    california = geo("California", 5332921, "admin_region")
    oklahoma = geo("Oklahoma", 4544379, "admin_region")
    a.place_forms([
        ("Fresno", fresno), ("FRESNO", fresno), ("Calif.", california), ("California", california),
        ("Oklahoma", oklahoma), ("Saugus High School", geo("Saugus High School", None, "facility", "US")),
        ("Santa Clarita", geo("Santa Clarita", 5393049, "city")), ("Duncan", geo("Duncan", 4535389, "city")),
        ("United States", US),
    ])
    a.date("November 19, 2019", "2019-11-19", "2019-11-19", "day")
    a.date("on Sunday evening", "2019-11-17", "2019-11-17", "day", relative=True)
    a.date("on Monday", "2019-11-18", "2019-11-18", "day", relative=True)
    a.date("yesterday", "2019-11-18", "2019-11-18", "day", relative=True)
    a.date("On Thursday", "2019-11-14", "2019-11-14", "day", relative=True)
    a.date("the next day", "2019-11-15", "2019-11-15", "day", relative=True)
    a.date("Yesterday", "2019-11-18", "2019-11-18", "day", relative=True)
    a.date("this year", "2019-01-01", "2019-12-31", "year", relative=True)
    a.event("g1", "shooting", "opened fire on the crowd", date="on Sunday evening",
            places=[("Fresno", 2, "in"), ("Calif.", 0, "in")],
            cas=[a.cas("killed", "Four Killed", 4),
                 a.cas("killed", "killing four men", 4, attrs=("a1",)),
                 a.cas("injured", "wounding six others", 6, attrs=("a1",)),
                 a.cas("killed", "Three of them died at the scene", 3, group="died at the scene", total=False,
                       attrs=("a2",)),
                 a.cas("killed", "the fourth later in hospital", 1, group="died in hospital", total=False,
                       attrs=("a2",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"))
    a.event("g2", "shooting", "shot five classmates", date="On Thursday",
            places=[("Saugus High School", 0, "in"), ("Santa Clarita", 0, "in")],
            cas=[a.cas("killed", "killing two of them", 2)])
    a.event("g3", "shooting", "a man killed two people in the parking lot of a Walmart", date="Yesterday",
            places=[("Duncan", 0, "in"), ("Oklahoma", 1, "in")],
            cas=[a.cas("killed", "killed two people", 2, attrs=("a9",))], attrs=("a9",))
    a.attr("a1", "report", source="the Fresno police", cue=("said", 0, "the Fresno police"),
           content="Two gunmen who slipped into a backyard where dozens of relatives and friends were watching a "
                   "football game on Sunday evening opened fire on the crowd, killing four men and wounding six others",
           source_name="Fresno police")
    a.attr("a2", "report", source="the police", cue=("according to", 0), source_name="Fresno police",
           content="Three of them died at the scene and the fourth later in hospital")
    a.attr("a3", "report", source="Police", cue="initially reported", content="nine people shot",
           source_name="Fresno police")
    a.attr("a4", "report", source="Witnesses", cue=("said", 0, "Witnesses"),
           content="the men fired at least 20 rounds from semi-automatic handguns before running back to a car parked "
                   "on the street")
    a.attr("a5", "statement", source="one woman who attended the gathering", cue=("told", 0, "one woman"),
           content="They didn't say anything. They just walked in and started shooting at everyone, the kids were "
                   "right there")
    a.attr("a6", "statement", source="Detectives", cue=("said", 0, "Detectives"),
           content="they had no evidence that the family had been targeted for its ethnicity")
    a.attr("a7", "opinion", source="Detectives", cue="could not rule out",
           content="the killings were linked to a gang dispute", hedge="could not rule out")
    a.attr("a8", "report", source="A police spokesman", cue=("said", 0, "A police spokesman"),
           content="the attackers may have gone to the wrong address", hedge="may have")
    a.attr("a9", "report", source=("police", 0, "then shot himself"), cue=("said", 0, "then shot himself"),
           content="Yesterday, a man killed two people in the parking lot of a Walmart in Duncan, Oklahoma, and then "
                   "shot himself")
    a.attr("a10", "report", source="the Gun Violence Archive", cue="According to",
           content="there have been more than 380 mass shootings in the country so far this year, defined as incidents "
                   "in which four or more people are shot, not counting the shooter")
    return a


def a12() -> Article:
    a = Article("corpus-12", "corpus/12_north_caucasus_insurgency.txt", "2018-04-02")
    nb = "\u00a0"
    a.place_forms([
        ("North Caucasus", NORTH_CAUCASUS), ("Kizlyar", geo("Kizlyar", 547840, "city")), ("Dagestan", DAGESTAN),
        ("Karabudakhkent district", geo("Karabudakhkentsky District", 536044, "admin_region")),
        ("Makhachkala", MAKHACHKALA), ("Gubden", geo("Gubden", 558186, "village")), ("Chechnya", CHECHNYA),
        ("Naurskaya", geo("Naurskaya", 523206, "village")), ("Grozny", geo("Grozny", 558418, "city")),
        ("Ingushetia", INGUSHETIA), ("Nazran", geo("Nazran", 523064, "city")),
        ("Sunzha district", geo("Sunzhensky District", 486197, "admin_region")),
        ("Kabardino-Balkaria", KBR), ("Nalchik", geo("Nalchik", 523523, "city")), ("Syria", SY),
    ])
    a.date("April 2, 2018", "2018-04-02", "2018-04-02", "day")
    a.date("a decade ago", "2008-01-01", "2008-12-31", "approximate", relative=True)
    a.date(f"18{nb}February", "2018-02-18", "2018-02-18", "day", relative=True)
    a.date("the following day", "2018-02-19", "2018-02-19", "day", relative=True)
    a.date("A month later", "2018-03-01", "2018-03-31", "approximate", relative=True)
    a.date("16-17 March", "2018-03-16", "2018-03-17", "range", relative=True)
    a.date(f"March{nb}24,{nb}2017", "2017-03-24", "2017-03-24", "day")
    a.date(f"December{nb}4,{nb}2014", "2014-12-04", "2014-12-04", "day")
    a.date("2017", "2017-01-01", "2017-12-31", "year", after="in armed conflict in Dagestan in")
    a.date("2010", "2010-01-01", "2010-12-31", "year")
    a.date("2016-2017", "2016-01-01", "2017-12-31", "range")
    a.date("a decade earlier", "2006-01-01", "2007-12-31", "approximate", relative=True)
    a.date("August 2009", "2009-08-01", "2009-08-31", "month")
    a.date("October 2005", "2005-10-01", "2005-10-31", "month")
    a.date("the middle of last year", "2017-05-01", "2017-08-31", "approximate", relative=True)
    a.date("2010", "2010-01-01", "2010-12-31", "year", n=1)
    a.date("2014-2015", "2014-01-01", "2015-12-31", "range")
    a.event("g1", "shooting", "a gunman opened fire on worshippers leaving a church", date=f"18{nb}February",
            places=[("Kizlyar", 0, "in"), ("Dagestan", 0, "in")],
            cas=[a.cas("killed", "Five women were killed", 5, attrs=("a1",)),
                 a.cas("injured", "five other people were injured", 5, attrs=("a1",)),
                 a.cas("injured", "two of them police officers", 2, group="police officers", total=False,
                       attrs=("a1",))],
            attrs=("a1", "a2", "a3"))
    a.event("g2", "clash", "a shoot-out in a private house", date="16-17 March",
            places=[("Karabudakhkent district", 0, "in")],
            cas=[a.cas("killed", "two suspected militants were killed", 2),
                 a.cas("killed", "no one among the security forces was hurt", 0, group="security forces",
                       total=False),
                 a.cas("injured", "no one among the security forces was hurt", 0, group="security forces",
                       total=False),
                 a.cas("detained", "several young men had been detained", None, None, None, qualifier="several",
                       attrs=("a4",))],
            attrs=("a4",))
    a.event("g3", "attack", "six gunmen attacked a base of the National Guard", date=f"March{nb}24,{nb}2017",
            places=[("Naurskaya", 0, "in")],
            cas=[a.cas("killed", "six servicemen and all six attackers were killed", 12),
                 a.cas("killed", "six servicemen", 6, group="servicemen", total=False),
                 a.cas("killed", "all six attackers", 6, group="attackers", total=False)],
            attrs=("a5", "a6"))
    a.event("g4", "attack", "militants seized the Press House in central Grozny and a nearby school",
            date=f"December{nb}4,{nb}2014", places=[("Grozny", 0, "in")],
            cas=[a.cas("killed", "25 people died", 25),
                 a.cas("killed", "14 police officers", 14, group="police officers", total=False),
                 a.cas("killed", "11 attackers", 11, group="attackers", total=False),
                 a.cas("injured", "36 police officers were wounded", 36)],
            attrs=("a5", "a6"))
    a.event("g5", "suicide_bombing", "a suicide bomber killed more than 20 people at the police headquarters",
            date="August 2009", places=[("Nazran", 0, "in")],
            cas=[a.cas("killed", "killed more than 20 people", 20, 21, None, qualifier="more than")])
    a.event("g6", "attack", "was attacked by some 200 militants", date="October 2005", places=[("Nalchik", 0, "in")])
    a.attr("a1", "report", source="the republic’s Interior Ministry", cue=("according to", 0),
           content="Five women were killed and five other people were injured, two of them police officers who "
                   "returned fire", source_name="Interior Ministry of Dagestan")
    a.attr("a2", "responsibility", source="the “Islamic State”", cue="was claimed", content="Responsibility",
           source_name="Islamic State")
    a.attr("a3", "report", source="Investigators", cue=("said", 0, "Investigators later"),
           content="the gunman, a 22-year-old local man, had acted alone")
    a.attr("a4", "report", source="Residents of nearby Gubden", cue=("said", 0, "Residents of nearby Gubden"),
           content="several young men had been detained for questioning")
    a.attr("a5", "responsibility", source="groups that presented themselves as part of a wider jihad",
           cue="were claimed", content="Both attacks")
    a.attr("a6", "accusation", source="the Chechen authorities", cue="insisted",
           content="they were isolated gangs directed from abroad")
    a.attr("a7", "report", source="independent monitors", cue="According to",
           content="thirty-three people were killed in armed conflict in Dagestan in 2017, against more than 300 in "
                   "2010")
    a.attr("a8", "statement", source="a human rights researcher in Makhachkala", cue=("told", 0, "a human rights"),
           content="What we see now is not an organisation but a brand. Any teenager with a knife and a phone can "
                   "become a soldier of the caliphate for an afternoon")
    a.attr("a9", "accusation", source="public statements", cue="continue to describe",
           content="every attack as the work of foreign-directed networks")
    a.attr("a10", "opinion", source=None, cue="We cannot exclude",
           content="the violence may return to the scale of 2010 once the generation that left for Syria in 2014-2015 "
                   "starts to come home", hedge="cannot exclude")
    return a


def a13() -> Article:
    a = Article("corpus-13", "corpus/13_mogadishu_hotel_siege.txt", "2022-08-21")
    mogadishu = geo("Mogadishu", 53654, "city")
    marka = geo("Marka", 54225, "city")
    kismayo = geo("Kismayo", 55671, "city")
    a.place_forms([
        ("MOGADISHU", mogadishu), ("Mogadishu", mogadishu), ("Hayat Hotel", geo("Hayat Hotel", None, "facility", "SO")),
        ("Afgoye", geo("Afgooye", 65785, "city")),
        ("Lower Shabelle region", geo("Lower Shabelle", 51966, "admin_region")),
        ("Marka", marka), ("Merca", marka),
        ("Aden Adde International Airport", geo("Aden Adde International Airport", None, "facility", "SO")),
        ("Somalia", geo("Somalia", 51537, "country")), ("Kenya", geo("Kenya", 192950, "country")),
        ("Kismayo", kismayo), ("Kismaayo", kismayo), ("Nairobi", geo("Nairobi", 184745, "city")),
    ])
    a.date("August 21, 2022", "2022-08-21", "2022-08-21", "day")
    a.date("on Saturday", "2022-08-20", "2022-08-20", "day", relative=True)
    a.date("yesterday", "2022-08-20", "2022-08-20", "day", relative=True)
    a.date("on Friday evening", "2022-08-19", "2022-08-19", "day", relative=True)
    a.date("on Saturday", "2022-08-20", "2022-08-20", "day", relative=True, n=1)
    a.date("on Friday", "2022-08-19", "2022-08-19", "day", relative=True, n=1)  # n=0 is inside "on Friday evening"
    a.date("yesterday afternoon", "2022-08-20", "2022-08-20", "day", relative=True)
    a.date("May", "2022-05-01", "2022-05-31", "month", relative=True, after="took office in ")
    a.date("October 2017", "2017-10-01", "2017-10-31", "month")
    a.date("Last month", "2022-07-01", "2022-07-31", "month", relative=True)
    a.date("3 March", "2022-03-03", "2022-03-03", "day", relative=True)
    a.date("two days later", "2022-03-05", "2022-03-05", "day", relative=True)
    a.event("g1", "attack", "The assault on the Hayat Hotel", date="on Friday evening",
            places=[("Hayat Hotel", 0, "in"), ("Mogadishu", 0, "in")],
            cas=[a.cas("killed", "at Least 21 Dead", 21, 21, None, qualifier="at least"),
                 a.cas("killed", "at least 21 people had been killed", 21, 21, None, qualifier="at least",
                       attrs=("a1",)),
                 a.cas("injured", "117 wounded", 117, attrs=("a1",)),
                 a.cas("killed", "All four attackers were killed", 4, group="attackers", total=False, attrs=("a3",)),
                 a.cas("missing", "the number of people unaccounted for stood at 11", 11, attrs=("a8",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a10", "a11", "a13", "a14"))
    a.event("g2", "bombing", "a truck bomb at a busy junction", date="October 2017", places=[("Mogadishu", 1, "in")],
            cas=[a.cas("killed", "killed more than 500 people", 500, 501, None, qualifier="more than")])
    a.event("g3", "bombing", "a roadside bomb killed four soldiers", date="Last month", places=[("Marka", 0, "near")],
            cas=[a.cas("killed", "killed four soldiers", 4)])
    a.event("g4", "attack", "gunmen attacked a checkpoint outside Aden Adde International Airport", date="3 March",
            places=[("Aden Adde International Airport", 0, "near")],
            cas=[a.cas("killed", "killing five people", 5),
                 a.cas("killed", "two of them foreign contractors", 2, group="foreign contractors", total=False)])
    a.event("g5", "shelling", "mortar rounds landed near the airport", date="two days later",
            cas=[a.no_casualties("No one was hurt", attrs=("a12",))], attrs=("a12",))
    a.attr("a1", "report", source="the health minister", cue=("said", 0, "the health minister"),
           content="at least 21 people had been killed and 117 wounded")
    a.attr("a2", "report", source="Police", cue=("said", 0, "Police said"),
           content="they had rescued 106 people, including three children, during the night")
    a.attr("a3", "report", source="a police commander at the scene", cue="according to",
           content="All four attackers were killed")
    a.attr("a4", "responsibility", source=("al-Shabaab", 1), cue="was claimed", content="Responsibility",
           source_name="al-Shabaab")
    a.attr("a5", "statement", source=("al-Shabaab", 1), cue=("said", 0, "which said"),
           content='its fighters had targeted "apostate officials"', source_name="al-Shabaab")
    a.attr("a6", "report", source="A security official who asked not to be named", cue=("said", 0, "A security official"),
           content="the attackers may have reached the city through Afgoye, the farming town 30 km to the north-west in "
                   "the Lower Shabelle region, where the group still runs checkpoints at night", hedge="may have")
    a.attr("a7", "statement", source="one man", cue="told",
           content="My brother called me at nine o'clock on Friday and said he was hiding in a bathroom. Since then, "
                   "nothing")
    a.attr("a8", "report", source="The government", cue=("said", 0, "The government"),
           content="the number of people unaccounted for stood at 11 as of yesterday afternoon",
           source_name="Somali government")
    a.attr("a9", "statement", source="Hassan Sheikh Mohamud", cue="has promised", content='an "all-out war" on the group')
    a.attr("a10", "statement", source="His office", cue=("said", 0, "His office"),
           content="the hotel's owner would receive compensation", source_name="Somali presidency")
    a.attr("a11", "statement", source="His office", cue="announced",
           content="a 24-hour curfew on vehicle traffic around the hotel", source_name="Somali presidency")
    a.attr("a12", "report", source="the African Union mission", cue=("said", 0, "the African Union mission"),
           content="No one was hurt when mortar rounds landed near the airport two days later")
    a.attr("a13", "statement", source="Somalia's international partners", cue="condemned",
           content=("the attack", 0, "condemned"))
    a.attr("a14", "statement", source="Kenya", cue="offered", content="to fly the wounded to Nairobi for treatment",
           source_name="Kenyan government")
    return a


def a14() -> Article:
    a = Article("corpus-14", "corpus/14_michoacan_police_ambush.txt", "2021-12-15")
    mx = geo("Mexico", 3996063, "country")
    michoacan = geo("Michoacán", 3995955, "admin_region")
    apatzingan = geo("Apatzingán", 4018400, "city")
    aguililla = geo("Aguililla", 4019152, "city")
    guerrero = geo("Guerrero", 3527213, "admin_region")
    a.place_forms([
        ("Mexico", mx), ("Michoacán", michoacan), ("MORELIA", geo("Morelia", 3995402, "city")),
        ("Aguililla", aguililla), ("Jalisco", geo("Jalisco", 4004156, "admin_region")),
        ("Tierra Caliente", geo("Tierra Caliente", None, "region", "MX")),
        ("Apatzingán", apatzingan), ("Apatzingan", apatzingan),
        ("El Aguaje", geo("El Aguaje", None, "village", "MX")),  # GeoNames' El Aguaje entries are in other states
        ("Tepalcatepec", geo("Tepalcatepec", 3982007, "city")), ("US", US),
        ("Central America", geo("Central America", None, "region")), ("Guerrero", guerrero),
        ("Iguala", geo("Iguala", 3526798, "city")), ("Chilapa", geo("Chilapa de Álvarez", 3530886, "city")),
        ("Lázaro Cárdenas", geo("Lázaro Cárdenas", 4026082, "city")),
    ], skip=(("Michoacán", 2), ("Jalisco", 0)))  # "La Voz de Michoacán" (newspaper), "Jalisco New Generation Cartel"
    a.date("December 15, 2021", "2021-12-15", "2021-12-15", "day")
    a.date("on Tuesday", "2021-12-14", "2021-12-14", "day", relative=True)
    a.date("this year", "2021-01-01", "2021-12-31", "year", relative=True)
    a.date("Two days before the ambush", "2021-12-12", "2021-12-12", "day", relative=True)
    a.date("yesterday", "2021-12-14", "2021-12-14", "day", relative=True)
    a.date("earlier this year", "2021-01-01", "2021-12-31", "year", relative=True)
    a.date("October", "2021-10-01", "2021-10-31", "month", relative=True)
    a.date("the 14th of May", "2021-05-14", "2021-05-14", "day", relative=True)
    a.date("last month", "2021-11-01", "2021-11-30", "month", relative=True)
    a.date("2014", "2014-01-01", "2014-12-31", "year")
    a.date("yesterday", "2021-12-14", "2021-12-14", "day", relative=True, n=1)
    a.event("g1", "ambush", "Gunmen ambushed a convoy of state police", date="on Tuesday",
            places=[("Aguililla", 0, "near"), ("Michoacán", 1, "in")],
            cas=[a.cas("killed", "Thirteen Police Officers Killed", 13),
                 a.cas("killed", "killing 13 officers", 13, attrs=("a1",)),
                 a.cas("injured", "wounding two", 2, attrs=("a1",))],
            attrs=("a1", "a2", "a3", "a4", "a6", "a11"))
    a.event("g2", "airstrike", "a drone dropped explosives on houses in the village of El Aguaje",
            date="Two days before the ambush", places=[("El Aguaje", 0, "in")],
            cas=[a.no_casualties("no one was hurt", attrs=("a7",))], attrs=("a7",))
    a.event("g3", "arrest", "Soldiers arrested five suspects at a roadblock near Tepalcatepec", date="yesterday",
            places=[("Tepalcatepec", 0, "near")],
            cas=[a.cas("arrested", "arrested five suspects", 5, attrs=("a8",))], attrs=("a8",))
    a.event("g4", "clash", "a shoot-out between rival gangs near Iguala", date="the 14th of May",
            places=[("Iguala", 0, "near"), ("Guerrero", 0, "in")],
            cas=[a.cas("killed", "14 people were killed", 14)])
    a.event("g5", "shooting", "gunmen killed a family of five", date="last month",
            places=[("Chilapa", 0, "in"), ("Guerrero", 0, "in")],
            cas=[a.cas("killed", "killed a family of five", 5),
                 a.cas("killed", "including two children", 2, group="children", total=False)])
    a.attr("a1", "report", source="the state security secretariat", cue=("said", 0, "the state security secretariat"),
           content="Gunmen ambushed a convoy of state police on a mountain road in western Michoacán on Tuesday, "
                   "killing 13 officers and wounding two", source_name="Michoacán security secretariat")
    a.attr("a2", "report", source=("officials", 0, "of the road"), cue=("said", 0, "of the road"),
           content="The convoy of nine patrol trucks was escorting a team of prosecutors near the town of Aguililla "
                   "when it came under fire from both sides of the road")
    a.attr("a3", "report", source="A 26-year-old officer who survived", cue="told",
           content='the attackers "had been waiting for hours" and used explosives to stop the first truck')
    a.attr("a4", "accusation", source="The state governor, Alfredo Ramírez Bedolla", cue="blamed",
           content="the Jalisco New Generation Cartel (CJNG)", source_name="Alfredo Ramírez Bedolla")
    a.attr("a6", "accusation", source="A federal official who asked not to be named",
           cue=("said", 0, "A federal official"),
           content="the gunmen may have been tipped off about the convoy's route by someone inside the police",
           hedge="may have been")
    a.attr("a7", "report", source="residents", cue="according to",
           content="Two days before the ambush, a drone dropped explosives on houses in the village of El Aguaje, a few "
                   "kilometres away; no one was hurt")
    a.attr("a8", "report", source="the Defence Ministry", cue=("said", 0, "the Defence Ministry"),
           content="Soldiers arrested five suspects at a roadblock near Tepalcatepec yesterday and seized 40 rifles and "
                   "about 2 million pesos in cash")
    a.attr("a9", "report", source="Church groups in Apatzingan", cue="estimate",
           content="more than 3,500 people left Aguililla and nearby villages earlier this year")
    a.attr("a10", "report", source="The mayor of Aguililla", cue=("said", 0, "The mayor of Aguililla"),
           content="nearly 60 percent of the houses in the municipality stood empty")
    a.attr("a11", "statement", source="President Andrés Manuel López Obrador", cue=("said", 0, "López Obrador"),
           content='his "hugs, not bullets" strategy would not change and that the National Guard would send 300 more '
                   'troops to the state')
    return a


def a15() -> Article:
    a = Article("corpus-15", "corpus/15_tillaberi_analysis.txt", "2021-06-20")
    tillaberi = geo("Tillabéri Region", 2595293, "admin_region")
    tahoua = geo("Tahoua Region", 2439374, "admin_region")
    a.place_forms([
        ("Tillabéri", tillaberi), ("Tillabéri region", tillaberi), ("Tillaberi", tillaberi), ("Niger", NE),
        ("Sahel", geo("Sahel", None, "region")), ("Mali", ML), ("Nigeria", NG), ("Burkina Faso", BF),
        ("Liptako-Gourma", geo("Liptako-Gourma", None, "region")),
        ("Tri-Border Area", geo("Tri-Border Area", None, "region")),
        ("Inates", geo("Inates", None, "village", "NE")), ("Chinégodar", geo("Chinégodar", None, "village", "NE")),
        ("Ménaka", geo("Ménaka", 2453514, "city")),
        ("Tchoma Bangou", geo("Tchoma Bangou", None, "village", "NE")),
        ("Zaroumadareye", geo("Zaroumadareye", None, "village", "NE")),
        ("Ouallam", geo("Ouallam", 2440371, "city")),
        ("Banibangou", geo("Banibangou", 11996013, "village")),  # the commune's GeoNames entry (no cities500 entry)
        ("Tillia", geo("Tillia", 2438675, "city")), ("Tahoua region", tahoua), ("Tahoua", tahoua),
        ("Solhan", geo("Solhan", None, "village", "BF")),  # GeoNames' Solhan is in Turkey
        ("Yagha province", geo("Yagha Province", 2597268, "admin_region")),
        ("Ouagadougou", geo("Ouagadougou", 2357048, "city")), ("Niamey", geo("Niamey", 2440485, "city")),
        ("Ayorou", geo("Ayorou", 2447416, "city")),
    ])
    a.date("June 20, 2021", "2021-06-20", "2021-06-20", "day")
    a.date("the 2010s", "2010-01-01", "2019-12-31", "decade")
    a.date("December 10, 2019", "2019-12-10", "2019-12-10", "day")
    a.date("9 January 2020", "2020-01-09", "2020-01-09", "day")
    a.date("two days later", "2020-01-11", "2020-01-11", "day", relative=True)
    a.date("the 2nd of January this year", "2021-01-02", "2021-01-02", "day", relative=True)
    a.date("15 March", "2021-03-15", "2021-03-15", "day", relative=True)
    a.date("Six days later", "2021-03-21", "2021-03-21", "day", relative=True)
    a.date("4-5 June", "2021-06-04", "2021-06-05", "range", relative=True)
    a.date("January 2020", "2020-01-01", "2020-01-31", "month", after="in force since")
    a.event("g1", "attack", "the attack on the military base at Inates", date="December 10, 2019",
            places=[("Inates", 0, "in")],
            cas=[a.cas("killed", "71 soldiers were killed", 71, attrs=("a2",))], attrs=("a2", "a5", "a6"))
    a.event("g2", "attack", "fighters overran the army camp at Chinégodar", date="9 January 2020",
            places=[("Chinégodar", 0, "in")],
            cas=[a.cas("killed", "25 dead", 25, attrs=("a3",)),
                 a.cas("killed", "revised the figure to 89", 89, attrs=("a4",))],
            attrs=("a3", "a4", "a5", "a6"))
    a.event("g3", "massacre", "gunmen killed about 100 villagers in Tchoma Bangou and Zaroumadareye",
            date="the 2nd of January this year",
            places=[("Tchoma Bangou", 0, "in"), ("Zaroumadareye", 0, "in"), ("Ouallam", 0, "near")],
            cas=[a.cas("killed", "killed about 100 villagers", 100, None, None, qualifier="about")], attrs=("a8",))
    a.event("g4", "massacre", "armed men stopped vehicles returning from the weekly market at Banibangou",
            date="15 March", places=[("Banibangou", 0, "near")],
            cas=[a.cas("killed", "killed 58 passengers", 58)], attrs=("a8",))
    a.event("g5", "massacre", "gunmen attacked villages in the Tillia area", date="Six days later",
            places=[("Tillia", 0, "in"), ("Tahoua region", 0, "in")],
            cas=[a.cas("killed", "137 to 141 people died", 137, 137, 141, qualifier="to", attrs=("a7",)),
                 a.cas("killed", "at least 20 children", 20, 20, None, qualifier="at least", group="children",
                       total=False, attrs=("a7",))],
            attrs=("a7", "a8"))
    a.event("g6", "massacre", "gunmen killed residents of Solhan", date="4-5 June",
            places=[("Solhan", 0, "in"), ("Yagha province", 0, "in"), ("Burkina Faso", 1, "in")],
            cas=[a.cas("killed", "the toll at 132", 132, attrs=("a9",)),
                 a.cas("killed", "160 dead", 160, attrs=("a10",))],
            attrs=("a9", "a10", "a11"))
    a.attr("a1", "opinion", source="its partners", cue="was described",
           content="as an island of relative stability in the Sahel", source_name="Niger's partners")
    a.attr("a2", "report", source="the defence ministry", cue=("according to", 0),
           content="The series began with the attack on the military base at Inates on December 10, 2019, in which 71 "
                   "soldiers were killed", source_name="Niger defence ministry")
    a.attr("a3", "report", source=("the government", 0), cue="announced", content="25 dead",
           source_name="Niger government")
    a.attr("a4", "report", source=("the government", 0), cue="revised", content="the figure to 89",
           source_name="Niger government")
    a.attr("a5", "responsibility", source="the Islamic State in the Greater Sahara (ISGS)", cue="were claimed",
           content="Both attacks", source_name="ISGS")
    a.attr("a6", "report", source=None, cue="allegedly",
           content="whose fighters allegedly crossed from Ménaka in Mali on motorcycles", hedge="allegedly")
    a.attr("a7", "report", source="various sources", cue=("according to", 1),
           content="137 to 141 people died, among them at least 20 children")
    a.attr("a8", "accusation", source="local officials", cue=("say", 0, "local officials"),
           content="the ISGS may have been behind all of them, as retaliation for the formation of village self-defence "
                   "groups", hedge="may have been")
    a.attr("a9", "report", source="The government", cue=("put", 0, "The government initially"), content="the toll at 132",
           source_name="Burkina Faso government")
    a.attr("a10", "report", source="local sources", cue="spoke of", content="160 dead")
    a.attr("a11", "statement", source="Ouagadougou", cue="declared", content="three days of national mourning",
           source_name="Burkina Faso government")
    a.attr("a12", "accusation", source="Some officials in Niamey", cue="have accused",
           content="the Burkinabe army of allowing fighters to regroup in its border forests")
    a.attr("a13", "denial", source="the Burkinabe authorities", cue="reject", content="a charge")
    a.attr("a14", "report", source="the UN refugee agency", cue="According to",
           content="more than 300,000 people are now displaced inside Niger, most of them in Tillaberi and Tahoua",
           source_name="UNHCR")
    a.attr("a15", "opinion", source=None, cue="In my assessment",
           content="the military response, concentrated on large bases such as Inates and Ayorou, leaves the villages in "
                   "between exposed")
    return a


def a16() -> Article:
    a = Article("corpus-16", "corpus/16_jolo_mindanao_analysis.txt", "2020-09-01")
    sulu = geo("Sulu", 1685370, "admin_region")
    sabah = geo("Sabah", 1733039, "admin_region")
    mindanao = geo("Mindanao", None, "region", "PH")
    zamboanga = geo("Zamboanga", 1679432, "city")
    a.place_forms([
        ("Jolo", geo("Jolo", 1710141, "city")), ("Marawi", geo("Marawi", 1701053, "city")),
        ("Philippines", geo("Philippines", 1694008, "country")), ("Sulu province", sulu), ("Sulu", sulu),
        ("Lamitan", geo("Lamitan", 1707761, "city")), ("Basilan province", geo("Basilan", 1726404, "admin_region")),
        ("Indanan", geo("Indanan", None, "village", "PH")), ("Mindanao", mindanao), ("Sabah", sabah),
        ("Malaysia", geo("Malaysia", 1733045, "country")),
        ("Lanao del Sur", geo("Lanao del Sur", 1707667, "admin_region")),
        ("General Santos", geo("General Santos", 1713022, "city")),
        ("Cotabato City", geo("Cotabato", 1716771, "city")), ("Zamboanga", zamboanga),
    ])
    a.date("September 1, 2020", "2020-09-01", "2020-09-01", "day")
    a.date("August 24", "2020-08-24", "2020-08-24", "day", relative=True)
    a.date("on Wednesday", "2020-08-26", "2020-08-26", "day", relative=True)
    a.date("January 27, 2019", "2019-01-27", "2019-01-27", "day")
    a.date("2018", "2018-01-01", "2018-12-31", "year")
    a.date("31 July 2018", "2018-07-31", "2018-07-31", "day")
    a.date("June 2019", "2019-06-01", "2019-06-30", "month")
    a.date("the 1990s", "1990-01-01", "1999-12-31", "decade")
    a.date("2000s", "2000-01-01", "2009-12-31", "decade")
    a.date("this January", "2020-01-01", "2020-01-31", "month", relative=True)
    a.date("23 May to 23 October 2017", "2017-05-23", "2017-10-23", "range")
    a.date("May 2017", "2017-05-01", "2017-05-31", "month")
    a.date("December 2019", "2019-12-01", "2019-12-31", "month")
    a.date("on Monday", "2020-08-31", "2020-08-31", "day", relative=True)
    a.date("last week", "2020-08-24", "2020-08-30", "week", relative=True)
    a.date("on Sunday", "2020-08-30", "2020-08-30", "day", relative=True)
    a.event("g1", "suicide_bombing", "two women suicide bombers blew themselves up", date="August 24",
            places=[("Jolo", 1, "in"), ("Sulu province", 0, "in")],
            cas=[a.cas("killed", "14 people were killed", 14, attrs=("a1",)),
                 a.cas("killed", "seven soldiers", 7, group="soldiers", total=False, attrs=("a1",)),
                 a.cas("killed", "one police officer", 1, group="police officer", total=False, attrs=("a1",)),
                 a.cas("killed", "six civilians", 6, group="civilians", total=False, attrs=("a1",)),
                 a.cas("injured", "75 were wounded", 75, attrs=("a1",)),
                 a.cas("killed", "the number of dead at 15", 15, attrs=("a2",)),
                 a.cas("killed", "one of the two bombers", 1, group="bombers", total=False, attrs=("a3",))],
            attrs=("a1", "a2", "a3", "a4"))
    a.event("g2", "suicide_bombing", "the bombing of the Roman Catholic cathedral in the same town",
            date="January 27, 2019", places=[("Jolo", 2, "in")],
            cas=[a.cas("killed", "killed 23 people", 23),
                 a.cas("injured", "injured about 100", 100, None, None, qualifier="about")],
            attrs=("a4", "a5", "a6"))
    a.event("g3", "suicide_bombing", "a van that blew up at a checkpoint in Lamitan", date="31 July 2018",
            places=[("Lamitan", 0, "in"), ("Basilan province", 0, "in")],
            cas=[a.cas("killed", "killed 10 people", 10),
                 a.cas("killed", "including the driver", 1, group="driver", total=False)])
    a.event("g4", "suicide_bombing", "an attack on an army camp in Indanan", date="June 2019",
            places=[("Indanan", 0, "in")])
    a.event("g5", "kidnapping", "five Indonesian fishermen were kidnapped from their boat", date="this January",
            places=[("Sabah", 1, "near")],
            cas=[a.cas("kidnapped", "five Indonesian fishermen were kidnapped", 5)])
    a.event("g6", "clash", "the siege of Marawi", date="23 May to 23 October 2017", places=[("Marawi", 0, "in")],
            cas=[a.cas("killed", "more than 1,100 people dead", 1100, 1101, None, qualifier="more than",
                       attrs=("a7",)),
                 a.cas("displaced", "displaced some 360,000 residents", 360000, None, None, qualifier="some",
                       attrs=("a7",))],
            attrs=("a7",))
    a.event("g7", "attack", "a grenade was thrown at a bus terminal", date="on Sunday",
            places=[("Zamboanga", 1, "in")], cas=[a.no_casualties("no one was hurt", attrs=("a11",))],
            attrs=("a11",))
    a.attr("a1", "report", source="the military", cue="According to",
           content="14 people were killed — seven soldiers, one police officer and six civilians — and 75 were wounded",
           source_name="Armed Forces of the Philippines")
    a.attr("a2", "report", source="The Philippine Red Cross", cue=("put", 0, "The Philippine Red Cross"),
           content="the number of dead at 15")
    a.attr("a3", "report", source="a provincial official", cue=("said", 0, "a provincial official"),
           content="the toll included one of the two bombers, a woman believed to be the widow of an Abu Sayyaf militant",
           hedge="believed to be")
    a.attr("a4", "accusation", source="The army chief", cue="has said",
           content="the faction led by Mundi Sawadjaan may have been behind the attack, as it allegedly was behind the "
                   "bombing of the Roman Catholic cathedral in the same town", hedge="may have been")
    a.attr("a5", "responsibility", source="the Islamic State", cue="was claimed", content="That attack",
           source_name="Islamic State")
    a.attr("a6", "report", source="The police", cue=("said", 0, "The police"),
           content="DNA tests identified the two bombers as an Indonesian couple")
    a.attr("a7", "report", source="government figures", cue="according to",
           content="The Marawi siege, from 23 May to 23 October 2017, left more than 1,100 people dead, most of them "
                   "militants, and displaced some 360,000 residents", source_name="Philippine government")
    a.attr("a8", "statement", source="President Rodrigo Duterte", cue=("said", 0, "Duterte"),
           content="he was considering declaring it again in Sulu")
    a.attr("a9", "opinion", source="Human rights groups", cue="warned", content="this would be a mistake")
    a.attr("a10", "opinion", source=None, cue="In my view",
           content="the bombings show that the problem has moved from the jungle to the town square, where soldiers at "
                   "checkpoints offer little protection against a determined attacker on foot")
    a.attr("a11", "report", source=("police", 0, "In Zamboanga"), cue=("said", 0, "In Zamboanga"),
           content="no one was hurt when a grenade was thrown at a bus terminal on Sunday", source_name="police")
    return a


def a17() -> Article:
    a = Article("corpus-17", "corpus/17_arauca_toll_update.txt", "2022-01-05")
    arauca_dept = geo("Arauca", 3689717, "admin_region")
    a.place_forms([
        ("BOGOTÁ", geo("Bogotá", 3688689, "city")), ("Arauca", arauca_dept),
        ("Tame", geo("Tame", 3667478, "city")), ("Fortul", geo("Fortul", 3682361, "city")),
        ("Arauquita", geo("Arauquita", 3689714, "city")), ("Saravena", geo("Saravena", 3668257, "city")),
        ("Venezuela", geo("Venezuela", 3625428, "country")), ("Apure", geo("Apure", 3649151, "admin_region")),
        ("Caracas", geo("Caracas", 3646738, "city")), ("Cauca", geo("Cauca", 3687029, "admin_region")),
        ("Corinto", geo("Corinto", 3685871, "city")),
    ], override={("Arauca", 4): geo("Arauca", 3689718, "city")})  # "the city of Arauca"
    a.date("January 5, 2022", "2022-01-05", "2022-01-05", "day")
    a.date("yesterday", "2022-01-04", "2022-01-04", "day", relative=True)
    a.date("on Monday", "2022-01-03", "2022-01-03", "day", relative=True)
    a.date("on Sunday", "2022-01-02", "2022-01-02", "day", relative=True)
    a.date("on Monday", "2022-01-03", "2022-01-03", "day", relative=True, n=1)
    a.date("the first three days of the year", "2022-01-01", "2022-01-03", "range", relative=True)
    a.date("on Sunday", "2022-01-02", "2022-01-02", "day", relative=True, n=1)
    a.date("the next day", "2022-01-03", "2022-01-03", "day", relative=True)
    a.date("on Tuesday", "2022-01-04", "2022-01-04", "day", relative=True)
    a.date("the weekend", "2022-01-01", "2022-01-02", "range", relative=True)
    a.date("2016", "2016-01-01", "2016-12-31", "year")
    a.date("last year", "2021-01-01", "2021-12-31", "year", relative=True)
    a.date("3 October 2021", "2021-10-03", "2021-10-03", "day")
    # a meeting announced for the coming Thursday: the human reading, not the latest Thursday before publication
    a.date("Thursday", "2022-01-06", "2022-01-06", "day", relative=True)
    a.event("g1", "clash", "fighting between the National Liberation Army (ELN) and dissidents of the former FARC "
            "guerrilla", date=("on Sunday", 0),
            places=[("Tame", 0, "in"), ("Fortul", 0, "in"), ("Arauquita", 0, "in"), ("Saravena", 0, "in"),
                    ("Arauca", 1, "in")],
            cas=[a.cas("killed", "Death Toll Rises to 27", 27),
                 a.cas("killed", "has risen to 27", 27, attrs=("a1",)),
                 a.cas("killed", "the 23 bodies", 23, attrs=("a2",)),
                 a.cas("killed", "23 bodies had been recovered", 23, attrs=("a3",)),
                 a.cas("displaced", "at least 1,200 people had fled their homes", 1200, 1200, None,
                       qualifier="at least", attrs=("a5",)),
                 a.cas("killed", "31 dead", 31, attrs=("a6",)),
                 a.cas("killed", "a 16-year-old girl", 1, group="girl", total=False, attrs=("a6",)),
                 a.cas("missing", "at least 50 people were missing", 50, 50, None, qualifier="at least",
                       attrs=("a6",)),
                 a.cas("killed", "No soldiers were killed or wounded", 0, group="soldiers", total=False,
                       attrs=("a10",)),
                 a.cas("injured", "No soldiers were killed or wounded", 0, group="soldiers", total=False,
                       attrs=("a10",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13"))
    a.event("g2", "bombing", "a car bomb outside the police station", date="3 October 2021",
            places=[("Corinto", 0, "in"), ("Cauca", 0, "in")],
            cas=[a.cas("injured", "injured 14 people", 14),
                 a.cas("injured", "three of them police officers", 3, group="police officers", total=False)])
    a.attr("a1", "report", source="the Attorney General's Office", cue=("said", 0, "the Attorney General's Office"),
           content="The number of people killed in fighting between the National Liberation Army (ELN) and dissidents "
                   "of the former FARC guerrilla in the eastern department of Arauca has risen to 27")
    a.attr("a2", "report", source="the defence minister", cue="reported", content="the 23 bodies",
           source_name="Diego Molano")
    a.attr("a3", "report", source="Defence Minister Diego Molano", cue=("said", 0, "Diego Molano"),
           content="23 bodies had been recovered", source_name="Diego Molano")
    a.attr("a4", "accusation", source="Defence Minister Diego Molano", cue="blamed",
           content="the ELN for most of the deaths", source_name="Diego Molano")
    a.attr("a5", "report", source="The Ombudsman's Office", cue=("said", 0, "The Ombudsman's Office"),
           content="at least 1,200 people had fled their homes in the first three days of the year, many of them to the "
                   "town of Tame")
    a.attr("a6", "report", source="A local human rights network", cue=("said", 0, "A local human rights network"),
           content="it had counted 31 dead, including a 16-year-old girl, and that at least 50 people were missing")
    a.attr("a7", "report", source="The governor of Arauca, Juan Prada", cue=("said", 0, "Juan Prada"),
           content="several of the victims were soldiers", source_name="Juan Prada")
    a.attr("a8", "denial", source="his office", cue="withdrew", content="the statement",
           source_name="Arauca governor's office")
    a.attr("a9", "report", source="his office", cue="saying",
           content="all those identified so far were civilians or fighters", source_name="Arauca governor's office")
    a.attr("a10", "report", source="the army", cue="confirmed", content="No soldiers were killed or wounded")
    a.attr("a11", "denial", source=("the ELN", 1), cue=("denied", 0), content="killing civilians", source_name="ELN")
    a.attr("a12", "accusation", source=("the ELN", 1), cue="accused",
           content='the dissidents of the 10th Front of "executing" peasants who refused to collaborate with them',
           source_name="ELN")
    a.attr("a13", "accusation", source="A military intelligence officer",
           cue=("said", 0, "speaking on condition of anonymity"),
           content="the 10th Front may have been operating from camps in the Venezuelan state of Apure, where its "
                   "fighters allegedly enjoy the protection of local officials", hedge="may have been")
    a.attr("a14", "denial", source="Caracas", cue=("denied", 1), content="harbouring Colombian armed groups",
           source_name="Venezuelan government")
    return a


def a18() -> Article:
    a = Article("corpus-18", "corpus/18_copenhagen_mall_shooting.txt", "2022-07-04")
    cph = geo("Copenhagen", 2618425, "city")
    a.place_forms([
        ("Copenhagen", cph), ("COPENHAGEN", cph), ("København", cph),
        ("Copenhagen Airport", geo("Copenhagen Airport", None, "facility", "DK")),
        ("Malmö", geo("Malmö", 2692969, "city")), ("Denmark", geo("Denmark", 2623032, "country")),
        ("Aarhus", geo("Aarhus", 2624652, "city")), ("Oslo", geo("Oslo", 3143244, "city")),
        ("Nørrebro district", geo("Nørrebro", None, "other", "DK")),
    ])
    a.date("July 4, 2022", "2022-07-04", "2022-07-04", "day")
    a.date("on Sunday afternoon", "2022-07-03", "2022-07-03", "day", relative=True)
    a.date("yesterday", "2022-07-03", "2022-07-03", "day", relative=True)
    a.date("today", "2022-07-04", "2022-07-04", "day", relative=True)
    a.date("on Monday", "2022-07-04", "2022-07-04", "day", relative=True)
    a.date("the 14th of February 2015", "2015-02-14", "2015-02-14", "day")
    a.date("eight days after", "2022-06-25", "2022-06-25", "day", relative=True)
    a.date("On Friday", "2022-07-01", "2022-07-01", "day", relative=True)
    a.date("Wednesday", "2022-07-06", "2022-07-06", "day", relative=True)  # "will remain closed until Wednesday"
    a.event("g1", "shooting", "A gunman opened fire in a crowded shopping centre", date="on Sunday afternoon",
            places=[("Copenhagen", 0, "in")],
            cas=[a.cas("killed", "Three Dead", 3),
                 a.cas("killed", "killing three people", 3, attrs=("a1",)),
                 a.cas("injured", "seriously wounding four others", 4, group="seriously wounded", total=False,
                       attrs=("a1",)),
                 a.cas("arrested", "A 22-year-old Danish man was arrested", 1, attrs=("a2",)),
                 a.cas("killed", "a 47-year-old man", 1, group="man", total=False, attrs=("a3",)),
                 a.cas("killed", "two teenagers aged 17", 2, group="teenagers", total=False, attrs=("a3",)),
                 a.cas("injured", "Two of the seriously wounded are Swedish citizens", 2, group="Swedish citizens",
                       total=False),
                 a.cas("injured", "another 20 or so people suffered minor injuries", 20, None, None, qualifier="or so",
                       group="minor injuries", total=False),
                 a.cas("injured", '"dozens" of injured', 12, 12, None, qualifier="dozens", attrs=("a4",))],
            attrs=("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"),
            counts={"injured": 24})  # 4 seriously wounded (2 of them Swedish) + about 20 lightly hurt
    a.event("g2", "shooting", "a gunman killed a film director at a cultural centre",
            date="the 14th of February 2015", places=[("Denmark", 1, "in")],
            cas=[a.cas("killed", "a film director", 1, group="film director", total=False),
                 a.cas("killed", "a Jewish security guard", 1, group="security guard", total=False),
                 a.cas("injured", "five police officers were wounded", 5)])
    a.event("g3", "shooting", "a man opened fire outside a gay bar in central Oslo", date="eight days after",
            places=[("Oslo", 0, "in")],
            cas=[a.cas("killed", "killing two people", 2), a.cas("injured", "injuring 21", 21)])
    a.event("g4", "shooting", "shots were fired at a parked car", date="On Friday",
            places=[("Nørrebro district", 0, "in")], cas=[a.no_casualties("No one was hurt", attrs=("a11",))],
            attrs=("a11",))
    a.event("g5", "arrest", "two men were detained", date="On Friday", places=[("Nørrebro district", 0, "in")],
            cas=[a.cas("detained", "two men were detained", 2)])
    a.attr("a1", "report", source=("the police", 0), cue=("said", 0, "the police said"),
           content="A gunman opened fire in a crowded shopping centre in the Danish capital on Sunday afternoon, killing "
                   "three people and seriously wounding four others", source_name="Copenhagen police")
    a.attr("a2", "report", source="the city's chief police inspector", cue="told",
           content="A 22-year-old Danish man was arrested near the scene about 11 minutes after the first call and will "
                   "be charged with murder", source_name="Copenhagen police")
    a.attr("a3", "report", source=("the police", 1), cue=("said", 0, "aged 17, the police"),
           content="The dead were a 47-year-old man and two teenagers aged 17", source_name="Copenhagen police")
    a.attr("a4", "report", source="Danish media", cue="had reported", content='"dozens" of injured')
    a.attr("a5", "denial", source=("the police", 2), cue="described",
           content="as misleading because it mixed gunshot wounds with bruises and sprains",
           source_name="Copenhagen police")
    a.attr("a6", "report", source="Investigators", cue=("said", 0, "Investigators"),
           content="the suspect, who was known to psychiatric services, appeared to have acted alone, and they found no "
                   "sign that the victims had been chosen deliberately", hedge="appeared to")
    a.attr("a7", "statement", source="the chief inspector", cue=("said", 0, "the chief inspector said"),
           content="We have no information that this was an act of terror", source_name="Copenhagen police")
    a.attr("a8", "opinion", source="Police", cue="refused to rule out", content="a terrorist motive",
           hedge="refused to rule out", source_name="Copenhagen police")
    a.attr("a9", "statement", source="Prime Minister Mette Frederiksen", cue="called",
           content='the shooting "a cruel attack"')  # as corpus-07 a14 ("called the Dapchi abduction ...")
    a.attr("a10", "statement", source="Prime Minister Mette Frederiksen", cue=("said", 0, "a cruel attack"),
           content='Denmark had been "hit in the middle of an ordinary day"')
    a.attr("a11", "report", source=("the police", 3), cue=("said", 0, "No one was hurt, the police"),
           content="No one was hurt", source_name="Copenhagen police")
    return a


ARTICLES = [a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15, a16, a17,
            a18]


def main() -> None:
    out = ROOT / "annotations" / "corpus.jsonl"
    lines = [json.dumps(f().record(), ensure_ascii=False) for f in ARTICLES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} articles to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
