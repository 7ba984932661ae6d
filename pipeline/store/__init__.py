"""Storage stage: DuckDB schema (migrations, views) and bulk writes."""
from pipeline.store.db import DatabaseBusy, ReadOnlyViolation, connect, migrate

__all__ = ["DatabaseBusy", "ReadOnlyViolation", "connect", "migrate"]
