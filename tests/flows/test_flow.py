"""The Prefect flow, for real: one smoke test on the test harness (session-scoped: it costs ~10 s), the
quiet-run settings, and the Dask task runner on a local two-worker cluster."""
from __future__ import annotations

import os

import duckdb
import pytest

from pipeline.flows.settings import quiet_env
from tests.store.kit import snapshot, write_articles


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    quiet_env(home=tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def saved_env():
    """quiet_env writes os.environ directly: put it back exactly as it was."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_quiet_env_sets_defaults_only(saved_env, monkeypatch, tmp_path):
    for k in list(os.environ):
        if k.startswith("PREFECT_") or k == "DO_NOT_TRACK":
            monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "DEBUG")  # the user's choice wins
    applied = quiet_env(home=tmp_path)
    assert os.environ["DO_NOT_TRACK"] == "1"
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert os.environ["PREFECT_HOME"] == str(tmp_path)
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "DEBUG" and "PREFECT_LOGGING_LEVEL" not in applied
    assert os.environ["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "false"


def test_quiet_env_settings_are_real_prefect_settings(saved_env, monkeypatch, tmp_path):
    """Each variable we set must be one Prefect reads (a typo would silently do nothing)."""
    from prefect.settings import Settings

    for k in list(os.environ):
        if k.startswith("PREFECT_"):
            monkeypatch.delenv(k, raising=False)
    applied = quiet_env(home=tmp_path)
    s = Settings()
    assert s.server.analytics_enabled is False
    assert s.logging.to_api.enabled is False
    assert s.server.ephemeral.startup_timeout_seconds == 180 and s.server.database.timeout == 60
    assert s.server.services.triggers.enabled is False and s.server.services.event_persister.enabled is False
    assert str(s.home) == str(tmp_path)
    assert all(k.startswith("PREFECT_") or k == "DO_NOT_TRACK" for k in applied)


@pytest.mark.slow
def test_flow_smoke(prefect_harness, tmp_path, capfd, nlp):
    from pipeline.run import run_pipeline

    write_articles(tmp_path / "in", 3)
    db = tmp_path / "f.duckdb"
    seen = []
    s = run_pipeline([str(tmp_path / "in")], db=str(db), batch_size=2, on_progress=lambda n, t: seen.append((n, t)))
    assert (s.articles_new, s.prefect_state, s.executor) == (3, "Completed", "prefect")
    assert seen == [(2, 3), (1, 3)]
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT state, prefect_state, flow_run_id, articles_new, extract_seconds > 0, "
                          "write_seconds >= 0 FROM runs").fetchall()
    finally:
        con.close()
    assert row[0][0] == "completed" and row[0][1] == "Completed" and row[0][2] and row[0][3:] == (3, True, True)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "database is locked" not in err
    s2 = run_pipeline([str(tmp_path / "in")], db=str(db))
    assert s2.articles_new == 0 and s2.prefect_state is None  # planned before Prefect: no flow at all


@pytest.mark.slow
def test_dask_two_workers(prefect_harness, tmp_path, nlp):
    """Extraction on a local Dask cluster of two worker processes; this process is the single writer."""
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("prefect_dask")
    from pipeline.run import run_pipeline

    src = tmp_path / "in"
    write_articles(src, 4)
    ref = tmp_path / "ref.duckdb"
    run_pipeline([str(src)], db=str(ref), use_prefect=False, batch_size=2)
    db = tmp_path / "dask.duckdb"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        s = run_pipeline([str(src)], db=str(db), batch_size=2, dask_address=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            # the workers did the extraction: each built its own pipeline
            built = client.run(lambda: __import__("pipeline.nlp.builder", fromlist=["get_nlp"]).get_nlp.cache_info().currsize)
    assert s.articles_new == 4 and s.prefect_state == "Completed" and s.executor.startswith("dask:tcp://127.0.0.1")
    assert sum(built.values()) >= 1
    assert snapshot(db) == snapshot(ref)


@pytest.mark.slow
def test_flow_failure_is_recorded(prefect_harness, tmp_path, monkeypatch, nlp):
    """A write that keeps failing (after the task's retries) fails the flow; the run row says so."""
    import pipeline.store.repo as repo
    from pipeline.run import run_pipeline

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(repo, "write_batch", broken)
    write_articles(tmp_path / "in", 1)
    db = tmp_path / "f.duckdb"
    with pytest.raises(OSError, match="disk full"):
        run_pipeline([str(tmp_path / "in")], db=str(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT state, prefect_state FROM runs").fetchall() == [("failed", "Failed")]
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 0
    finally:
        con.close()
