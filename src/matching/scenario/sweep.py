"""One scenario as a task of a sweep, and grids of scenarios.

:func:`run_scenario` takes only plain data (tables, a scenario, settings) and returns a
small picklable :class:`RunResult`, never solver objects, so that the same function runs
in this process or on Dask workers: :func:`matching.distributed.run_sweep` runs many
(``scheduler="synchronous"`` for one after another, here). A scenario that fails gives a
result with its error text instead of stopping the sweep.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import DataError
from ..evaluate import kpis
from ..i18n import Listing, Phrase
from ..io.plantables import plan_from_tables, plan_to_tables
from ..plan import Plan
from ..problem.weights import DEFAULT_WEIGHTS
from ..solver import SolverSettings
from .activities import ScaleAttendance
from .base import Change, ScenarioError
from .changes import SetWeight
from .compare import changed_assignments, changed_staffing
from .replan import solve_changed
from .scenario import Scenario

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class RunResult:
    """The outcome of one scenario: its plan as tables, its KPIs, and how it went.

    ``status`` is the solver's (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN) or ``ERROR``
    when the scenario could not be planned at all; ``error`` then says why, in English,
    and ``wording`` says it in any language where the toolkit said it (the scenario's or
    the workbook's errors, the conflicts of a run without a plan; not an exception of
    its own): :meth:`error_in`.
    ``changed_assignments`` counts activities whose start, room or status differ from
    the baseline, ``changed_staffing`` those that kept their place but not their people
    (both None without a baseline).
    """

    name: str
    status: str
    error: str = ""
    assignments: pd.DataFrame | None = None
    staffing: pd.DataFrame | None = None
    kpis: pd.DataFrame | None = None
    changed_assignments: int | None = None
    changed_staffing: int | None = None
    wall_time: float = 0.0
    wording: Phrase | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.error

    def error_in(self, language: str) -> str:
        """``error`` in ``language`` where the toolkit said it, else as written."""
        return self.wording.render(language) if self.wording is not None else self.error

    def plan(self) -> Plan:
        """The plan again, from its tables."""
        if self.assignments is None:
            raise ValueError(f"scenario {self.name!r} has no plan: {self.error}")
        return plan_from_tables(self.assignments, self.staffing, status=self.status)

    def row(self) -> dict[str, Any]:
        """One sweep row: the run's facts, then each KPI as a column."""
        row: dict[str, Any] = {"scenario": self.name, "status": self.status,
                               "error": self.error,
                               "changed_assignments": self.changed_assignments,
                               "changed_staffing": self.changed_staffing,
                               "wall_time": round(self.wall_time, 2)}
        if self.kpis is not None:
            row.update(zip(self.kpis["name"], self.kpis["value"], strict=True))
        return row


def run_scenario(workbook_tables: Tables, scenario: Scenario,
                 baseline_tables: Tables | None = None,
                 settings: SolverSettings | None = None) -> RunResult:
    """Apply ``scenario`` to the workbook, plan it and measure the plan.

    Parameters
    ----------
    workbook_tables
        The base workbook's tables (for one quarter, see
        :func:`matching.scenario.workbook_tables`).
    scenario
        The changes.
    baseline_tables
        ``assignments`` and ``staffing`` of a baseline plan (as ``Plan.to_tables``
        writes them): re-plan with minimal change from it. Without it the changed
        workbook is planned afresh.
    settings
        Search settings (keep them picklable: no ``log`` callback when the run is
        shipped to another process).

    Returns
    -------
    RunResult
        Never raises for a bad scenario or workbook: the error is in the result.
    """
    started = time.monotonic()
    try:
        problem = scenario.build(workbook_tables)
        baseline = None
        if baseline_tables is not None:
            baseline = plan_from_tables(baseline_tables["assignments"],
                                        baseline_tables.get("staffing"))
        plan = solve_changed(problem, scenario, baseline, settings)
        tables = plan_to_tables(plan)
        figures = kpis(problem, plan) if plan.status in ("OPTIMAL", "FEASIBLE") else None
        moved = restaffed = None
        if baseline is not None and figures is not None:  # no plan: nothing moved, nor kept
            moved = changed_assignments(baseline, plan)
            restaffed = changed_staffing(baseline, plan)
        error = "; ".join(plan.conflicts) if figures is None else ""
        conflicts = (Listing(plan.conflict_wording, "semicolon")
                     if error and plan.conflict_wording else None)
        return RunResult(scenario.name, plan.status, error, tables["assignments"],
                         tables["staffing"], figures, moved, restaffed,
                         time.monotonic() - started, conflicts)
    except (ScenarioError, DataError) as exc:
        wording: Phrase | None = exc.wording
        error = str(exc)
    except Exception as exc:  # a sweep reports every failure as a row and goes on
        wording, error = None, f"{type(exc).__name__}: {exc}"
    return RunResult(scenario.name, "ERROR", error, wall_time=time.monotonic() - started,
                     wording=wording)


def grid(base: Scenario | None = None, **param_lists: Sequence[Any]) -> list[Scenario]:
    """One scenario per combination of parameter values, each ``base`` plus the changes
    its values make.

    Parameters
    ----------
    base
        Changes every scenario starts with (for example a typhoon).
    **param_lists
        For each parameter, the values to try. A value is a change, a list of changes, or
        a number for the parameters ``attendance`` (every activity's expected attendance
        times the number) and ``weight_<term>`` (the weight of an objective term).

    Returns
    -------
    list of Scenario
        Named after their values, e.g. ``"attendance=2, weight_fairness=5"``.

    Examples
    --------
    >>> names = [s.name for s in grid(attendance=[1, 2], weight_fairness=[0, 5])]
    >>> names[-1]
    'attendance=2, weight_fairness=5'
    """
    keys = list(param_lists)
    out = []
    for values in itertools.product(*(param_lists[k] for k in keys)):
        changes: list[Change] = list(base.changes) if base else []
        labels = [base.name] if base else []
        for key, value in zip(keys, values, strict=True):
            made, label = _changes_for(key, value)
            changes += made
            labels.append(f"{key}={label}")
        out.append(Scenario(", ".join(labels), tuple(changes),
                            base.description if base else "", base.source if base else ""))
    return out


def _changes_for(key: str, value: Any) -> tuple[list[Change], str]:
    if isinstance(value, Change):
        return [value], value.describe()
    if isinstance(value, list | tuple) and all(isinstance(v, Change) for v in value):
        return list(value), " + ".join(v.describe() for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if key == "attendance":
            return [ScaleAttendance(factor=float(value))], f"{value:g}"
        term = key.removeprefix("weight_")
        if key.startswith("weight_") and term in DEFAULT_WEIGHTS:
            return [SetWeight(term=term, value=int(value))], f"{value:g}"
    raise ValueError(f"grid parameter {key!r}: {value!r} is neither a change, a list of "
                     "changes, nor a number for 'attendance' or 'weight_<term>' (terms: "
                     + ", ".join(DEFAULT_WEIGHTS) + ")")
