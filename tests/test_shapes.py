"""The generated workbooks of other shapes: valid, repeatable, shaped as they say."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

import pytest

from matching.evaluate import evaluate
from matching.io import build_problem
from matching.shapes import (
    curriculum_week,
    enrolment_week,
    itc_week,
    meeting_days,
    meeting_schedule,
)
from matching.solver import SolverSettings, solve


def test_a_curriculum_week_is_repeatable_and_validates() -> None:
    first = curriculum_week(30, 120, 6, days=6, periods=6, curricula=20, seed=5)
    again = curriculum_week(30, 120, 6, days=6, periods=6, curricula=20, seed=5)
    assert all(first[name].equals(again[name]) for name in first)
    problem = build_problem(first)
    assert 0 < len(problem.activities) <= 120
    assert problem.settings.horizon_end.weekday() == 5  # six days, Monday to Saturday


def test_more_lectures_than_the_courses_can_have_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="195 lectures do not fit in 20 courses of at most 9"):
        curriculum_week(20, 195, 6)
    assert len(curriculum_week(20, 180, 6, slack=0.0)["activities"]) > 0


def test_teachers_are_cohorts_and_the_only_volunteer_of_their_lectures() -> None:
    problem = build_problem(curriculum_week(30, 120, 6, seed=1))
    for activity in problem.activities:
        teachers = [tag for tag in activity.cohort if tag.startswith("t")]
        (role,) = problem.roles_of[activity.activity_id]
        assert teachers == [role.role.removeprefix("teach-")]
        assert problem.facts.eligible_volunteers(activity.activity_id, role.role) == tuple(teachers)


def test_no_cohort_has_more_lectures_than_the_week_has_periods() -> None:
    problem = build_problem(curriculum_week(60, 250, 12, days=5, periods=5, curricula=50,
                                            seed=2))
    load = Counter(tag for a in problem.activities for tag in a.cohort)
    assert load and max(load.values()) <= 25
    assert sum(len(a.cohort) > 2 for a in problem.activities) > 0  # courses in curricula


@pytest.mark.slow
def test_an_enrolment_week_has_students_as_cohorts_and_gets_a_timetable() -> None:
    """Every student is a cohort of the events they enrolled in, an event holds its
    students and needs features a room has, and the planted timetable makes the week
    feasible: one worker finds a plan that keeps every rule."""
    tables = enrolment_week(60, 4, students=40, per_student=8, fill=0.6, seed=3)
    assert all(tables[name].equals(enrolment_week(60, 4, students=40, per_student=8,
                                                  fill=0.6, seed=3)[name]) for name in tables)
    problem = build_problem(tables)
    assert len(problem.activities) == 60  # 4 rooms x 45 slots x 0.6 = 108 cells: all fit
    per_student = Counter(tag for a in problem.activities for tag in a.cohort)
    assert per_student and max(per_student.values()) <= 8
    for activity in problem.activities:
        assert activity.expected_attendance == max(1, len(activity.cohort))
        assert any(activity.equipment <= room.equipment and
                   room.capacity >= activity.expected_attendance for room in problem.rooms)
    plan = solve(problem, SolverSettings(time_limit=1, workers=1, seed=0))
    assert plan.status in ("OPTIMAL", "FEASIBLE")
    assert evaluate(problem, plan).feasible
    assert all(a.start is not None for a in plan.assignments)


@pytest.mark.slow
def test_an_enrolment_week_orders_pairs_of_events_and_holds_some_to_their_day() -> None:
    """The track's precedences as series of two, the earlier row planted earlier, and
    events held to the day they were planted on: still feasible."""
    tables = enrolment_week(120, 4, students=60, per_student=8, fill=0.7, ordered=12,
                            windowed=0.25, seed=5)
    problem = build_problem(tables)
    assert len(problem.series) == 12 and all(len(ids) == 2 for ids in problem.series.values())
    one_day = [a for a in problem.activities
               if a.earliest_start.date() == a.latest_end.date()]
    assert len(one_day) == round(0.25 * len(problem.activities))
    plan = solve(problem, SolverSettings(time_limit=1, workers=1, seed=0))
    assert plan.status in ("OPTIMAL", "FEASIBLE") and evaluate(problem, plan).feasible
    assert all(a.start is not None for a in plan.assignments)


#: An ITC 2007 instance in its own format: teacher T1 has courses C1 (two lectures of
#: 25 students: only R1 holds them) and C3, and C1 may not be held on day 0, period 0.
ITC = """Name: Tiny
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 2
Curricula: 1
Constraints: 1

COURSES:
C1 T1 2 1 25
C2 T2 2 1 5
C3 T1 1 1 8

ROOMS:
R1 30
R2 10

CURRICULA:
Q1 2 C1 C2

UNAVAILABILITY_CONSTRAINTS:
C1 0 0

END.
"""


def test_an_itc_instance_becomes_a_week_of_its_lectures() -> None:
    problem = build_problem(itc_week(ITC))
    assert [a.activity_id for a in problem.activities] == ["C1-1", "C1-2", "C2-1", "C2-2",
                                                           "C3-1"]
    first = problem.activity_by_id["C1-1"]
    assert set(first.cohort) == {"Q1", "T1", "C1"} and first.series_id == "C1"
    assert first.priority == "must" and first.expected_attendance == 25
    assert [r.room_id for r in problem.rooms] == ["R1", "R2"]
    plan = solve(problem, SolverSettings(time_limit=10, workers=1))
    assert evaluate(problem, plan).feasible and plan.status == "OPTIMAL"
    assert all(a.start is not None for a in plan.assignments)
    course_one = [plan.assignment_of[a] for a in ("C1-1", "C1-2")]
    assert datetime(2024, 3, 4, 8) not in {a.start for a in course_one}  # day 0, period 0
    assert {plan.assignment_of[a].room_id for a in ("C1-1", "C1-2")} == {"R1"}


def test_course_lines_without_working_days_and_too_few_large_rooms() -> None:
    """Four-field course lines (no minimum working days) are read; capacity is hard, so
    five lectures of 25 students for the one large room's four periods are infeasible,
    and say so."""
    text = (ITC.replace("C1 T1 2 1 25", "C1 T1 3 25").replace("C2 T2 2 1 5", "C2 T2 2 25")
            .replace("Q1 2 C1 C2", "Q1 1 C1").replace("C1 0 0\n", ""))
    plan = solve(build_problem(itc_week(text)), SolverSettings(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE"
    assert "R1" in str(plan.conflicts[0])


def test_an_unavailability_is_the_courses_and_its_teacher_is_in_one_place() -> None:
    """T1 teaches C1 and C3 on a day of two periods, C1 not in the first and C3 not in
    the second: each course is placed where it can be (the teacher's unavailability
    would be both periods, and nothing fits), never both at once."""
    text = """Name: two courses
Courses: 2
Rooms: 2
Days: 1
Periods_per_day: 2
Curricula: 0
Constraints: 2

COURSES:
C1 T1 1 1 5
C3 T1 1 1 5

ROOMS:
R1 30
R2 30

CURRICULA:

UNAVAILABILITY_CONSTRAINTS:
C1 0 0
C3 0 1

END.
"""
    problem = build_problem(itc_week(text))
    plan = solve(problem, SolverSettings(time_limit=10, workers=1))
    assert evaluate(problem, plan).feasible and plan.status in ("OPTIMAL", "FEASIBLE")
    assert plan.assignment_of["C1-1"].start == datetime(2024, 3, 4, 9)
    assert plan.assignment_of["C3-1"].start == datetime(2024, 3, 4, 8)
    both = build_problem(itc_week(text.replace("C1 0 0\nC3 0 1", "C1 0 0\nC3 0 0")))
    plan = solve(both, SolverSettings(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE"  # two rooms, but one teacher for the one period left


def test_text_that_is_not_an_itc_instance_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match=r"not an ITC 2007 \.ctt instance"):
        itc_week("Name: nothing\n")
    with pytest.raises(ValueError, match="9 days"):
        itc_week(ITC.replace("Days: 2", "Days: 9"))
    with pytest.raises(ValueError, match="unknown course C9"):
        itc_week(ITC.replace("C1 0 0", "C9 0 0"))
    with pytest.raises(ValueError, match="outside its 2 days of 2 periods"):
        itc_week(ITC.replace("C1 0 0", "C1 2 0"))
    with pytest.raises(ValueError, match="is not <course> <day> <period>"):
        itc_week(ITC.replace("C1 0 0", "C1 Mon 0"))


def test_a_meeting_schedule_has_few_people_in_many_meetings_and_rooms_for_all() -> None:
    tables = meeting_schedule(80, seed=2)
    assert all(tables[name].equals(meeting_schedule(80, seed=2)[name]) for name in tables)
    problem = build_problem(tables)
    assert len(problem.activities) == 80 and 30 <= len(problem.volunteers) <= 50
    largest = max(room.capacity for room in problem.rooms)
    for activity in problem.activities:
        roles = problem.roles_of[activity.activity_id]
        assert 2 <= len(roles) <= largest == 30 and sum(r.min for r in roles) >= 2
        assert activity.expected_attendance == len(roles) and activity.priority == "must"
    seats = Counter(r.role for r in problem.roles)
    assert sum(seats.values()) / len(seats) > 80 / 5  # each person in many meetings


@pytest.mark.parametrize("rooms", [1, 2, 3])
def test_a_meeting_schedule_of_few_rooms_has_people_for_its_largest_meeting(rooms: int
                                                                           ) -> None:
    problem = build_problem(meeting_schedule(60, rooms=rooms, seed=4))
    largest = max(len(problem.roles_of[a.activity_id]) for a in problem.activities)
    assert len(problem.volunteers) >= largest and len(problem.rooms) == rooms


@pytest.mark.parametrize(("make", "allowed"), [
    (lambda: meeting_schedule(0), "meetings must be at least 1, not 0"),
    (lambda: meeting_schedule(-3), "meetings must be at least 1, not -3"),
    (lambda: meeting_schedule(60, rooms=0), "rooms must be at least 1, not 0"),
    (lambda: meeting_days(0), "meetings must be at least 1, not 0"),
    (lambda: meeting_days(5, people=2), "people must be at least 10 .*, not 2"),
    (lambda: meeting_days(5, people=0), "people must be at least 10 .*, not 0"),
    (lambda: meeting_days(5, days=0), "days must be at least 1, not 0"),
])
def test_meeting_generators_refuse_arguments_out_of_range_saying_what_is_allowed(
        make: Callable[[], object], allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        make()


def test_meeting_days_of_the_fewest_people_allowed_still_seat_every_meeting() -> None:
    problem = build_problem(meeting_days(40, people=10, seed=3))
    assert len(problem.volunteers) == 10 and len(problem.activities) > 0
