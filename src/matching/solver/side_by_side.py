"""Two repeatable searches at once: a second core put to work without giving up the same
plan on every run.

CP-SAT's workers race and share what they find, so which plan comes out depends on the
machine's load: a repeatable search runs one worker (CP-SAT's own interleaving of
several on threads was measured slower for the same work). Two single-worker searches
with different seeds, each limited in work (the second to :data:`LATER_WORK` of the
first's), are each repeatable, and so is a choice between them made from their finished
runs alone: the one with a plan before the one without, the lower objective, a proven
plan before an equal unproven one, a proof of infeasibility before none, the first seed
before the second. The first run is never stopped early by the second; the call ends
when both have ended, or when the first has proven its plan optimal (or the model
infeasible): nothing the second finds could then be chosen, and it is stopped.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .monitor import THROTTLE_SECONDS, Monitor, ProgressCallback, gap
from .settings import Progress

_PROVEN = (cp_model.OPTIMAL, cp_model.INFEASIBLE)
_FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)
#: How often a run that is to stop is told again: ``stop_search`` does nothing until
#: CP-SAT has begun the search it is to stop.
_STOP_AGAIN_SECONDS = 0.05
#: The work of each search after the first, as a share of the first's; their wall-time
#: cap is the first's. Two searches on two cores each run a little slower than one
#: alone, and the second, searching elsewhere, may run slower still: the year's
#: staffing stage at 10 s took 2.05-2.19 s and 2.15-2.26 s of its 2.3-s cap (one worker
#: alone 2.05-2.10 s), and a cut search makes the plan one that may not repeat (4 runs
#: of 17 said so). With this share the second ends well inside the cap.
LATER_WORK = 0.85


@dataclass(eq=False)
class Run:
    """One CP-SAT search of a call: its solver, its monitor and, once it has ended, its
    status (or the error it raised); ``cut`` when it was stopped because the first
    run's proof (or error) settled the call."""

    solver: cp_model.CpSolver
    monitor: Monitor
    status: cp_model.CpSolverStatus = cp_model.UNKNOWN
    cut: bool = False
    error: BaseException | None = None

    def rank(self, index: int) -> tuple[float, ...]:
        """The choice's order (lower first): see the module's docstring."""
        if self.status in _FOUND:
            return (0, self.solver.objective_value, self.status != cp_model.OPTIMAL, index)
        return (1, 0, self.status != cp_model.INFEASIBLE, index)


def solve_side_by_side(model: cp_model.CpModel, runs: Sequence[Run]) -> Run:
    """Solve ``model`` with every run at once (the first in this thread); return the run
    chosen. A run stopped from outside (Stop, a patience) ends the call as it would
    alone; an error in any run is raised once every run has ended."""
    first, *others = runs
    threads = [threading.Thread(target=_solve, args=(model, run), daemon=True)
               for run in others]
    for thread in threads:
        thread.start()
    _solve(model, first)
    if first.status in _PROVEN or first.error is not None:
        for run in others:
            run.cut = True
    for run, thread in zip(others, threads, strict=True):
        while run.cut and thread.is_alive():
            run.solver.stop_search()
            thread.join(_STOP_AGAIN_SECONDS)
        thread.join()
    for run in runs:
        if run.error is not None:
            raise run.error
    return min((run for run in runs if not run.cut),
               key=lambda run: run.rank(runs.index(run)))


def stop_all(runs: Sequence[Run], ended: threading.Event) -> None:
    """Stop every run until the call has ``ended`` (Stop or a patience)."""
    while not ended.is_set():
        for run in runs:
            run.solver.stop_search()
        ended.wait(_STOP_AGAIN_SECONDS)


def _solve(model: cp_model.CpModel, run: Run) -> None:
    try:
        run.status = run.solver.solve(model, run.monitor)
    except BaseException as exc:  # raised in the caller's thread once all have ended
        run.error = exc


def never_worse(on_progress: ProgressCallback | None) -> ProgressCallback | None:
    """``on_progress`` as one search would tell it, from several at once: only
    objectives at least as good as the best told in this call, with the best bound any
    has proven, at most every :data:`~.monitor.THROTTLE_SECONDS` together, one at a
    time. Two runs find plans of their own: a progress bar that went back and forth
    between them would say the search got worse, and a gap that grew again that the
    proof had weakened."""
    if on_progress is None:
        return None
    lock = threading.Lock()
    best = {"objective": math.inf, "bound": -math.inf, "solutions": 0, "told": -math.inf}

    def report(progress: Progress) -> None:
        with lock:
            now = time.monotonic()
            if progress.objective > best["objective"] or (
                    now - best["told"] < THROTTLE_SECONDS):
                return
            if progress.bound is not None:
                best["bound"] = max(best["bound"], progress.bound)
            bound = None if math.isinf(best["bound"]) else best["bound"]
            best.update(objective=progress.objective, told=now,
                        solutions=max(best["solutions"], progress.solutions))
            on_progress(dataclasses.replace(
                progress, bound=bound, gap=gap(progress.objective, bound),
                solutions=int(best["solutions"])))
    return report
