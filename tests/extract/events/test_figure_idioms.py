"""Per-event figures by the codebooks' conventions, end to end on sentences we wrote: death idioms ("claimed N
lives"), hostages killed are killed (not kidnapped), coordinated victims add up, the killed are not also
counted as injured. Each rule has sentences where it must not fire."""
from __future__ import annotations

import pytest

from pipeline.extract.api import extract_one
from pipeline.ingest.readers import make_article


def _figures(nlp, text: str) -> list[dict]:
    ex = extract_one(make_article(text, "f.txt", published="2021-06-30"), nlp)
    return [{k: f.count for k, f in e.figures.items()} for e in ex.events]


@pytest.mark.parametrize("text, want", [
    # death idioms
    ("The explosion claimed 12 lives at the market in Kirkuk on Monday.", {"killed": 12}),
    ("The landslide took 7 lives in the village on Friday.", {"killed": 7}),
    ("The fighting near the dam cost at least 30 lives on Sunday.", {"killed": 30}),
    ("Police found 14 bodies near the river in Varno on Monday.", {"killed": 14}),
    # hostages killed are killed; hostages taken are kidnapped
    ("Soldiers killed two hostages during a rescue in Varno on Monday.", {"killed": 2}),
    ("Gunmen took six hostages at a hotel in Varno on Monday.", {"kidnapped": 6}),
    # coordinated victims add up
    ("A man and a woman were killed when gunmen opened fire on a bus in Tarsk on Monday.", {"killed": 2}),
    ("Two farmers and three children were wounded in the shelling of Varno on Monday.", {"injured": 5}),
    # the killed are not also injured
    ("A guard was shot in the chest in Varno on Monday and later died in hospital.", {"killed": 1}),
])
def test_event_figures(nlp, text, want):
    assert want in _figures(nlp, text)


@pytest.mark.parametrize("text", [
    "Doctors saved 12 lives at the clinic in Varno on Monday.",
    "The new road will change many lives in the valley.",
])
def test_no_figure(nlp, text):
    assert all("killed" not in f for f in _figures(nlp, text))
