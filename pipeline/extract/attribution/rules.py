"""Rules as tables (the model is the dates grammar's `add(rule, pattern, handler)`): a named rule, its
condition, its action. A table tries its rules in order; the first action that returns a value wins and the
value carries the rule's name (or the family name the rule records, `records`). An action may return STOP:
the table gives up without trying the later rules (a rule that owns its case)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

STOP = object()


def always(*_args) -> bool:
    return True


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
    """An ordered table of rules over the same arguments."""

    def __init__(self, name: str):
        self.name = name
        self.rules: list[Rule] = []

    def add(self, rule: str, when: Callable[..., bool], then: Callable[..., Any], records: str = "") -> "RuleTable":
        if any(r.name == rule for r in self.rules):
            raise ValueError(f"{self.name}: rule {rule!r} added twice")
        self.rules.append(Rule(rule, when, then, records))
        return self

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def names(self) -> list[str]:
        return [r.name for r in self.rules]

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
