"""The kind rules (attribution/refine.py KIND_RULES), rule by rule: which rule decides a claim's kind, and the
kind it gives, on sentences we wrote; plus sentences each rule must not decide. Real model."""
from __future__ import annotations

import pytest

import pipeline.extract.attribution.kinds as kinds




CASES = [
    ("rule-out-negated", "The police could not rule out that someone set the fire.", "could not rule out", "opinion"),
    ("rule-out-negated", "The mayor did not rule out that the school would close.", "did not rule out", "opinion"),
    ("rule-out-negated", "The chief would not rule out that more arrests would follow.", "would not rule out", "opinion"),
    ("refuse-to-rule-out", "The coach refused to rule out a transfer.", "refused to rule out", "opinion"),
    ("refuse-to-rule-out", "The manager refused to rule out a sale of the club.", "refused to rule out", "opinion"),
    ("refuse-to-rule-out", "The bank refused to exclude further cuts.", "refused to exclude", "opinion"),
    ("reject-a-claim", "The ministry rejected the claim of a cover-up.", "rejected", "denial"),
    ("reject-a-claim", "The agency rejected the accusation of fraud.", "rejected", "denial"),
    ("reject-a-claim", "The team denied the claim of doping.", "denied", "denial"),
    ("naming-falsity", "The firm called the reports fabricated.", "called", "denial"),
    ("naming-falsity", "The minister called the story false.", "called", "denial"),
    ("naming-falsity", "The union called the figures untrue.", "called", "denial"),
    ("naming-blame", "The mayor called the blaze a crime carried out by the developers.", "called", "accusation"),
    ("naming-blame", "The ministry called the leak a smear orchestrated by the opposition.", "called", "accusation"),
    ("naming-blame", "The league described the riot as violence instigated by the away fans.", "described", "accusation"),
    ("naming-opinion", "The ministry described the leak as an attempt to harm the talks.", "described", "opinion"),
    ("naming-opinion", "Critics called the response inadequate.", "called", "opinion"),
    ("naming-opinion", "The judge described the verdict as a hard lesson.", "described", "opinion"),
    ("prediction", "The doctor warned that the fever would spread.", "warned", "opinion"),
    ("prediction", "The union warned that the strike would last weeks.", "warned", "opinion"),
    ("prediction", "The engineer warned that the wall could collapse.", "warned", "opinion"),
    ("describe-object", "Residents described a heavy police presence.", "described", "report"),
    ("describe-object", "Witnesses described a loud bang before dawn.", "described", "report"),
    ("describe-object", "Tourists described a long queue at the border.", "described", "report"),
    ("toll-object", "The ministry announced the toll of twelve.", "announced", "report"),
    ("toll-object", "The hospital announced the toll of nine.", "announced", "report"),
    ("toll-object", "The army announced a toll of six dead.", "announced", "report"),
    ("condemn-event", "The president condemned the attack.", "condemned", "statement"),
    ("condemn-event", "The council condemned the bombing at the market.", "condemned", "statement"),
    ("condemn-event", "The governor denounced the shooting.", "denounced", "statement"),
    ("denial-phrase", "The spokesman said the bridge had nothing to do with any crash.", "said", "denial"),
    ("denial-phrase", "The army said Ruritania played no part in the raid.", "said", "denial"),
    ("denial-phrase", "The embassy said that Ruritania had nothing to do with any fire.", "said", "denial"),
    ("first-person-negation", '"We did not open fire," the captain said.', "said", "denial"),
    ("first-person-negation", "The officer said we did not see the car.", "said", "denial"),
    ("first-person-negation", "The mayor said we will not give up.", "said", "denial"),
    ("blame", "The minister said the blast was carried out by the rebels.", "said", "accusation"),
    ("blame", "The minister said the rebels were behind the blast.", "said", "accusation"),
    ("blame", "The envoy said the militia was responsible for the killings.", "said", "accusation"),
    ("whole-quote", '"The road is open again," the driver said.', "said", "statement"),
    ("whole-quote", '"We are proud of the team," the coach said.', "said", "statement"),
    ("whole-quote", '"The ferry leaves at noon," the clerk said.', "said", "statement"),
    ("commitment", "The mayor said the town would rebuild the bridge.", "said", "statement"),
    ("commitment", "The ministry said it would pay for the repairs.", "said", "statement"),
    ("commitment", "The coach said the team must win on Sunday.", "said", "statement"),
    ("opinion-source", "Analysts said the delay was no accident.", "said", "opinion"),
    ("opinion-source", "Experts said the dam was too old.", "said", "opinion"),
    ("opinion-source", "Observers said the vote was fair.", "said", "opinion"),
    ("report", "The governor said the water was clean.", "said", "report"),
    ("report", "Rescue workers said the roof had collapsed.", "said", "report"),
    ("report", "The police said two men were arrested.", "said", "report"),
]


@pytest.mark.parametrize("rule, text, cue, kind", CASES)
def test_kind_rule_decides(decided, rule, text, cue, kind):
    assert (rule, cue, kind) in decided(text)


def test_every_kind_rule_has_three_cases():
    counts = {n: sum(c[0] == n for c in CASES) for n in kinds.KIND_RULES.names()}
    assert {n: k for n, k in counts.items() if k < 3 and n not in ("not-neutral", "not-clausal")} == {}, counts


# a rule that must NOT decide the claim with this cue
NOT_DECIDED = [
    ("condemn-event", "The governor condemned the attack by the militia.", "condemned"),  # blames someone
    ("reject-a-claim", "The ministry rejected the offer of a loan.", "rejected"),         # not a claim noun
    ("naming-falsity", "Critics called the response inadequate.", "called"),
    ("blame", "The governor said the water was clean.", "said"),
    ("commitment", "Rescue workers said the roof had collapsed.", "said"),
    ("opinion-source", "The police said two men were arrested.", "said"),
    ("denial-phrase", "The spokesman said the bridge had reopened after the crash.", "said"),
    ("first-person-negation", "The officer said the driver did not see the car.", "said"),
    ("toll-object", "The hospital announced a new wing for children.", "announced"),
]


@pytest.mark.parametrize("rule, text, cue", NOT_DECIDED)
def test_kind_rule_does_not_decide(decided, rule, text, cue):
    assert not any(r == rule and c == cue for r, c, _ in decided(text))
