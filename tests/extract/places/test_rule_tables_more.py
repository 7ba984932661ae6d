"""More places rule tables: accept rules that decide a gazetteer-only match, the emit rules "person-name" and
"headline-unknown", and the second pass's "echo". Sentences are invented; place names and ids are GeoNames'.

Where the model's entities are not the point, a case gives the entities to use (`ents`: (text, label) in text
order, found left to right); None keeps the model's own. The accept tests read the deciding rule's name that
`accept` keeps on each internal mention (`accept_rule`).
"""
from __future__ import annotations

import pytest

from pipeline.extract.places import scan


def _doc(nlp, text, ents):
    doc = nlp(text)
    if ents is not None:
        spans, pos = [], 0
        for word, label in ents:
            a = text.index(word, pos)
            pos = a + len(word)
            sp = doc.char_span(a, pos, label=label)
            assert sp is not None, word
            spans.append(sp)
        doc.ents = spans
    return doc


def _finder(nlp):
    return nlp.get_pipe("claimscope_places").finder


def _decided(nlp, text, ents, mention, n=0):
    """The internal mention at the n-th occurrence of `mention` after scan and decision, and whether it is a place."""
    doc = _doc(nlp, text, ents)
    f = _finder(nlp)
    st = scan.scan(f, doc)
    f._annotate(doc, st.mentions, st.heads)
    ok, _ctx = f._decide(doc, st.mentions, st.ents, st.heads)
    start = -1
    for _ in range(n + 1):
        start = text.index(mention, start + 1)
    got = [(m, a) for m, a in zip(st.mentions, ok) if m["span"].start_char == start]
    assert got, [(m["span"].text, m["source"]) for m in st.mentions]
    m, a = got[0]
    assert m["span"].text == mention, m["span"].text
    return m, a


def _emitted(nlp, text, ents):
    doc = _doc(nlp, text, ents)
    return [(text[p["start_char"]:p["end_char"]], p["start_char"], p) for p in _finder(nlp).find(doc)]


# (rule, text, ents, mention, verdict): the accept rule that decides the mention, and its verdict
ACCEPT_FIRES = [
    # "other-label": a label that is not a name label, unless it yields (PRODUCT/WORK_OF_ART/EVENT spanning
    # the name right after "in"/"near")
    ("other-label", "Shops reopened after Leeds won.", [("Leeds", "PRODUCT")], "Leeds", False),  # not after in/near
    ("other-label", "Shops reopened in Leeds on Monday.", [("Leeds", "DATE")], "Leeds", False),  # DATE never yields
    ("other-label", "Tickets for the Leeds Festival sold out.", [("the Leeds Festival", "EVENT")], "Leeds", False),
    ("other-label", "The park near Hamburg 2020 opened.", [("Hamburg 2020", "PRODUCT")], "Hamburg", False),
    # "not-a-noun": a one-word match the model tags as an adjective or verb
    ("not-a-noun", "Split decisions are rare in such cases.", None, "Split", False),
    ("not-a-noun", "Mobile phones were banned at the meeting.", None, "Mobile", False),
    ("not-a-noun", "Nice work, the coach told them.", None, "Nice", False),
    # "headline": a headline word counts when strong (a first-level region only in a named country)
    ("headline", "Rebels Seize Towns As Kenya Talks Stall", None, "Kenya", True),
    ("headline", "Floods Hit Texas Farms As United States Counts Losses", None, "Texas", True),
    ("headline", "Blast Hits Texas Refinery As Prices Climb", None, "Texas", False),
    ("headline", "Rain Returns To Ontario After Dry Summer", None, "Ontario", False),
    # "lone-word": a lone word without an entity: a cue, or a sizeable city's main name mid-sentence
    ("lone-word", "Leaders of the Nigerian Kano met.", None, "Kano", True),
    ("lone-word", "A report from Kenya said Eldoret had little rain.", None, "Eldoret", True),
    ("lone-word", "Flights to Split resumed on Friday.", None, "Split", True),
    ("lone-word", "Hope was fading, she said.", None, "Hope", False),
    ("lone-word", "We met Hope at noon.", None, "Hope", False),
    # "fuzzy": a transliteration match needs a cue and the article's countries
    ("fuzzy", "Aid workers in Maidugury, Nigeria, counted tents.", [("Maidugury", "ORG"), ("Nigeria", "GPE")],
     "Maidugury", True),
    ("fuzzy", "Clinics in Benghazy, Libya, reopened.", [("Benghazy", "ORG"), ("Libya", "GPE")], "Benghazy", True),
    ("fuzzy", "Markets near Ouagadugu in Burkina Faso were shut.",
     [("Ouagadugu", "ORG"), ("Burkina Faso", "GPE")], "Ouagadugu", True),
    ("fuzzy", "Aid workers in Maidugury counted tents.", [("Maidugury", "ORG")], "Maidugury", False),  # no country
    ("fuzzy", "Aid reached Maidugury camps in Nigeria.", [("Maidugury", "ORG"), ("Nigeria", "GPE")],
     "Maidugury", False),  # no cue
    # "admin2": a second-level division needs its type noun, or a cue and its named country
    ("admin2", "Flooding hit farms in Fairfax County in the United States.", [("United States", "GPE")],
     "Fairfax County", True),
    ("admin2", "Schools in Fairfax County district closed early.", [], "Fairfax County", True),
    ("admin2", "Hail damaged roofs near Harris County in the United States.", [("United States", "GPE")],
     "Harris County", True),
    ("admin2", "Flooding hit farms in Fairfax County after the storm.", [], "Fairfax County", False),
    ("admin2", "Officials in the United States said Fairfax County was dry.", [("United States", "GPE")],
     "Fairfax County", False),
    # "titled-city": a multi-word city of 100,000 or more in the article's countries, no cue, not speaking
    ("titled-city", "Officials in the Philippines said General Santos was spared.", None, "General Santos", True),
    ("titled-city", "Crowds filled the streets of Manila while General Santos stayed quiet.", None,
     "General Santos", True),
    ("titled-city", "Officials said Comodoro Rivadavia was calm.", [], "Comodoro Rivadavia", True),
    # "sentence-initial": a multi-word name opening its sentence, with nothing else for it
    ("sentence-initial", "General Santos said the troops would stay.", None, "General Santos", False),
    ("sentence-initial", "Grand Forks was quiet on Sunday.", [], "Grand Forks", False),
    ("sentence-initial", "Cedar Falls stayed calm, officials in the United States said.",
     [("United States", "GPE")], "Cedar Falls", False),
    # "in-context": a town of some size in the article's countries
    ("in-context", "Voters in the United States said Grand Forks was quiet.", [("United States", "GPE")],
     "Grand Forks", True),
    ("in-context", "Across the Philippines, General Santos said he would stay.", None, "General Santos", True),
    ("in-context", "Police in the United States said Cedar Falls had no damage.", [("United States", "GPE")],
     "Cedar Falls", True),
    ("in-context", "Voters said Grand Forks was quiet.", [], "Grand Forks", False),  # no country of its own
]


@pytest.mark.parametrize("rule, text, ents, mention, verdict", ACCEPT_FIRES)
def test_accept_rule_fires(nlp, rule, text, ents, mention, verdict):
    m, ok = _decided(nlp, text, ents, mention)
    assert m.get("accept_rule") == rule, (m.get("accept_rule"), m["source"])
    if verdict:
        assert ok and not m.get("via"), m
    else:
        assert not ok, m


# (rule, text, ents, mention): a mention the rule must leave to another rule
ACCEPT_DOES_NOT_FIRE = [
    # the yielding labels right before a main name that is the whole entity give way to the next rules
    ("other-label", "Shops reopened in Leeds on Monday.", [("Leeds", "PRODUCT")], "Leeds"),
    ("other-label", "Shops reopened near Leeds on Monday.", [("Leeds", "EVENT")], "Leeds"),
    ("other-label", "Buses ran late in Hamburg that week.", [("Hamburg", "WORK_OF_ART")], "Hamburg"),
    ("other-label", "Riders from Verdun waited.", [("Verdun", "PERSON")], "Verdun"),  # a name label
    # a proper noun is a noun
    ("not-a-noun", "Flights to Split resumed on Friday.", None, "Split"),
    ("not-a-noun", "Hope was fading, she said.", None, "Hope"),
    ("not-a-noun", "We met Hope at noon.", None, "Hope"),
    # not a headline: sentence case with a full stop
    ("headline", "Blast hits Texas refinery as prices climb.", [], "Texas"),
    ("headline", "Rain returns to Ontario after a dry summer.", [], "Ontario"),
    ("headline", "Officials said Comodoro Rivadavia was calm.", [], "Comodoro Rivadavia"),
    # a lone word with an entity, or several words
    ("lone-word", "Aid workers in Maidugury counted tents.", [("Maidugury", "ORG")], "Maidugury"),
    ("lone-word", "Grand Forks was quiet on Sunday.", [], "Grand Forks"),
    ("lone-word", "Officials said Comodoro Rivadavia was calm.", [], "Comodoro Rivadavia"),
    # the main spelling is no transliteration
    ("fuzzy", "Aid workers in Maiduguri, Nigeria, counted tents.", [("Maiduguri", "ORG"), ("Nigeria", "GPE")],
     "Maiduguri"),
    ("fuzzy", "Clinics in Benghazi, Libya, reopened.", [("Benghazi", "ORG"), ("Libya", "GPE")], "Benghazi"),
    ("fuzzy", "Grand Forks was quiet on Sunday.", [], "Grand Forks"),
    # a city, not a division
    ("admin2", "Voters in the United States said Grand Forks was quiet.", [("United States", "GPE")], "Grand Forks"),
    ("admin2", "Officials said Comodoro Rivadavia was calm.", [], "Comodoro Rivadavia"),
    ("admin2", "Grand Forks was quiet on Sunday.", [], "Grand Forks"),
    # a speaker, or a city under 100,000
    ("titled-city", "General Santos said the troops would stay.", None, "General Santos"),
    ("titled-city", "Voters in the United States said Grand Forks was quiet.", [("United States", "GPE")],
     "Grand Forks"),
    ("titled-city", "Across the Philippines, General Santos said he would stay.", None, "General Santos"),
    # not at the start of the sentence
    ("sentence-initial", "Voters in the United States said Grand Forks was quiet.", [("United States", "GPE")],
     "Grand Forks"),
    ("sentence-initial", "Voters said Grand Forks was quiet.", [], "Grand Forks"),
    ("sentence-initial", "Police in the United States said Cedar Falls had no damage.", [("United States", "GPE")],
     "Cedar Falls"),
    # decided before: at the start of a sentence, or with a cue
    ("in-context", "Grand Forks was quiet on Sunday.", [], "Grand Forks"),
    ("in-context", "Cedar Falls stayed calm, officials in the United States said.", [("United States", "GPE")],
     "Cedar Falls"),
    ("in-context", "Flooding hit farms in Fairfax County in the United States.", [("United States", "GPE")],
     "Fairfax County"),
]


@pytest.mark.parametrize("rule, text, ents, mention", ACCEPT_DOES_NOT_FIRE)
def test_accept_rule_does_not_fire(nlp, rule, text, ents, mention):
    m, _ok = _decided(nlp, text, ents, mention)
    assert m.get("accept_rule") is not None and m["accept_rule"] != rule, m.get("accept_rule")


# accept rule "demonym-and-place" (no verdict of its own): an organisation entity that only adds an article and
# a demonym to the place does not make it part of a longer name; any other word does ("inside-longer-name")
@pytest.mark.parametrize("text, ents, mention, kept", [
    ("Fans of the Kenyan Nakuru cheered.", [("the Kenyan Nakuru", "ORG")], "Nakuru", True),
    ("Fans of the Nigerian Kano cheered.", [("the Nigerian Kano", "ORG")], "Kano", True),
    ("Students from the French Lyon joined them.", [("the French Lyon", "ORG")], "Lyon", True),
    ("The Kenyan Nakuru Club hosted the talks.", [("The Kenyan Nakuru Club", "ORG")], "Nakuru", False),
    ("Fans of the Nigerian Kano Pillars cheered.", [("the Nigerian Kano Pillars", "ORG")], "Kano", False),
    ("Students from the Lyon Academy joined them.", [("the Lyon Academy", "ORG")], "Lyon", False),
])
def test_demonym_and_place(nlp, text, ents, mention, kept):
    m, ok = _decided(nlp, text, ents, mention)
    if kept:
        assert m["accept_rule"] != "inside-longer-name" and ok, m.get("accept_rule")
    else:
        # not a toponym: rejected, or kept only as an "embedded" reference (embedded_in_names)
        assert m["accept_rule"] == "inside-longer-name" and (not ok or m["source"] == "embedded"), m.get("accept_rule")


# emit rule "person-name": an unknown model place, without a cue, whose words the model also tags as a person or
# organisation elsewhere is dropped; (text, ents, mention, occurrence, emitted?)
@pytest.mark.parametrize("text, ents, mention, n, emitted", [
    ("Oskby Mining posted a profit. Oskby has grown since then.", [("Oskby Mining", "ORG"), ("Oskby", "LOC")],
     "Oskby", 1, False),
    ("Tolvik said the vote was fair. Rain soaked Tolvik all week.", [("Tolvik", "PERSON"), ("Tolvik", "LOC")],
     "Tolvik", 1, False),
    ("Vexlor Holdings bought a mill. By then Vexlor was a busy port.", [("Vexlor Holdings", "ORG"), ("Vexlor", "LOC")],
     "Vexlor", 1, False),
    ("Voters were thanked. Oskby has grown since then.", [("Oskby", "LOC")], "Oskby", 0, True),
    ("Oskby Mining posted a profit. Farms in Oskby grew.", [("Oskby Mining", "ORG"), ("Oskby", "LOC")],
     "Oskby", 1, True),
    ("The vote was fair. Rain soaked Tolvik all week.", [("Tolvik", "LOC")], "Tolvik", 0, True),
])
def test_emit_person_name(nlp, text, ents, mention, n, emitted):
    start = -1
    for _ in range(n + 1):
        start = text.index(mention, start + 1)
    got = _emitted(nlp, text, ents)
    assert any(s == start and name == mention for name, s, _p in got) == emitted, got


# emit rule "headline-unknown": a model place the gazetteer does not know, in a title-case headline, is dropped
@pytest.mark.parametrize("text, ents, mention, emitted", [
    ("Rebels Strike Qarvandi Market Overnight", [("Qarvandi", "LOC")], "Qarvandi", False),
    ("Floods Leave Tolvasi Farmers Stranded Again", [("Tolvasi", "LOC")], "Tolvasi", False),
    ("Fresh Clashes Reported Around Merrowick Hills", [("Merrowick Hills", "LOC")], "Merrowick Hills", False),
    ("Rebels struck the Qarvandi market overnight.", [("Qarvandi", "LOC")], "Qarvandi", True),  # not a headline
    ("Floods left Tolvasi farmers stranded again.", [("Tolvasi", "LOC")], "Tolvasi", True),
    ("Rebels Strike Kano Market Overnight", [("Kano", "GPE")], "Kano", True),  # known to the gazetteer
])
def test_emit_headline_unknown(nlp, text, ents, mention, emitted):
    got = _emitted(nlp, text, ents)
    assert any(name == mention for name, _s, _p in got) == emitted, got


# second pass "echo": a later, untagged mention of an unknown name the model tags as a place is accepted only when
# that tagged mention is sure ("in"/"near" the name); (text, ents, mention, accepted?)
@pytest.mark.parametrize("text, ents, mention, accepted", [
    ("Rebels shelled houses in Qarvandi on Monday. The Qarvandi raid killed two.", [("Qarvandi", "GPE")],
     "Qarvandi", True),
    ("Floods hit farms near Tolvasi. Tolvasi elders asked for help.", [("Tolvasi", "LOC")], "Tolvasi", True),
    ("Clashes spread in Vexlor on Friday, and Vexlor traders shut their shops.", [("Vexlor", "GPE")],
     "Vexlor", True),
    ("Rebels shelled Qarvandi on Monday. The Qarvandi raid killed two.", [("Qarvandi", "GPE")], "Qarvandi", False),
    ("Gunmen reached Tolvasi. Tolvasi elders asked for help.", [("Tolvasi", "LOC")], "Tolvasi", False),
    ("Troops left the village of Vexlor, and Vexlor traders shut their shops.", [("Vexlor", "GPE")],
     "Vexlor", False),
])
def test_second_pass_echo(nlp, text, ents, mention, accepted):
    m, ok = _decided(nlp, text, ents, mention, n=1)
    assert m["source"] == "echo", m["source"]
    assert ok == accepted, m
    start = text.index(mention, text.index(mention) + 1)
    got = [p for name, s, p in _emitted(nlp, text, ents) if s == start]
    assert bool(got) == accepted, got
    if accepted:
        assert got[0]["rule"] == "echo+discourse", got[0]
