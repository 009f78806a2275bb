"""One focused test per objective term: a tiny workbook where the term decides."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from conftest import BASE_SETTINGS, make_problem

from matching.errors import DataError
from matching.evaluate import evaluate
from matching.plan import Assignment, Plan, Staffing
from matching.problem import Problem
from matching.solver import SolverSettings, solve

ROOMS = "room_id,name,capacity\nhall,Hall,40\nden,Den,40\n"
HOURS = "room_id,day,open,close\nhall,Mon,09:00,13:00\nden,Mon,09:00,13:00\n"
TWO_SESSIONS = ("activity_id,title,earliest_start,latest_end,duration_minutes,"
                "expected_attendance,series_id\n"
                "a,A,2024-03-04 09:00,2024-03-04 11:00,60,10,s\n"
                "b,B,2024-03-04 11:00,2024-03-04 13:00,60,10,s\n")


def solved(*, weights: dict[str, int] | None = None, baseline: Plan | None = None,
           **tables: str) -> tuple[Problem, Plan]:
    tables = {"rooms": ROOMS, "room_hours": HOURS, **tables}
    problem = make_problem(**tables)
    plan = solve(problem, SolverSettings(time_limit=10, workers=1, weights=weights or {}),
                 baseline=baseline)
    assert plan.status == "OPTIMAL"
    score = evaluate(problem, plan, baseline=baseline, weights=weights)
    assert score.feasible and score.tiers == plan.objective
    return problem, plan


def staff(plan: Plan) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in plan.staffing:
        out.setdefault(s.activity_id, []).append(s.volunteer_id)
    return {k: sorted(v) for k, v in out.items()}


PEOPLE = "volunteer_id,name,skills\nann,Ann,host\nbob,Bob,host\n"
FREE = "volunteer_id,day,start,end,kind\nann,Mon,09:00,13:00,\nbob,Mon,09:00,13:00,\n"
ONE_ROLE = "activity_id,role,min,target,max\na,host,0,1,1\nb,host,0,1,1\n"


def test_priorities_outweigh_each_other_and_staffing_fills_to_target() -> None:
    activities = ("activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance,priority,fixed_room\n"
                  "a,A,2024-03-04 09:00,2024-03-04 10:00,60,10,low,hall\n"
                  "b,B,2024-03-04 09:00,2024-03-04 10:00,60,10,normal,hall\n")
    _, plan = solved(activities=activities, volunteers=PEOPLE, availability=FREE,
                     roles="activity_id,role,min,target,max\nb,host,0,2,2\n")
    assert [a.activity_id for a in plan.scheduled] == ["b"]
    assert plan.objective[:2] == (1, 0)
    assert staff(plan) == {"b": ["ann", "bob"]}


def test_preference_puts_a_volunteer_where_they_want_to_be() -> None:
    wishes = "volunteer_id,target,weight\nbob,a,5\nann,b,2\n"
    _, plan = solved(activities=TWO_SESSIONS, volunteers=PEOPLE, availability=FREE,
                     roles=ONE_ROLE, preferences=wishes,
                     weights={"series_people": 0, "room_fit": 0, "fairness": 0})
    assert staff(plan) == {"a": ["bob"], "b": ["ann"]}
    assert plan.objective[2] == -7  # both wishes granted


def test_preferred_time_moves_the_activity_into_it() -> None:
    free = "volunteer_id,day,start,end,kind\nann,Mon,09:00,13:00,\nann,Mon,12:00,13:00,preferred\n"
    activities = ("activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance\na,A,2024-03-04 09:00,2024-03-04 13:00,60,10\n")
    _, plan = solved(activities=activities, volunteers="volunteer_id,name,skills\nann,Ann,host\n",
                     availability=free, roles="activity_id,role,min,target,max\na,host,1,1,1\n")
    assert plan.assignments[0].start == datetime(2024, 3, 4, 12)


def test_fairness_and_use_everyone_spread_the_work() -> None:
    for term in ("fairness", "use_everyone"):
        weights = {"fairness": 0, "use_everyone": 0, "series_people": 0, term: 5}
        _, plan = solved(activities=TWO_SESSIONS, volunteers=PEOPLE, availability=FREE,
                         roles=ONE_ROLE, weights=weights)
        assert sorted(v for people in staff(plan).values() for v in people) == ["ann", "bob"]


def test_series_keep_their_people_and_their_room() -> None:
    weights = {"use_everyone": 0, "fairness": 0}
    _, plan = solved(activities=TWO_SESSIONS, volunteers=PEOPLE, availability=FREE,
                     roles=ONE_ROLE, weights=weights)
    assert len({v for people in staff(plan).values() for v in people}) == 1
    assert len({a.room_id for a in plan.scheduled}) == 1


def test_stability_keeps_the_baseline_when_nothing_forces_a_change() -> None:
    baseline = Plan(
        (Assignment("a", datetime(2024, 3, 4, 10), datetime(2024, 3, 4, 11), "den"),
         Assignment("b", datetime(2024, 3, 4, 12), datetime(2024, 3, 4, 13), "den")),
        (Staffing("a", "host", "bob"), Staffing("b", "host", "bob")))
    _, plan = solved(activities=TWO_SESSIONS, volunteers=PEOPLE, availability=FREE,
                     roles=ONE_ROLE, baseline=baseline, weights={"use_everyone": 0})
    assert plan.assignments == tuple(
        Assignment(a.activity_id, a.start, a.end, a.room_id) for a in baseline.assignments)
    assert staff(plan) == {"a": ["bob"], "b": ["bob"]}


def test_stability_counts_what_had_to_move() -> None:
    baseline = Plan(
        (Assignment("a", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 10), "hall"),),
        (Staffing("a", "host", "ann"),))
    # Ann is now free only from 10:00: the activity moves or loses her
    free = "volunteer_id,day,start,end\nann,Mon,10:00,13:00\n"
    activities = ("activity_id,title,earliest_start,latest_end,duration_minutes,"
                  "expected_attendance\na,A,2024-03-04 09:00,2024-03-04 11:00,60,10\n")
    weights = {"stability_start": 1, "stability_volunteer": 5}
    _, plan = solved(activities=activities, volunteers="volunteer_id,name,skills\nann,Ann,host\n",
                     availability=free, roles="activity_id,role,min,target,max\na,host,0,1,1\n",
                     baseline=baseline, weights=weights)
    assert plan.assignments[0].start == datetime(2024, 3, 4, 10)
    assert staff(plan) == {"a": ["ann"]}


def test_stability_ignores_what_the_problem_no_longer_has() -> None:
    """A what-if may remove activities and volunteers: their baseline rows cost nothing,
    and a repeated row counts once, in the solver as in the evaluator."""
    baseline = Plan(
        (Assignment("a", datetime(2024, 3, 4, 10), datetime(2024, 3, 4, 11), "den"),
         Assignment("gone", datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 10), "hall")),
        (Staffing("a", "host", "bob"), Staffing("a", "host", "bob"),
         Staffing("a", "host", "zed"), Staffing("gone", "host", "ann")))
    _, plan = solved(activities=TWO_SESSIONS, volunteers=PEOPLE, availability=FREE,
                     roles=ONE_ROLE, baseline=baseline, weights={"use_everyone": 0})
    assert plan.assignment_of["a"].start == datetime(2024, 3, 4, 10)
    assert staff(plan)["a"] == ["bob"]


BAD_WEIGHTS = [("fairness", -5), ("fairness", "5"), ("fairness", 2.5), ("fairness", 10**18),
               ("fairness", True), ("fairnes", 1)]


@pytest.mark.parametrize(("term", "value"), BAD_WEIGHTS)
def test_settings_refuse_a_weight_the_workbook_refuses_naming_term_and_value(
        term: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"{term}.*{value!r}" if term == "fairness"
                       else f"{term!r} is no objective term"):
        SolverSettings(weights={term: value})  # type: ignore[dict-item]
    if isinstance(value, str):  # a cell is text: "5" is the workbook's 5
        return
    with pytest.raises(DataError, match="settings, row 7"):  # the workbook's rule, the same
        make_problem(BASE_SETTINGS + f"weight.{term},{value}\n", rooms=ROOMS,
                     room_hours=HOURS, activities=TWO_SESSIONS)
    make_problem(BASE_SETTINGS + "weight.fairness,5\n", rooms=ROOMS, room_hours=HOURS,
                 activities=TWO_SESSIONS)


def test_settings_take_whole_weights_from_0_to_a_million() -> None:
    weights = {"fairness": 0, "staffing": 1_000_000, "reserve": np.int64(7)}
    assert SolverSettings(weights=weights).weights == weights  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a whole number from 0 to 1000000"):
        SolverSettings(weights={"fairness": 1_000_001})


@pytest.mark.parametrize("field, value", [
    ("time_limit", float("nan")), ("time_limit", "5"), ("time_limit", -1),
    ("time_limit", 0), ("time_limit", float("inf")), ("time_limit", True),
    ("no_improvement_seconds", 0), ("work_limit", -2.0),
    ("workers", 0), ("workers", 1.5), ("seed", 2**31), ("seed", -2**31 - 1), ("seed", "1")])
def test_settings_no_search_can_run_with_are_refused_when_made(field: str, value: object
                                                               ) -> None:
    """NaN made CP-SAT's model invalid deep in the search, "5" failed on a comparison,
    -1 planned anyway, a seed past 32 bits ended in an internal error: each is a
    ValueError naming the field and the value, when the settings are made."""
    with pytest.raises(ValueError, match=f"^SolverSettings.{field}: .*, not {value!r}$"):
        SolverSettings(**{field: value})  # type: ignore[arg-type]


def test_settings_take_numbers_of_any_kind_within_their_range() -> None:
    import numpy as np

    settings = SolverSettings(time_limit=np.float64(2.5), workers=np.int64(2),
                              seed=-2**31, no_improvement_seconds=1, work_limit=0.5)
    assert (settings.time_limit, settings.workers, settings.seed) == (2.5, 2, -2**31)


def test_a_bound_is_a_whole_number_as_the_tiers_are() -> None:
    """A normal activity nobody can staff: CP-SAT's bound of the schedule tier came back
    as 10.000000000000009, and the summary and meta.csv showed it so."""
    from plan_cases import tiny_tables

    from matching.io import build_problem

    tables = tiny_tables()
    tables["activities"].loc[len(tables["activities"]) + 2] = {
        **{c: "" for c in tables["activities"].columns}, "activity_id": "x1",
        "title": "Outing", "earliest_start": "2024-03-04", "latest_end": "2024-03-08",
        "duration_minutes": "60", "expected_attendance": "5", "priority": "normal"}
    tables["roles"].loc[len(tables["roles"]) + 2] = {
        **{c: "" for c in tables["roles"].columns}, "activity_id": "x1", "role": "driver",
        "min": "1"}
    plan = solve(build_problem(tables), SolverSettings(time_limit=5, workers=1, seed=0))
    assert plan.status == "OPTIMAL" and plan.objective[0] == 10
    assert plan.bound is not None
    assert plan.bound == tuple(float(tier) for tier in plan.objective)
