"""What a search tells the caller while it runs: solutions counted, progress sent at
most every :data:`THROTTLE_SECONDS` (a widget redrawn more often would slow the search),
when the plan last improved (for the patience limit), and, until there is a plan, that
the search for one goes on."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .settings import Progress

ProgressCallback = Callable[[Progress], None]
THROTTLE_SECONDS = 0.25
#: How often the search says it is still looking for a first plan.
HEARTBEAT_SECONDS = 1.0


class Monitor(cp_model.CpSolverSolutionCallback):
    """Counts solutions, reports throttled progress and notes the last improvement.

    ``floor`` is a bound the stage proved on an earlier visit that still holds (its
    earlier tiers' caps no looser since: :meth:`StageResult.bound_under`): a new CP-SAT
    run starts its own bound lower, and the gap shown as proven would grow again
    ("at most 90 %", then "at most 109 %")."""

    def __init__(self, stage: str, started: float, on_progress: ProgressCallback | None,
                 floor: float = -math.inf) -> None:
        super().__init__()
        self.stage, self.started, self.on_progress = stage, started, on_progress
        self.floor = floor
        self.solutions = 0
        self.last_improvement = time.monotonic()
        self._last_report = 0.0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.last_improvement = time.monotonic()
        if self.on_progress and self.last_improvement - self._last_report >= THROTTLE_SECONDS:
            self._last_report = self.last_improvement
            self.on_progress(self.progress(self.objective_value, self.best_objective_bound))

    def progress(self, objective: float, bound: float | None) -> Progress:
        if bound is not None:
            bound = max(bound, self.floor)
        return Progress(self.stage, objective, bound, gap(objective, bound),
                        time.monotonic() - self.started, self.solutions)


def gap(objective: float, bound: float | None) -> float | None:
    """How far ``objective`` may be from the best, relative to it (None without a
    bound)."""
    return None if bound is None else abs(objective - bound) / max(1.0, abs(objective))


class Heartbeat:
    """Until the first plan, tells the caller every :data:`HEARTBEAT_SECONDS` that the
    search for one goes on: building the model, first fit and its rounds, or the repair
    search may take many seconds on a tight or large workbook, and a progress bar that
    does not move looks like a hang. Its objective is how many ``must`` activities the
    nearest start so far leaves out (``missing``), with no bound yet."""

    def __init__(self, on_progress: ProgressCallback | None, started: float,
                 missing: int) -> None:
        self.on_progress, self.started, self.missing = on_progress, started, missing
        self._stopped = threading.Event()
        self._thread = None
        if on_progress is not None:
            self._thread = threading.Thread(target=self._beat, daemon=True)
            self._thread.start()

    def _beat(self) -> None:
        while not self._stopped.wait(HEARTBEAT_SECONDS):
            assert self.on_progress is not None
            self.on_progress(Progress("start", float(self.missing), None, None,
                                      time.monotonic() - self.started, 0))

    def stop(self) -> None:
        """No beat after this returns (the first plan's progress comes next)."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
