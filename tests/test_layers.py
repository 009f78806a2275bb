"""Imports flow one way: the parts of the package (its subpackages and top-level modules)
import each other at run time without a cycle, and the rules sit low, importing only the
words. Imports under ``if TYPE_CHECKING:`` are for annotations and do not count."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "matching"


def _runtime_imports(path: Path) -> set[str]:
    """Dotted names of ``matching`` modules the file imports when it is loaded."""
    package = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for item in ast.walk(node):
            if isinstance(item, ast.ImportFrom):
                base = list(package[:len(package) - item.level + 1]) if item.level else []
                module = ".".join([*base, *([item.module] if item.module else [])])
                found.update([module] if item.module else
                             [f"{module}.{alias.name}" for alias in item.names])
            elif isinstance(item, ast.Import):
                found.update(alias.name for alias in item.names)
    return {name for name in found if name.startswith("matching.")}


def _part(module: str) -> str:
    return module.split(".")[1]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        here = path.relative_to(SRC).parts[0].removesuffix(".py")
        for name in _runtime_imports(path):
            if _part(name) != here:
                graph.setdefault(here, set()).add(_part(name))
    return graph


@pytest.mark.slow
def test_the_parts_of_the_package_import_each_other_without_a_cycle() -> None:
    graph = _graph()
    assert {"rules", "problem", "solver", "evaluate", "io"} <= set(graph)

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for after in graph.get(todo.pop(), ()):
                if after not in seen:
                    seen.add(after)
                    todo.append(after)
        return seen

    cycles = [(a, b) for a in graph for b in graph[a] if a in reaches(b)]
    assert not cycles, cycles


def test_the_rules_import_only_the_words_at_run_time() -> None:
    assert _graph()["rules"] == {"i18n"}


def test_a_workbooks_summary_loads_no_solver() -> None:
    """`matching check` says what a workbook holds through matching.summary; a comparison
    of plans in it once imported the scenarios, and with them OR-Tools, for every check."""
    code = ("import sys, matching.summary, matching.cli.plan; "
            "print(sorted(m for m in ('ortools', 'matching.solver') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
