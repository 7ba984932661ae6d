"""Ingest stage: files and folders -> Articles (text exactly as offsets index it)."""
from pipeline.ingest.readers import Failure, IngestError, discover, read_all, read_path, make_article

__all__ = ["Failure", "IngestError", "discover", "read_all", "read_path", "make_article"]
