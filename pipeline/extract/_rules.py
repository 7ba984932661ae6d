"""Rules as tables, shared by the extractors (the model is the dates grammar's `add(rule, pattern, handler)`):
a named rule, its condition (`when`), its action (`then`). The name of the rule that decided is recorded on
the value it produces (`rule`), or the family name a rule records (`records`).

Two ways to read a table, by what its rules mean:
- `decide(*args)`: the first rule whose condition holds decides; (name, its action's result), where a None
  result is that rule's veto. For tables of exclusive cases (is this token a trigger, is this clause an
  incident, is this mention the same incident).
- `first(*args)`: the first rule whose condition holds and whose action returns a value; (rule, value). An
  action may return STOP: the table gives up without trying later rules (a rule that owns its case).
`vetoed(*args)` reads a table of vetoes (actions are predicates): the name of the first that holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

STOP = object()


def always(*_args) -> bool:
    return True


def veto(*_args) -> None:
    return None


@dataclass(frozen=True)
class Rule:
    name: str
    when: Callable[..., bool]
    then: Callable[..., Any]
    records: str = ""

    @property
    def label(self) -> str:
        return self.records or self.name


class RuleTable:
    """An ordered table of named rules over the same arguments."""

    def __init__(self, name: str = ""):
        self.name = name
        self.rules: list[Rule] = []

    def add(self, rule: str, when: Callable[..., bool], then: Callable[..., Any] = veto,
            records: str = "") -> "RuleTable":
        if any(r.name == rule for r in self.rules):
            raise ValueError(f"{self.name or 'rule table'}: rule {rule!r} added twice")
        self.rules.append(Rule(rule, when, then, records))
        return self

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def decide(self, *args) -> Optional[tuple[str, Any]]:
        """(name, result) of the first rule whose condition holds (result None: that rule's veto), else None."""
        for r in self.rules:
            if r.when(*args):
                return r.name, r.then(*args)
        return None

    def first(self, *args) -> Optional[tuple[Rule, Any]]:
        """(rule, value) of the first rule whose condition holds and whose action returns a value."""
        for r in self.rules:
            if r.when(*args):
                got = r.then(*args)
                if got is STOP:
                    return None
                if got is not None:
                    return r, got
        return None

    def vetoed(self, *args) -> Optional[str]:
        """For a table of vetoes (actions are predicates): the name of the first veto that holds, else None."""
        for r in self.rules:
            if r.when(*args) and r.then(*args):
                return r.name
        return None
