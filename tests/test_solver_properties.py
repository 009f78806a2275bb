"""Properties of the solver on random small workbooks, checked by the evaluator.

Every returned plan must have no hard violation and the same penalty tiers as the
evaluator computes; on tiny workbooks the solver's tiers must equal the optimum found
by brute force over every plan, scored by the evaluator alone.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from conftest import make_problem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.evaluate import evaluate
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.solver import SolverSettings, solve

DAY = datetime(2024, 3, 4)  # a Monday
SETTINGS = "key,value\nname,random\nhorizon_start,2024-03-04\nhorizon_end,2024-03-04\n" \
           "slot_minutes,60\nholidays,\n"
SKILLS = ("teach", "host")
EXACT = SolverSettings(time_limit=20, workers=1, seed=0)


@st.composite
def workbooks(draw: st.DrawFn, max_activities: int = 4, max_volunteers: int = 3) -> Problem:
    """A one-day workbook of 1-2 rooms open within 08:00-16:00 (8 one-hour slots)."""
    rooms, hours = ["room_id,name,capacity,equipment,turnaround_minutes"], [
        "room_id,day,open,close"]
    for r in range(draw(st.integers(1, 2))):
        capacity = draw(st.sampled_from([10, 30]))
        kit = draw(st.sampled_from(["", "projector"]))
        turnaround = draw(st.sampled_from([0, 0, 60]))
        rooms.append(f"r{r},Room {r},{capacity},{kit},{turnaround}")
        opens = draw(st.integers(8, 11))
        hours.append(f"r{r},Mon,{opens:02d}:00,{draw(st.integers(opens + 3, 16)):02d}:00")
    volunteers = ["volunteer_id,name,skills,age_band,max_hours_per_week"]
    availability = ["volunteer_id,day,start,end,kind"]
    for v in range(draw(st.integers(1, max_volunteers))):
        skills = ";".join(draw(st.lists(st.sampled_from(SKILLS), min_size=1, unique=True)))
        band = draw(st.sampled_from(["youth", "adult", "senior"]))
        limit = draw(st.sampled_from(["", "", "2"]))
        volunteers.append(f"v{v},Vol {v},{skills},{band},{limit}")
        start = draw(st.integers(8, 13))
        kind = draw(st.sampled_from(["available", "preferred"]))
        availability.append(f"v{v},Mon,{start:02d}:00,{draw(st.integers(start + 2, 16)):02d}:00,"
                            f"{kind}")
    activities = ["activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance,equipment,priority,cohort,series_id,preferred_room,"
                  "min_age_band"]
    roles = ["activity_id,role,min,target,max"]
    for a in range(draw(st.integers(1, max_activities))):
        first = draw(st.integers(8, 13))
        last = draw(st.integers(first + 2, 16))
        duration = draw(st.sampled_from([60, 60, 90, 120]))
        priority = draw(st.sampled_from(["must", "high", "normal", "low", "low"]))
        activities.append(
            f"a{a},Act {a},2024-03-04 {first:02d}:00,2024-03-04 {last:02d}:00,{duration},"
            f"{draw(st.sampled_from([5, 20]))},{draw(st.sampled_from(['', '', 'projector']))},"
            f"{priority},{draw(st.sampled_from(['', 'kids']))},"
            f"{draw(st.sampled_from(['', '', 's1']))},{draw(st.sampled_from(['', 'r0']))},"
            f"{draw(st.sampled_from(['', '', 'adult']))}")
        if draw(st.booleans()):
            low = draw(st.integers(0, 1))
            target = draw(st.integers(max(low, 1), 2))
            roles.append(f"a{a},{draw(st.sampled_from(SKILLS))},{low},{target},{target}")
    wishes = ["volunteer_id,target,weight", "v0,a0,3"]
    return make_problem(SETTINGS, rooms="\n".join(rooms), room_hours="\n".join(hours),
                        volunteers="\n".join(volunteers),
                        availability="\n".join(availability),
                        activities="\n".join(activities), roles="\n".join(roles),
                        preferences="\n".join(wishes))


def assert_checked(problem: Problem, plan: Plan) -> None:
    score = evaluate(problem, plan)
    assert score.feasible, [f.message for f in score.hard_violations]
    assert plan.objective == score.tiers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_every_plan_passes_the_evaluator(problem: Problem) -> None:
    plan = solve(problem, EXACT)
    if plan.status == "INFEASIBLE":
        assert plan.conflicts and all(a.start is None for a in plan.assignments)
        return
    assert plan.status == "OPTIMAL"
    assert_checked(problem, plan)


def _options(problem: Problem, activity_id: str) -> list[tuple[Assignment, tuple[Staffing, ...]]]:
    """Every way to run one activity: unscheduled, or each start and room with each
    choice of volunteers for its roles (hard rules are left to the evaluator)."""
    activity = problem.activity_by_id[activity_id]
    out: list[tuple[Assignment, tuple[Staffing, ...]]] = [(Assignment(activity_id), ())]
    length = timedelta(minutes=problem.planned_minutes(activity))
    per_role = []
    for role in problem.roles_of[activity_id]:
        people = [v.volunteer_id for v in problem.volunteers]
        per_role.append([tuple(Staffing(activity_id, role.role, v) for v in group)
                         for k in range(role.min, role.max + 1)
                         for group in itertools.combinations(people, k)])
    for hour in range(8, 17):
        start = DAY + timedelta(hours=hour)
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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks(max_activities=3, max_volunteers=2))
def test_tiny_workbooks_are_solved_to_the_brute_force_optimum(problem: Problem) -> None:
    plan = solve(problem, EXACT)
    optimum = brute_force(problem)
    if optimum is None:
        assert plan.status == "INFEASIBLE"
        return
    assert plan.status == "OPTIMAL"
    assert_checked(problem, plan)
    assert plan.objective == optimum
