"""Start Prefect's temporary API server early, in the background, instead of when the flow is first called.

Without `PREFECT_API_URL`, Prefect starts a temporary server subprocess the first time a flow runs and waits
for it (about 3.5 s here), after importing the server package into our own process (about 2 s of our CPU).
`claimscope run` knows it needs a flow as soon as it has found new articles, so it starts the same kind of
server at that moment (a `uvicorn` subprocess serving `prefect.server.api.server:create_app`, the same command
Prefect's ephemeral mode runs) while it loads spaCy, then points `PREFECT_API_URL` at it. The flow then talks to
a server that is already up, and our process never imports the server code.

A configured server (`PREFECT_API_URL` in the environment or in a Prefect profile/settings file) is used as is.
"""
from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)

_ADDRESS_IN_USE = 3  # uvicorn's exit code when the port was taken between our check and its bind


def configured_api_url() -> Optional[str]:
    """The Prefect API the user configured (environment, or a settings/profile file that names one), else None."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if "prefect.settings" in sys.modules:  # e.g. inside prefect_test_harness or temporary_settings
        from prefect.settings import get_current_settings

        url = get_current_settings().api.url
        if url:
            return str(url)
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    candidates = [Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml"),
                  Path.cwd() / "prefect.toml", Path.cwd() / "pyproject.toml"]
    for path in candidates:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if "PREFECT_API_URL" in text or (_API_SECTION.search(text) and _URL_KEY.search(text)):
            return f"(configured in {path})"
    return None


_API_SECTION = re.compile(r"^\s*\[(?:tool\.prefect\.)?api\]", re.M)
_URL_KEY = re.compile(r"^\s*url\s*=", re.M)


def _die_with_parent() -> None:  # runs in the child before exec (Linux): no orphan server after a SIGKILL
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort; stop() ends the server on a normal exit
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemporaryServer:
    """A Prefect API server subprocess for the length of one run: `start()` returns at once, `wait()` blocks
    until /api/health answers, `stop()` ends it. Use as a context manager."""

    def __init__(self, startup_timeout: Optional[float] = None):
        self.startup_timeout = startup_timeout or float(
            os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
        self.port: Optional[int] = None
        self.process: Optional[subprocess.Popen] = None
        self.started_at = 0.0
        self.ready_after: Optional[float] = None  # seconds from start() to a healthy answer
        self._saved_url: Optional[str] = None
        self._set_env = False

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> None:
        spec = importlib.util.find_spec("prefect")
        if spec is None or spec.origin is None:
            raise RuntimeError("prefect is not installed")
        app_dir = str(Path(spec.origin).parent.parent)
        self.port = _free_port()
        env = dict(os.environ, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
        env.pop("PREFECT_API_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        # every Prefect thread of this process (heartbeats, event and log workers) must see this server, not
        # start a server of its own; `stop()` restores the variable
        if not self._set_env:
            self._saved_url, self._set_env = os.environ.get("PREFECT_API_URL"), True
        os.environ["PREFECT_API_URL"] = self.api_url

    def start(self) -> "TemporaryServer":
        self.started_at = time.perf_counter()
        self._spawn()
        atexit.register(self.stop)  # whatever happens to the run, the server goes with this process
        return self

    def wait(self) -> str:
        """Block until the server answers; returns its API URL. Raises RuntimeError when it cannot start."""
        assert self.process is not None, "start() first"
        if self.ready_after is not None:
            return self.api_url
        deadline = self.started_at + self.startup_timeout
        retries = 3
        while time.perf_counter() < deadline:
            code = self.process.poll()
            if code == _ADDRESS_IN_USE and retries:
                retries -= 1
                self._spawn()
                continue
            if code is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {code} while starting")
            try:
                with urllib.request.urlopen(self.api_url + "/health", timeout=2) as res:
                    if res.status == 200:
                        self.ready_after = time.perf_counter() - self.started_at
                        return self.api_url
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the temporary Prefect server did not answer within {self.startup_timeout:.0f} s")

    def stop(self) -> None:
        if self._set_env:
            if self._saved_url is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = self._saved_url
            self._set_env = False
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> "TemporaryServer":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_if_needed() -> Optional[TemporaryServer]:
    """Start a temporary server unless one is configured (or ephemeral mode is switched off)."""
    if configured_api_url() is not None:
        return None
    if os.environ.get("PREFECT_SERVER_EPHEMERAL_ENABLED", "").lower() in ("0", "false", "no"):
        return None
    return TemporaryServer().start()
