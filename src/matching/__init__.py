"""matching: plan a community center's activities, rooms and volunteers with CP-SAT.

The front door::

    import matching
    problem = matching.load_problem("data/qianjin-2023")
    plan = matching.solve(problem, matching.SolverSettings(time_limit=10))
    score = matching.evaluate(problem, plan)
    changed = matching.Scenario.load("data/scenarios/typhoon-muifa.yaml")

The solver (OR-Tools) and scenarios load on first use, so that reading a workbook or a
plan file does not pay for them.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .errors import DataError, Issue
from .evaluate import Score, evaluate  # binds the function over the subpackage's name
from .io import load_problem, read_tables, save_workbook, write_tables
from .plan import Plan
from .problem import Problem

if TYPE_CHECKING:
    from .scenario import Scenario
    from .solver import SolverSettings, solve

try:
    __version__ = version("matching")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

#: Names loaded on first use, and the module each comes from.
_ON_USE = {"solve": "solver", "SolverSettings": "solver", "Scenario": "scenario"}


def __getattr__(name: str) -> Any:
    if name in _ON_USE:
        return getattr(importlib.import_module(f".{_ON_USE[name]}", __name__), name)
    raise AttributeError(f"module 'matching' has no attribute {name!r}")


__all__ = [
    "DataError",
    "Issue",
    "Plan",
    "Problem",
    "Scenario",
    "Score",
    "SolverSettings",
    "__version__",
    "evaluate",
    "load_problem",
    "read_tables",
    "save_workbook",
    "solve",
    "write_tables",
]
