"""Ingest stage: files and folders -> Articles (text exactly as offsets index it)."""
from pipeline.ingest.readers import (
    Failure, IngestError, Inputs, Skipped, discover, discover_inputs, make_article, read_all, read_inputs, read_path,
)

__all__ = ["Failure", "IngestError", "Inputs", "Skipped", "discover", "discover_inputs", "make_article", "read_all",
           "read_inputs", "read_path"]
