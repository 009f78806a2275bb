"""Turning the search's best candidate (or its absence) into a :class:`~matching.plan.Plan`."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .. import __version__
from ..i18n import Listing, Message, say
from ..plan import Assignment, Plan, Staffing
from ..problem import Problem
from .incumbent import Candidate
from .settings import SolverSettings

#: The stages of the search, one per tier of the objective.
STAGES = ((1, "schedule"), (2, "staffing"), (3, "soft"))


#: How far above a whole number CP-SAT's bound of a whole-number tier may float.
_NOISE = 1e-6


@dataclass
class StageResult:
    """The last visit of one stage: CP-SAT's status, the tier's value and bound, and the
    caps on the earlier tiers that bound holds under (the best plan's values then)."""

    status: str
    value: int
    bound: float
    caps: tuple[int, ...] = ()

    def bound_under(self, caps: tuple[int, ...]) -> float:
        """The bound, where it still holds under the earlier tiers' ``caps`` now: a
        later plan that lowers one earlier tier may raise the next (5, 10 → 3, 50), and a
        cap that loosens lets the stage reach below what was proven. NaN otherwise."""
        if all(now <= then for now, then in zip(caps, self.caps, strict=True)):
            return self.bound
        return math.nan


def to_plan(problem: Problem, best: Candidate | None, settings: SolverSettings,
            started: float, status: str, results: Mapping[int, StageResult],
            stopped: bool, solutions: int, unrepeatable: str | None = None) -> Plan:
    """The plan of the best candidate, with each stage's outcome in ``meta`` and a bound
    per tier for as many tiers as the search proved one; ``unrepeatable`` says why a
    repeatable search's plan may not repeat."""
    assert best is not None
    grid = problem.grid
    assignments, staffing = [], []
    for activity in problem.activities:
        aid = activity.activity_id
        if aid not in best.acts:
            assignments.append(Assignment(aid))
            continue
        slot, room, seats = best.acts[aid]
        start = grid.time_of(slot)
        end = grid.time_of(slot + problem.duration_slots(activity))
        assignments.append(Assignment(aid, start, end, room))
        staffing += [Staffing(aid, role, vid) for role, vid in seats]
    meta = _meta(problem, settings, started, status, stopped, unrepeatable)
    meta["found_by"] = best.source  # the step whose solution is returned
    meta.update({f"stage.{name}": f"{results[n].status} {results[n].value} "
                                  + ("(no bound)" if math.isnan(results[n].bound)
                                     else f"(bound {results[n].bound:g})")
                 for n, name in STAGES if n in results})
    bounds: list[float] = []
    for number, _ in STAGES:  # up to the first stage that proved none for this plan
        bound = (results[number].bound_under(best.tiers[:number - 1]) if number in results
                 else math.nan)
        if math.isnan(bound):
            break
        # a tier is a whole number, so is the least it can be: CP-SAT's float bound
        # rounded up, not 10.000000000000009 in a summary
        bounds.append(float(math.ceil(bound - _NOISE)))
    return Plan(tuple(assignments), tuple(staffing), status, best.tiers, tuple(bounds),
                time.monotonic() - started, solutions, meta=meta)


def plan_of_record(problem: Problem, plan: Plan, settings: SolverSettings, started: float,
                   tiers: tuple[int, ...], stopped: bool, unrepeatable: str | None) -> Plan:
    """A whole plan the search had before its model was built (first fit, the hint or
    the baseline), returned as its result: FEASIBLE, priced ``tiers``, no bound."""
    meta = _meta(problem, settings, started, "FEASIBLE", stopped, unrepeatable)
    meta["found_by"] = plan.meta.get("method", "hint")
    return Plan(plan.assignments, plan.staffing, "FEASIBLE", tiers, (),
                time.monotonic() - started, 0, meta=meta)


def empty_plan(problem: Problem, settings: SolverSettings, status: str, started: float,
               conflicts: Sequence[Message], unrepeatable: str | None = None, *,
               stopped: bool = False) -> Plan:
    """A plan that schedules nothing, each activity carrying why there is no plan;
    ``unrepeatable`` and ``stopped`` as for :func:`to_plan`."""
    why = say("conflict.no_plan", conflicts=Listing(tuple(conflicts), "semicolon")) \
        if conflicts else None
    return Plan(tuple(Assignment(a.activity_id).because(why) for a in problem.activities), (),
                status, wall_time=time.monotonic() - started,
                meta=_meta(problem, settings, started, status, stopped, unrepeatable)
                ).with_conflicts(tuple(conflicts))


def _meta(problem: Problem, settings: SolverSettings, started: float, status: str,
          stopped: bool, unrepeatable: str | None = None) -> dict[str, str]:
    return {
        "fingerprint": problem.fingerprint,
        "status": status,
        "stopped_by_user": "yes" if stopped else "no",
        "time_limit": f"{settings.time_limit:g}",
        "workers": str(settings.cores),
        "seed": str(settings.seed),
        **({"patience": f"{settings.no_improvement_seconds:g}"}
           if settings.no_improvement_seconds else {}),
        # a patience ends CP-SAT's calls by the clock, which the clock notes as a cut
        "repeatable": ("no (workers race)" if not settings.repeatable else
                       "no (stopped)" if stopped else
                       "no (its patience is counted in seconds)"
                       if settings.no_improvement_seconds else
                       f"no ({unrepeatable})" if unrepeatable else "yes"),
        "wall_time": f"{time.monotonic() - started:.2f}",
        "weights": ";".join(f"{k}={v}" for k, v in problem.weights(settings.weights).items()),
        "version": __version__,
    }
