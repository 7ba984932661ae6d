"""Event extractor: incident mentions, then the other extractors' values linked to them."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import attribution, casualties, dates, places
from pipeline.extract._component import Component


class EventsExtractor(Component):
    ext = "cs_events"

    def find(self, doc: Doc) -> list[dict]:
        return []

    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        doc._.cs_events = found
        for linker in (casualties.link, dates.link, places.link, attribution.link):
            linker(doc, found)


@Language.factory(
    "claimscope_events_v1",
    requires=["doc._.cs_dates", "doc._.cs_places", "doc._.cs_casualties", "doc._.cs_attributions"],
    assigns=["doc._.cs_events"],
    default_config={"lexicon": "lexicons/events.json"},
)
def make_events(nlp: Language, name: str, lexicon: str) -> EventsExtractor:
    return EventsExtractor(nlp, name, lexicon)
