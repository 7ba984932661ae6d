"""Degrade, never drop: each component's work on an article runs under a guard.

- An exception inside one component (its `find`, its annotations, one link stage) drops that component's output
  for that article and records a warning; the other components and the article go on.
- A time budget per component call (`TIME_BUDGET` seconds, env `CLAIMSCOPE_TIME_BUDGET`, 0 = none): a call
  that runs over it is interrupted (the exception `TimeBudgetExceeded` is raised in its thread at the next
  Python instruction; a watchdog thread keeps the deadlines) and its output dropped, with a warning.
  Code running inside C (a regex, spaCy's Cython) is interrupted when it returns to Python.
- Code deep inside a component may call `warn(rule, reason)`: the warning goes to the article being processed.

Warnings are dicts {component, rule, reason} on `doc.user_data["cs_warnings"]`; `records.doc_to_extraction`
adds the article and puts them on `Extraction.warnings`.
"""
from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from contextvars import ContextVar
from typing import Any, Callable, Optional

WARNINGS_KEY = "cs_warnings"
TIME_BUDGET = float(os.environ.get("CLAIMSCOPE_TIME_BUDGET", "30"))
REASON_CHARS = 500  # a reason is cut to this length (an exception message may quote a whole text)

_CURRENT: ContextVar[Optional[tuple[list, str]]] = ContextVar("claimscope_warnings", default=None)


class TimeBudgetExceeded(BaseException):
    """Raised inside a component call that ran over its time budget (a BaseException: an `except Exception`
    inside the component does not swallow it)."""


def doc_warnings(doc) -> list[dict]:
    """The warnings recorded for this Doc so far (the list is kept on the Doc)."""
    return doc.user_data.setdefault(WARNINGS_KEY, [])


def make_warning(component: str, rule: Optional[str], reason: str) -> dict:
    return {"component": component, "rule": rule, "reason": reason[:REASON_CHARS]}


def warn(rule: Optional[str], reason: str, component: Optional[str] = None) -> None:
    """Record a warning for the article being processed (no-op outside a guarded call)."""
    cur = _CURRENT.get()
    if cur is not None:
        sink, name = cur
        sink.append(make_warning(component or name, rule, reason))


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def guarded(doc, component: str, stage: str, fn: Callable[[], Any], default: Any = None,
            budget: Optional[float] = None) -> Any:
    """`fn()` for one component and one Doc; on an exception or a time-out: a warning and `default`."""
    sink = doc_warnings(doc)
    token = _CURRENT.set((sink, component))
    seconds = TIME_BUDGET if budget is None else budget
    try:
        with Deadline(seconds):
            return fn()
    except TimeBudgetExceeded:
        sink.append(make_warning(component, stage, f"time budget of {seconds:g} s exceeded: output dropped"))
    except Exception as exc:  # noqa: BLE001 - the point: one component's failure costs only its output
        sink.append(make_warning(component, stage, f"{describe(exc)}: output dropped"))
    finally:
        _CURRENT.reset(token)
    return default


# ------------------------------------------------------------------------------------------------ watchdog
class _Watchdog:
    """One daemon thread per process: interrupts the threads whose deadline passed."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.heap: list[tuple[float, int]] = []
        self.armed: dict[int, tuple[int, float]] = {}  # token -> (thread id, deadline)
        self.fired: set[int] = set()
        self.ids = itertools.count(1)
        self.thread: Optional[threading.Thread] = None

    def arm(self, seconds: float) -> int:
        with self.cond:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="claimscope-time-budget", daemon=True)
                self.thread.start()
            tok = next(self.ids)
            deadline = time.monotonic() + seconds
            self.armed[tok] = (threading.get_ident(), deadline)
            heapq.heappush(self.heap, (deadline, tok))
            if self.heap[0][1] == tok:  # the watchdog sleeps until the earliest deadline: wake it for an earlier one
                self.cond.notify()
            return tok

    def disarm(self, tok: int) -> bool:
        """Forget the deadline; True when it fired (a pending interruption is withdrawn)."""
        with self.cond:
            entry = self.armed.pop(tok, None)
            fired = tok in self.fired
            if fired:
                self.fired.discard(tok)
                if entry is not None:
                    _async_raise(entry[0], None)
            return fired

    def _loop(self) -> None:
        with self.cond:
            while True:
                while self.heap and self.heap[0][1] not in self.armed:
                    heapq.heappop(self.heap)
                if not self.heap:
                    self.cond.wait()
                    continue
                deadline, tok = self.heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self.cond.wait(wait)
                    continue
                heapq.heappop(self.heap)
                tid, _ = self.armed[tok]
                self.fired.add(tok)
                _async_raise(tid, TimeBudgetExceeded)


def _async_raise(thread_id: int, exc_type) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc_type) if exc_type is not None else None)


_WATCHDOG = _Watchdog()


class Deadline:
    """`with Deadline(seconds):` raises TimeBudgetExceeded in this thread when the block runs longer
    (seconds <= 0: no deadline). Nested deadlines are not supported (the guard is per component call)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.tok: Optional[int] = None

    def __enter__(self) -> "Deadline":
        if self.seconds > 0:
            self.tok = _WATCHDOG.arm(self.seconds)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self.tok is None:
            return False
        while True:  # an interruption that lands while disarming is absorbed
            try:
                _WATCHDOG.disarm(self.tok)
                break
            except TimeBudgetExceeded:
                continue
        self.tok = None
        return False  # a block that finished before its interruption landed keeps its result
