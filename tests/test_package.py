"""claimscope as a package: `--version`, the `claimscope` import name, and a built wheel installed into a
fresh virtual environment that extracts (models/ travels as package data)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.batch import pipeline_identity
from pipeline.cli import app
from pipeline.paths import CACHE_DIR, ROOT

TEXT = ("Harlow Vale, 4 March 2025. Gunmen stormed a fuel depot in Harlow Vale on Monday, killing two guards "
        "and wounding three workers, the county sheriff told reporters.\n")


def test_version_names_package_model_and_pipeline_identity():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0, r.output
    model, config_hash = pipeline_identity()
    assert f"claimscope {__version__}" in r.output
    assert model in r.output and config_hash in r.output and "spaCy 3.8" in r.output


def test_python_dash_m_pipeline_version():
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True,
                         timeout=120, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"claimscope {__version__}\n") and pipeline_identity()[1] in out.stdout


def test_claimscope_import_name_reexports_the_api():
    import claimscope
    from pipeline.extract.api import extract_articles
    from pipeline.ingest import read_inputs

    assert claimscope.__version__ == __version__
    assert claimscope.extract_articles is extract_articles and claimscope.read_inputs is read_inputs


def test_version_is_declared_once():
    """pyproject takes the version from pipeline/__init__.py (no second copy to forget)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text and 'attr = "pipeline.__version__"' in text


# ------------------------------------------------------------------------------------------------ the wheel
def _copy_source(dest: Path) -> Path:
    """The files a wheel is built from, copied (the build must not leave build/ or egg-info in the checkout)."""
    src = dest / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pipeline", "claimscope", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    return src


def _build_wheel(tmp: Path) -> Path:
    src = _copy_source(tmp)
    dist = tmp / "dist"
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                          "-q", "-w", str(dist), str(src)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    (wheel,) = dist.glob("claimscope-*.whl")
    return wheel


def _venv_with_wheel(tmp: Path, wheel: Path) -> Path:
    """A fresh venv with the wheel installed (no dependencies from an index: those of this environment are
    made visible through a .pth file, offline)."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    out = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index",
                          "-q", str(wheel)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(purelib, "zz_claimscope_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    return venv


def _clean_env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLAIMSCOPE_MODELS", "VIRTUAL_ENV")}
    # the gazetteer index this checkout already built (keyed by its data), so the test does not rebuild it
    env.update(CLAIMSCOPE_CACHE=str(CACHE_DIR), PYTHONNOUSERSITE="1", HOME=str(tmp))
    return env


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_extracts(tmp_path):
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed in this environment (needed to build the wheel offline)")
    import setuptools

    if importlib.util.find_spec("wheel") is None and int(setuptools.__version__.split(".")[0]) < 70:
        pytest.skip("setuptools < 70.1 builds wheels only with the `wheel` package (in the test extras)")
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    for lex in (ROOT / "models" / "lexicons").glob("*.json"):
        assert f"pipeline/models/lexicons/{lex.name}" in names
    for required in ("pipeline/models/pipeline.cfg", "pipeline/store/migrations/0001_init.sql",
                     "pipeline/review/static/app.js", "claimscope/__init__.py"):
        assert required in names, required
    assert any(n.startswith("pipeline/models/gazetteer/") for n in names)
    venv = _venv_with_wheel(tmp_path, wheel)
    env = _clean_env(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    (work / "note.txt").write_text(TEXT, encoding="utf-8")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import pipeline, pipeline.paths as p; print(pipeline.__file__); print(p.MODELS_DIR)"],
                           capture_output=True, text=True, env=env, cwd=work, timeout=120)
    assert where.returncode == 0, where.stderr
    assert all(line.startswith(str(venv)) for line in where.stdout.split()), where.stdout
    ver = subprocess.run([str(venv / "bin" / "claimscope"), "--version"], capture_output=True, text=True,
                         env=env, cwd=work, timeout=120)
    assert ver.returncode == 0 and pipeline_identity()[1] in ver.stdout, ver.stdout + ver.stderr
    res = subprocess.run([str(venv / "bin" / "claimscope"), "extract", "note.txt"], capture_output=True, text=True,
                         env=env, cwd=work, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    ex = json.loads(res.stdout)
    assert ex["article"]["chars"] == len(TEXT)
    kinds = {(c["kind"], c["count"]) for ev in ex["events"] for c in ev["casualties"]}
    assert {("killed", 2), ("injured", 3)} <= kinds
    for ev in ex["events"]:
        assert TEXT[ev["span"]["start"]:ev["span"]["end"]] == ev["span"]["text"]
