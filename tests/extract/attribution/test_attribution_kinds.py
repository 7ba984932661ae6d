"""Attribution kinds from content, new cue forms and the author's voice without a subject
(pipeline/extract/attribution/kinds.py). Sentences are our own; docs are parsed by the real model."""
from __future__ import annotations

import pytest

from pipeline.extract.attribution.component import AttributionExtractor
from tests.extract.attribution.test_attribution import _by_cue as _claim, _txt as _t


@pytest.fixture(scope="module")
def extractor(nlp):
    return AttributionExtractor(nlp, "test_attribution_kinds", "lexicons/attribution.json")


@pytest.fixture(scope="module")
def run(nlp, extractor):
    def _run(text: str) -> list[dict]:
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
            doc = nlp(text)
        return extractor.find(doc)

    return _run


# text, cue, kind, source name must contain (None = author's voice), content must contain
KINDS = [
    # a neutral speech verb reporting facts is a report
    ("Rescue workers said the roof had collapsed onto the market stalls.", "said", "report", "Rescue workers",
     "the roof had collapsed"),
    ("The sports minister announced a figure of 42 on Sunday.", "announced", "report", "minister",
     "a figure of 42"),
    ("The information minister announced a curfew on Sunday.", "announced", "statement", "minister", "a curfew"),
    # a commitment or a future is a statement
    ("The ministry said it would rebuild the school within a year.", "said", "statement", "ministry",
     "it would rebuild the school"),
    ("The president said the country must remain united.", "said", "statement", "president",
     "the country must remain united"),
    ("The rebel commander told reporters: we are ready to talk.", "told", "statement", "rebel commander",
     "we are ready to talk"),
    # a denial phrase or a negated first-person act in the content is a denial
    ("The embassy said that Ruritania had nothing to do with any fire.", "said", "denial", "embassy",
     "nothing to do with"),
    ('"We did not fire on the crowd," the commander said.', "said", "denial", "commander", "did not fire"),
    # a hedged passive with an act verb and an agent pins the act on someone: accusation
    ("A senior officer said the bombers may have been helped by a cell based in the capital.", "said",
     "accusation", "senior officer", "helped by a cell"),
    ("Investigators said the fire was most likely Iranian in origin and the ship was behind the blast.", "said",
     "accusation", "Investigators", "behind the blast"),
    # analysts speak opinions
    ("Two economists said the new tariff was a blunder.", "said", "opinion", "economists", "tariff was a blunder"),
    # a whole quotation is a statement
    ('"We have buried too many people this year," a farmer told the radio station.', "told", "statement",
     "farmer", "buried too many"),
    # rejecting a charge, calling a report false: denials
    ("The regional government rejected the allegation.", "rejected", "denial", "regional government",
     "the allegation"),
    ("The army dismissed the reports as fabricated.", "dismissed", "denial", "army", "reports"),
    ("The council withdrew the statement a day later.", "withdrew", "denial", "council", "the statement"),
    # naming: blame in the label is an accusation, an evaluation an opinion, plain description a report
    ("Officials described the blast as the work of a foreign network.", "described", "accusation", "Officials",
     "the work of a foreign network"),
    ("Several commentators described the deal as a turning point.", "described", "opinion", "commentators",
     "turning point"),
    ("Residents described a long queue of trucks at the border.", "described", "report", "Residents",
     "a long queue of trucks"),
    # a warning about what may come is an opinion
    ("The union warned that the strike could spread to the ports.", "warned", "opinion", "union",
     "the strike could spread"),
    # condemning an act blames no one by itself
    ("The governor condemned the bombing.", "condemned", "statement", "governor", "the bombing"),
    ("Police refused to rule out arson.", "refused to rule out", "opinion", "Police", "arson"),
    # the participle with an agent; the contact relative clause
    ("Officials revised the figure upward from the 40 casualties reported by the health ministry on Tuesday.",
     "reported", "report", "health ministry", "the 40 casualties"),
    ("The rebels blamed the army for the fire, a claim the defence ministry denies.", "denies", "denial",
     "defence ministry", "a claim"),
    # an active verb coordinated under a passive complement takes the speaker's subject
    ("The minister said that 12 bodies had been found and blamed the militia for the killings.", "blamed",
     "accusation", "minister", "the militia"),
    # "... and was claimed by X": the subject of the first verb is what was claimed
    ("The blast killed four people and was claimed by the Northern Front.", "was claimed", "responsibility",
     "Northern Front", "The blast"),
    # the author's own voice without a verb subject
    ("In my view, the ceasefire will not survive the winter.", "In my view", "opinion", None,
     "the ceasefire will not survive"),
    ("The attacks suggest that the group has regrouped in the hills.", "suggest", "opinion", None,
     "the group has regrouped"),
    ("The men, who allegedly smuggled the weapons across the river, were released.", "allegedly", "report", None,
     "smuggled the weapons"),
    ("Further protests can be expected in the capital.", "can be expected", "opinion", None, "Further protests"),
]


@pytest.mark.parametrize("text, cue, kind, source, content_has", KINDS)
def test_kinds_and_forms(run, text, cue, kind, source, content_has):
    found = run(text)
    a = _claim(text, found, cue)
    assert a["kind"] == kind
    if source is None:
        assert a["source"] is None
    else:
        assert a["source"] is not None and source in a["source"]["name"]
    assert content_has in _t(text, a["content"])


def test_refused_to_rule_out_is_hedged(run):
    text = "Police refused to rule out arson."
    a = _claim(text, run(text), "refused to rule out")
    assert a["hedged"] and _t(text, a["content"]) == "arson"


# text, a cue that must NOT be extracted
NOT_CUES = [
    ("An aide, who asked us not to print her name, said the talks had stalled.", "asked"),
    ("A diplomat, speaking on condition that he stay anonymous, said the envoy had left.", "speaking"),
    ("The fighting showed how fragile the truce had become.", "showed"),
    ("The assault recalled the siege of the city a decade earlier.", "recalled"),
    ("The army withdrew its troops from the valley.", "withdrew"),
    ("The prime minister called an emergency meeting of the cabinet.", "called"),
    ("The pass, which locals call the Gate, was closed.", "call"),
    ("Shops reopened in Harran, as residents call their town.", "call"),
    ("The minister reportedly said the talks had failed.", "reportedly"),
    ("The results are expected next week.", "are expected"),
    ("Police said the injured included a cyclist, a man believed to be the brother of the mayor.", "believed"),
    ("A city claimed by both governments was shelled overnight.", "claimed"),
    ("The money raised by the charity paid for two clinics.", "raised"),
    ("He said he was considering declaring a state of emergency in the province.", "declaring"),
]


@pytest.mark.parametrize("text, cue", NOT_CUES)
def test_not_cues(run, text, cue):
    found = run(text)
    assert cue not in [_t(text, a["cue"]) for a in found]


def test_inanimate_subject_is_not_a_source(run):
    text = "The fighting shows that the violence has spread beyond the capital."
    for a in run(text):
        assert a["source"] is None or "fighting" not in a["source"]["name"]


def test_anonymous_source_still_speaks(run):
    text = "An aide, who asked us not to print her name, said the talks had stalled."
    a = _claim(text, run(text), "said")
    assert "aide" in a["source"]["name"] and "talks had stalled" in _t(text, a["content"])


def test_allegedly_inside_a_claim_is_not_the_author(run):
    text = "The police chief said the driver allegedly ignored two warnings."
    found = run(text)
    assert "allegedly" not in [_t(text, a["cue"]) for a in found]
    assert _claim(text, found, "said")["hedged"]


def test_label_with_common_noun_is_still_a_claim(run):
    text = "The movement, which the government calls a terrorist organisation, was banned."
    a = _claim(text, run(text), "calls")
    assert "government" in a["source"]["name"] and "terrorist organisation" in _t(text, a["content"])


# text, cue, source name must contain, content must contain
MORE_FORMS = [
    # a relative subject names itself: a claim (not a place name)
    ("The rebel leader, who proclaimed himself governor of the northern provinces, fled in May.", "proclaimed",
     "rebel leader", "governor of the northern provinces"),
    # a speech noun with a possessive source
    ("Despite the ministry's repeated statements about the end of the insurgency, attacks continued.",
     "repeated statements", "ministry", "the end of the insurgency"),
    ("The army's claim that the border was calm was contradicted by residents.", "claim", "army",
     "the border was calm"),
]


@pytest.mark.parametrize("text, cue, source, content_has", MORE_FORMS)
def test_more_forms(run, text, cue, source, content_has):
    a = _claim(text, run(text), cue)
    assert source in a["source"]["name"] and content_has in _t(text, a["content"])


def test_possessive_pronoun_is_not_a_nominal_source(run):
    text = "Its statements about the economy were vague."
    assert "statements" not in [_t(text, a["cue"]) for a in run(text)]


# text, cue, source name must contain, a source that must NOT be taken
SUBJECTS = [
    ("The mayor's office said the school would reopen in May and announced new fees for the car park.",
     "announced", "office", "school"),
    ("The raid was claimed two days later by the Northern Front.", "was claimed", "Northern Front", None),
    ("Officials acknowledged that hikers may have been lost and said a search was under way.", "said",
     "Officials", None),
]


@pytest.mark.parametrize("text, cue, source, not_source", SUBJECTS)
def test_subjects(run, text, cue, source, not_source):
    a = _claim(text, run(text), cue)
    assert source in a["source"]["name"]
    if not_source:
        assert not_source not in a["source"]["name"]


def test_according_to_figures_compiled_by(run):
    text = "According to data compiled by the Hill Monitor, 40 people died in the district last year."
    a = _claim(text, run(text), "According to data compiled by")
    assert "Hill Monitor" in a["source"]["name"] and "40 people died" in _t(text, a["content"])


def test_according_to_plain_figures(run):
    text = "According to official figures, 40 people died in the district last year."
    a = _claim(text, run(text), "According to")
    assert "figures" in a["source"]["name"]


def test_active_believe_is_still_a_claim(run):
    text = "The farmers believed that the dam would fail."
    a = _claim(text, run(text), "believed")
    assert "farmers" in a["source"]["name"] and a["kind"] == "opinion"


def test_content_does_not_end_with_a_conjunction(run):
    text = "Officials acknowledged that hikers may have been lost and said a search was under way."
    a = _claim(text, run(text), "acknowledged")
    assert not _t(text, a["content"]).endswith(" and")
