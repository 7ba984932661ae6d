"""The batch layer without Prefect: chunking of long texts, idempotent re-runs, exactly-once after SIGKILL,
bad inputs in a run, duplicates under two names, worker processes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pipeline import batch as B
from pipeline.run import run_pipeline
from pipeline.extract import api
from pipeline.ingest.readers import make_article
from pipeline.types import check_spans
from tests.store.kit import article_text, snapshot, write_articles


# ------------------------------------------------------------------------------------------ chunking
@pytest.mark.parametrize("text, limit", [
    ("para one.\n\npara two is longer.\n\npara three.\n\n" * 50, 120),
    ("line one.\nline two.\nline three.\n" * 80, 100),
    ("Sentence one. Sentence two! Sentence three? " * 60, 90),
    ("word " * 500, 64),
    ("x" * 1000, 128),                 # no break at all: hard cuts
    ("short text", 1000),
])
def test_split_chunks_cover_text_within_limit(text, limit):
    pieces = api.split_chunks(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b for a, b in pieces)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))
    assert all(b - a <= limit for a, b in pieces)
    assert "".join(text[a:b] for a, b in pieces) == text


def test_split_chunks_prefers_paragraphs():
    text = ("A sentence. Another one.\nA line.\n\n" * 40)
    for a, b in api.split_chunks(text, 200)[:-1]:
        assert text[a:b].endswith("\n\n")


def test_split_chunks_50mb_is_fast_and_exact():
    para = "Officials said 12 people were killed near the market on Monday, police said.\n\n"
    text = para * (50_000_000 // len(para))
    pieces = api.split_chunks(text, api.CHUNK_CHARS)
    assert len(pieces) == -(-len(text) // api.CHUNK_CHARS) or len(pieces) > len(text) // api.CHUNK_CHARS
    assert all(text[a:b].endswith("\n\n") for a, b in pieces[:-1])
    assert sum(b - a for a, b in pieces) == len(text)


def test_long_text_is_extracted_in_chunks_with_exact_offsets(nlp, monkeypatch):
    """A text longer than the chunk size (as a 50 MB file is beyond spaCy's max_length) is processed in
    pieces; every span is checked against the whole text and ids stay unique and consistent."""
    body = "\n\n".join(article_text(i).split("\n\n", 1)[1] for i in range(12))
    art = make_article("June 27, 2016\n\n" + body, "long.txt")
    whole = next(api.extract_articles([art], nlp))
    monkeypatch.setattr(api, "CHUNK_CHARS", 400)
    assert len(api.split_chunks(art.text, api.CHUNK_CHARS)) > 3
    chunked = next(api.extract_articles([art], nlp))
    check_spans(chunked, art.text)
    ev_ids = [e.id for e in chunked.events]
    at_ids = [a.id for a in chunked.attributions]
    assert ev_ids == [f"ev-{i + 1}" for i in range(len(ev_ids))]
    assert at_ids == [f"at-{i + 1}" for i in range(len(at_ids))]
    for e in chunked.events:
        assert set(e.attribution_ids) <= set(at_ids)
    for a in chunked.attributions:
        assert set(a.event_ids) <= set(ev_ids)
    # chunks are cut at paragraph ends, so per-paragraph claims are the same as in one piece (events may
    # differ: the events component merges mentions of one incident across paragraphs, not across chunks)
    assert [c.span for c in chunked.casualties] == [c.span for c in whole.casualties]
    assert bool(chunked.events) == bool(whole.events)


def test_merge_renumbers_ids(nlp):
    a1 = make_article(article_text(1), "a.txt")
    ex = next(api.extract_articles([a1], nlp))
    if not ex.events or not ex.attributions:
        pytest.skip("extractors found no event/attribution in the kit article yet")
    merged = api.merge_extractions([ex.model_copy(deep=True), ex.model_copy(deep=True)], a1)
    n_ev, n_at = len(ex.events), len(ex.attributions)
    assert [e.id for e in merged.events] == [f"ev-{i + 1}" for i in range(2 * n_ev)]
    second = merged.events[n_ev:]
    for e, orig in zip(second, ex.events):
        assert e.attribution_ids == [f"at-{int(x.split('-')[1]) + n_at}" for x in orig.attribution_ids]


# ------------------------------------------------------------------------------------------ runs
def _run(paths, db, **kw):
    return run_pipeline([str(p) for p in paths], db=str(db), use_prefect=False, **kw)


def test_idempotent_rerun(tmp_path, nlp):
    write_articles(tmp_path / "in", 4)
    db = tmp_path / "c.duckdb"
    s1 = _run([tmp_path / "in"], db)
    first = snapshot(db)
    assert s1.articles_new == 4 and len(first["articles"]) == 4
    s2 = _run([tmp_path / "in"], db)
    assert (s2.articles_new, s2.articles_skipped) == (0, 4)
    assert "extract" not in s2.timings  # nothing was extracted
    assert snapshot(db) == first
    con = duckdb.connect(str(db), read_only=True)
    states = con.execute("SELECT state, articles_new, read_seconds IS NOT NULL FROM runs ORDER BY started_at").fetchall()
    con.close()
    assert states == [("completed", 4, True), ("completed", 0, True)]


def test_rerun_does_not_build_spacy(tmp_path):
    """Nothing new: no spaCy, no Prefect imported (checked in a fresh interpreter)."""
    write_articles(tmp_path / "in", 3)
    db = tmp_path / "c.duckdb"
    con = duckdb.connect(str(db))
    con.close()
    code = textwrap.dedent(f"""
        import sys
        from pipeline.batch import plan_run
        from pipeline.run import run_pipeline
        from pipeline.store import connect
        con = connect({str(db)!r}); con.close()
        plan = plan_run([{str(tmp_path / 'in')!r}], {str(db)!r})
        assert len(plan.new) == 3
        # pretend they are stored: write the articles rows only
        from pipeline.store.repo import write_batch
        from pipeline.types import Extraction
        con = connect({str(db)!r})
        write_batch(con, "seed", [(a, Extraction(article=a.meta())) for a in plan.new])
        con.close()
        s = run_pipeline([{str(tmp_path / 'in')!r}], db={str(db)!r})
        assert s.articles_new == 0 and s.articles_skipped == 3, s
        bad = [m for m in ("spacy", "prefect", "thinc") if m in sys.modules]
        print("LOADED", bad)
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, DO_NOT_TRACK="1"))
    assert res.returncode == 0, res.stderr
    assert "LOADED []" in res.stdout


def test_bad_inputs_and_duplicates_in_a_run(tmp_path, nlp):
    d = tmp_path / "in"
    write_articles(d, 2)
    (d / "copy.txt").write_text(article_text(0), encoding="utf-8")      # same article, second name
    (d / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (d / "empty.md").write_text("   \n")
    (d / "latin.txt").write_bytes("Caf\u00e9 attack: ".encode("cp1252") + article_text(5).encode())
    (d / "lines.jsonl").write_text('{"id": "j1", "text": "Two soldiers were killed in Homs on Friday."}\n{oops\n')
    db = tmp_path / "c.duckdb"
    s = _run([d], db)
    assert s.articles_new == 4           # art000 (+copy), art001, latin, j1
    assert s.articles_skipped == 1       # the copy
    reasons = {Path(f.source.split(":")[0]).name: f.reason for f in s.errors}
    assert set(reasons) == {"bin.txt", "empty.md", "lines.jsonl"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        errs = con.execute("SELECT source, kind FROM ingest_errors ORDER BY source").fetchall()
        assert [k for _, k in errs] == ["binary", "empty", "json"]
        srcs = con.execute("SELECT count(DISTINCT sha256), count(*) FROM article_sources "
                           "WHERE source LIKE '%art000.txt' OR source LIKE '%copy.txt'").fetchall()[0]
        assert srcs == (1, 2)            # stored once, both names recorded
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 4
        note = con.execute("SELECT encoding, encoding_note FROM articles WHERE source LIKE '%latin.txt'").fetchall()[0]
        assert note[0] == "cp1252" and "invalid UTF-8" in note[1]
        assert con.execute("SELECT errors FROM runs").fetchall()[0][0] == 3
    finally:
        con.close()


def test_extraction_failure_is_per_article(tmp_path, nlp, monkeypatch):
    write_articles(tmp_path / "in", 3)
    from pipeline.extract import records

    real = records.doc_to_extraction

    def flaky(doc, article, base=0):
        if article.source.endswith("art001.txt"):
            raise ValueError("boom")
        return real(doc, article, base)

    monkeypatch.setattr(records, "doc_to_extraction", flaky)
    db = tmp_path / "c.duckdb"
    s = _run([tmp_path / "in"], db)
    assert s.articles_new == 2
    assert len(s.errors) == 1 and "art001.txt" in s.errors[0].source and "ValueError: boom" in s.errors[0].reason
    assert len(snapshot(db)["articles"]) == 2
    # a re-run does not try the deterministic failure again (nothing is extracted at all) ...
    s2 = _run([tmp_path / "in"], db)
    assert (s2.articles_new, s2.articles_skipped, len(s2.errors)) == (0, 3, 0) and "extract" not in s2.timings
    # ... unless asked to
    s3 = _run([tmp_path / "in"], db, retry_failed=True)
    assert (s3.articles_new, s3.articles_skipped, len(s3.errors)) == (0, 2, 1)
    monkeypatch.setattr(records, "doc_to_extraction", real)
    s4 = _run([tmp_path / "in"], db, retry_failed=True)
    assert (s4.articles_new, len(s4.errors)) == (1, 0) and len(snapshot(db)["articles"]) == 3


# ------------------------------------------------------------------------------------------ ahead of the flow
_AHEAD_TEXTS = [
    "Gunmen attacked a bus near Varno on Monday, killing three passengers, police said.",
    "The council met on Tuesday and approved the budget.",
    "A roadside bomb wounded two soldiers outside Pellow on 3 May, the army said.",
    "Nothing happened here.",
    "Rebels shelled the market in Oskby on Sunday; five people were hurt.",
]


def _dumps(result):
    done, failed = result
    return [(a.id, ex.model_dump_json()) for a, ex in done], failed


@pytest.mark.parametrize("batch_size, wait_for", [(2, 1), (2, 3), (5, 1), (1, 2)])
def test_batches_extracted_ahead_are_taken_once_with_the_same_result(nlp, monkeypatch, batch_size, wait_for):
    """`Ahead` extracts the first batches in its thread; `extract_batch` takes them instead of extracting them
    again, extracts the rest itself, and every batch gives what a plain extraction gives."""
    import threading
    import time

    arts = [make_article(t, f"ahead{i}.txt") for i, t in enumerate(_AHEAD_TEXTS)]
    batches = B.chunks(arts, batch_size)
    expected = [_dumps(B._extract_batch_now(b)) for b in batches]
    real, calls = B._extract_batch_now, []

    def counted(batch, *a, **kw):
        calls.append((tuple(x.id for x in batch), threading.current_thread().name))
        return real(batch, *a, **kw)

    monkeypatch.setattr(B, "_extract_batch_now", counted)
    ahead = B.start_ahead(arts, batch_size)
    try:
        deadline = time.monotonic() + 60
        while len(ahead._futures) < min(wait_for, len(batches)) and time.monotonic() < deadline:
            time.sleep(0.01)
        got = [_dumps(B.extract_batch(list(b))) for b in batches]
    finally:
        B.stop_ahead()
    assert got == expected
    assert sorted(c[0] for c in calls) == sorted(tuple(a.id for a in b) for b in batches)  # each once
    assert calls[0][1] == "claimscope-ahead"


def test_extract_batch_without_ahead_extracts_itself(nlp):
    arts = [make_article(t, f"plain{i}.txt") for i, t in enumerate(_AHEAD_TEXTS[:2])]
    B.stop_ahead()
    assert B._AHEAD[0] is None
    assert _dumps(B.extract_batch(arts)) == _dumps(B._extract_batch_now(arts))


def test_stopped_ahead_starts_no_batch(nlp):
    arts = [make_article(t, f"stop{i}.txt") for i, t in enumerate(_AHEAD_TEXTS)]
    ahead = B.Ahead.__new__(B.Ahead)  # the state without its thread: stopped before the first batch
    ahead._lock, ahead._stopped, ahead._futures, ahead._batches = __import__("threading").Lock(), True, {}, \
        B.chunks(arts, 2)
    ahead._run(1)
    assert ahead._futures == {} and ahead.take(arts[:2]) is None


# ------------------------------------------------------------------------------------------ exactly once
_KILL_SCRIPT = """
import sys
from pipeline.run import run_pipeline
run_pipeline([sys.argv[1]], db=sys.argv[2], use_prefect=False, batch_size=3)
"""


def test_sigkill_mid_batch_then_rerun_is_exactly_once(tmp_path, nlp):
    """A real subprocess is SIGKILLed inside the 2nd batch's transaction (claims inserted, not committed).
    After it: only whole batches are stored. After a re-run: every article exactly once, with the same
    claims as a run that was never interrupted."""
    src = tmp_path / "in"
    write_articles(src, 8)
    db = tmp_path / "killed.duckdb"
    marker = tmp_path / "killed.pid"
    env = dict(os.environ, CLAIMSCOPE_FAULT="before-commit:2", CLAIMSCOPE_FAULT_MARKER=str(marker), DO_NOT_TRACK="1")
    res = subprocess.run([sys.executable, "-c", _KILL_SCRIPT, str(src), str(db)], env=env, capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == -signal.SIGKILL, res.stderr
    assert marker.exists()
    after_kill = snapshot(db)
    assert len(after_kill["articles"]) == 3                  # batch 1 committed, batch 2 rolled back
    con = duckdb.connect(str(db), read_only=True)
    orphans = con.execute("SELECT count(*) FROM events WHERE article_sha256 NOT IN (SELECT sha256 FROM articles)")
    assert orphans.fetchall()[0][0] == 0
    con.close()

    s = _run([src], db, batch_size=3)                        # run again
    assert (s.articles_new, s.articles_skipped) == (5, 3)
    ref = tmp_path / "ref.duckdb"
    _run([src], ref, batch_size=3)                           # never interrupted
    assert snapshot(db) == snapshot(ref)
    con = duckdb.connect(str(db), read_only=True)
    try:
        dup = con.execute("SELECT count(*) - count(DISTINCT sha256) FROM articles").fetchall()[0][0]
        states = [r[0] for r in con.execute("SELECT state FROM runs ORDER BY started_at").fetchall()]
    finally:
        con.close()
    assert dup == 0
    assert states == ["crashed", "completed"]


# ------------------------------------------------------------------------------------------ processes
@pytest.mark.slow
def test_two_processes_same_result(tmp_path, nlp):
    src = tmp_path / "in"
    write_articles(src, 6)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    _run([src], one, batch_size=2)
    try:
        s = _run([src], two, batch_size=2, n_process=2)
    finally:
        api.close_pools()
    assert s.articles_new == 6 and s.processes == 2
    assert snapshot(one) == snapshot(two)


@pytest.mark.slow
def test_extract_articles_n_process_streams_in_order(nlp):
    arts = [make_article(article_text(i), f"a{i}.txt") for i in range(5)]
    try:
        par = list(api.extract_articles(arts, batch_size=2, n_process=2))
    finally:
        api.close_pools()
    seq = list(api.extract_articles(arts, nlp, batch_size=2))
    assert [e.article.sha256 for e in par] == [a.sha256 for a in arts]
    assert [e.model_dump() for e in par] == [e.model_dump() for e in seq]


def test_pipeline_identity_matches_nlp_config_hash():
    from pipeline.nlp.builder import config_hash, load_config

    assert B.pipeline_identity() == (load_config()["base"]["model"], config_hash())
