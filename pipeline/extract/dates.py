"""Dates extractor (placeholder: finds nothing yet; being written)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component


class DatesExtractor(Component):
    ext = "cs_dates"

    def find(self, doc: Doc) -> list[dict]:
        return []


def link(doc: Doc, events: list[dict]) -> None:
    """Attach this extractor's values to the events found in `doc` (in place)."""


@Language.factory(
    "claimscope_dates_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_dates"],
    default_config={"lexicon": "lexicons/dates.json"},
)
def make_dates(nlp: Language, name: str, lexicon: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, lexicon)
