"""The three shipped scenarios on the embedded Qianjin 2023 workbook, each re-planned from
a baseline of the weeks it touches (three weeks keep every solve within seconds)."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from conftest import DATA

from matching import load_problem
from matching.evaluate import evaluate
from matching.plan import Plan
from matching.problem import Problem
from matching.problem.select import restrict
from matching.scenario import (
    PlanDiff,
    Scenario,
    changed_assignments,
    changed_problem,
    diff,
    replan,
)
from matching.solver import SolverSettings, solve

SETTINGS = SolverSettings(time_limit=4, workers=1, seed=0)
WEEKS = {
    "typhoon-muifa": (date(2023, 9, 4), date(2023, 9, 24)),
    "students-exams": (date(2023, 6, 26), date(2023, 7, 16)),
    "summer-camp-doubled": (date(2023, 7, 10), date(2023, 7, 30)),
}
STUDENT_TEAMS = {"杭电青年志愿者", "浙理工青年志愿者"}


@functools.cache
def year() -> Problem:
    return load_problem(DATA / "qianjin-2023")


@dataclass(frozen=True)
class Run:
    baseline: Plan
    changed: Problem
    plan: Plan
    diff: PlanDiff


@functools.cache
def scenario_run(name: str) -> Run:
    """Baseline of the scenario's weeks, the re-plan, and their diff (once per session)."""
    base = restrict(year(), start=WEEKS[name][0], end=WEEKS[name][1])
    baseline = solve(base, SETTINGS)
    assert baseline.status in ("OPTIMAL", "FEASIBLE")
    scenario = Scenario.load(DATA / "scenarios" / f"{name}.yaml")
    plan = replan(base, scenario, baseline, SETTINGS)
    assert plan.status in ("OPTIMAL", "FEASIBLE"), plan.conflicts
    changed = changed_problem(base, scenario)
    return Run(baseline, changed, plan, diff(base, baseline, changed, plan))


@pytest.mark.parametrize("name", [pytest.param(n, marks=() if n == "typhoon-muifa" else
                                               pytest.mark.slow) for n in WEEKS])
def test_changed_assignments_are_counted(name, record_property) -> None:
    run = scenario_run(name)
    count = run.diff.changed_assignments
    assert count == changed_assignments(run.baseline, run.plan)
    assert count >= 1
    record_property("changed_assignments", count)
    print(f"{name}: {count} changed assignments {run.diff.counts()}")
    assert evaluate(run.changed, run.plan).feasible


def test_typhoon_keeps_the_closed_rooms_empty_and_staffs_the_shelter() -> None:
    run = scenario_run("typhoon-muifa")
    storm = (datetime(2023, 9, 13), datetime(2023, 9, 16))
    for a in run.plan.scheduled:
        if a.room_id in ("hall", "square"):
            assert a.end <= storm[0] or a.start >= storm[1], a
    shelter = [a for a in run.plan.scheduled if a.activity_id.startswith("SHELTER-")]
    assert len(shelter) == 9 and {a.room_id for a in shelter} == {"study"}
    assert all(run.plan.staff_of.get(a.activity_id) for a in shelter)
    frozen = [a for a in run.baseline.scheduled if a.start < datetime(2023, 9, 11)]
    assert frozen and all(run.plan.assignment_of[a.activity_id] == a for a in frozen)
    assert run.diff.counts()["newly scheduled"] >= 9


@pytest.mark.slow
def test_students_do_not_serve_in_their_exam_weeks() -> None:
    run = scenario_run("students-exams")
    exams = (datetime(2023, 6, 26), datetime(2023, 7, 17))
    students = {v.volunteer_id for v in run.changed.volunteers if v.team in STUDENT_TEAMS}
    for seat in run.plan.staffing:
        a = run.plan.assignment_of[seat.activity_id]
        if seat.volunteer_id in students:
            assert a.end <= exams[0] or a.start >= exams[1], seat
    assert set(run.diff.loads["volunteer_id"]) & students


@pytest.mark.slow
def test_doubled_camp_sessions_get_rooms_big_enough() -> None:
    run = scenario_run("summer-camp-doubled")
    activity = run.changed.activity_by_id
    camp = [a for a in run.plan.scheduled if activity[a.activity_id].series_id == "S-CAMP"]
    assert camp and all(activity[a.activity_id].expected_attendance == 60 for a in camp)
    assert all(run.changed.room_by_id[a.room_id].capacity >= 60 for a in camp)
    assert run.diff.counts()["re-roomed"] >= len(camp) // 2


def test_typhoon_shifts_keep_daily_hours_and_rest() -> None:
    """The scenario sets 10 h a day and 11 h of rest after a long shift, center-wide:
    nobody stands two shelter shifts in a row (counted here from the plan's rows)."""
    run = scenario_run("typhoon-muifa")
    assert run.changed.settings.limit("max_hours_per_day") == 10
    assert run.changed.settings.limit("min_rest_hours") == 11
    duties: dict[str, list[tuple[datetime, datetime]]] = {}
    for seat in run.plan.staffing:
        a = run.plan.assignment_of[seat.activity_id]
        assert a.start is not None and a.end is not None
        duties.setdefault(seat.volunteer_id, []).append((a.start, a.end))
    long_shifts = sum(end - start >= timedelta(hours=6)
                      for times in duties.values() for start, end in times)
    assert long_shifts >= 9  # every shelter shift is staffed
    for times in duties.values():
        times.sort()
        per_day: dict[date, float] = {}
        for start, end in times:
            per_day[start.date()] = per_day.get(start.date(), 0) + (end - start).seconds / 3600
        assert max(per_day.values()) <= 10, times
        for (start, end), (after, _) in itertools.pairwise(times):
            if end - start >= timedelta(hours=6):
                assert after - end >= timedelta(hours=11), times
