"""The package layout: no import circles between our modules, eval code outside extract/, each extractor a
package with its component."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "pipeline"
EXTRACTORS = ("dates", "places", "casualties", "attribution", "events")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every pipeline module a file imports, at the top or inside a function (`from a.b import c` counts
    a.b.c when that is a module, else a.b)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                full = f"{node.module}.{a.name}"
                out.add(full if full in modules else node.module)
    return {m for m in out if m in modules}


def import_graph(root: Path = PKG) -> dict[str, set[str]]:
    files = {_module(p): p for p in root.rglob("*.py")}
    mods = set(files)
    return {m: _imports(p, mods) - {m} for m, p in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import circles between modules (a package's __init__ importing its own submodules is not one)."""
    found, state, stack = [], {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if m.startswith(n + ".") or n.startswith(m + "."):
                continue  # a package and its own submodules
            if state.get(n) == 1:
                found.append(stack[stack.index(n):] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return found


@pytest.mark.parametrize("graph, n_cycles", [
    ({"a": {"b"}, "b": {"a"}}, 1),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, 1),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, 0),
    ({"p": {"p.x"}, "p.x": {"p"}}, 0),
])
def test_cycle_finder(graph, n_cycles):
    assert len(cycles(graph)) == n_cycles


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_eval_code_is_not_in_extract():
    graph = import_graph()
    assert not [m for m in graph if m.startswith("pipeline.extract") and "eval" in m.rsplit(".", 1)[-1]]
    assert not [m for m, deps in graph.items() if m.startswith("pipeline.extract")
                and any(d.startswith("pipeline.eval") for d in deps)]


@pytest.mark.parametrize("name", EXTRACTORS)
def test_extractor_is_a_package_with_a_component(name):
    assert (PKG / "extract" / name / "__init__.py").is_file()
    assert (PKG / "extract" / name / "component.py").is_file()
    assert not (PKG / "extract" / f"{name}.py").exists()
