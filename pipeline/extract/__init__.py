"""Extraction stage: spaCy components (one module per concern) and the pipeline builder."""
from pipeline.extract import _doc  # noqa: F401  (registers Doc extensions)
