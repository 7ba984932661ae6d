"""`claimscope run --reextract`: stored articles extracted again with the current pipeline, claims replaced,
review decisions re-attached by claim id or orphaned (never lost); `run` names stored articles made by an
older pipeline identity."""
from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline import identity, paths
from pipeline.cli import app
from tests.store.kit import snapshot, write_articles

runner = CliRunner()


def _q(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _table(output: str) -> dict:
    return {ln.split("│")[1].strip(): ln.split("│")[2].strip() for ln in output.splitlines() if ln.count("│") == 3}


def _flat(output: str) -> str:
    return " ".join(output.split())  # the console wraps long lines


def _run(*args):
    return runner.invoke(app, ["run", *map(str, args), "--no-prefect"])


def _accept(db, claim_id: str) -> None:
    from pipeline.review.decisions import make_review, store_review
    from pipeline.review.queries import claim_for_review

    claim = claim_for_review(db, claim_id)
    store_review(db, make_review(claim=claim, decision="accepted", reviewer="tester", text_len=claim.get("text_len")))


@pytest.fixture
def stored(tmp_path, nlp):
    """Two small articles extracted into a fresh database with the checkout's pipeline."""
    write_articles(tmp_path / "in", 2)
    db = tmp_path / "c.duckdb"
    res = _run(tmp_path / "in", "--db", db)
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture
def changed_pipeline(tmp_path, monkeypatch):
    """The pipeline after a rule data change: a copy of models/ whose casualties lexicon no longer knows the
    injury words, so the '<n> injured' figures are no longer found. The copy is the models root (identity) and
    its pipeline is the one `run` extracts with. The changed lexicon is named by absolute path in the copied
    config, so the process's lexicon cache (keyed by path) cannot hand out the checkout's copy."""
    from pipeline.extract import api
    from pipeline.nlp.builder import build_nlp

    root = tmp_path / "models-changed"
    shutil.copytree(paths.MODELS_DIR, root)
    lex_path = root / "lexicons" / "casualties.json"
    lex = json.loads(lex_path.read_text(encoding="utf-8"))
    for verb in ("wound", "injure", "hurt"):
        lex["verbs"].pop(verb)
    lex["adjectives"].pop("injured")
    lex_path.write_text(json.dumps(lex, ensure_ascii=False), encoding="utf-8")
    cfg = root / "pipeline.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('"lexicons/casualties.json"', json.dumps(str(lex_path))),
                   encoding="utf-8")
    monkeypatch.setattr(paths, "MODELS_DIR", root)
    identity.pipeline_identity.cache_clear()
    nlp = build_nlp()
    monkeypatch.setattr(api, "default_nlp", lambda: nlp)
    yield root
    identity.pipeline_identity.cache_clear()


def test_reextract_with_the_same_pipeline_changes_nothing_but_the_run(stored):
    before = snapshot(stored)
    cid = _q(stored, "SELECT claim_id FROM casualties ORDER BY claim_id LIMIT 1")[0][0]
    _accept(stored, cid)
    res = _run("--reextract", "--db", stored)
    assert res.exit_code == 0, res.output
    t = _table(res.output)
    assert t["articles re-extracted"] == "2"
    assert (t["review decisions kept (re-attached)"], t["review decisions orphaned (claim no longer found)"],
            t["review decisions lost"]) == ("1", "0", "0")
    assert snapshot(stored) == before
    runs = _q(stored, "SELECT run_id, kind, reviews_kept, reviews_orphaned, reviews_lost FROM runs ORDER BY started_at")
    assert [r[1:] for r in runs] == [("run", None, None, None), ("reextract", 1, 0, 0)]
    assert {r[0] for r in _q(stored, "SELECT run_id FROM articles")} == {runs[1][0]}
    assert _q(stored, "SELECT count(*) FROM casualties WHERE run_id = ?", [runs[0][0]]) == [(0,)]


def test_lexicon_change_stale_notice_then_reextract_relinks_every_decision(stored, tmp_path, changed_pipeline):
    sha, killed, injured = _q(stored, (
        "SELECT a.sha256, k.claim_id, i.claim_id FROM articles a "
        "JOIN casualties k ON k.article_sha256 = a.sha256 AND k.kind = 'killed' AND k.event_id IS NOT NULL "
        "JOIN casualties i ON i.article_sha256 = a.sha256 AND i.kind = 'injured' AND i.event_id IS NOT NULL "
        "WHERE a.id = 'art000'"))[0]
    injured_count = _q(stored, "SELECT count FROM casualties WHERE claim_id = ?", [injured])[0][0]
    _accept(stored, killed)
    _accept(stored, injured)
    old_identity = _q(stored, "SELECT DISTINCT config_hash FROM runs")[0][0]
    new_identity = identity.pipeline_identity()[1]
    assert new_identity != old_identity

    # a plain run: nothing new to extract, but the stored articles are from an older pipeline
    res = _run(tmp_path / "in", "--db", stored)
    assert res.exit_code == 0, res.output
    assert _table(res.output)["articles unchanged (skipped)"] == "2"
    assert (f"2 stored article(s) were extracted by an older pipeline (identity {old_identity}; now {new_identity})"
            in _flat(res.output)) and "claimscope run --reextract" in _flat(res.output)

    res = _run("--reextract", "--db", stored)
    assert res.exit_code == 0, res.output
    t = _table(res.output)
    assert (t["articles re-extracted"], t["review decisions kept (re-attached)"],
            t["review decisions orphaned (claim no longer found)"], t["review decisions lost"]) == ("2", "1", "1", "0")
    assert _q(stored, "SELECT count(*) FROM casualties WHERE kind = 'injured'") == [(0,)]
    assert _q(stored, "SELECT status FROM claims_reviewed WHERE claim_id = ?", [killed]) == [("accepted",)]
    orphaned = _q(stored, "SELECT claim_id, decision, CAST(new_value->>'count' AS INT), article_sha256 "
                          "FROM reviews_orphaned")
    assert orphaned == [(injured, "accepted", injured_count, sha)]
    assert _q(stored, "SELECT count(*) FROM reviews") == [(2,)]           # never deleted
    assert _q(stored, "SELECT DISTINCT config_hash FROM article_identity") == [(new_identity,)]

    from pipeline.review import queries

    page = queries.article(stored, sha)
    assert [(o["claim_id"], o["value"]["count"], o["value"]["kind"]) for o in page["orphaned"]] == [
        (injured, injured_count, "injured")]

    res = _run(tmp_path / "in", "--db", stored)                          # up to date: no notice
    assert res.exit_code == 0 and "older pipeline" not in _flat(res.output), res.output


def test_reextract_paths_only_those_files(stored, tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "fresh.txt").write_text("Officials said a bridge near Tikrit was closed on Monday.\n")
    before = _q(stored, "SELECT sha256, run_id FROM articles ORDER BY id")
    res = _run(tmp_path / "in" / "art001.txt", tmp_path / "new" / "fresh.txt", "--reextract", "--db", stored)
    assert res.exit_code == 0, res.output
    assert _table(res.output)["articles re-extracted"] == "1"
    assert "not stored:" in res.output and "fresh" in _flat(res.output)
    after = _q(stored, "SELECT sha256, run_id FROM articles ORDER BY id")
    assert [s for s, _ in after] == [s for s, _ in before]               # the new file is not extracted
    assert after[0] == before[0] and after[1][1] != before[1][1]         # art000 untouched, art001 re-extracted


@pytest.mark.parametrize("args, message", [
    (["{tmp}/new"], "is not stored in"),                                   # a path whose article is not stored
    ([], "no such database"),                                            # nothing stored at all
])
def test_reextract_clear_errors(tmp_path, nlp, args, message):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "fresh.txt").write_text("Officials said a bridge near Tikrit was closed on Monday.\n")
    db = tmp_path / ("c.duckdb" if args else "absent.duckdb")
    if args:
        write_articles(tmp_path / "in", 1)
        assert _run(tmp_path / "in", "--db", db).exit_code == 0
    before = snapshot(db) if args else None
    res = _run(*[a.format(tmp=tmp_path) for a in args], "--reextract", "--db", db)
    assert res.exit_code == 2, res.output
    assert message in _flat(res.output) and "Traceback" not in res.output
    if args:
        assert snapshot(db) == before and "claimscope run PATH" in _flat(res.output)
    else:
        assert not db.exists()


def test_run_without_paths_or_reextract_is_refused(tmp_path):
    res = _run("--db", tmp_path / "c.duckdb")
    assert res.exit_code == 2 and "--reextract" in res.output
    assert not (tmp_path / "c.duckdb").exists()


def test_reextract_leaves_superseded_versions_alone(stored, tmp_path):
    f = tmp_path / "in" / "art000.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\nA later report gave no new figures.\n", encoding="utf-8")
    assert _run(tmp_path / "in", "--db", stored).exit_code == 0
    versions = _q(stored, "SELECT sha256, superseded_by, ingested_at FROM articles ORDER BY sha256")
    assert sum(1 for _, sup, _ in versions if sup) == 1
    res = _run("--reextract", "--db", stored)
    assert res.exit_code == 0, res.output
    assert _table(res.output)["articles re-extracted"] == "2"           # the current versions only
    assert _q(stored, "SELECT sha256, superseded_by, ingested_at FROM articles ORDER BY sha256") == versions
