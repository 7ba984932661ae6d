"""Where the project's data lives (rules, lexicons, pipeline config, caches)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = Path(os.environ.get("CLAIMSCOPE_MODELS", ROOT / "models"))
CACHE_DIR = Path(os.environ.get("CLAIMSCOPE_CACHE", ROOT / ".cache"))
SHARED_DIR = Path(os.environ.get("CLAIMSCOPE_SHARED", ROOT.parent / "shared"))


def model_file(name: str | os.PathLike) -> Path:
    """Resolve a path from the pipeline config: absolute, or relative to models/."""
    p = Path(name)
    return p if p.is_absolute() else MODELS_DIR / p
