"""Shared fixtures: the real pipeline (built once), ../shared paths (skip when absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from pipeline.paths import ROOT, SHARED_DIR  # noqa: E402

SEED = SHARED_DIR / "seed" / "000_c6dab58f5d28bbda.txt"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.builder import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is absent")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("seed article ../shared/seed is absent")
    return SEED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return ROOT / "corpus"
