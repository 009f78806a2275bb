"""The generated workbooks of other shapes: valid, repeatable, shaped as they say."""

from __future__ import annotations

from collections import Counter

from matching.io import build_problem
from matching.shapes import curriculum_week


def test_a_curriculum_week_is_repeatable_and_validates() -> None:
    first = curriculum_week(30, 120, 6, days=6, periods=6, curricula=20, seed=5)
    again = curriculum_week(30, 120, 6, days=6, periods=6, curricula=20, seed=5)
    assert all(first[name].equals(again[name]) for name in first)
    problem = build_problem(first)
    assert 0 < len(problem.activities) <= 120
    assert problem.settings.horizon_end.weekday() == 5  # six days, Monday to Saturday


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
