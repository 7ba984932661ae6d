"""`import claimscope`: the public API of the `pipeline` package under the distribution's name.

The code lives in `pipeline` (the import name the project has always had); this module only re-exports
what a library user needs:

    import claimscope
    art = claimscope.make_article("Gunmen killed two guards ...", "note.txt", published="2024-05-01")
    ex = claimscope.extract_one(art)            # an Extraction (pydantic), spans exact
    inputs = claimscope.read_inputs(["articles/"])   # articles, failures, skipped files
"""
from pipeline import __version__
from pipeline.extract.api import extract_articles, extract_one
from pipeline.ingest import Failure, Inputs, Skipped, make_article, read_all, read_inputs, read_path
from pipeline.run import run_pipeline
from pipeline.types import Article, Extraction, json_schema

__all__ = ["__version__", "Article", "Extraction", "Failure", "Inputs", "Skipped", "extract_articles", "extract_one",
           "json_schema", "make_article", "read_all", "read_inputs", "read_path", "run_pipeline"]
