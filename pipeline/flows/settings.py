"""Environment for quiet, offline, predictable Prefect runs (set before `prefect` is imported).

Every value is a default: a variable the user already set wins.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

_SERVICES_OFF = (  # server services an ephemeral run does not need; fewer SQLite writers, no "database is locked"
    "TRIGGERS", "EVENT_PERSISTER", "EVENT_LOGGER", "SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP",
    "PAUSE_EXPIRATIONS", "REPOSSESSOR", "DB_VACUUM", "CLEANUP_RECONCILER",
)


def quiet_env(verbose: bool = False, home: str | os.PathLike | None = None) -> dict[str, str]:
    """Set (as defaults) the variables that make a Prefect run offline and quiet; return what was set."""
    values = {
        # no telemetry: SDK (DO_NOT_TRACK) and server heartbeat (analytics; the heartbeat's TELEMETRY_SESSION
        # write is what raced the run's own writes into a sqlite "database is locked" traceback)
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_HOME": str(home or Path.cwd() / ".prefect"),
        "PREFECT_LOGGING_LEVEL": "INFO" if verbose else "WARNING",
        "PREFECT_LOGGING_SERVER_LEVEL": "INFO" if verbose else "ERROR",
        "PREFECT_SERVER_LOGGING_LEVEL": "INFO" if verbose else "ERROR",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",   # our progress is on the terminal; fewer API writes
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",  # a busy 2-core machine needs more than 20 s
        "PREFECT_SERVER_DATABASE_TIMEOUT": "60",     # SQLite statement timeout (default 10 s) on a busy machine
        "PREFECT_CLI_COLORS": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    for name in _SERVICES_OFF:
        values[f"PREFECT_SERVER_SERVICES_{name}_ENABLED"] = "false"
    applied = {}
    for key, value in values.items():
        if key not in os.environ:
            os.environ[key] = value
            applied[key] = value
    if not verbose:
        for name in ("prefect", "distributed", "httpx", "urllib3", "asyncio", "uvicorn", "docket"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return applied
