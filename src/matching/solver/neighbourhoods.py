"""Large-neighbourhood search: re-plan a window of the year with the rest held fixed.

A year of activities is coupled only loosely (weekly and monthly limits, fair load,
series, cohorts), so most of a better plan can be found a few weeks at a time: free
the activities of one window (or those that some volunteers staff), hold every other
decision at the best plan's value, and let CP-SAT re-solve that small model. Each
solution goes to the incumbent, which keeps it only when it is better. Windows grow
while CP-SAT solves them to optimality in time and shrink when it cannot.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Protocol

import numpy as np
from ortools.sat.python import cp_model

from .incumbent import Incumbent
from .model import PlanModel

#: Seconds one neighbourhood may take, at most.
STEP_SECONDS = 1.0
#: Share of the activities freed at first, and the bounds of that share.
FIRST_SHARE, LEAST_FREED, MOST_SHARE = 0.15, 8, 0.6


class SearchContext(Protocol):
    """What a neighbourhood search needs of the running search."""

    pm: PlanModel
    tiers: list[cp_model.IntVar]
    incumbent: Incumbent

    def remaining(self) -> float: ...

    def done(self) -> bool: ...

    def stage_model(self, number: int) -> cp_model.CpModel: ...

    def run_step(self, model: cp_model.CpModel, seconds: float
                 ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]: ...

    def offer(self, solver: cp_model.CpSolver, source: str) -> bool: ...


class Neighbourhoods:
    """Windows in time order and groups of volunteers, for one search."""

    def __init__(self, pm: PlanModel, seed: int) -> None:
        self.pm = pm
        self.rng = random.Random(seed)
        facts = pm.problem.facts
        # activities in the order of the middle of their allowed starts: a run of this
        # order is a window of time
        middle = {aid: float(np.median(facts.allowed_starts(aid))) for aid in pm.acts}
        self.in_time = sorted(pm.acts, key=lambda aid: (middle[aid], aid))
        self.decisions = {aid: _decision_indices(pm, aid) for aid in pm.acts}
        self.size = max(LEAST_FREED, round(FIRST_SHARE * len(self.in_time)))

    def pick(self, best_vector: tuple[int, ...]) -> set[str]:
        """The activities to free: a window in time, or (every third time) those staffed
        by a few volunteers, filled up to the current size with their time neighbours."""
        n = len(self.in_time)
        size = min(self.size, n)
        if self.rng.random() < 1 / 3:
            staffed = self._by_volunteers(best_vector)
            if staffed:
                return set(self.rng.sample(sorted(staffed), min(size, len(staffed))))
        first = self.rng.randrange(0, max(1, n - size + 1))
        return set(self.in_time[first:first + size])

    def _by_volunteers(self, vector: tuple[int, ...]) -> set[str]:
        people = sorted({vid for av in self.pm.acts.values() for vid in av.attends})
        if not people:
            return set()
        chosen = set(self.rng.sample(people, min(3, len(people))))
        return {aid for aid, av in self.pm.acts.items()
                if any(vector[lit.index] for vid, lit in av.attends.items() if vid in chosen)}

    def adapt(self, solved: bool) -> None:
        """Grow after a neighbourhood solved to optimality, shrink after a time-out."""
        most = max(LEAST_FREED, round(MOST_SHARE * len(self.in_time)))
        factor = 1.25 if solved else 0.7
        self.size = int(min(most, max(LEAST_FREED, round(self.size * factor))))

    def fix_all_but(self, model: cp_model.CpModel, free: set[str],
                    vector: tuple[int, ...]) -> None:
        """Hold every decision of the activities not in ``free`` at its value in
        ``vector`` (by narrowing the variables' domains in ``model``)."""
        variables = model.proto.variables
        for aid, indices in self.decisions.items():
            if aid in free:
                continue
            for index in indices:
                domain = variables[index].domain
                domain.clear()
                domain.extend((vector[index], vector[index]))


def _decision_indices(pm: PlanModel, aid: str) -> list[int]:
    av = pm.acts[aid]
    return [av.scheduled.index, av.start.index,
            *(lit.index for lit in av.rooms.values()),
            *(lit.index for lit in av.seats.values()),
            *(lit.index for lit in av.attends.values())]


def neighbourhood_search(search: SearchContext, neighbourhoods: Neighbourhoods, number: int,
                         seconds: float, patience: float | None = None,
                         on_step: Callable[[bool], None] | None = None) -> bool:
    """Improve tier ``number`` neighbourhood by neighbourhood for ``seconds`` (or until
    ``patience`` seconds pass without improvement); True when the plan improved."""
    until = time.monotonic() + seconds
    improved, last = False, time.monotonic()
    while not search.done() and (left := until - time.monotonic()) > 0.05:
        if patience and time.monotonic() - last > patience:
            break
        best = search.incumbent.best
        assert best is not None
        model = search.stage_model(number)
        neighbourhoods.fix_all_but(model, neighbourhoods.pick(best.vector), best.vector)
        solver, status = search.run_step(model, min(left, STEP_SECONDS))
        solved = status == cp_model.OPTIMAL
        better = False
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            better = search.offer(solver, "neighbourhood")
        improved |= better
        if better:
            last = time.monotonic()
        neighbourhoods.adapt(solved)
        if on_step:
            on_step(better)
    return improved
