"""The best plan in hand during a search: replaced only by a lexicographically better one.

Every plan the search meets (a completed hint or baseline, the first-fit plan, each
stage's solution) is offered here; a plan that is worse in an earlier tier, or equal
there and worse in a later one, is turned down. So whatever the time limit, the load
of the machine or the order of the stages, the plan returned is never worse than any
plan the search has held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .model import PlanModel

#: An activity's decisions: start slot, room, (role, volunteer) seats.
Decisions = tuple[int, str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Candidate:
    """A complete solution of the model: its tiers, its decisions and the value of
    every variable (the hint for the next search)."""

    tiers: tuple[int, ...]
    acts: dict[str, Decisions]
    vector: tuple[int, ...]
    source: str


def read_candidate(pm: PlanModel, tier_vars: Sequence[cp_model.IntVar],
                   vector: Sequence[int], source: str) -> Candidate:
    """The candidate a solution vector (every variable's value, by index) stands for."""
    values = tuple(int(v) for v in vector)
    acts: dict[str, Decisions] = {}
    for aid, av in pm.acts.items():
        if not values[av.scheduled.index]:
            continue
        room = next(r for r, lit in av.rooms.items() if values[lit.index])
        seats = [key for key, lit in av.seats.items() if values[lit.index]]
        acts[aid] = (values[av.start.index], room, seats)
    tiers = tuple(values[t.index] for t in tier_vars)
    return Candidate(tiers, acts, values, source)


class Incumbent:
    """The best candidate so far."""

    def __init__(self) -> None:
        self.best: Candidate | None = None

    def offer(self, candidate: Candidate) -> bool:
        """Keep ``candidate`` if it is lexicographically better than the best; say so."""
        if self.best is None or candidate.tiers < self.best.tiers:
            self.best = candidate
            return True
        return False

    def hint(self, model: cp_model.CpModel) -> None:
        """Hint every variable of ``model`` with its value in the best candidate."""
        assert self.best is not None
        hint_vector(model, self.best.vector)


def hint_vector(model: cp_model.CpModel, vector: Sequence[int]) -> None:
    """Hint variable ``i`` of ``model`` with ``vector[i]``, for every ``i``."""
    hint = model.proto.solution_hint
    hint.vars.clear()
    hint.values.clear()
    hint.vars.extend(range(len(vector)))
    hint.values.extend(vector)
