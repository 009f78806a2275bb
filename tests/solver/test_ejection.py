"""The ejection search: full weeks that first fit and its rounds cannot complete."""

from __future__ import annotations

import threading
import time

import pytest

from matching.evaluate import evaluate
from matching.greedy import greedy_plan
from matching.io import build_problem
from matching.plan import Plan
from matching.problem import Problem
from matching.shapes import curriculum_week, enrolment_week, teaching_week
from matching.solver import Progress, SolverSettings, solve
from matching.solver.clock import STEP_CUT
from matching.solver.ejection import ejection_search
from matching.solver.settings import Pin
from matching.solver.squeaky import left_out


def _full_week() -> Problem:
    """116 lectures in 3 rooms × 30 periods: first fit leaves 3 out."""
    return build_problem(curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421,
                                         slack=0.0))


def test_a_full_week_is_completed_and_keeps_every_rule() -> None:
    week = _full_week()
    first_fit = greedy_plan(week)
    assert left_out(week, first_fit)
    plan = ejection_search(week, first_fit, seconds=60)
    assert not left_out(week, plan) and plan.meta["method"] == "ejection"
    assert evaluate(week, plan).feasible
    again = ejection_search(week, first_fit, seconds=60)
    assert again.assignments == plan.assignments and again.staffing == plan.staffing


@pytest.mark.parametrize("seed", range(4))
def test_a_teacher_who_alone_can_teach_is_never_in_two_rooms(seed: int) -> None:
    """In a teaching week the teacher is no cohort, only the one volunteer of the
    lecture's role: the search must keep them in one place, or first fit cannot staff
    the timetable it found."""
    week = build_problem(teaching_week(60, 3, periods=4, seed=seed, fill=1.0))
    first_fit = greedy_plan(week)
    assert left_out(week, first_fit)
    plan = ejection_search(week, first_fit, seconds=60)
    assert not left_out(week, plan) and evaluate(week, plan).feasible


def test_sessions_that_differ_are_placed_in_their_series_order() -> None:
    """The lectures of a course, each for a few students fewer than the one before,
    can no longer stand in for each other: the search keeps their order."""
    tables = curriculum_week(34, 116, 3, periods=6, curricula=15, seed=7421, slack=0.0)
    lectures = tables["activities"]
    lectures["expected_attendance"] = [
        max(1, int(size) - int(aid[-1])) for size, aid in
        zip(lectures["expected_attendance"], lectures["activity_id"], strict=True)]
    week = build_problem(tables)
    first_fit = greedy_plan(week)
    assert left_out(week, first_fit)
    plan = ejection_search(week, first_fit, seconds=60)
    assert not left_out(week, plan) and evaluate(week, plan).feasible


@pytest.mark.parametrize("seed", range(3))
def test_a_post_enrolment_week_with_precedences_and_day_windows_is_completed(
        seed: int) -> None:
    """150 events of 100 students in 5 rooms, 15 pairs in a set order, a quarter of the
    events held to one day: first fit leaves 15-17 out."""
    week = build_problem(enrolment_week(150, 5, students=100, per_student=10, fill=0.8,
                                        ordered=15, windowed=0.25, seed=seed))
    first_fit = greedy_plan(week)
    assert len(left_out(week, first_fit)) >= 10
    plan = ejection_search(week, first_fit, seconds=60)
    assert not left_out(week, plan) and evaluate(week, plan).feasible


def test_pinned_starts_and_rooms_are_kept() -> None:
    """A lecture the search moves is pinned where first fit had it: it stays there."""
    week = _full_week()
    first_fit = greedy_plan(week)
    free = ejection_search(week, first_fit, seconds=60)
    moved = next(a for a in first_fit.assignments if a.start is not None
                 and free.assignment_of[a.activity_id].start != a.start)
    pin = Pin(moved.activity_id, start=moved.start, room_id=moved.room_id)
    plan = ejection_search(week, first_fit, seconds=60, pins=(pin,))
    assert not left_out(week, plan) and evaluate(week, plan).feasible
    assert plan.assignment_of[moved.activity_id].start == moved.start
    assert plan.assignment_of[moved.activity_id].room_id == moved.room_id


def test_without_time_or_when_stopped_the_start_comes_back() -> None:
    week = _full_week()
    first_fit = greedy_plan(week)
    assert ejection_search(week, first_fit, seconds=0) is first_fit
    assert ejection_search(week, first_fit, seconds=60, stopped=lambda: True) is first_fit


def test_solve_starts_from_the_completed_week() -> None:
    """A full week's first plan comes from the ejection search (CP-SAT's repair search
    has its tests with ``ejection_finds_nothing``)."""
    week = _full_week()
    stop = threading.Event()

    def on_progress(progress: Progress) -> None:
        if progress.scheduled is not None:  # the first plan: keep it
            stop.set()

    plan = solve(week, SolverSettings(time_limit=60, workers=1), on_progress=on_progress,
                 stop=stop)
    assert plan.status == "FEASIBLE" and evaluate(week, plan).feasible
    assert plan.meta["found_by"] == "ejection"


def test_a_re_plan_moves_little_of_its_baseline() -> None:
    """The first room closes an hour early on Monday: the lecture there must move.
    From the baseline the search moves it and a few others (1 and 6 lectures on two
    baselines); from first fit, a new timetable moves many. ``solve`` with the
    baseline starts from the near one."""
    tables = curriculum_week(34, 116, 3, periods=6, curricula=15, seed=3, slack=0.0)
    week = build_problem(tables)
    baseline = ejection_search(week, greedy_plan(week), seconds=60)
    assert not left_out(week, baseline)
    tables["room_hours"].loc[tables["room_hours"].index[0], "close"] = "13:00"
    changed = build_problem(tables)
    assert not evaluate(changed, baseline).feasible  # a lecture in the closed hour

    def moved(plan: Plan) -> int:
        return sum((plan.assignment_of[a.activity_id].start,
                    plan.assignment_of[a.activity_id].room_id) != (a.start, a.room_id)
                   for a in baseline.assignments)

    near = ejection_search(changed, baseline, seconds=60, near=True)
    assert not left_out(changed, near) and evaluate(changed, near).feasible
    assert 1 <= moved(near) <= 6  # the lecture, and what its new place holds
    assert moved(ejection_search(changed, greedy_plan(changed), seconds=60)) >= 10

    stop = threading.Event()
    plan = solve(changed, SolverSettings(time_limit=60, workers=1), baseline=baseline,
                 on_progress=lambda p: stop.set() if p.scheduled is not None else None,
                 stop=stop)
    assert plan.meta["found_by"] == "ejection" and moved(plan) <= 6


@pytest.mark.slow
def test_a_search_its_wall_time_ends_says_it_may_not_repeat(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The ejection search counts steps, not work: when its share of the wall time ends
    it (here: it takes all of it), a slower machine would have stopped it sooner, so a
    repeatable search says its plan may not repeat."""
    from matching.solver import search

    calls: list[float] = []

    def slow(problem: Problem, start: Plan, seconds: float, *rest: object,
             **options: bool) -> Plan:
        calls.append(seconds)
        time.sleep(seconds)
        return ejection_search(problem, start, 60, *rest, **options)  # type: ignore[arg-type]

    week = _full_week()
    settings = SolverSettings(time_limit=3, work_limit=0.05)
    plan = solve(week, settings)
    assert plan.meta["repeatable"] == "yes"
    monkeypatch.setattr(search, "ejection_search", slow)
    plan = solve(week, settings)
    assert plan.status == "FEASIBLE" and evaluate(week, plan).feasible and calls
    assert plan.meta["repeatable"] == f"no ({STEP_CUT})"  # its share, not the limit

