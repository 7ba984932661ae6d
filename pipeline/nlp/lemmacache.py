"""`claimscope_lemmacache_v1`: the base model's rule lemmatizer with a cache on (word, POS, morphology).

spaCy's English rule lemmatizer computes a lemma from the token's text, POS and morphology only (its own
cache uses that key, but its base-form and no-table paths are not cached and each token pays for Python
attribute access). This component reads the Doc once with `doc.to_array`, looks each token's key up in a
per-process dict, asks the stock lemmatizer (`lemmatize(token)`) only on a miss, and writes the lemmas back
with `doc.from_array`. As the stock component, it leaves tokens that already have a lemma (set by the
attribute ruler / tagmap) alone unless the stock lemmatizer was configured to overwrite.

A miss is computed by a private copy of the stock lemmatizer whose `lemma_index` word lists are sets: the
rules only test membership in them (`form in index`), which on spaCy's lists of up to 57k nouns costs about
0.1 ms per form; the answer is the same.

`supports(lemmatizer)`: rule mode of spaCy's `Lemmatizer` or `EnglishLemmatizer` (whose rules read nothing else);
`nlp.build_nlp` keeps the stock component otherwise. `tests/extract/test_tagmap.py` checks equality.
"""
from __future__ import annotations

from typing import Iterable

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

CACHE_MAX = 200_000  # entries (word, pos, morph) -> lemma; cleared when full


def supports(lemmatizer) -> bool:
    return type(lemmatizer) in (Lemmatizer, EnglishLemmatizer) and lemmatizer.mode == "rule"


def _with_index_sets(stock):
    """A copy of the stock lemmatizer whose lemma_index lists are frozensets (same membership answers)."""
    lookups = Lookups()
    for name in stock.lookups.tables:
        src = stock.lookups.get_table(name)
        table = lookups.add_table(name)
        for key, value in src.items():
            table[key] = frozenset(value) if name == "lemma_index" and isinstance(value, list) else value
    copy = type(stock)(stock.vocab, stock.model, stock.name, mode=stock.mode, overwrite=stock.overwrite)
    copy.lookups = lookups
    return copy


class LemmaCache:
    def __init__(self, nlp: Language, name: str = "lemmacache", source="lemmatizer"):
        self.name = name
        stock = nlp.get_pipe(source) if isinstance(source, str) else source
        if not supports(stock):
            raise ValueError(f"{name}: {source!r} is not a rule lemmatizer this cache reproduces")
        self.stock = _with_index_sets(stock)
        self.overwrite = bool(stock.overwrite)
        self._cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        stock = self.stock
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        cache = self._cache
        if len(cache) > CACHE_MAX:
            cache.clear()
        add = doc.vocab.strings.add
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            s = cache.get(key)
            if s is None:
                s = cache[key] = stock.lemmatize(doc[i])[0]
            lemmas[i] = add(s)
        doc.from_array([LEMMA], lemmas)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("claimscope_lemmacache_v1", requires=["token.pos", "token.morph"], assigns=["token.lemma"],
                  default_config={"source": "lemmatizer"})
def make_lemmacache(nlp: Language, name: str, source: str) -> LemmaCache:
    return LemmaCache(nlp, name, source)
