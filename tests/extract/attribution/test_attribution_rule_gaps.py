"""Rule tables of the attribution extractor: the rules the other test files left below three invented
positive sentences and one negative (audit of rules.py tables): the bare-speech fallback, the bare relative
clause and claim-noun rules, the voice rules, responsibility, "according to", the negatives of the content
rules and the kind rules without a table. Sentences are our own inventions; docs are parsed by the real model."""
from __future__ import annotations

import pytest

from pipeline.extract.attribution.quotes import find_quotes
from tests.extract.attribution.conftest import tok

import pipeline.extract.attribution.kinds as kinds
from pipeline.extract.attribution.content import CONTENT_RULES, content_of_verb
from pipeline.extract.attribution.responsibility import CLAIMED_RULES
from pipeline.extract.attribution.verbs import BARE_RULES, VOICE_RULES


_tok = tok


def _claims(ex, doc, text):
    return [(a["rule"], text[a["cue"]["start_char"]:a["cue"]["end_char"]],
             text[a["content"]["start_char"]:a["content"]["end_char"]], a["source"] and a["source"]["name"])
            for a in ex.find(doc)]


# ------------------------------------------------------------------------------------------ bare: fallback
@pytest.mark.parametrize("text, cue, content_start", [
    ("As the coach admitted, the squad lacked fitness.", "admitted", "the squad lacked fitness"),
    ("As officials confirmed, the border stays shut.", "confirmed", "the border stays shut"),
    ("As the farmer explained, the rain came too late.", "explained", "the rain came too late"),
    ("As the guide noted in her talk, the castle burned twice.", "noted", "the castle burned twice"),
    ("The museum is closed, as the guard explained to us.", "explained", "The museum is closed"),  # before the verb
])
def test_fallback_fires(ex, parse, text, cue, content_start):
    doc = parse(text)
    tok = _tok(doc, cue)
    assert CONTENT_RULES.first(ex, doc, tok) is None
    got = BARE_RULES.first(ex, doc, tok, [])
    assert got is not None and got[0].name == "fallback"
    hits = [c for r, k, c, _ in _claims(ex, doc, text) if r == "verb-fallback" and k == cue]
    assert len(hits) == 1 and hits[0].startswith(content_start), hits


@pytest.mark.parametrize("text, cue", [
    ("Officials said nothing.", "said"),                         # nothing after the verb
    ("He said so.", "said"),
    ("The figure was announced by the ministry.", "announced"),  # a passive has no bare speech
])
def test_fallback_does_not_fire(ex, parse, text, cue):
    doc = parse(text)
    got = BARE_RULES.first(ex, doc, _tok(doc, cue), [])
    assert got is None or got[0].name != "fallback"
    assert not any(r == "verb-fallback" for r, *_ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ bare: the others
@pytest.mark.parametrize("rule, text, cue, content", [
    ("relcl-object", "They repeated a rumour the mayor denies.", "denies", "a rumour"),
    ("claim-noun-object", "The station retracted its story the next morning.", "retracted", "its story"),
    ("claim-noun-object", "The club withdrew its statement about the referee.", "withdrew",
     "its statement about the referee"),
])
def test_bare_rule_fires_more(ex, parse, rule, text, cue, content):
    doc = parse(text)
    tok = _tok(doc, cue)
    assert CONTENT_RULES.first(ex, doc, tok) is None
    got = BARE_RULES.first(ex, doc, tok, [])
    assert got is not None and got[0].name == rule
    assert any(k == cue and c == content for _, k, c, _ in _claims(ex, doc, text))


@pytest.mark.parametrize("text, cue", [
    ("This is the house the reporter described.", "described"),   # a house is no claim
    ("The claim that the ministry denies is old.", "denies"),     # a relative pronoun, no contact clause
    ("The senator withdrew from the race.", "withdrew"),          # no claim noun object
])
def test_bare_rules_do_not_fire(ex, parse, text, cue):
    doc = parse(text)
    assert BARE_RULES.first(ex, doc, _tok(doc, cue), []) is None
    assert not any(k == cue for _, k, _, _ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ voice
def _voice(ex, doc, text, cue):
    tok = _tok(doc, cue)
    got = content_of_verb(ex, doc, tok)
    subj = ex._subject(tok)
    assert got is not None and subj is not None
    args = (ex, doc, tok, subj, got[3], find_quotes(text), [])
    when = next(r.name for r in VOICE_RULES if r.when(*args))
    return when, VOICE_RULES.first(*args)


@pytest.mark.parametrize("rule, text, cue, source", [
    ("event-subject", "The bombings indicate that the rebels have new weapons.", "indicate", None),
    ("event-subject", "The raids suggest that the militia is short of food.", "suggest", None),
    ("event-subject", "The clashes imply that the ceasefire has failed.", "imply", None),
    ("first-person", "I think the bridge will hold.", "think", None),
    ("first-person", "I believe the mayor is wrong about the budget.", "believe", None),
    ("first-person", "I suspect the vote was rigged by the council.", "suspect", None),
    ("subject", "The coach said on Friday the team was tired.", "said", "coach"),
    ("subject", "The guards insist the prisoner escaped alone.", "insist", "guards"),
    ("subject", "The hospital confirmed the deaths of two nurses.", "confirmed", "hospital"),
])
def test_voice_rule_decides(ex, parse, rule, text, cue, source):
    doc = parse(text)
    when, got = _voice(ex, doc, text, cue)
    assert when == rule and got is not None and got[0].name == rule
    claims = [(r, s) for r, k, _, s in _claims(ex, doc, text) if k == cue]
    if source is None:
        assert claims == [("author-first-person", None)], claims
    else:
        assert len(claims) == 1 and source in claims[0][1] and claims[0][0].startswith("verb-"), claims


@pytest.mark.parametrize("rule, text, cue", [
    ("event-subject", "The attacks show that the border is porous.", "show"),           # an event does not speak
    ("event-subject", "The explosion showed that the depot was unguarded.", "showed"),
    ("first-person", '"I think the bridge will hold," the engineer said.', "think"),  # a quoted speaker's
    ("first-person", "We think the bridge will hold.", "think"),                        # the author-we rule's
    ("subject", "No official said the talks had stalled.", "said"),                     # no speaker
])
def test_voice_rule_gives_no_claim(ex, parse, rule, text, cue):
    doc = parse(text)
    when, got = _voice(ex, doc, text, cue)
    assert when == rule and got is None
    assert not any(k == cue and r.startswith(("verb-", "author-first")) for r, k, _, _ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ responsibility
@pytest.mark.parametrize("rule, text, cue, content", [
    ("claimed-act", "The Silver Hawks claimed the raid on the barracks.", "claimed", "the raid on the barracks"),
    ("claimed-act-conj", "The attack wounded six soldiers and was claimed by the Eastern Front.", "was claimed",
     "The attack"),
    ("claimed-act-conj", "The raid destroyed two trucks and was claimed by the hill brigade.", "was claimed",
     "The raid"),
])
def test_responsibility_rule_fires_more(ex, parse, rule, text, cue, content):
    doc = parse(text)
    verb = [t for t in doc if t.lemma_.lower() in ex.resp_all and t.pos_ == "VERB"][0]
    assert CLAIMED_RULES.first(ex, doc, verb)[0].name == rule
    assert any(r == "responsibility" and k == cue and c == content for r, k, c, _ in _claims(ex, doc, text))


def test_claimed_act_conj_needs_a_claim_verb(ex, parse):
    text = "The blast killed three workers and was investigated by the police."
    doc = parse(text)
    assert CLAIMED_RULES.first(ex, doc, _tok(doc, "investigated")) is None
    assert not any(r == "responsibility" for r, *_ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ according to
@pytest.mark.parametrize("text, cue, content, source", [
    ("Four bridges collapsed, according to the county engineer.", "according to", "Four bridges collapsed",
     "county engineer"),
    ("According to the harbour master, the ferry will sail at dawn.", "According to", "the ferry will sail at dawn",
     "harbour master"),
    ("The price of bread doubled in March, in the words of one baker.", "in the words of",
     "The price of bread doubled in March", "baker"),
    ("The vote was fair, in the view of the observers.", "in the view of", "The vote was fair", "observers"),
])
def test_according_to_fires(ex, parse, text, cue, content, source):
    doc = parse(text)
    hits = [(c, s) for r, k, c, s in _claims(ex, doc, text) if r == "according-to" and k == cue]
    assert len(hits) == 1 and hits[0][0] == content and source in hits[0][1], hits


@pytest.mark.parametrize("text", [
    "The match went according to plan.",                 # manner, not a source
    "The houses were built according to the old rules.",
])
def test_according_to_does_not_fire(ex, parse, text):
    doc = parse(text)
    assert not any(r == "according-to" for r, *_ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ content: negatives
@pytest.mark.parametrize("rule, text, cue", [
    ("ccomp", "The coach said nothing about the injury.", "said"),
    ("that-under-prep", "The union warned in a letter that members received on Friday.", "warned"),  # a relative
    ("naming-quote", "The critics branded the film a cheap copy.", "branded"),                       # no quotation
    ("naming-quoted-modifier", "The envoy labelled the proposal unworkable.", "labelled"),
    ("naming-prep", "The council described the flooding in great detail.", "described"),            # no "as"
    ("np", "The army denied it.", "denied"),                                                         # a pronoun
    ("np", "The hospital confirmed on Monday.", "confirmed"),
    ("parenthetical", "The governor said the curfew will be lifted on Friday.", "said"),
    ("colon", "The sheriff said that the storm would pass by night.", "said"),
])
def test_content_rule_does_not_fire_more(ex, parse, rule, text, cue):
    doc = parse(text)
    got = CONTENT_RULES.first(ex, doc, _tok(doc, cue))
    assert got is None or got[0].name != rule
    label = next(r.label for r in CONTENT_RULES if r.name == rule)
    if label == rule:
        assert not any(r == "verb-" + rule for r, *_ in _claims(ex, doc, text))


# ------------------------------------------------------------------------------------------ kind rules


@pytest.mark.parametrize("rule, text, cue, kind", [
    ("not-neutral", "The engineers predict the roads will reopen soon.", "predict", "statement"),
    ("not-neutral", "The guards insist the prisoner escaped alone.", "insist", "statement"),
    ("not-neutral", "The farmers complain that the prices are too low.", "complain", "accusation"),
    ("not-clausal", "The hospital confirmed the deaths of two nurses.", "confirmed", "report"),
    ("not-clausal", "The ministry reported a sharp rise in cases.", "reported", "report"),
    ("not-clausal", "The embassy confirmed the arrest of a tourist.", "confirmed", "report"),
])
def test_kind_rule_decides_more(decided, rule, text, cue, kind):
    assert (rule, cue, kind) in decided(text)


@pytest.mark.parametrize("rule, text, cue", [
    ("rule-out-negated", "The coach refused to confirm a transfer.", "refused"),
    ("refuse-to-rule-out", "The coach refused to confirm a transfer.", "refused"),     # not "to rule out"
    ("naming-blame", "The envoy labelled the proposal unworkable.", "labelled"),       # blames no one
    ("naming-opinion", "The council described the flooding in great detail.", "described"),
    ("prediction", "The doctor said that the fever would spread.", "said"),            # not a warning verb
    ("describe-object", "The envoy labelled the proposal unworkable.", "labelled"),
    ("whole-quote", "The sheriff said that the storm would pass by night.", "said"),
    ("report", "The sheriff said that the storm would pass by night.", "said"),
    ("not-neutral", "The hospital confirmed the deaths of two nurses.", "confirmed"),
    ("not-clausal", "The guards insist the prisoner escaped alone.", "insist"),
])
def test_kind_rule_does_not_decide_more(decided, rule, text, cue):
    got = decided(text)
    assert any(c == cue for _, c, _ in got), got      # the claim exists; another rule decides it
    assert not any(r == rule and c == cue for r, c, _ in got)
