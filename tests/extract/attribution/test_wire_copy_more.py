"""More awkward wire-copy constructions (issue 21), end to end: every span exact against the text, and no claim
dropped as malformed (the attribution component reports such a drop as a warning; none may happen here). The
sentences are our own inventions."""
from __future__ import annotations

import hashlib

import pytest

from pipeline.extract.api import extract_batch_results
from pipeline.types import Article, span_errors

WIRE = [
    "The Northern Falcons claimed responsibility via its news agency, saying its fighters killed 14 police officers.",
    "The Hill Front said in a statement carried by a satellite channel that it had shot down a drone.",
    "A spokesman said in a statement carried by the state news agency (SNA) that 9 people died.",
    "The group claimed responsibility through its Telegram channel, adding that 'more operations are coming'.",
    "\u201cThe commander told us: \u2018We will hold the bridge,\u2019 and then the line went dead,\u201d a soldier said.",
    "\"They said 'no one will be spared' and opened fire,\" one witness told the agency.",
    "The minister (speaking privately to reporters) said the toll (at least 20) could rise.",
    "Police said (without giving details) that two suspects were held, according to local radio.",
    "NORTH PORT, May 2 (Coastal Wire) \u2014 Gunmen killed six fishermen overnight, officials said on Saturday.",
    "RIVERTON \u2014 A car bomb wounded 11 people near the court on Monday, police said.",
    "ALDER BAY, Jan. 9 \u2013 The army said it had retaken the town \u2014 a claim the rebels denied.",
    "The rebels, according to a statement read on state television, had lost 40 men.",
    "It was not immediately possible to verify the claim, which was carried by the group's news agency.",
    "In a statement, carried by several outlets, the Iron Crescent claimed the attack and vowed more.",
    "The agency, citing a security source, said 7 soldiers were killed and 3 were wounded.",
    "\u201cWe are not behind it,\u201d the movement said in a statement, denying any role in the blast.",
    "A statement carried by the agency said: \u201cThe operation killed 30 enemy soldiers.\u201d",
    "The Western Wing claimed responsibility in a statement carried by Amber Press, saying it killed 30 soldiers, "
    "and the army said the figure was \"a lie\".",
]


def _article(text: str) -> Article:
    return Article(id="wire-" + hashlib.sha1(text.encode()).hexdigest()[:8], source="test", text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest(), published="2016-06-27")


@pytest.mark.parametrize("text", WIRE)
def test_awkward_wire_copy_extracts_with_exact_spans(nlp, text):
    ex = extract_batch_results([_article(text)], nlp=nlp)[0]
    assert hasattr(ex, "attributions"), ex
    assert span_errors(ex, text) == []
    assert ex.warnings == [], [w.model_dump() for w in ex.warnings]
