"""Everyday wire-copy constructions: every claim's spans are well formed (inside the text, start < end, not
blank, no edge whitespace), and the whole article survives `records` (a malformed span used to raise there
and lose the article). Sentences are our own inventions."""
from __future__ import annotations

import hashlib

import pytest

from pipeline.extract.api import extract_one
from pipeline.extract.attribution.tree import claim_ok, span_ok
from pipeline.types import Article

WIRE = [
    # responsibility claimed in a statement carried by an outlet (the inverted cue of the bug report)
    ("The Eastern Shield Brigade claimed responsibility in a statement carried by the Orion news agency, "
     "saying it killed 30 soldiers.", "claimed responsibility"),
    ("A militant group claimed responsibility for the raid in a statement carried by a local radio station, "
     "saying its fighters had killed 12 guards.", "claimed responsibility"),
    ("The militia denied responsibility for the shelling in a statement published by its media office, "
     "calling the accusation a lie.", "denied responsibility"),
    ("The group took responsibility in a statement on its website, and said the attack was revenge for the "
     "arrests.", "took responsibility"),
    # "adding that"
    ("The governor said the road would reopen on Friday, adding that repairs had cost about two million dollars.",
     "adding"),
    ("A previously unknown group claimed the bombing in a message posted on a messaging channel, adding that "
     "more attacks would follow.", "adding"),
    # "according to a statement posted on"
    ("Five guards were wounded, according to a statement posted on the ministry's website late on Tuesday.",
     "according to"),
    # a quotation that goes on after "he said."
    ('"We will not leave the valley," the commander said. "Our men are ready for a long winter."', "said"),
    # passives with an agent
    ("Responsibility for the raid was claimed by the Red Dawn Front in a video released on Sunday.", "was claimed"),
    ("It was claimed by the rebels that the convoy carried weapons.", None),
    # a parenthetical cue with an outlet, a fronted outlet, a told-by-telephone
    ("The rebels, the army said in a statement carried by state television, had lost at least 40 men.", "said"),
    ("In a statement carried by the official agency, the ministry said 12 people had died and 40 were hurt.", "said"),
    ("Police spokesman Tomas Berg told the Harbour Post by telephone that two suspects had been detained.", "told"),
]


def _article(text: str) -> Article:
    return Article(id="wire-" + hashlib.sha1(text.encode()).hexdigest()[:8], source="test", text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest())


def _spans(a: dict) -> list[dict]:
    out = [a["cue"], a["content"]]
    if a["source"]:
        out.append(a["source"])
        if a["source"].get("resolved") and a["source"]["resolved"].get("start_char") is not None:
            out.append(a["source"]["resolved"])
    if a.get("hedge"):
        out.append(a["hedge"])
    return out


@pytest.mark.parametrize("text, cue", WIRE)
def test_wire_copy_spans_are_well_formed(nlp, text, cue):
    doc = nlp(text)
    claims = doc._.cs_attributions
    for a in claims:
        for d in _spans(a):
            s, e = d["start_char"], d["end_char"]
            assert 0 <= s < e <= len(text), (a["rule"], d)
            seg = text[s:e]
            assert seg.strip() == seg and seg, (a["rule"], seg)
    if cue is not None:
        assert cue in [text[a["cue"]["start_char"]:a["cue"]["end_char"]] for a in claims]
    ex = extract_one(_article(text), nlp)  # records checks every span; a malformed one raises here
    assert len(ex.attributions) == len(claims)


def test_responsibility_in_a_carried_statement_has_one_source(nlp):
    """The outlet that carries a statement is not a second claimant of the responsibility."""
    text = ("The Eastern Shield Brigade claimed responsibility in a statement carried by the Orion news agency, "
            "saying it killed 30 soldiers.")
    resp = [a for a in nlp(text)._.cs_attributions if a["kind"] == "responsibility"]
    assert [text[a["source"]["start_char"]:a["source"]["end_char"]] for a in resp] == ["The Eastern Shield Brigade"]


@pytest.mark.parametrize("d, ok", [
    ({"start_char": 0, "end_char": 4}, True),
    ({"start_char": 4, "end_char": 4}, False),    # empty
    ({"start_char": 6, "end_char": 2}, False),    # inverted
    ({"start_char": 5, "end_char": 99}, False),   # outside the text
    ({"start_char": -1, "end_char": 3}, False),
    ({"start_char": 4, "end_char": 5}, False),    # blank
    ({"start_char": None, "end_char": 3}, False),
])
def test_span_ok(d, ok):
    assert span_ok("Rain fell today.", d) is ok


def test_claim_ok_checks_source_too():
    text = "Rain fell today, she said."
    good = {"cue": {"start_char": 21, "end_char": 25}, "content": {"start_char": 0, "end_char": 15},
            "source": {"name": "she", "start_char": 17, "end_char": 20}}
    assert claim_ok(text, good)
    assert not claim_ok(text, {**good, "source": {"name": "she", "start_char": 20, "end_char": 17}})
    assert not claim_ok(text, {**good, "cue": {"start_char": 57, "end_char": 41}})
    assert claim_ok(text, {**good, "source": None})
