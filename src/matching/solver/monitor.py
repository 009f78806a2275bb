"""What a CP-SAT search tells the caller while it runs: solutions counted, progress sent
at most every :data:`THROTTLE_SECONDS` (a widget redrawn more often would slow the
search), and when the plan last improved (for the patience limit)."""

from __future__ import annotations

import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .settings import Progress

ProgressCallback = Callable[[Progress], None]
THROTTLE_SECONDS = 0.25


class Monitor(cp_model.CpSolverSolutionCallback):
    """Counts solutions, reports throttled progress and notes the last improvement."""

    def __init__(self, stage: str, started: float, on_progress: ProgressCallback | None
                 ) -> None:
        super().__init__()
        self.stage, self.started, self.on_progress = stage, started, on_progress
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
        gap = None if bound is None else abs(objective - bound) / max(1.0, abs(objective))
        return Progress(self.stage, objective, bound, gap, time.monotonic() - self.started,
                        self.solutions)
