"""Where the project's data lives (rules, lexicons, pipeline config, caches).

`models/` sits at the top of the repository. The wheel carries the same files as package data under
`pipeline/models/` (setup.py maps that package to the top-level folder), so an installed claimscope finds
them next to its code and a checkout finds them at the top: MODELS_DIR is `$CLAIMSCOPE_MODELS`, else the
installed copy when there is one, else the checkout's. The cache (`.cache/`, the gazetteer index) is the
checkout's `.cache/` in a checkout, `$XDG_CACHE_HOME/claimscope` (~/.cache/claimscope) when installed.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
PACKAGED_MODELS = PACKAGE_DIR / "models"       # an installed wheel
CHECKOUT_MODELS = ROOT / "models"              # a checkout (also an editable install)
INSTALLED = (PACKAGED_MODELS / "pipeline.cfg").is_file()


def _models_dir() -> Path:
    if os.environ.get("CLAIMSCOPE_MODELS"):
        return Path(os.environ["CLAIMSCOPE_MODELS"])
    return PACKAGED_MODELS if INSTALLED else CHECKOUT_MODELS


def _cache_dir() -> Path:
    if os.environ.get("CLAIMSCOPE_CACHE"):
        return Path(os.environ["CLAIMSCOPE_CACHE"])
    if not INSTALLED:
        return ROOT / ".cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimscope"


MODELS_DIR = _models_dir()
CACHE_DIR = _cache_dir()
SHARED_DIR = Path(os.environ.get("CLAIMSCOPE_SHARED", ROOT.parent / "shared"))


def model_file(name: str | os.PathLike) -> Path:
    """Resolve a path from the pipeline config: absolute, or relative to models/."""
    p = Path(name)
    return p if p.is_absolute() else MODELS_DIR / p
