"""The rule tables of the attribution extractor, rule by rule: for each named rule, sentences it must handle
(the rule that fires is the named one, and the claim it gives) and sentences where it must not fire.
Sentences are our own inventions; docs are parsed by the real model."""
from __future__ import annotations

import pytest

from tests.extract.attribution.conftest import tok

from pipeline.extract.attribution.author import AUTHOR_RULES
from pipeline.extract.attribution.content import CONTENT_RULES
from pipeline.extract.attribution.responsibility import CLAIMED_RULES
from pipeline.extract._rules import STOP, RuleTable, always
from pipeline.extract.attribution.verbs import BARE_RULES, CONTENT_VETOES, CUE_VETOES


_tok = tok


def _claims(ex, doc, text):
    return [(a["rule"], text[a["cue"]["start_char"]:a["cue"]["end_char"]],
             text[a["content"]["start_char"]:a["content"]["end_char"]]) for a in ex.find(doc)]


# ------------------------------------------------------------------------------------------ the table itself
def test_rule_table_first_stop_and_vetoes():
    t = (RuleTable("t").add("never", lambda x: False, lambda x: 1).add("none", always, lambda x: None)
         .add("hit", lambda x: x > 0, lambda x: x * 2, records="family").add("last", always, lambda x: -1))
    rule, value = t.first(3)
    assert (rule.name, rule.label, value) == ("hit", "family", 6)
    assert t.first(-1)[0].name == "last"
    assert RuleTable("s").add("stop", always, lambda x: STOP).add("after", always, lambda x: 1).first(0) is None
    v = RuleTable("v").add("neg", always, lambda x: x < 0).add("big", always, lambda x: x > 9)
    assert v.vetoed(-1) == "neg" and v.vetoed(10) == "big" and v.vetoed(5) is None
    with pytest.raises(ValueError):
        RuleTable("d").add("a", always, always).add("a", always, always)


# ------------------------------------------------------------------------------------------ content rules
CONTENT_CASES = [
    ("light", "Farmers' unions called for an inquiry into the water shortage.", "called", "an inquiry into the water shortage"),
    ("light", "The opposition leader called for new elections before the winter.", "called", "new elections"),
    ("light", "Residents of the valley pointed to the dry wells as proof.", "pointed", "the dry wells"),
    ("ccomp", "The coach said that the team would travel on Sunday.", "said", "that the team would travel on Sunday"),
    ("ccomp", "Local residents believe the bridge is unsafe.", "believe", "the bridge is unsafe"),
    ("ccomp", "A nurse at the clinic told us the generator had failed.", "told", "the generator had failed"),
    ("that-under-prep", "The union warned in a letter to members that the talks could collapse.", "warned",
     "that the talks could collapse"),
    ("that-under-prep", "The mayor admitted during a televised debate that the budget was short.", "admitted",
     "that the budget was short"),
    ("that-under-prep", "The governor conceded at a press briefing that the shelters were full.", "conceded",
     "that the shelters were full"),
    ("naming-quote", "The critics branded the film “a cheap copy”.", "branded", "the film “a cheap copy”"),
    ("naming-quote", "The guide called the old fort “the heart of the city”.", "called", "the old fort “the heart of the city”"),
    ("naming-quote", "The unions labelled the offer “insulting” on Tuesday.", "labelled", "the offer “insulting”"),
    ("naming-quoted-modifier", "The envoy labelled the proposal “unworkable” in a radio interview.", "labelled",
     "the proposal “unworkable”"),
    ("naming-quoted-modifier", "The farmers labelled the new rules “absurd” in a petition.", "labelled",
     "the new rules “absurd”"),
    ("naming-quoted-modifier", "The mayor labelled the protests “illegal” during the meeting.", "labelled",
     "the protests “illegal”"),
    ("naming-label", "Critics called the new tax a disaster for small shops.", "called", "the new tax a disaster for small shops"),
    ("naming-label", "The party proclaimed itself the winner of the vote.", "proclaimed", "itself the winner of the vote"),
    ("naming-label", "Fans dubbed the striker the king of the north.", "dubbed", "the striker the king of the north"),
    ("naming-prep", "The council described the flooding as the worst in a decade.", "described", "the flooding as the worst"),
    ("naming-prep", "The teachers described the reform as a step backwards.", "described", "the reform as a step backwards"),
    ("naming-prep", "The strike was described by the union as a warning.", "described", "a warning"),
    ("xcomp", "The rebels vowed to continue the siege.", "vowed", "to continue the siege"),
    ("xcomp", "The minister promised to rebuild the school by spring.", "promised", "to rebuild the school by spring"),
    ("xcomp", "The strikers threatened to block the port.", "threatened", "to block the port"),
    ("object-colon", "The judge asked the question: who signed the order?", "asked", "who signed the order"),
    ("object-colon", "The report listed three causes: poor drainage, old pipes and heavy rain.", "listed",
     "poor drainage, old pipes and heavy rain"),
    ("object-colon", "The auditor noted two problems: missing receipts and late payments.", "noted",
     "missing receipts and late payments"),
    ("toll", "Officials put the death toll at fourteen.", "put", "the death toll at fourteen"),
    ("toll", "Rescue workers gave a lower toll of nine dead.", "gave", "a lower toll of nine dead"),
    ("toll", "The coroner put the number of victims at six.", "put", "the number of victims at six"),
    ("np", "The hospital confirmed the deaths of two nurses.", "confirmed", "the deaths of two nurses"),
    ("np", "The army denied the reports of heavy losses.", "denied", "the reports of heavy losses"),
    ("np", "The police confirmed the arrest of a second suspect.", "confirmed", "the arrest of a second suspect"),
    ("parenthetical", "The curfew, the governor said, will be lifted on Friday.", "said",
     "The curfew, the governor said, will be lifted on Friday"),
    ("parenthetical", "The new road, officials said, would open next year.", "said",
     "The new road, officials said, would open next year"),
    ("parenthetical", "The shipment, the importer insisted, had cleared customs.", "insisted",
     "The shipment, the importer insisted, had cleared customs"),
    ("colon", "The sheriff said: “Stay indoors until the storm passes.”", "said", "“Stay indoors until the storm passes.”"),
    ("colon", "The teacher said: “Close your books now.”", "said", "“Close your books now.”"),
    ("colon", "The ranger said: “Keep to the marked paths.”", "said", "“Keep to the marked paths.”"),
]


@pytest.mark.parametrize("rule, text, cue, content", CONTENT_CASES)
def test_content_rule_fires(ex, parse, rule, text, cue, content):
    doc = parse(text)
    got = CONTENT_RULES.first(ex, doc, _tok(doc, cue))
    assert got is not None and got[0].name == rule
    claims = _claims(ex, doc, text)
    assert any(r == "verb-" + got[0].label and c == content for r, _, c in claims), claims


def test_every_content_rule_has_three_cases():
    counts = {n: sum(c[0] == n for c in CONTENT_CASES) for n in CONTENT_RULES.names()}
    assert {n: k for n, k in counts.items() if k < 3} == {}, counts


@pytest.mark.parametrize("rule, text, cue", [
    ("toll", "She gave him a book before the meeting.", "gave"),         # a toll verb without a toll noun
    ("toll", "They put the car in the garage.", "put"),
    ("light", "The mayor called the hotel before noon.", "called"),       # not "called for"
    ("xcomp", "The strikers managed to block the port.", "managed"),      # not a cue verb of the lexicon
    ("naming-label", "The council called an election for May.", "called"),
    ("object-colon", "The inspector locked the doors at night.", "locked"),
])
def test_content_rule_does_not_fire(ex, parse, rule, text, cue):
    doc = parse(text)
    got = CONTENT_RULES.first(ex, doc, _tok(doc, cue))
    assert got is None or got[0].name != rule
    assert not any(r == "verb-" + rule for r, _, _ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ bare cue verbs
@pytest.mark.parametrize("rule, text, cue, content", [
    ("relcl-object", "It is a claim the ministry denies.", "denies", "a claim"),
    ("relcl-object", "It is a rumour the palace denies.", "denies", "a rumour"),
    ("claim-noun-object", "The council withdrew its statement after the protest.", "withdrew", "its statement"),
    ("claim-noun-object", "The witness retracted her statement on Monday.", "retracted", "her statement"),
])
def test_bare_rule_fires(ex, parse, rule, text, cue, content):
    doc = parse(text)
    tok = _tok(doc, cue)
    assert CONTENT_RULES.first(ex, doc, tok) is None
    got = BARE_RULES.first(ex, doc, tok, [])
    assert got is not None and got[0].name == rule
    assert any(c == content for _, _, c in _claims(ex, doc, text))


@pytest.mark.parametrize("text", [
    "The army withdrew its tanks from the border.",
    "The club withdrew its team from the league.",
    "The council withdrew its troops from the square.",
])
def test_withdrawing_what_is_not_a_claim_makes_no_claim(ex, parse, text):
    doc = parse(text)
    assert _claims(ex, doc, text) == []


# ------------------------------------------------------------------------------------------ vetoes
@pytest.mark.parametrize("veto, text, cue", [
    ("modifier", "The reported clashes lasted two hours.", "reported"),
    ("modifier", "The claimed victory was short-lived.", "claimed"),
    ("modifier", "The stated aim of the visit was trade.", "stated"),
    ("anonymity-request", "A guard, who asked us not to print his name, said the doors were open.", "asked"),
    ("anonymity-request", "A clerk requested anonymity and then described the ledger.", "requested"),
    ("anonymity-request", "A tenant spoke on condition of anonymity about the rent.", "spoke"),
    ("reduced-passive", "A man believed to be the driver was detained.", "believed"),
    ("reduced-passive", "A dog believed to be the stray from the farm was caught.", "believed"),
    ("reduced-passive", "Two men thought to be smugglers were arrested.", "thought"),
])
def test_cue_veto(ex, parse, veto, text, cue):
    doc = parse(text)
    assert CUE_VETOES.vetoed(ex, _tok(doc, cue)) == veto
    assert cue not in [c for _, c, _ in _claims(ex, doc, text)]


@pytest.mark.parametrize("text, cue", [
    ("The spokesman said the talks had stalled.", "said"),
    ("The farmers asked the council to repair the road.", "asked"),
    ("Police believe the driver fled north.", "believe"),
])
def test_cue_vetoes_do_not_fire_on_claims(ex, parse, text, cue):
    doc = parse(text)
    assert CUE_VETOES.vetoed(ex, _tok(doc, cue)) is None


@pytest.mark.parametrize("veto, text, cue", [
    ("excluded-object", "The mayor called a press conference for noon.", "called"),
    ("excluded-object", "The league called a meeting of all club owners.", "called"),
    ("excluded-object", "The union called an emergency meeting for Friday.", "called"),
    ("a-name", "The village, which residents call Stonebridge, lies by the lake.", "call"),
    ("a-name", "The river that locals call the Silver runs through the valley.", "call"),
    ("a-name", "The town that locals call Greenhill sits on a ridge.", "call"),
    ("not-a-claim-noun", "The army withdrew its tanks from the border.", "withdrew"),
    ("not-a-claim-noun", "The club withdrew its team from the league.", "withdrew"),
    ("not-a-claim-noun", "The council withdrew its troops from the square.", "withdrew"),
])
def test_content_veto(ex, parse, veto, text, cue):
    doc = parse(text)
    tok = _tok(doc, cue)
    got = CONTENT_RULES.first(ex, doc, tok)
    content = (*got[1], got[0].label)
    assert CONTENT_VETOES.vetoed(ex, tok, content) == veto
    assert _claims(ex, doc, text) == []


@pytest.mark.parametrize("text, cue", [
    ("The minister withdrew his remarks the next day.", "withdrew"),
    ("Critics called the new tax a disaster for small shops.", "called"),
    ("The hospital confirmed the deaths of two nurses.", "confirmed"),
])
def test_content_vetoes_keep_claims(ex, parse, text, cue):
    doc = parse(text)
    tok = _tok(doc, cue)
    got = CONTENT_RULES.first(ex, doc, tok)
    assert CONTENT_VETOES.vetoed(ex, tok, (*got[1], got[0].label)) is None


# ------------------------------------------------------------------------------------------ author's voice
AUTHOR_CASES = [
    ("author-we", "We believe that the plan will fail.", "believe", "the plan will fail"),
    ("author-we", "We should not exclude the likelihood that the fire was set on purpose.",
     "should not exclude the likelihood", "the fire was set on purpose"),
    ("author-we", "We cannot rule out that heavy rain will flood the river again.", "cannot rule",
     "heavy rain will flood the river again"),
    ("author-epistemic", "It seems quite possible that the vote will be delayed.", "It seems quite possible",
     "that the vote will be delayed"),
    ("author-epistemic", "It is likely that the ferry service will resume next week.", "It is likely",
     "that the ferry service will resume next week"),
    ("author-epistemic", "Further delays are likely to follow.", "are likely", "Further delays are likely to follow"),
]


@pytest.mark.parametrize("rule, text, cue, content", AUTHOR_CASES)
def test_author_rule_fires(ex, parse, rule, text, cue, content):
    doc = parse(text)
    sent = next(iter(doc.sents))
    assert AUTHOR_RULES.first(ex, doc, sent, sent.root)[0].name == rule
    assert (rule, cue, content) in _claims(ex, doc, text)


@pytest.mark.parametrize("text", [
    "The lines have been clear all morning.",                            # a description, not a claim
    "The ceasefire may be the last chance for the valley.",              # a modal copula is no author claim
    "The report may be ready by Friday, the clerk said.",
    'The mayor said: "We believe that the plan will fail."',            # first person of a quoted speaker
])
def test_author_rules_do_not_fire(ex, parse, text):
    doc = parse(text)
    assert not any(r.startswith("author-") for r, _, _ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ responsibility
@pytest.mark.parametrize("rule, text, cue, content", [
    ("responsibility-object", "The Red Hand group claimed responsibility for the explosion at the depot.",
     "claimed responsibility", "the explosion at the depot"),
    ("responsibility-object", "The separatists accepted responsibility for the ambush near the river.",
     "accepted responsibility", "the ambush near the river"),
    ("responsibility-object", "A local cell took credit for the sabotage of the rail line.", "took credit",
     "the sabotage of the rail line"),
    ("claimed-act", "The Black Banner group claimed the bombing of the market.", "claimed", "the bombing of the market"),
    ("claimed-act", "The ambush was claimed by a faction based in the hills.", "was claimed", "The ambush"),
    ("claimed-act-conj", "The explosion killed three workers and was claimed by a little-known group.",
     "was claimed", "The explosion"),
    ("claimed-act-conj", "The blast destroyed the depot and was claimed by the river brigade.", "was claimed",
     "The blast"),
])
def test_responsibility_rule_fires(ex, parse, rule, text, cue, content):
    doc = parse(text)
    verb = [t for t in doc if t.lemma_.lower() in ex.resp_all and t.pos_ == "VERB"][0]
    assert CLAIMED_RULES.first(ex, doc, verb)[0].name == rule
    assert ("responsibility", cue, content) in _claims(ex, doc, text)


@pytest.mark.parametrize("text", [
    "No faction has claimed the ambush so far.",                         # no claimant
    "The team claimed the trophy after a penalty shoot-out.",            # not an act of violence
    "The firm accepted the offer from the city.",
    "The reporter took a photo of the burned bus.",
])
def test_responsibility_rules_do_not_fire(ex, parse, text):
    doc = parse(text)
    assert not any(r == "responsibility" for r, _, _ in _claims(ex, doc, text))
