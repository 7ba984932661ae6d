"""The training path of the learned attribution tagger on a handful of invented articles: it trains, saves,
loads and predicts, and on its own training sentences finds their cues again."""
from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.extract.attribution.learned import Model, chunks, lexicon_kinds, predict_doc
from pipeline.extract.attribution.tree import span_ok
from pipeline.extract._component import load_lexicon
import pipeline.train.data as data
from pipeline.train.attribution import train

# (text, [(source, cue, content)]): invented sentences
ARTICLES = [
    ("The harbour master said the ferry would leave at noon. Nobody else was on the quay.",
     [("The harbour master", "said", "the ferry would leave at noon")]),
    ("Residents complained that the water tasted of iron. The council promised to test every well.",
     [("Residents", "complained", "that the water tasted of iron"),
      ("The council", "promised", "to test every well")]),
    ("“We have no more beds,” the nurse told reporters. The clinic closed at six.",
     [("the nurse", "told reporters", "“We have no more beds,”")]),
    ("The mayor announced that the bridge would reopen in May. Traffic was light on Sunday.",
     [("The mayor", "announced", "that the bridge would reopen in May")]),
    ("A farmer said the river had risen overnight. The road to the valley was closed.",
     [("A farmer", "said", "the river had risen overnight")]),
    ("The coach insisted that his team deserved the title. Fans waited outside the stadium.",
     [("The coach", "insisted", "that his team deserved the title")]),
]


def _span(text: str, part: str) -> dict:
    s = text.index(part)
    return {"text": part, "spans": [{"start": s, "end": s + len(part), "text": part}]}


def _row(i: int, text: str, atts) -> dict:
    gold = [{"id": f"E{k}", "source": _span(text, s), "cue": _span(text, c), "content": _span(text, x)}
            for k, (s, c, x) in enumerate(atts)]
    return {"doc_id": f"invented-{i}", "text": text, "gold": {"attributions": gold}}


@pytest.fixture(scope="module")
def trained(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("train")
    path = tmp / "tiny.jsonl"
    path.write_text("".join(json.dumps(_row(i, t, a)) + "\n" for i, (t, a) in enumerate(ARTICLES)), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr(data, "CACHE_DIR", tmp / "cache")
    try:
        model = train(path, tmp / "tagger_v1.npz", epochs=6, seed=3, cue_bits=14, role_bits=14)
    finally:
        mp.undo()
    return model, Model.load(tmp / "tagger_v1.npz")


def test_saved_model_loads_with_the_same_weights(trained):
    model, loaded = trained
    assert loaded.meta["docs"] == len(ARTICLES)
    assert np.allclose(model.cue.weights, loaded.cue.weights, atol=1e-2)


@pytest.mark.parametrize("text, atts", ARTICLES)
def test_model_finds_its_training_cues(trained, nlp, text, atts):
    _, model = trained
    kinds = lexicon_kinds(load_lexicon("lexicons/attribution.json"))
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
        doc = nlp(text)
    got = predict_doc(model, doc, kinds)
    cues = {text[p["cue"]["start_char"]:p["cue"]["end_char"]] for p in got}
    assert {c for _, c, _ in atts} <= cues
    for p in got:
        for k in ("cue", "source", "content"):
            assert p[k] is None or span_ok(text, p[k])


@pytest.mark.parametrize("labels, expected", [
    ([0, 1, 2, 0, 1, 0], [(1, 3), (4, 5)]),
    ([2, 2, 0, 0], [(0, 2)]),          # an I with no B before it begins a run
    ([1, 1, 2], [(0, 1), (1, 3)]),     # a B right after a run starts a new one
    ([0, 0, 0], []),
])
def test_chunks(labels, expected):
    assert chunks(np.array(labels), 1, 2) == expected


@pytest.mark.parametrize("cue, src, expected", [
    ([(3, 4)], None, (3, 4)),
    ([(3, 4), (5, 6)], None, (3, 6)),              # "would not ... comment": the extent
    ([(3, 4), (5, 7)], (4, 5), (5, 7)),            # the source sits in the gap: the longest piece
    ([(1, 2), (9, 11)], None, (9, 11)),            # far apart: the longest piece
    ([], None, None),
])
def test_cue_conversion(cue, src, expected):
    assert data.cue_range(cue, src) == expected


# invented texts with awkward layout: quotes left open, a cue at the very end, a bare colon line, no verb
AWKWARD = [
    "“We will not stop,” said",
    "The spokesman said: \n\n",
    "Officials said the road was closed and added that “repairs",
    "NOTICE:\nNothing here.",
    "",
    "He said. She said. They said.",
]


@pytest.mark.parametrize("shipped", [True, False])
@pytest.mark.parametrize("text", AWKWARD + [t for t, _ in ARTICLES])
def test_tagger_component_never_emits_a_bad_span(trained, nlp, text, shipped):
    """The shipped model and the tiny one: every span inside the text, not inverted, not blank."""
    from pipeline.extract.attribution.tagger import AttributionTagger

    comp = AttributionTagger(nlp, "test_tagger", "lexicons/attribution.json", "attribution/tagger_v1.npz")
    if not shipped:
        comp.model = trained[1]
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
        doc = nlp(text)
    for p in comp.find(doc):
        for k in ("cue", "source", "content"):
            assert p[k] is None or span_ok(text, p[k])
        assert p["cue"] is not None
