"""The learned attribution tagger as a spaCy component (`claimscope_attribution_tagger_v1`).

It runs before `claimscope_attribution` and stores its predictions on `doc._.cs_attribution_spans` (not
output): one dict per predicted cue, `cue`, `source` | None, `content` | None as {start_char, end_char}, and
`score` (the cue's margin). The attribution component combines them with its rules (attribution/combine.py).
A span that is inverted, empty or outside the text is dropped with a warning (the article goes on).
Model: `models/attribution/tagger_v1.npz` (MODEL_CARD.md there), trained by `make train`. With `cue_model` set
(a spaCy pipeline directory under models/, attribution/cue_spacy.py) that model's cue labels replace the
perceptron's cue stage; the perceptron's role tagger still finds each cue's source and content.
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component
from pipeline.extract._doc import doc_text, meta
from pipeline.extract.attribution.learned import Model, lexicon_kinds, predict_doc
from pipeline.extract.attribution.tree import span_ok
from pipeline.paths import model_file

log = logging.getLogger(__name__)


class AttributionTagger(Component):
    ext = "cs_attribution_spans"

    def __init__(self, nlp, name: str, lexicon: str, model: str, cue_model: str = ""):
        super().__init__(nlp, name, lexicon)
        self.model_path = model
        path = model_file(model)
        if not path.is_file():
            raise FileNotFoundError(f"attribution tagger model {path} is missing: run `make train`")
        self.model = Model.load(path)
        self.lex_kinds = lexicon_kinds(self.lexicon)
        self.cue = None
        if cue_model:
            from pipeline.extract.attribution import cue_spacy

            if not model_file(cue_model).is_dir():
                raise FileNotFoundError(f"spaCy cue model {model_file(cue_model)} is missing: run `make train`")
            self.cue = cue_spacy.load(model_file(cue_model))

    def find(self, doc: Doc) -> list[dict]:
        text = doc_text(doc)
        out = []
        scores = self.cue.scores(doc) if self.cue is not None else None
        for p in predict_doc(self.model, doc, self.lex_kinds, scores):
            bad = [k for k in ("cue", "source", "content") if p[k] is not None and not span_ok(text, p[k])]
            if bad or p["cue"] is None:
                log.warning("%s: learned attribution dropped, malformed %s span", meta(doc).get("id"), bad)
                continue
            out.append(p)
        return out


@Language.factory(
    "claimscope_attribution_tagger_v1",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.cs_attribution_spans"],
    default_config={"lexicon": "lexicons/attribution.json", "model": "attribution/tagger_v1.npz", "cue_model": ""},
)
def make_attribution_tagger(nlp: Language, name: str, lexicon: str, model: str, cue_model: str) -> AttributionTagger:
    return AttributionTagger(nlp, name, lexicon, model, cue_model)
