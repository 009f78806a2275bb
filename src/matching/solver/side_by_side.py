"""Two repeatable searches at once: a second core put to work without giving up the same
plan on every run.

CP-SAT's workers race and share what they find, so which plan comes out depends on the
machine's load: a repeatable search runs one worker (CP-SAT's own interleaving of
several on threads was measured slower for the same work). Two single-worker searches
with different seeds, each limited in work, are each repeatable, and so is a choice
between them made from their finished runs alone: the one with a plan before the one
without, the lower objective, a proven plan before an equal unproven one, a proof of
infeasibility before none, the first seed before the second. The first run is never
stopped early by the second: the call takes as long as the first alone would, and the
second is stopped only once the first has proven its plan optimal (or the model
infeasible), when nothing the second finds could be chosen.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .monitor import Monitor, ProgressCallback
from .settings import Progress

_PROVEN = (cp_model.OPTIMAL, cp_model.INFEASIBLE)
_FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)


@dataclass(eq=False)
class Run:
    """One CP-SAT search of a call: its solver, its monitor and, once it has ended, its
    status; ``cut`` when it was stopped because the first run's proof settled the call."""

    solver: cp_model.CpSolver
    monitor: Monitor
    status: cp_model.CpSolverStatus = cp_model.UNKNOWN
    cut: bool = False

    def rank(self, index: int) -> tuple[float, ...]:
        """The choice's order (lower first): see the module's docstring."""
        if self.status in _FOUND:
            return (0, self.solver.objective_value, self.status != cp_model.OPTIMAL, index)
        return (1, 0, self.status != cp_model.INFEASIBLE, index)


def solve_side_by_side(model: cp_model.CpModel, runs: Sequence[Run]) -> Run:
    """Solve ``model`` with every run at once (the first in this thread); return the run
    chosen. A run stopped from outside (Stop, a patience) ends the call as it would
    alone."""
    first, *others = runs
    threads = [threading.Thread(target=_solve, args=(model, run), daemon=True)
               for run in others]
    for thread in threads:
        thread.start()
    try:
        _solve(model, first)
    finally:
        if first.status in _PROVEN:
            for run in others:
                run.cut = True
                run.solver.stop_search()
        for thread in threads:
            thread.join()
    return min((run for run in runs if not run.cut),
               key=lambda run: run.rank(runs.index(run)))


def _solve(model: cp_model.CpModel, run: Run) -> None:
    run.status = run.solver.solve(model, run.monitor)


def never_worse(on_progress: ProgressCallback | None) -> ProgressCallback | None:
    """``on_progress`` told only of objectives at least as good as the best it was told
    in this call: two runs find plans of their own, and a progress bar that went back
    and forth between them would say the search got worse."""
    if on_progress is None:
        return None
    lock, best = threading.Lock(), [math.inf]

    def report(progress: Progress) -> None:
        with lock:
            if progress.objective > best[0]:
                return
            best[0] = progress.objective
        on_progress(progress)
    return report
