"""Plain functions that run the pipeline over Articles (used by the CLI, the flows, eval and bench)."""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from spacy.language import Language

from pipeline.extract.nlp import get_nlp
from pipeline.extract.records import doc_to_extraction
from pipeline.types import Article, Extraction


def _context(article: Article) -> dict:
    return {
        "published": article.published,
        "published_from": article.published_from,
        "dateline": (article.dateline.start, article.dateline.end) if article.dateline else None,
        "id": article.id,
    }


def extract_articles(
    articles: Iterable[Article],
    nlp: Optional[Language] = None,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Yield one Extraction per article, in order."""
    nlp = nlp or get_nlp()

    def docs(items: list[Article]):
        for art in items:
            doc = nlp.make_doc(art.text)
            doc._.cs_meta = _context(art)
            yield doc

    batch: list[Article] = []
    for art in articles:
        batch.append(art)
        if len(batch) >= batch_size:
            yield from _run(nlp, batch, docs)
            batch = []
    if batch:
        yield from _run(nlp, batch, docs)


def _run(nlp: Language, batch: list[Article], docs) -> Iterator[Extraction]:
    with nlp.memory_zone():
        out = [doc_to_extraction(doc, art) for doc, art in zip(nlp.pipe(docs(batch), batch_size=len(batch)), batch)]
    yield from out


def extract_one(article: Article, nlp: Optional[Language] = None) -> Extraction:
    return next(extract_articles([article], nlp))
