"""The places rule tables: each named rule fires on sentences of its shape and not on near misses.
Sentences are invented; place names and ids are GeoNames' facts."""
from __future__ import annotations

import pytest

from pipeline.extract.places import accept, component, cues, evidence, link, scan


def _found(nlp, text):
    doc = nlp(text)
    return doc, {text[p["start_char"]:p["end_char"]]: p for p in doc._.cs_places + component.references(doc)}


@pytest.mark.parametrize("table", [scan.SCANS, scan.NER_STEPS, scan.DEMONYM_RULES, scan.RUN_RULES,
                                   accept.ACCEPT_RULES, evidence.SECOND_PASS_RULES, cues.CUE_RULES,
                                   component.EMIT_RULES, component.RELATION_RULES, link.STEPS])
def test_rule_names_are_unique(table):
    names = [r[0] for r in table]
    assert len(names) == len(set(names)) and all(names)


# (text, mention as written, expected `rule` of its payload): the rule that found or accepted it
FIRES = [
    # scan "dateline": capitals opening a line
    ("NAIROBI — Police dispersed a crowd on Monday.", "NAIROBI", "dateline"),
    ("TOLEDO, Ohio (AP) — A bridge was closed for repairs.", "TOLEDO", "dateline"),
    ("ALEPPO — Shells fell on two districts overnight.", "ALEPPO", "dateline"),
    # scan "facility-prefix": a facility opened by a head noun
    ("Two soldiers were hurt at Camp Bastion on Friday.", "Camp Bastion", "facility"),
    ("Convoys left Camp Lemonnier before dawn.", "Camp Lemonnier", "facility"),
    ("The general visited Camp Arifjan in the spring.", "Camp Arifjan", "facility"),
    # accept rule "jurisdiction": a service named after the place it serves
    ("Phoenix Police Department officers arrested two men.", "Phoenix", "jurisdiction"),
    ("Denver Police said the road would reopen.", "Denver", "jurisdiction"),
    ("Atlanta Fire Department crews put out the blaze.", "Atlanta", "jurisdiction"),
    # ... after the organisation's article, and with qualifiers between the place and the head
    ("The Las Vegas Metropolitan Police Department responded to a call early Sunday.", "Las Vegas", "jurisdiction"),
    ("Officers of the Nashville Metro Police arrested a man on Friday.", "Nashville", "jurisdiction"),
    ("The Denver Regional Police said the road would reopen.", "Denver", "jurisdiction"),
    # ... and a name the model leaves untagged before a lower-case head
    ("Albuquerque police identified the teenager on Friday.", "Albuquerque", "jurisdiction"),
    ("Memphis police arrested a man wanted for a robbery.", "Memphis", "jurisdiction"),
    ("Tucson fire crews reached the house within minutes.", "Tucson", "jurisdiction"),
]


@pytest.mark.parametrize("text, mention, rule", FIRES)
def test_rule_fires(nlp, text, mention, rule):
    _, got = _found(nlp, text)
    assert mention in got, list(got)
    assert got[mention]["rule"].split("+")[0] == rule, got[mention]


# (text, mention) that must NOT become a place, with the rule that keeps it out
DOES_NOT_FIRE = [
    # accept "street-name-word": the first word of a street's name
    ("A van hit a pole on Houston Ave. late Friday.", "Houston"),
    ("Shots were fired near Aurora Blvd. on Sunday.", "Aurora"),
    ("The parade moved along Denver St. at noon.", "Denver"),
    # accept "jurisdiction": qualifiers alone, or a qualifier not before a service head, make no place
    ("The Metropolitan Police Department said two men were arrested.", "Metropolitan"),
    ("The Madison Regional Council met on Friday.", "Madison"),
    ("A Lincoln Metro Bank branch was robbed on Monday.", "Lincoln"),
    ("Toyota police cars were parked outside the hall.", "Toyota"),
    ("Bell police said the store was closed.", "Bell"),
    # accept "code-before": a name after a code
    ("Leaders of the G7 Canada summit met on Monday.", "Canada"),
    ("The G20 Argentina meeting ended early.", "Argentina"),
    ("Delegates left the B20 Italy forum.", "Italy"),
    # accept "quoted-name": the first word of a quoted name
    ('Members of the so-called "Sinai Brigade" were arrested.', "Sinai"),
    ('A group calling itself the "Kabul Front" issued a video.', "Kabul"),
    ('Fighters of the self-styled "Sahel Legion" fled.', "Sahel"),
    # not "jurisdiction": organisations named after a place that serve no one there
    ("The Denver Post printed the letter.", "Denver"),
    ("Phoenix Suns fans gathered downtown.", "Phoenix"),
    ("Memphis Grizzlies players visited a school.", "Memphis"),
    # not "type-noun-before": a capitalised word after "the village of" that is a headline's capitals
    ("Gunmen killed a shepherd, a relative said.", "Gunmen"),
    ("Nobody was hurt when the roof fell in.", "Nobody"),
    ("Officials said the village of Qarvandi was empty.", "Officials"),
]


@pytest.mark.parametrize("text, mention", DOES_NOT_FIRE)
def test_rule_does_not_fire(nlp, text, mention):
    doc, got = _found(nlp, text)
    start = text.index(mention)
    assert mention not in got, got  # not a mention of its own (a street may contain it)
    assert not any(p["start_char"] <= start < p["end_char"] and p["geonameid"] for p in doc._.cs_places), got


# cue rules on hand-built sentences: (text, mention, key, value)
CUES = [
    ("Troops camped in the village of Oskby.", "Oskby", "type_before", "village"),
    ("Rain fell on the city of Vell all week.", "Vell", "type_before", "city"),
    ("Vell, a fishing village on the coast, flooded.", "Vell", "type_before", "village"),
    ("Shots were heard near Oskby at night.", "Oskby", "prep", "near"),
    ("Looters struck on the outskirts of Oskby.", "Oskby", "prep", "outskirts"),
    ("A camp lies some 40 km from Oskby.", "Oskby", "distance", 40.0),
    ("The town is 10 miles north of Oskby.", "Oskby", "distance", 16.1),
    ("Fighting spread in Oskby district.", "Oskby", "type_after", "admin"),
    ("Floods hit the Vell and Oskby regions.", "Vell", "type_after", "admin"),
]


@pytest.mark.parametrize("text, mention, key, value", CUES)
def test_cue_rules(nlp, text, mention, key, value):
    doc = nlp(text)
    f = nlp.get_pipe("claimscope_places").finder
    a = text.index(mention)
    sp = doc.char_span(a, a + len(mention))
    assert cues.cue(f, doc, sp)[key] == value


@pytest.mark.parametrize("text, mention, key", [
    ("Oskby was quiet, the village elders said.", "Oskby", "type_before"),  # the type noun after, no apposition
    ("The mayor of Oskby resigned.", "Oskby", "distance"),
    ("A letter from Oskby arrived.", "Oskby", "type_after"),
    ("Ships docked at Oskby in 40 minutes.", "Oskby", "distance"),
])
def test_cue_rules_do_not_fire(nlp, text, mention, key):
    doc = nlp(text)
    f = nlp.get_pipe("claimscope_places").finder
    a = text.index(mention)
    sp = doc.char_span(a, a + len(mention))
    assert cues.cue(f, doc, sp)[key] is None


# run rules on the model's tokens, whatever its entities: (rule, text, name, expected span or None)
RUNS = [
    (scan.run_type_noun, "Rebels burned houses in the village of Qarvandi on Tuesday.", "Qarvandi", "Qarvandi"),
    (scan.run_type_noun, "Aid reached the hamlet of Tolvasi Bala after a week.", "Tolvasi", "Tolvasi Bala"),
    (scan.run_type_noun, "Police sealed off the small town of Merrowick overnight.", "Merrowick", "Merrowick"),
    (scan.run_type_noun, "Qarvandi said the village was calm.", "Qarvandi", None),       # no type noun before
    (scan.run_type_noun, "The district of Qarvandi voted.", "Qarvandi", None),            # not a settlement noun
    (scan.run_type_noun, "Officials in Tolvasi met on Monday.", "Tolvasi", None),
    (scan.run_post, "Militants overran the army base at Tsombe on Friday.", "Tsombe", "Tsombe"),
    (scan.run_post, "Two guards died at the checkpoint near Qarvandi.", "Qarvandi", "Qarvandi"),
    (scan.run_post, "Shells hit the garrison in Merrowick overnight.", "Merrowick", "Merrowick"),
    (scan.run_post, "The meeting at Vexlor ended late.", "Vexlor", None),                # no military post
    (scan.run_post, "The base of Tsombe was empty.", "Tsombe", None),                     # "of", not at/in/near
    (scan.run_post, "Troops left the camp. At Merrowick they rested.", "Merrowick", None),  # a new sentence
    (scan.run_locality, "Gunmen shot a guard in the Zelbar area of Karachi.", "Zelbar", "Zelbar area"),
    (scan.run_locality, "Shops closed in the Old Mill quarter of Lyon.", "Old", "Old Mill quarter"),
    (scan.run_locality, "Rioters gathered in the Harrow township of Durban.", "Harrow", "Harrow township"),
    (scan.run_locality, "Gunmen shot a guard in the Zelbar area.", "Zelbar", None),        # no "of <Place>"
    (scan.run_locality, "Zelbar area officials of Karachi met.", "Zelbar", None),  # "of" must follow the noun
    (scan.run_locality, "Crowds filled the Zelbar market of Karachi.", "Zelbar", None),    # not a locality noun
]


@pytest.mark.parametrize("rule, text, name, expected", RUNS)
def test_run_rules(nlp, rule, text, name, expected):
    doc = nlp(text)
    f = nlp.get_pipe("claimscope_places").finder
    st = scan.Scan(f, doc)
    st.ner_names = set()
    i = next(t.i for t in doc if t.idx == text.index(name))
    got = rule(f, st, i, scan._cap_run(st, i), None, None)
    assert (got[0].text if got else None) == expected


# second pass and containment: (text, mention as written, occurrence, expected suffix of `rule`)
EVIDENCE = [
    # "alias": a spelling variant in brackets takes the reading of the place it spells
    ("Troops entered the town of Gimry (now written Gimri) at dawn.", "Gimri", 0, "+alias"),
    ("Floods reached Kharkiv (also spelled Kharkov) by Monday.", "Kharkov", 0, "+alias"),
    ("Rescuers reached Kyiv (also spelled Kiev) on Friday.", "Kiev", 0, "+alias"),
    # "containment": a place followed by the region it lies in
    ("The crash happened in Duncan, Oklahoma, officers said.", "Duncan", 0, ""),
    ("A storm hit Salem, Oregon overnight.", "Salem", 0, ""),
    ("Two banks were robbed in Springfield, Illinois.", "Springfield", 0, ""),
]


@pytest.mark.parametrize("text, mention, n, suffix", EVIDENCE)
def test_article_evidence_rules(nlp, text, mention, n, suffix):
    doc = nlp(text)
    start = -1
    for _ in range(n + 1):
        start = text.index(mention, start + 1)
    got = [p for p in doc._.cs_places if p["start_char"] == start]
    assert got, doc._.cs_places
    assert got[0]["rule"].endswith(suffix) if suffix else True
    assert got[0]["geonameid"] is not None


@pytest.mark.parametrize("text, mention, country", [
    # containment decides the reading: the namesake inside the region that follows
    ("The crash happened in Duncan, Oklahoma, officers said.", "Duncan", "US"),
    ("A storm hit Salem, Oregon overnight.", "Salem", "US"),
    ("Two banks were robbed in Springfield, Illinois.", "Springfield", "US"),
    ("Markets reopened in Perth, Scotland on Monday.", "Perth", "GB"),
])
def test_containment_reads_the_name_inside_the_region(nlp, text, mention, country):
    doc = nlp(text)
    got = [p for p in doc._.cs_places if text[p["start_char"]:p["end_char"]] == mention]
    assert got and got[0]["country"] == country, doc._.cs_places


# relation rules: (text, mention, relation)
RELATIONS = [
    ("Clashes broke out in Tikrit and Samarra.", "Samarra", "in"),                       # shared-with-previous
    ("Roads closed near Lyon and Grenoble.", "Grenoble", "near"),                  # shared-with-previous
    ("Shelling hit the Derbent district of Dagestan.", "Dagestan", "in"),          # division-of
    ("Gunfire was heard in the Shatoy district of Chechnya.", "Chechnya", "in"),  # division-of
    ("Police patrolled in Fresno, California.", "California", "in"),               # after-comma
    ("Riots spread in Leeds, England.", "England", "in"),                          # after-comma
    # not: a place after a sentence break or without a located place before it
    ("Rain fell in Paris.\nLondon stayed dry.", "London", None),
    ("Paris and London signed a deal.", "London", None),
    ("Officials from Fresno, California met.", "California", "from"),
]


@pytest.mark.parametrize("text, mention, relation", RELATIONS)
def test_relation_rules(nlp, text, mention, relation):
    _, got = _found(nlp, text)
    assert mention in got, list(got)
    assert got[mention]["relation"] == relation, got[mention]


# demonym rules: (text, demonym, claimed as a reference?)
DEMONYMS = [
    ("The convoy neared the Turkish border at night.", "Turkish", True),
    ("Shells fell on the Syrian side of the line.", "Syrian", True),
    ("Talks on the Armenian-Azerbaijani border resumed.", "Armenian", True),          # demonym-pair
    ("The Russian Federation sent a note.", "Russian", False),                       # name-not-demonym
    ("She teaches Russian at a school.", "Russian", False),                          # no-noun-after
    ("Most people there are Turkish-speaking farmers.", "Turkish", False),           # language
]


@pytest.mark.parametrize("text, demonym, claimed", DEMONYMS)
def test_demonym_rules(nlp, text, demonym, claimed):
    doc = nlp(text)
    refs = {text[p["start_char"]:p["end_char"]] for p in component.references(doc)}
    assert (demonym in refs) == claimed, refs


# accept rules "after-title" and "the-common-noun": a name after a title is a person; "the <Name>" a common noun
@pytest.mark.parametrize("text, mention", [
    ("Mr. Lincoln spoke to the board.", "Lincoln"),
    ("President Jackson visited the plant.", "Jackson"),
    ("Senator Austin said the vote was close.", "Austin"),
    ("Hope was fading, Captain Orlando said.", "Orlando"),
    ("The Centre had failed to act.", "Centre"),
    ("The Alliance's plan collapsed.", "Alliance"),
])
def test_person_and_common_noun_rules(nlp, text, mention):
    _, got = _found(nlp, text)
    assert mention not in got, got


# NER steps "direction-of" and part-of readings: a direction before a place
@pytest.mark.parametrize("text, mention, expected", [
    ("Troops entered the North of Syria.", "Syria", {"geonameid": 163843, "relation": "near"}),
    ("Storms hit the East of Ukraine.", "Ukraine", {"geonameid": 690791, "relation": "near"}),
    ("Prices rose in Western Kenya.", "Western Kenya", {"geonameid": None, "feature": "region", "country": "KE"}),
    ("The killings shocked residents across West Texas.", "West Texas", {"geonameid": None, "country": "US"}),
])
def test_direction_steps(nlp, text, mention, expected):
    _, got = _found(nlp, text)
    assert mention in got, list(got)
    for k, v in expected.items():
        assert got[mention][k] == v, got[mention]


# run rule "type-noun-before" with a demonym: the country is the demonym's, even for an unknown name
@pytest.mark.parametrize("text, mention, country", [
    ("Gunmen attacked the Kyrgyz settlement of Oskby.", "Oskby", "KG"),
    ("Floods reached the Afghan hamlet of Tolvasi.", "Tolvasi", "AF"),
    ("Raiders burned the Malian village of Qarvandi.", "Qarvandi", "ML"),
])
def test_demonym_before_type_noun_sets_the_country(nlp, text, mention, country):
    _, got = _found(nlp, text)
    assert mention in got, list(got)
    assert got[mention]["country"] == country, got[mention]


# NER step "headline-run": a headline's capitals run on after the place; the place alone counts, by the article
@pytest.mark.parametrize("text, mention, geonameid", [
    ("Standoff at Mogadishu Hotel Ends After Two Days\nMOGADISHU — Troops retook a hotel.", "Mogadishu", 53654),
    ("Siege at Kabul Bank Ends Quietly\nKABUL — Police left the bank.", "Kabul", 1138958),
    ("Fire at Dhaka Factory Spreads Overnight\nDHAKA — Workers fled the building.", "Dhaka", 1185241),
])
def test_headline_run_keeps_the_place_alone(nlp, text, mention, geonameid):
    _, got = _found(nlp, text)
    assert got.get(mention, {}).get("geonameid") == geonameid, got
    assert not any(k.startswith(mention + " ") for k in got), got  # not "Mogadishu Hotel Ends"


# NER step "type-noun-modifier": an unknown word the model tags as a place before "village of" modifies the noun
@pytest.mark.parametrize("text, modifier, place", [
    ("Raiders burned the Dogon village of Kessa at night.", "Dogon", "Kessa"),
    ("Herders left the Tuareg camp of Tessalit at dawn.", "Tuareg", None),
    ("Rain hit the Bambara village of Kessa.", "Bambara", "Kessa"),
])
def test_type_noun_modifier_is_not_a_place(nlp, text, modifier, place):
    _, got = _found(nlp, text)
    assert modifier not in got, got
    if place is not None:
        assert place in got, got
