"""The temporary Prefect API server that `claimscope run` starts early (pipeline/flows/server.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.flows import server as S


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No configured API anywhere: empty PREFECT_HOME, a working directory without settings files."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "prefect.settings", raising=False)  # as in a fresh `claimscope run`
    return tmp_path


@pytest.mark.parametrize("where, content, configured", [
    ("home/profiles.toml", '[profiles.local]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n', True),
    ("prefect.toml", '[api]\nurl = "http://10.0.0.5:4200/api"\n', True),
    ("pyproject.toml", '[tool.prefect.api]\nurl = "http://10.0.0.5:4200/api"\n', True),
    # must not fire: settings files that name no API server
    ("pyproject.toml", '[project]\nname = "x"\n[project.urls]\nhome = "https://example.org"\n', False),
    ("prefect.toml", '[api]\nkey = "abc"\n', False),
    ("home/profiles.toml", '[profiles.local]\nPREFECT_LOGGING_LEVEL = "INFO"\n', False),
])
def test_configured_api_url_from_files(clean_env, where, content, configured):
    path = clean_env / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    got = S.configured_api_url()
    assert (got is not None) == configured
    if configured:
        assert S.start_if_needed() is None  # a configured server is used as is


def test_configured_api_url_from_environment(clean_env, monkeypatch):
    assert S.configured_api_url() is None
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert S.configured_api_url() == "http://127.0.0.1:4200/api"


def test_ephemeral_mode_off_starts_nothing(clean_env, monkeypatch):
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_ENABLED", "false")
    assert S.start_if_needed() is None


def test_server_that_dies_is_a_clear_error_and_env_is_restored(clean_env, monkeypatch):
    def spawn(self):
        self.port = 1
        self.process = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(1)"])
        self._saved_url, self._set_env = os.environ.get("PREFECT_API_URL"), True
        os.environ["PREFECT_API_URL"] = self.api_url

    monkeypatch.setattr(S.TemporaryServer, "_spawn", spawn)
    srv = S.TemporaryServer(startup_timeout=30).start()
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:1/api"
    with pytest.raises(RuntimeError, match="exited with code 1"):
        srv.wait()
    srv.stop()
    assert "PREFECT_API_URL" not in os.environ


def _servers_for(home: Path) -> list[int]:
    """Pids of Prefect API servers whose PREFECT_HOME is `home` (Linux /proc)."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes()
            env = (d / "environ").read_bytes()
        except OSError:
            continue
        if b"prefect.server.api.server:create_app" in cmd and f"PREFECT_HOME={home}".encode() in env:
            pids.append(int(d.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_run_through_the_early_server_end_to_end(tmp_path):
    """A fresh `claimscope run` with no server configured: the flow runs on the server it started early, the
    runs table records Prefect's state, and no server is left behind."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Two soldiers were killed in Homs on Friday, the army said.\n", encoding="utf-8")
    (src / "b.txt").write_text("A bomb wounded five people in Kirkuk on Monday, police said.\n", encoding="utf-8")
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), DO_NOT_TRACK="1")
    db = tmp_path / "c.duckdb"
    exe = Path(sys.executable).with_name("claimscope")
    res = subprocess.run([str(exe), "run", str(src), "--db", str(db), "--published", "2016-06-27"], env=env,
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        executor, state, flow_run, new = con.execute(
            "SELECT executor, prefect_state, flow_run_id, articles_new FROM runs").fetchone()
    finally:
        con.close()
    assert (executor, state, new) == ("prefect", "Completed", 2)
    assert flow_run
    assert _servers_for(home) == []
