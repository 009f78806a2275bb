"""Properties of the solver on random small workbooks, checked by the evaluator.

Every returned plan must have no hard violation and the same penalty tiers as the
evaluator computes; on tiny workbooks the solver's tiers must equal the optimum found
by brute force over every plan, scored by the evaluator alone.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from workbook_strategies import workbooks

from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.solver import SolverSettings, solve

EXACT = SolverSettings(time_limit=20, workers=1, seed=0)
#: Many examples, the same ones on every run (CI included).
THOROUGH = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def assert_checked(problem: Problem, plan: Plan) -> None:
    score = evaluate(problem, plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.objective == score.tiers


@pytest.mark.slow
@THOROUGH
@given(workbooks())
def test_every_plan_passes_the_evaluator_and_beats_first_fit(problem: Problem) -> None:
    plan = solve(problem, EXACT)
    if plan.status == "INFEASIBLE":
        assert plan.conflicts and all(a.start is None for a in plan.assignments)
        return
    assert plan.status == "OPTIMAL"
    assert_checked(problem, plan)
    first_fit = evaluate(problem, greedy_plan(problem))
    if first_fit.feasible:
        assert plan.objective <= first_fit.tiers


def _options(problem: Problem, activity_id: str) -> list[tuple[Assignment, tuple[Staffing, ...]]]:
    """Every way to run one activity: unscheduled, or each start on the grid inside its
    window (its fixed start alone when it has one) and each room, with each choice of
    volunteers for its roles (hard rules are left to the evaluator)."""
    activity = problem.activity_by_id[activity_id]
    out: list[tuple[Assignment, tuple[Staffing, ...]]] = [(Assignment(activity_id), ())]
    length = timedelta(minutes=problem.planned_minutes(activity))
    step = timedelta(minutes=problem.settings.slot_minutes)
    per_role = []
    for role in problem.roles_of[activity_id]:
        people = [v.volunteer_id for v in problem.volunteers]
        per_role.append([tuple(Staffing(activity_id, role.role, v) for v in group)
                         for k in range(role.min, role.max + 1)
                         for group in itertools.combinations(people, k)])
    starts, moment = [], activity.earliest_start
    while moment + length <= activity.latest_end:
        if moment.hour >= 8:  # no room opens earlier
            starts.append(moment)
        moment += step
    for start in [activity.fixed_start] if activity.fixed_start else starts:
        for room in problem.rooms:
            for seats in itertools.product(*per_role):
                out.append((Assignment(activity_id, start, start + length, room.room_id),
                            tuple(s for group in seats for s in group)))
    return out


def brute_force(problem: Problem) -> tuple[int, int, int] | None:
    """The lexicographically best tiers over all plans without hard violations.

    Activities are placed one by one; a partial plan with a hard violation other than a
    missing ``must`` activity is abandoned, since adding activities never repairs it.
    """
    ids = [a.activity_id for a in problem.activities]
    best: tuple[int, int, int] | None = None

    def extend(index: int, placed: list, staffed: list) -> None:
        nonlocal best
        plan = Plan(tuple(placed), tuple(staffed))
        score = evaluate(problem, plan)
        pending = set(ids[index:])
        broken = [f for f in score.hard_violations
                  if not (f.constraint == "must_scheduled" and f.activity_id in pending)]
        if broken:
            return
        if index == len(ids):
            if best is None or score.tiers < best:
                best = score.tiers
            return
        for assignment, seats in _options(problem, ids[index]):
            extend(index + 1, [*placed, assignment], [*staffed, *seats])

    extend(0, [], [])
    return best


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(workbooks(tiny=True))
def test_tiny_workbooks_are_solved_to_the_brute_force_optimum(problem: Problem) -> None:
    plan = solve(problem, EXACT)
    optimum = brute_force(problem)
    if optimum is None:
        assert plan.status == "INFEASIBLE"
        return
    assert plan.status == "OPTIMAL"
    assert_checked(problem, plan)
    assert plan.objective == optimum
