"""Casualties extractor (placeholder: finds nothing yet; being written)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component


class CasualtiesExtractor(Component):
    ext = "cs_casualties"

    def find(self, doc: Doc) -> list[dict]:
        return []


def link(doc: Doc, events: list[dict]) -> None:
    """Attach this extractor's values to the events found in `doc` (in place)."""


@Language.factory(
    "claimscope_casualties_v1",
    requires=["token.dep", "token.lemma"],
    assigns=["doc._.cs_casualties"],
    default_config={"lexicon": "lexicons/casualties.json"},
)
def make_casualties(nlp: Language, name: str, lexicon: str) -> CasualtiesExtractor:
    return CasualtiesExtractor(nlp, name, lexicon)
