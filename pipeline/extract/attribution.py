"""Attribution extractor (placeholder: finds nothing yet; being written)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component


class AttributionExtractor(Component):
    ext = "cs_attributions"

    def find(self, doc: Doc) -> list[dict]:
        return []


def link(doc: Doc, events: list[dict]) -> None:
    """Attach this extractor's values to the events found in `doc` (in place)."""


@Language.factory(
    "claimscope_attribution_v1",
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.cs_attributions"],
    default_config={"lexicon": "lexicons/attribution.json"},
)
def make_attribution(nlp: Language, name: str, lexicon: str) -> AttributionExtractor:
    return AttributionExtractor(nlp, name, lexicon)
