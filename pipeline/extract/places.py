"""Places extractor (placeholder: finds nothing yet; being written)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component


class PlacesExtractor(Component):
    ext = "cs_places"

    def find(self, doc: Doc) -> list[dict]:
        return []


def link(doc: Doc, events: list[dict]) -> None:
    """Attach this extractor's values to the events found in `doc` (in place)."""


@Language.factory(
    "claimscope_places_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_places"],
    default_config={"lexicon": "lexicons/places.json"},
)
def make_places(nlp: Language, name: str, lexicon: str) -> PlacesExtractor:
    return PlacesExtractor(nlp, name, lexicon)
