"""Base class for claimscope components: a pure `find(doc)` and a `set_annotations(doc, found)`."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from spacy.tokens import Doc

from pipeline.extract._guard import guarded
from pipeline.paths import model_file


@lru_cache(maxsize=None)
def load_lexicon(path: str) -> Any:
    """Read a JSON lexicon from models/ (cached per process)."""
    with open(model_file(path), encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class LinkStage:
    """How a component's values are linked to the events (run by the events component, in the order its config
    `link` lists the components). `run(doc, events, lexicon)` receives the component's configured lexicon and
    sets only the keys it declares in `writes`: `"casualties"` is `ev["casualties"]`, a dotted key such as
    `"cs_casualties.attribution_idxs"` a key of another extension's payloads."""

    writes: tuple[str, ...]
    run: Callable[[Doc, list, Any], None]


class Component:
    """`find` returns payload dicts (see `_doc`); `set_annotations` stores them on `doc._.<ext>`.
    A component whose values belong to events also has a `link_stage` (a LinkStage)."""

    ext: str = ""
    link_stage: "LinkStage | None" = None
    annotate_budget: "float | None" = 0  # set_annotations stores a list: no time budget (None = the default)

    def __init__(self, nlp, name: str, lexicon: str):
        self.name = name
        self.lexicon_path = lexicon
        self.lexicon = load_lexicon(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        """`find` then `set_annotations`, each under the guard (pipeline/extract/_guard.py): an exception or a
        time-out drops this component's output for this Doc with a warning; the pipeline goes on."""
        found = guarded(doc, self.name, "find", lambda: self.find(doc), default=None)
        if found is None:
            self.set_annotations_empty(doc)
            return doc
        if guarded(doc, self.name, "annotate", lambda: self.set_annotations(doc, found) or True,
                   budget=self.annotate_budget) is None:
            self.set_annotations_empty(doc)
        return doc

    def set_annotations_empty(self, doc: Doc) -> None:
        """What a component that failed on this Doc leaves: an empty payload list."""
        setattr(doc._, self.ext, [])

    def find(self, doc: Doc) -> list[dict]:
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        setattr(doc._, self.ext, found)


def unlink(events: list[dict], writes: tuple[str, ...]) -> None:
    """Undo a link stage that failed part way: the event keys it writes back to empty (`date` to None). Keys of
    other payloads (dotted) keep what was set: they are indexes the records check, or a refined kind."""
    for key in writes:
        if "." in key:
            continue
        for ev in events:
            ev[key] = None if key == "date" else []
