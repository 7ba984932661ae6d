"""The figure one incident's casualty mentions add up to (casualties.figures)."""
from __future__ import annotations

import pytest

from pipeline.extract.casualties.figures import article_totals
from tests.extract.casualties.test_casualties import _figs


@pytest.mark.parametrize(
    "text",
    ["At least 300 children have been killed by guns since 2013.",
     "Two men were killed last year in a similar attack.",
     "It is the most killings the city has seen in January since 2007, when 28 were killed."],
)
def test_other_periods_do_not_count(nlp, text):
    _, found = _figs(nlp, text)
    assert article_totals(found)["killed"] in (None, 0)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("A man was shot and killed on Main Street. The victim died at the scene.", 1, 0),
        ("Two men were shot on Friday. One of them died at the hospital.", 1, 1),
        ("A woman was shot in the arm. She was listed in stable condition.", 0, 1),
        ("Three people were killed and four were wounded. Police said the three victims died at the scene.", 3, 4),
        ("Police are investigating a fatal shooting on the east side.", 1, None),
        ("No one was hurt in the shooting.", None, 0),
        ("Two people were wounded in the shooting. One of the victims later died.", 1, 1),
        ("Police are investigating a double shooting. One man was shot in the leg. A second man was wounded.", 0, 2),
    ],
)
def test_article_totals(nlp, text, killed, injured):
    _, found = _figs(nlp, text)
    tot = article_totals(found)
    assert (tot["killed"] or 0, tot["injured"] or 0) == (killed or 0, injured or 0)
