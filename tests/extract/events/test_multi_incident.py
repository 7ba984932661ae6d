"""One incident per incident (real pipeline, passages we wrote): several incidents told in one passage are
split, each with its own date and figures; a figure attaches to the incident its clause reports."""
from __future__ import annotations

import pytest

from pipeline.extract.api import extract_one
from pipeline.ingest.readers import make_article


def _events(nlp, text):
    ex = extract_one(make_article(text, "m.txt", published="2021-06-30"), nlp)
    return [(e.type, e.date.start if e.date else None, e.figures["killed"].count if "killed" in e.figures else None)
            for e in ex.events]


@pytest.mark.parametrize("text, want", [
    ("On 3 May an air strike hit a market in Varno, killing 12 people. Nine days later another strike hit a "
     "school in Pellow, killing 7. On 20 May a third strike hit a clinic near Sedo and killed 4.",
     [("airstrike", "2021-05-03", 12), ("airstrike", "2021-05-12", 7), ("airstrike", "2021-05-20", 4)]),
    ("Militants stormed a police post in Gao on 2 March, killing five officers. On 9 March, a roadside bomb "
     "killed two soldiers near Kidal, and on 11 March a convoy was ambushed near Tessalit, leaving six dead.",
     [("attack", "2021-03-02", 5), ("bombing", "2021-03-09", 2), ("ambush", "2021-03-11", 6)]),
    ("A bomb exploded in the bus station of Kirkuk on 3 May, killing nine people. Two days after the blast, "
     "gunmen attacked a checkpoint in Tikrit, killing three soldiers.",
     [("bombing", "2021-05-03", 9), ("attack", "2021-05-05", 3)]),
])
def test_incidents_split(nlp, text, want):
    assert _events(nlp, text) == want


@pytest.mark.parametrize("text, want", [
    # a later reference to the incident is the incident, its figure the incident's
    ("A bomb exploded at a market in Kirkuk on 3 May. The blast killed eleven people.",
     [("bombing", "2021-05-03", 11)]),
    ("Gunmen attacked a bus near Gao on 3 May. Four passengers died in the attack.",
     [("attack", "2021-05-03", 4)]),
    ("Gunmen attacked a bus near Gao on 3 May. The attack left four passengers dead.",
     [("attack", "2021-05-03", 4)]),
])
def test_references_merge(nlp, text, want):
    assert _events(nlp, text) == want
