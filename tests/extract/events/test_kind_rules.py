"""The trigger rows of pipeline/extract/events/kinds.py (political acts, takeovers, operations, displacement,
abductions, munitions, light verbs), rule by rule on the real parse. Every sentence is invented; each rule has
sentences where it fires and sentences where it must not (metaphors, plans, negations, generic statements)."""
from __future__ import annotations

import pytest

from tests.extract.events.test_trigger_rules import _deciding_rule, _tok


@pytest.fixture(scope="module")
def tr(nlp):
    return nlp.get_pipe("claimscope_events").tr


# (sentence, trigger word, expected (type, strength, rule, subtype) or None, the rule that decides)
KINDS = [
    # political-act: an act verb with an object of its class (or the passive subject)
    ("The junta declared martial law in the north on 3 May.", "declared",
     ("political", "strong", "political-act", "emergency"), "political-act"),
    ("The cabinet declared a state of emergency on Friday.", "declared",
     ("political", "strong", "political-act", "emergency"), "political-act"),
    ("Both sides signed a ceasefire in Lomo last week.", "signed",
     ("political", "strong", "political-act", "ceasefire"), "political-act"),
    ("A new decree was issued by the president on Monday.", "issued",
     ("political", "strong", "political-act", "decree"), "political-act"),
    ("Parliament passed a law on foreign funding in June.", "passed",
     ("political", "strong", "political-act", "law"), "political-act"),
    ("The union imposed sanctions on the ruling party in March.", "imposed",
     ("political", "strong", "political-act", "sanction"), "political-act"),
    ("The country held a referendum on the new charter in 2019.", "held",
     ("political", "strong", "political-act", "election"), "political-act"),
    ("The government declared three days of mourning on Sunday.", "declared",
     ("political", "strong", "political-act", "decree"), "political-act"),
    ("The charter adopted by the council in May set a date for the vote.", "adopted",
     ("political", "strong", "political-act", "law"), "political-act"),
    ("She signed the birthday card on Monday.", "signed", None, None),
    ("The proposal adopted by the club was about parking.", "adopted", None, None),
    ("He declared his love for the city.", "declared", None, None),
    ("The team passed the ball to the striker.", "passed", None, None),
    # seize-control: power is a coup, control a takeover
    ("The army seized power in the capital on Tuesday.", "seized",
     ("political", "strong", "seize-control", "coup"), "seize-control"),
    ("Militants took control of the river port last month.", "took",
     ("political", "strong", "seize-control", "takeover"), "seize-control"),
    ("The firm took control of its rival in 2010.", "took",
     ("political", "strong", "seize-control", "takeover"), "seize-control"),
    ("The driver lost control of the bus.", "lost", None, None),
    # political-particle: the verb with its particle
    ("The new governor was sworn in on Thursday.", "sworn",
     ("political", "strong", "political-particle", "appointment"), "political-particle"),
    ("The prime minister stepped down after the vote.", "stepped",
     ("political", "strong", "political-particle", "appointment"), "political-particle"),
    ("The rebels broke off the talks in June.", "broke",
     ("political", "strong", "political-particle", "talks"), "political-particle"),
    ("He stepped on the brake.", "stepped", None, None),
    # takeover: a place falls or is taken; a settlement as object of a taking verb
    ("Rebels captured the town of Sedo on Monday.", "captured",
     ("political", "strong", "takeover", "takeover"), "takeover"),
    ("Fighters occupied Varno on Monday.", "occupied", ("political", "strong", "takeover", "takeover"), "takeover"),
    ("After a week of fighting, the city of Kherson fell on Sunday.", "fell", ("political", "strong", "takeover", "takeover"),
     "takeover"),
    ("The militia captured the airport at dawn.", "captured", ("attack", "strong", "territorial-act", None),
     "territorial-act"),
    ("Prices fell sharply in May.", "fell", None, None),
    ("She entered the room quietly.", "entered", None, None),
    # political-verb: acts by themselves
    ("The president appointed a new army chief on Monday.", "appointed",
     ("political", "strong", "political-verb", "appointment"), "political-verb"),
    ("The defence minister resigned on Friday.", "resigned",
     ("political", "strong", "political-verb", "appointment"), "political-verb"),
    ("Officers ousted the president in a night of confusion.", "ousted",
     ("political", "strong", "political-verb", "coup"), "political-verb"),
    ("The ministry designated the militia a terrorist group in May.", "designated",
     ("political", "strong", "political-verb", "ban"), "political-verb"),
    ("The president may resign next year.", "resign",
     ("political", "strong", "political-verb", "appointment"), "political-verb"),  # a trigger; vetoed as modal
    # political-person-verb: only with a person or office as object
    ("The president dismissed the interior minister on Monday.", "dismissed",
     ("political", "strong", "political-person-verb", "appointment"), "political-person-verb"),
    ("The court banned the opposition party in April.", "banned",
     ("political", "strong", "political-person-verb", "ban"), "political-person-verb"),
    ("The spokesman dismissed the reports as rumours.", "dismissed", None, None),
    ("The city banned plastic bags.", "banned", None, None),
    # body-vote
    ("Parliament voted to extend the mandate on Monday.", "voted",
     ("political", "strong", "body-vote", "vote"), "body-vote"),
    ("The senate voted against the bill in May.", "voted", ("political", "strong", "body-vote", "vote"),
     "body-vote"),
    ("Lawmakers voted for the budget on Friday.", "voted", ("political", "strong", "body-vote", "vote"),
     "body-vote"),
    ("My neighbours voted early.", "voted", None, None),
    # deploy-forces
    ("The government deployed 2,000 troops to the border in March.", "deployed", ("operation", "strong",
     "deploy-forces", None), "deploy-forces"),
    ("The ministry sent police reinforcements to the port on Friday.", "sent", ("operation", "strong",
     "deploy-forces", None), "deploy-forces"),
    ("She sent a letter to the mayor.", "sent", None, None),
    ("The firm deployed new software.", "deployed", None, None),
    # forced-to-flee / people-flee (an aggregate when the state holds now)
    ("The fighting forced about 300 families to flee on Friday.", "forced", ("displacement", "strong",
     "forced-to-flee", None), "forced-to-flee"),
    ("Thousands of residents fled the town on Sunday.", "fled", ("displacement", "strong", "people-flee", None),
     "people-flee"),
    ("Some 4,000 villagers were displaced by the floods in May.", "displaced",
     ("displacement", "strong", "people-flee", None), "people-flee"),
    ("More than 20,000 people have been displaced since January.", "displaced",
     ("aggregate", "strong", "people-flee", None), "people-flee"),
    ("The gunmen fled on motorbikes.", "fled", None, None),
    ("He fled the scene.", "fled", None, None),
    ("The rule forced the shops to close.", "forced", None, None),
    # seize-people: an abduction
    ("Gunmen seized twelve passengers from a bus on Monday.", "seized",
     ("kidnapping", "strong", "seize-people", None), "seize-people"),
    ("The rebels took thirty workers hostage in May.", "took", ("kidnapping", "strong", "seize-people", None),
     "seize-people"),
    ("Armed men grabbed two engineers near the dam.", "grabbed", ("kidnapping", "strong", "seize-people", None),
     "seize-people"),
    ("Police seized 20 pistols and cash in the raid.", "seized", None, "seize-materiel"),
    ("The children took their seats.", "took", None, None),
    # munition-hits
    ("Artillery shells struck a school in Varno on Monday.", "struck",
     ("shelling", "strong", "munition-hits", None), "munition-hits"),
    ("Warplanes hit a market near the border on Friday.", "hit", ("airstrike", "strong", "munition-hits", None),
     "munition-hits"),
    ("A missile landed near the port on Sunday.", "landed", ("shelling", "strong", "munition-hits", None),
     "munition-hits"),
    ("The storm hit the coast on Friday.", "hit", None, None),
    ("The plane landed safely in Tarsk.", "landed", None, None),
    # exchange-fire / under-fire
    ("Troops and rebels exchanged fire near the bridge on Monday.", "exchanged",
     ("clash", "strong", "exchange-fire", None), "exchange-fire"),
    ("The two leaders exchanged gifts.", "exchanged", None, None),
    ("The convoy came under fire near Sedo on Monday.", "fire", ("shooting", "strong", "under-fire", None),
     "under-fire"),
    ("The base came under heavy shelling overnight.", "shelling", ("shelling", "strong", "under-fire", None),
     "under-fire"),
    ("The minister came under fire for his remarks.", "fire", ("shooting", "strong", "under-fire", None),
     "under-fire"),  # a metaphor fires here; see test_kind_events for why it makes no event
    ("The fire spread to the roof.", "fire", None, "not-a-trigger-noun"),
    # nouns: weak political acts, operations, displacement, the fall of a place
    ("The coup of 24 January surprised the region.", "coup", ("political", "weak", "political-noun", "coup"),
     "political-noun"),
    ("The truce agreed in May held until June.", "truce", ("political", "weak", "political-noun", "ceasefire"),
     "political-noun"),
    ("The summit in Lomo on 4 June ended without a statement.", "summit",
     ("political", "weak", "political-noun", "summit"), "political-noun"),
    ("The fall of Aleppo on 3 May ended the siege.", "fall", ("political", "weak", "fall-of-place", "takeover"),
     "fall-of-place"),
    ("The capture of the port in June cut the supply line.", "capture",
     ("political", "weak", "fall-of-place", "takeover"), "fall-of-place"),
    ("The fall of prices hurt farmers.", "fall", None, "not-a-trigger-noun"),
    ("The army launched an offensive in the east in March.", "offensive", ("operation", "strong", "operation-noun",
     None), "operation-noun"),
    ("A police crackdown in the capital followed on Friday.", "crackdown", ("operation", "strong",
     "operation-noun", None), "operation-noun"),
    ("A military campaign began in the hills in May.", "campaign", ("operation", "weak", "operation-modified",
     None), "operation-modified"),
    ("Her election campaign began in May.", "campaign", None, "not-a-trigger-noun"),
    ("The exodus from the valley began in June.", "exodus", ("displacement", "weak", "displacement-noun", None),
     "displacement-noun"),
]


@pytest.mark.parametrize("text, word, expected, rule", KINDS)
def test_kind_rules(nlp, tr, text, word, expected, rule):
    doc = nlp(text)
    tok = _tok(doc, word)
    assert tr.trigger(tok) == expected
    assert _deciding_rule(tr, tok) == rule


def test_every_kind_rule_is_tested(tr):
    rows = {"under-fire", "fall-of-place", "political-noun", "operation-noun", "operation-modified",
            "displacement-noun", "exchange-fire", "munition-hits", "seize-people", "seize-control",
            "political-particle", "political-act", "takeover", "political-verb", "political-person-verb",
            "body-vote", "deploy-forces", "forced-to-flee", "people-flee"}
    assert rows <= set(tr.rules.names())
    assert rows <= {r for *_, r in KINDS if r}
