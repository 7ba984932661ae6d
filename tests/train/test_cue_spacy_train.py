"""The spaCy cue tagger's training path on a handful of invented articles: convert (gold cues -> O / B-CUE /
I-CUE), train with spaCy from the shipped config, load, and on its own training sentences find their cues
again, also as the cue stage of the attribution tagger component (spans always inside the text)."""
from __future__ import annotations

import json

import numpy as np
import pytest
from spacy.tokens import DocBin

import pipeline.train.data as data
from pipeline.extract.attribution import cue_spacy
from pipeline.extract.attribution.tree import span_ok
from pipeline.paths import MODELS_DIR
from pipeline.train import cue_spacy as train_cue

# (text, [(source, cue pieces, content)]): invented sentences; the cue may come in pieces ("would not ... say")
ARTICLES = [
    ("The harbour master said the ferry would leave at noon. Nobody else was on the quay.",
     [("The harbour master", ["said"], "the ferry would leave at noon")]),
    ("Residents complained that the water tasted of iron. The council promised to test every well.",
     [("Residents", ["complained"], "that the water tasted of iron"),
      ("The council", ["promised"], "to test every well")]),
    ("The mayor announced that the bridge would reopen in May. Traffic was light on Sunday.",
     [("The mayor", ["announced"], "that the bridge would reopen in May")]),
    ("A farmer said the river had risen overnight. The road to the valley was closed.",
     [("A farmer", ["said"], "the river had risen overnight")]),
    ("The coach would not immediately say whether his team would appeal. Fans waited outside.",
     [("The coach", ["would not", "say"], "whether his team would appeal")]),
]
CONFIGS = ["cue_spacy_tensor.cfg", "cue_spacy_cnn.cfg"]


def _span(text: str, parts: list[str]) -> dict:
    spans = [{"start": text.index(p), "end": text.index(p) + len(p), "text": p} for p in parts]
    return {"text": " ".join(parts), "spans": spans}


def _row(i: int, text: str, atts) -> dict:
    gold = [{"id": f"E{k}", "source": _span(text, [s]), "cue": _span(text, c), "content": _span(text, [x])}
            for k, (s, c, x) in enumerate(atts)]
    return {"doc_id": f"invented-{i}", "text": text, "gold": {"attributions": gold}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cue_spacy")
    path = tmp / "tiny.jsonl"
    path.write_text("".join(json.dumps(_row(i, t, a)) + "\n" for i, (t, a) in enumerate(ARTICLES)), encoding="utf-8")
    return tmp, path


@pytest.fixture(scope="module", params=CONFIGS)
def trained(request, corpus):
    tmp, path = corpus
    mp = pytest.MonkeyPatch()
    mp.setattr(data, "CACHE_DIR", tmp / "cache")
    out = tmp / request.param.replace(".cfg", "")
    try:
        train_cue.train(MODELS_DIR / "attribution" / request.param, out, path, None, seed=3, max_steps=120,
                        work=tmp / f"work_{request.param}", overrides={"training.eval_frequency": 40})
    finally:
        mp.undo()
    return out


def _labels(docbin, vocab) -> list[list[str]]:
    return [list(d.user_data[train_cue.KEY]) for d in DocBin().from_disk(docbin).get_docs(vocab)]


def test_conversion_labels_every_cue_piece_and_its_gap(corpus, nlp):
    tmp, path = corpus
    mp = pytest.MonkeyPatch()
    mp.setattr(data, "CACHE_DIR", tmp / "cache")
    try:
        tr, _ = train_cue.convert(path, None, tmp / "conv")
    finally:
        mp.undo()
    labels = _labels(tr, nlp.vocab)
    assert labels[0][:4] == ["O", "O", "O", "B-CUE"]          # "The harbour master said"
    assert labels[1].count("B-CUE") == 2 and "I-CUE" not in labels[1]
    coach = labels[4]                                         # "would not immediately say": one extent
    assert coach[2:6] == ["B-CUE", "I-CUE", "I-CUE", "I-CUE"] and coach[6] == "O"


@pytest.mark.parametrize("tags, expected", [
    (["O", "B-CUE", "I-CUE", "O", "B-CUE"], {(1, 3), (4, 5)}),
    (["I-CUE", "I-CUE", "O"], {(0, 2)}),                   # an I with no B before it begins a run
    (["B-CUE", "B-CUE"], {(0, 1), (1, 2)}),
    (["O", "NN", "O"], set()),                               # not a cue label: O
])
def test_chunk_set(tags, expected):
    assert train_cue.chunk_set(tags) == expected


@pytest.mark.parametrize("text, atts", ARTICLES)
def test_model_finds_its_training_cues(trained, nlp, text, atts):
    model = cue_spacy.CueSpacy(trained)
    doc = nlp(text)
    s = model.scores(doc)
    assert s.shape == (len(doc), 3) and np.allclose(s.sum(axis=1), 1.0, atol=1e-3)
    lab = s.argmax(axis=1)
    for _, pieces, _ in atts:
        first = next(t.i for t in doc if t.idx == text.index(pieces[0]))
        assert lab[first] == 1, (text, pieces)
    assert lab[0] == 0                                       # a sentence's first word is no cue here


@pytest.mark.parametrize("text", ["", "“We will not stop,” said", "He said. She said.", ARTICLES[0][0]])
def test_tagger_component_with_spacy_cues_never_emits_a_bad_span(trained, nlp, text):
    from pipeline.extract.attribution.tagger import AttributionTagger

    comp = AttributionTagger(nlp, "test_tagger", "lexicons/attribution.json", "attribution/tagger_v1.npz",
                             str(trained))
    got = comp.find(nlp(text))
    for p in got:
        for k in ("cue", "source", "content"):
            assert p[k] is None or span_ok(text, p[k])
    if text == ARTICLES[0][0]:
        assert [text[p["cue"]["start_char"]:p["cue"]["end_char"]] for p in got] == ["said"]


def test_missing_cue_model_is_an_error(nlp, tmp_path):
    from pipeline.extract.attribution.tagger import AttributionTagger

    with pytest.raises(FileNotFoundError):
        AttributionTagger(nlp, "t", "lexicons/attribution.json", "attribution/tagger_v1.npz", str(tmp_path / "no"))


def _eg(pred: list[str], gold: list[str]):
    from types import SimpleNamespace as NS

    return NS(predicted=[NS(tag_=t) for t in pred], reference=[NS(tag_=t) for t in gold])


@pytest.mark.parametrize("pred, gold, f", [
    (["O", "B-CUE", "I-CUE"], ["O", "B-CUE", "I-CUE"], 1.0),
    (["O", "B-CUE", "O"], ["O", "B-CUE", "I-CUE"], 0.0),      # exact chunks only: a shorter cue is a miss
    (["B-CUE", "O", "B-CUE"], ["B-CUE", "O", "O"], 2 / 3),   # P 1/2, R 1
    (["O", "O"], ["O", "O"], 0.0),
])
def test_cue_scorer(pred, gold, f):
    assert train_cue.score_cues([_eg(pred, gold)])["cue_f"] == pytest.approx(f)
