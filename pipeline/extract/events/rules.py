"""Named rules as a table, in the shape of the dates grammar (`Grammar.add(rule, pattern, handler)`).

A `RuleTable` is an ordered list of (name, condition, action). `first(x)` runs the action of the first rule
whose condition holds and returns (name, result); a result of None means the rule vetoes (the token is no
trigger, the clause no incident). The name of the rule that decided is recorded on the value it produces.
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple


class Rule(NamedTuple):
    name: str
    when: Callable[[Any], bool]
    then: Callable[[Any], Any]


def veto(_x: Any) -> None:
    return None


class RuleTable:
    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def add(self, name: str, when: Callable[[Any], bool], then: Callable[[Any], Any] = veto) -> None:
        self.rules.append(Rule(name, when, then))

    def first(self, x: Any) -> tuple[str, Any] | None:
        """(rule name, action result) of the first rule whose condition holds, else None."""
        for rule in self.rules:
            if rule.when(x):
                return rule.name, rule.then(x)
        return None

    def names(self) -> list[str]:
        return [r.name for r in self.rules]
