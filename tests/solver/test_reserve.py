"""The reserve term: where volunteers' no-show rates make a role's expected attendance
fall below its minimum, the plan adds people up to the role's maximum."""

from __future__ import annotations

import pytest
from builder import Workbook

from matching.errors import DataError
from matching.evaluate import evaluate
from matching.plan import Plan
from matching.problem import Problem
from matching.solver import SolverSettings, solve

FAST = SolverSettings(time_limit=10, workers=1, seed=0)


def problem(ann: str = "", bob: str = "", **settings: object) -> Problem:
    """One class whose care role wants 1 (at most 2) of Ann and Bob, with their no-show
    rates; every willing volunteer need not be used (that term would add Bob anyway)."""
    book = Workbook("2024-03-04", weight__use_everyone=0, **settings)
    book.room("hall", hours="Mon 09:00-12:00")
    for vid, rate in (("ann", ann), ("bob", bob)):
        book.volunteer(vid, skills="care", available="Mon 09:00-12:00", no_show_rate=rate)
    book.activity("a", "Class", "2024-03-04 09:00", "2024-03-04 12:00", priority="high",
                  roles={"care": (1, 1, 2)})
    return book.problem()


def planned(p: Problem) -> Plan:
    plan = solve(p, FAST)
    score = evaluate(p, plan)
    assert score.feasible and plan.objective == score.tiers
    return plan


def test_likely_no_shows_bring_a_reserve_up_to_the_roles_maximum() -> None:
    assert len(planned(problem()).staffing) == 1  # everyone comes: the target is enough
    assert len(planned(problem("0.4", "0.4")).staffing) == 2  # 0.6 expected of 1
    assert len(planned(problem(no_show_rate=0.3)).staffing) == 2
    assert len(planned(problem(no_show_rate=0.3, weight__reserve=0)).staffing) == 1


def test_the_reserve_cost_counts_tenths_of_a_person_below_the_minimum() -> None:
    p = problem("0.25", "0.5", weight__reserve=3)
    plan = planned(p)
    alone = Plan(plan.assignments, tuple(s for s in plan.staffing if s.volunteer_id == "bob"))
    [finding] = [f for f in evaluate(p, alone).findings if f.constraint == "reserve"]
    assert finding.penalty == 3 * 5  # 0.5 expected of 1: five tenths short
    assert finding.text("zh").endswith("的care岗位按缺席率预计到场 0.5 人，少于最少 1 人")
    with_ann = Plan(plan.assignments, tuple(s for s in plan.staffing
                                            if s.volunteer_id == "ann"))
    [finding] = [f for f in evaluate(p, with_ann).findings if f.constraint == "reserve"]
    assert finding.penalty == 3 * 3  # 0.75 expected: 0.25 short, rounded up to 3 tenths


@pytest.mark.parametrize("ann, settings", [("1.5", {}), ("", {"no_show_rate": -0.1})])
def test_a_rate_outside_0_to_1_is_an_error(ann: str, settings: dict[str, object]) -> None:
    with pytest.raises(DataError) as info:
        problem(ann, "", **settings)
    assert [i.column for i in info.value.issues if i.severity == "error"] in (
        ["no_show_rate"], ["value"])
